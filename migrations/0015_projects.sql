-- Purchased-service projects (购买服务项目): the heart of the platform. A
-- project belongs to the union that buys (its scope sees it); its status moves
-- along the lifecycle of DOMAIN.md, each move recorded in project_events, and
-- every move is one `update ... where status = <expected>` so that two people
-- acting at once cannot both succeed.

-- Above its provincial union's threshold a project is approved at the
-- provincial union (or above); below it, by the purchasing union's parent.
alter table unions
    add column approval_threshold_fen bigint not null default 50000000,
    add constraint unions_approval_threshold_check check (approval_threshold_fen >= 0);
grant update (approval_threshold_fen) on unions to niudai_app;

create table projects (
    id uuid primary key default gen_random_uuid(),
    union_id bigint not null,
    union_path ltree not null,
    code text not null,
    title text not null,
    domain text not null,
    description text not null,
    target_group text not null,
    target_people int not null default 0,
    target_activities int not null default 0,
    target_service_hours int not null default 0,
    budget_fen bigint not null,
    union_funds_fen bigint not null default 0,
    fiscal_funds_fen bigint not null default 0,
    crowdfunding_fen bigint not null default 0,
    other_funds_fen bigint not null default 0,
    eligible_types text[] not null,
    min_rating smallint,
    min_years smallint not null default 0,
    apply_opens_on date not null,
    apply_closes_on date not null,
    service_starts_on date not null,
    service_ends_on date not null,
    review_system_id uuid not null references indicator_systems (id),
    midterm_system_id uuid not null references indicator_systems (id),
    performance_system_id uuid not null references indicator_systems (id),
    status text not null default 'draft',
    cancel_reason text,
    created_by uuid not null references users (id),
    created_at timestamptz not null default now(),
    updated_at timestamptz not null default now(),
    version int not null default 1,
    constraint projects_union_fk foreign key (union_id, union_path)
        references unions (id, path) on update cascade,
    constraint projects_id_path_key unique (id, union_path),
    constraint projects_code_key unique (code),
    constraint projects_title_check check (length(btrim(title)) between 2 and 200),
    constraint projects_domain_check check (domain in (
        'employment', 'skills_training', 'income_distribution', 'social_security', 'safety_health',
        'democratic_rights', 'culture', 'legal_aid', 'psychological_support', 'outdoor_workers', 'other')),
    constraint projects_targets_check
        check (target_people >= 0 and target_activities >= 0 and target_service_hours >= 0),
    constraint projects_budget_check check (budget_fen > 0),
    constraint projects_funding_check check (
        union_funds_fen >= 0 and fiscal_funds_fen >= 0 and crowdfunding_fen >= 0 and other_funds_fen >= 0
        and union_funds_fen + fiscal_funds_fen + crowdfunding_fen + other_funds_fen = budget_fen),
    constraint projects_types_check check (cardinality(eligible_types) > 0 and eligible_types <@ array[
        'social_group', 'foundation', 'social_service_agency', 'unregistered']),
    constraint projects_min_rating_check check (min_rating between 1 and 5),
    constraint projects_min_years_check check (min_years between 0 and 50),
    constraint projects_window_check check (apply_closes_on >= apply_opens_on),
    constraint projects_service_check
        check (service_ends_on > service_starts_on and service_starts_on > apply_closes_on),
    constraint projects_status_check check (status in (
        'draft', 'pending_approval', 'approved', 'open', 'reviewing', 'awarded', 'contracted',
        'in_progress', 'final_evaluation', 'closed', 'cancelled')),
    constraint projects_cancel_reason_check check ((status = 'cancelled') = (cancel_reason is not null))
);
create index projects_union_path_gist on projects using gist (union_path);
create index projects_status_idx on projects (status, apply_closes_on);
create index projects_created_idx on projects (created_at desc, id);

create trigger projects_set_union_path
    before insert or update of union_id on projects
    for each row execute function scoped_row_set_union_path();

-- The project's timeline: every move of its status, by whom, with a comment.
create table project_events (
    id bigint generated always as identity primary key,
    project_id uuid not null,
    union_path ltree not null,
    from_status text,
    to_status text not null,
    actor_id uuid references users (id),
    actor_name text not null,
    comment text,
    at timestamptz not null default now(),
    constraint project_events_project_fk foreign key (project_id, union_path)
        references projects (id, union_path) on update cascade on delete cascade
);
create index project_events_project_idx on project_events (project_id, at);

alter table needs add constraint needs_project_fk
    foreign key (project_id) references projects (id) on delete set null;

-- Codes run per province and year: 2026-GD-0001. The counters are the owner's;
-- the serving role draws the next code through this function only.
create table project_code_counters (
    prefix text primary key,
    last int not null
);

create function project_code_next(p_union_id bigint) returns text
    language plpgsql security definer
    set search_path = public, pg_temp
    as $$
declare
    province_code text;
    code_prefix text;
    n int;
begin
    select coalesce(left(p.division_code, 2), '00') into province_code
      from unions u join unions p on p.path = subltree(u.path, 0, least(nlevel(u.path), 2))
     where u.id = p_union_id;
    if not found then
        raise exception 'union % not found', p_union_id;
    end if;
    code_prefix := to_char(now() at time zone 'Asia/Shanghai', 'YYYY') || '-' || case province_code
        when '11' then 'BJ' when '12' then 'TJ' when '13' then 'HE' when '14' then 'SX'
        when '15' then 'NM' when '21' then 'LN' when '22' then 'JL' when '23' then 'HL'
        when '31' then 'SH' when '32' then 'JS' when '33' then 'ZJ' when '34' then 'AH'
        when '35' then 'FJ' when '36' then 'JX' when '37' then 'SD' when '41' then 'HA'
        when '42' then 'HB' when '43' then 'HN' when '44' then 'GD' when '45' then 'GX'
        when '46' then 'HI' when '50' then 'CQ' when '51' then 'SC' when '52' then 'GZ'
        when '53' then 'YN' when '54' then 'XZ' when '61' then 'SN' when '62' then 'GS'
        when '63' then 'QH' when '64' then 'NX' when '65' then 'XJ'
        else 'QG' end;
    insert into project_code_counters (prefix, last) values (code_prefix, 1)
        on conflict (prefix) do update set last = project_code_counters.last + 1
        returning last into n;
    return code_prefix || '-' || lpad(n::text, 4, '0');
end
$$;
grant execute on function project_code_next(bigint) to niudai_app;

-- The approval threshold that applies to a project of the union at this path:
-- its provincial union's (the national union's for national projects). Read as
-- the owner, since a county's cadres do not see their provincial union's row.
create function project_approval_threshold(p_union_path ltree) returns bigint
    language sql stable security definer
    set search_path = public, pg_temp
    as $$
        select approval_threshold_fen from unions
         where path = subltree(p_union_path, 0, least(nlevel(p_union_path), 2))
    $$;
grant execute on function project_approval_threshold(ltree) to niudai_app;

-- A union's name, for whoever sees one of its projects: an organization reading
-- a call, a visitor of the public call list. Union names are public (they are
-- named after their divisions); nothing else of the union is read.
create function union_public_name(p_union_id bigint) returns text
    language sql stable security definer
    set search_path = public, pg_temp
    as $$ select name from unions where id = p_union_id $$;
grant execute on function union_public_name(bigint) to niudai_app;

-- The open calls, for the public page that needs no login (公开择优): what an
-- organization not yet on the platform must know to ask for an account.
create function public_open_calls() returns table (
    id uuid, code text, title text, domain text, purchaser text, budget_fen bigint,
    apply_opens_on date, apply_closes_on date, eligible_types text[], min_rating smallint,
    min_years smallint)
    language sql stable security definer
    set search_path = public, pg_temp
    as $$
        select p.id, p.code, p.title, p.domain, u.name, p.budget_fen, p.apply_opens_on,
               p.apply_closes_on, p.eligible_types, p.min_rating, p.min_years
          from projects p join unions u on u.id = p.union_id
         where p.status = 'open'
         order by p.apply_closes_on, p.code
    $$;
grant execute on function public_open_calls() to niudai_app;

alter table projects enable row level security;
alter table projects force row level security;
alter table project_events enable row level security;
alter table project_events force row level security;

create policy projects_in_scope on projects
    using (union_path <@ actor_scope())
    with check (union_path <@ actor_scope());
-- An organization account sees the open calls of every union whose scope
-- holds its home union.
create policy projects_open_to_org on projects for select
    using (status = 'open' and exists (
        select 1 from organizations o where o.id = actor_org_id() and o.union_path <@ projects.union_path));
create policy project_events_in_scope on project_events
    using (union_path <@ actor_scope())
    with check (union_path <@ actor_scope());

grant select on projects to niudai_app;
grant insert (union_id, code, title, domain, description, target_group, target_people,
              target_activities, target_service_hours, budget_fen, union_funds_fen,
              fiscal_funds_fen, crowdfunding_fen, other_funds_fen, eligible_types, min_rating,
              min_years, apply_opens_on, apply_closes_on, service_starts_on, service_ends_on,
              review_system_id, midterm_system_id, performance_system_id, created_by)
    on projects to niudai_app;
grant update (title, domain, description, target_group, target_people, target_activities,
              target_service_hours, budget_fen, union_funds_fen, fiscal_funds_fen,
              crowdfunding_fen, other_funds_fen, eligible_types, min_rating, min_years,
              apply_opens_on, apply_closes_on, service_starts_on, service_ends_on,
              review_system_id, midterm_system_id, performance_system_id, status,
              cancel_reason, updated_at, version)
    on projects to niudai_app;
grant select, insert (project_id, from_status, to_status, actor_id, actor_name, comment)
    on project_events to niudai_app;

-- A project event takes its project's path.
create function project_events_set_union_path() returns trigger
    language plpgsql
    as $$
begin
    select union_path into new.union_path from projects where id = new.project_id;
    if not found then
        raise exception 'project % not found', new.project_id
            using errcode = 'foreign_key_violation', constraint = 'project_events_project_fk';
    end if;
    return new;
end
$$;
create trigger project_events_set_union_path
    before insert on project_events
    for each row execute function project_events_set_union_path();
