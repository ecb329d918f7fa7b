-- Indicator systems (指标体系): versioned, weighted trees of indicators for one
-- kind of evaluation. The national union's systems are the defaults every union
-- inherits; a provincial union may copy one, adapt it and publish it for its
-- scope. Versions of one system share a lineage. A published version is never
-- changed: editing it makes a new draft version, and publishing that one
-- supersedes the old (which the projects that used it keep pointing at).

create table indicator_systems (
    id uuid primary key default gen_random_uuid(),
    union_id bigint not null,
    union_path ltree not null,
    kind text not null,
    name text not null,
    lineage uuid not null,
    version int not null default 1,
    status text not null default 'draft',
    excellent_min smallint not null default 90,
    good_min smallint not null default 80,
    pass_min smallint not null default 60,
    published_at timestamptz,
    created_by uuid,
    created_at timestamptz not null default now(),
    constraint indicator_systems_union_fk foreign key (union_id, union_path)
        references unions (id, path) on update cascade,
    constraint indicator_systems_lineage_version_key unique (lineage, version),
    constraint indicator_systems_kind_check
        check (kind in ('approval_review', 'midterm', 'performance')),
    constraint indicator_systems_status_check
        check (status in ('draft', 'published', 'superseded')),
    constraint indicator_systems_name_check check (length(btrim(name)) between 2 and 100),
    constraint indicator_systems_grades_check
        check (0 < pass_min and pass_min < good_min and good_min < excellent_min and excellent_min <= 100)
);
create index indicator_systems_union_path_gist on indicator_systems using gist (union_path);
-- At most one draft per lineage: a second "edit" continues the first draft.
create unique index indicator_systems_one_draft on indicator_systems (lineage) where status = 'draft';

create table indicators (
    id uuid primary key default gen_random_uuid(),
    system_id uuid not null references indicator_systems (id) on delete cascade,
    parent_id uuid references indicators (id) on delete cascade,
    -- "2" for a top-level indicator, "2.1" for its first child: the order and
    -- the tree as people write them.
    code text not null,
    name text not null,
    weight smallint not null,
    guidance text,
    constraint indicators_system_code_key unique (system_id, code),
    constraint indicators_code_check check (code ~ '^[1-9][0-9]?(\.[1-9][0-9]?)*$'),
    constraint indicators_name_check check (length(btrim(name)) between 1 and 100),
    constraint indicators_weight_check check (weight between 1 and 100)
);
create index indicators_system_idx on indicators (system_id, code);

create trigger indicator_systems_set_union_path
    before insert or update of union_id on indicator_systems
    for each row execute function scoped_row_set_union_path();

-- Only a draft's indicators change.
create function indicators_only_in_drafts() returns trigger
    language plpgsql
    as $$
begin
    if exists (select 1 from indicator_systems
                where id = coalesce(new.system_id, old.system_id) and status <> 'draft') then
        raise exception 'a published indicator system is never changed; edit it as a new version'
            using errcode = 'check_violation', constraint = 'indicators_published_frozen';
    end if;
    return coalesce(new, old);
end
$$;
create trigger indicators_only_in_drafts
    before insert or update or delete on indicators
    for each row execute function indicators_only_in_drafts();

-- A published system changes only from published to superseded.
create function indicator_systems_frozen() returns trigger
    language plpgsql
    as $$
begin
    if old.status <> 'draft' and not (old.status = 'published' and new.status = 'superseded'
           and (new.name, new.kind, new.excellent_min, new.good_min, new.pass_min, new.union_id)
               is not distinct from (old.name, old.kind, old.excellent_min, old.good_min, old.pass_min, old.union_id)) then
        raise exception 'a published indicator system is never changed; edit it as a new version'
            using errcode = 'check_violation', constraint = 'indicator_systems_published_frozen';
    end if;
    return new;
end
$$;
create trigger indicator_systems_frozen
    before update on indicator_systems
    for each row execute function indicator_systems_frozen();

alter table indicator_systems enable row level security;
alter table indicator_systems force row level security;
alter table indicators enable row level security;
alter table indicators force row level security;

-- Published systems are standards, read by everyone who scores against them
-- (reviewers and evaluators have no scope); drafts stay with their union.
create policy indicator_systems_read on indicator_systems for select
    using (status <> 'draft' or union_path <@ actor_scope());
create policy indicator_systems_write on indicator_systems for insert
    with check (union_path <@ actor_scope());
create policy indicator_systems_update on indicator_systems for update
    using (union_path <@ actor_scope()) with check (union_path <@ actor_scope());
create policy indicator_systems_delete on indicator_systems for delete
    using (union_path <@ actor_scope() and status = 'draft');
-- An indicator is seen and written with its system.
create policy indicators_read on indicators for select
    using (exists (select 1 from indicator_systems s where s.id = system_id));
create policy indicators_write on indicators for all
    using (exists (select 1 from indicator_systems s
                    where s.id = system_id and s.union_path <@ actor_scope()))
    with check (exists (select 1 from indicator_systems s
                         where s.id = system_id and s.union_path <@ actor_scope()));

grant select, delete on indicator_systems to niudai_app;
grant insert (id, union_id, kind, name, lineage, version, excellent_min, good_min, pass_min, created_by)
    on indicator_systems to niudai_app;
grant update (name, excellent_min, good_min, pass_min, status, published_at) on indicator_systems to niudai_app;
grant select, insert, update, delete on indicators to niudai_app;

-- The national defaults of DOMAIN.md, published.
do $$
declare
    national bigint := (select id from unions where parent_id is null);
    sys uuid;
    rec record;
begin
    for rec in select * from (values
        ('approval_review', '立项评审指标体系（全国默认）', jsonb_build_array(
            jsonb_build_array('1', '需求与必要性', 15), jsonb_build_array('1.1', '需求调研充分性', 8), jsonb_build_array('1.2', '与工会职能契合度', 7),
            jsonb_build_array('2', '项目设计', 25), jsonb_build_array('2.1', '目标明确可衡量', 10), jsonb_build_array('2.2', '服务内容与方法科学性', 10), jsonb_build_array('2.3', '实施计划可行', 5),
            jsonb_build_array('3', '承接能力', 20), jsonb_build_array('3.1', '资质与评估等级', 8), jsonb_build_array('3.2', '团队专业性', 8), jsonb_build_array('3.3', '既往项目绩效', 4),
            jsonb_build_array('4', '预算', 15), jsonb_build_array('4.1', '测算依据充分', 8), jsonb_build_array('4.2', '结构合理', 7),
            jsonb_build_array('5', '绩效目标', 15), jsonb_build_array('5.1', '产出指标完整', 8), jsonb_build_array('5.2', '效益与满意度指标', 7),
            jsonb_build_array('6', '创新与可持续', 10), jsonb_build_array('6.1', '创新性', 5), jsonb_build_array('6.2', '可持续与资源链接', 5))),
        ('midterm', '中期评估指标体系（全国默认）', jsonb_build_array(
            jsonb_build_array('1', '决策执行', 10), jsonb_build_array('1.1', '目标与计划执行一致性', 10),
            jsonb_build_array('2', '过程管理', 35), jsonb_build_array('2.1', '预算执行率', 10), jsonb_build_array('2.2', '资金使用合规性', 10), jsonb_build_array('2.3', '制度与档案台账', 10), jsonb_build_array('2.4', '人员配置与督导', 5),
            jsonb_build_array('3', '产出进度', 35), jsonb_build_array('3.1', '阶段产出完成率', 20), jsonb_build_array('3.2', '产出质量', 10), jsonb_build_array('3.3', '时效', 5),
            jsonb_build_array('4', '阶段效益', 15), jsonb_build_array('4.1', '服务对象满意度', 10), jsonb_build_array('4.2', '初步成效', 5),
            jsonb_build_array('5', '问题整改', 5), jsonb_build_array('5.1', '问题整改落实', 5))),
        ('performance', '绩效考核指标体系（全国默认）', jsonb_build_array(
            jsonb_build_array('1', '决策', 15), jsonb_build_array('1.1', '立项依据', 5), jsonb_build_array('1.2', '绩效目标合理性', 5), jsonb_build_array('1.3', '资金投入', 5),
            jsonb_build_array('2', '过程', 20), jsonb_build_array('2.1', '资金管理', 10), jsonb_build_array('2.2', '组织实施', 10),
            jsonb_build_array('3', '产出', 35), jsonb_build_array('3.1', '数量', 15), jsonb_build_array('3.2', '质量', 10), jsonb_build_array('3.3', '时效', 5), jsonb_build_array('3.4', '成本', 5),
            jsonb_build_array('4', '效益', 30), jsonb_build_array('4.1', '社会效益', 15), jsonb_build_array('4.2', '可持续影响', 5), jsonb_build_array('4.3', '服务对象满意度', 10)))
    ) as t(kind, name, items)
    loop
        sys := gen_random_uuid();
        insert into indicator_systems (id, union_id, kind, name, lineage)
        values (sys, national, rec.kind, rec.name, sys);
        insert into indicators (system_id, code, name, weight)
        select sys, item->>0, item->>1, (item->>2)::smallint from jsonb_array_elements(rec.items) item;
        update indicators c set parent_id = p.id
          from indicators p
         where c.system_id = sys and p.system_id = sys
           and p.code = regexp_replace(c.code, '\.[0-9]+$', '') and c.code like '%.%';
        update indicator_systems set status = 'published', published_at = now() where id = sys;
    end loop;
end
$$;
