-- Federations and joint platforms (联合会, 工会联合会, 群团社会组织服务平台).
--
-- A federation is a registered body led by a union of the tree (its level is
-- the leading union's), with an optional parent federation led by a union at
-- or above its own (Guangdong's province → city → district nesting), a
-- charter, its governance, the partner bodies of a joint platform, and member
-- organizations of the registry with join and leave dates and a role. Leaving
-- ends a membership and never deletes it; an organization is a current
-- member of a federation once at most. A federation admits organizations
-- homed in its leading union's subtree, or another by an explicit
-- cross-region admission, which the organization's own home union sees.
--
-- A purchased-service project may name a federation as its commissioning
-- body (委托); only the federation's current members then apply.

-- 1. Federations ---------------------------------------------------------------

create table federations (
    id uuid primary key default gen_random_uuid(),
    -- The leading union.
    union_id bigint not null,
    union_path ltree not null,
    province text generated always as
        (subltree(union_path, 0, least(nlevel(union_path), 2))::text) stored,
    prefecture text generated always as
        (case when nlevel(union_path) >= 3 then subltree(union_path, 0, 3)::text end) stored,
    kind text not null,
    name text not null,
    credit_code text,
    parent_id uuid,
    founded_on date,
    charter text not null default '',
    chair text,
    vice_chairs text,
    secretary_general text,
    council_size integer,
    status text not null default 'active',
    created_by uuid references users (id),
    created_at timestamptz not null default now(),
    updated_at timestamptz not null default now(),
    version integer not null default 1,
    constraint federations_union_fk foreign key (union_id, union_path)
        references unions (id, path) on update cascade,
    constraint federations_parent_fk foreign key (parent_id) references federations (id),
    constraint federations_id_path_key unique (id, union_path),
    constraint federations_credit_code_key unique (credit_code),
    constraint federations_kind_check
        check (kind in ('federation', 'union_federation', 'joint_platform')),
    constraint federations_name_check check (length(btrim(name)) between 2 and 200),
    constraint federations_credit_code_check check (credit_code ~ '^[0-9A-HJ-NPQRTUWXY]{18}$'),
    constraint federations_charter_check check (length(charter) <= 20000),
    constraint federations_governance_check
        check (coalesce(length(chair), 0) <= 100 and coalesce(length(vice_chairs), 0) <= 500
               and coalesce(length(secretary_general), 0) <= 100),
    constraint federations_council_size_check check (council_size between 1 and 1000),
    constraint federations_status_check check (status in ('active', 'suspended', 'dissolved')),
    constraint federations_not_own_parent check (parent_id is distinct from id)
);

-- The lists: a province's (or a prefecture's) by name, the nation's by name.
create index federations_province_name_idx on federations (province, name, id);
create index federations_prefecture_name_idx on federations (prefecture, name, id)
    where prefecture is not null;
create index federations_name_idx on federations (name, id);
create index federations_union_path_gist on federations using gist (union_path);
create index federations_parent_idx on federations (parent_id) where parent_id is not null;
create index federations_union_idx on federations (union_id);

create trigger federations_set_union_path
    before insert or update of union_id on federations
    for each row execute function scoped_row_set_union_path();

-- A parent federation is led by a union at or above the child's leading
-- union (its path is an ancestor of the child's, or the same), and the
-- nesting never loops. Reads the parent whatever the actor sees. Checked
-- when the parent or the leading union is chosen, after the row's path is in
-- place; a move of the union tree carries both along and is not refused.
create function federations_parent_above() returns trigger
    language plpgsql security definer
    set search_path = public, pg_temp
    as $$
declare
    parent_path ltree;
    seen uuid := new.parent_id;
    steps integer := 0;
begin
    if new.parent_id is null then
        return null;
    end if;
    -- A move of the tree rewrites the leading union's key by a cascade that
    -- names the column: nothing was chosen.
    if tg_op = 'UPDATE' and new.parent_id is not distinct from old.parent_id
       and new.union_id = old.union_id then
        return null;
    end if;
    select union_path into parent_path from federations where id = new.parent_id;
    if parent_path is null or not (new.union_path <@ parent_path) then
        raise exception 'a parent federation is led by a union at or above the federation''s'
            using errcode = 'check_violation', constraint = 'federations_parent_above';
    end if;
    while seen is not null and steps < 100 loop
        if seen = new.id then
            raise exception 'a federation cannot be its own ancestor'
                using errcode = 'check_violation', constraint = 'federations_parent_above';
        end if;
        select parent_id into seen from federations where id = seen;
        steps := steps + 1;
    end loop;
    return null;
end
$$;
revoke all on function federations_parent_above() from public;

create trigger federations_parent_above
    after insert or update of parent_id, union_id on federations
    for each row execute function federations_parent_above();

alter table federations enable row level security;
alter table federations force row level security;
create policy federations_in_scope on federations
    using (union_path <@ (select actor_scope()))
    with check (union_path <@ (select actor_scope()));

grant select on federations to niudai_app;
grant insert (union_id, kind, name, credit_code, parent_id, founded_on, charter, chair,
              vice_chairs, secretary_general, council_size, status, created_by)
    on federations to niudai_app;
grant update (union_id, kind, name, credit_code, parent_id, founded_on, charter, chair,
              vice_chairs, secretary_general, council_size, status, updated_at, version)
    on federations to niudai_app;

-- A federation's name is public (it is a registered body): read by an
-- organization account on its own memberships, and by a home union that sees
-- a cross-region membership of a federation outside its scope.
create function federation_public_name(p_id uuid) returns text
    language plpgsql stable security definer
    set search_path = public, pg_temp
    as $$
begin
    return (select name from federations where id = p_id);
end
$$;
revoke all on function federation_public_name(uuid) from public;
grant execute on function federation_public_name(uuid) to niudai_app;

-- 2. Partner bodies of a joint platform ------------------------------------------

create table federation_partners (
    federation_id uuid not null,
    union_path ltree not null,
    kind text not null,
    unit_name text not null,
    constraint federation_partners_pkey primary key (federation_id, kind),
    constraint federation_partners_federation_fk foreign key (federation_id, union_path)
        references federations (id, union_path) on update cascade on delete cascade,
    constraint federation_partners_kind_check
        check (kind in ('youth_league', 'womens_federation', 'disabled_persons_federation',
                        'civil_affairs', 'other')),
    constraint federation_partners_unit_check check (length(btrim(unit_name)) between 2 and 200)
);

alter table federation_partners enable row level security;
alter table federation_partners force row level security;
create policy federation_partners_in_scope on federation_partners
    using (union_path <@ (select actor_scope()))
    with check (union_path <@ (select actor_scope()));

grant select, delete on federation_partners to niudai_app;
grant insert (federation_id, union_path, kind, unit_name) on federation_partners to niudai_app;

-- 3. Members ------------------------------------------------------------------------

create table federation_members (
    id uuid primary key default gen_random_uuid(),
    federation_id uuid not null,
    -- The federation's path (its scope manages the membership).
    union_path ltree not null,
    org_id uuid not null,
    -- The organization's home union's path (that union sees the membership),
    -- carried along when the organization moves or its union does.
    org_union_path ltree not null,
    role text not null default 'member',
    joined_on date not null,
    left_on date,
    leave_reason text,
    cross_region boolean not null default false,
    cross_region_reason text,
    created_by uuid references users (id),
    created_at timestamptz not null default now(),
    updated_at timestamptz not null default now(),
    version integer not null default 1,
    constraint federation_members_federation_fk foreign key (federation_id, union_path)
        references federations (id, union_path) on update cascade on delete cascade,
    constraint federation_members_org_fk foreign key (org_id, org_union_path)
        references organizations (id, union_path) on update cascade,
    constraint federation_members_role_check
        check (role in ('member', 'council_member', 'vice_chair_unit', 'chair_unit')),
    constraint federation_members_dates_check check (left_on is null or left_on >= joined_on),
    constraint federation_members_leave_check
        check (leave_reason is null or length(leave_reason) <= 1000),
    constraint federation_members_cross_region_check
        check (cross_region = (cross_region_reason is not null)
               and (cross_region_reason is null
                    or length(btrim(cross_region_reason)) between 2 and 1000))
);

-- An organization is a current member of a federation once.
create unique index federation_members_current_key on federation_members (federation_id, org_id)
    where left_on is null;
-- A federation's page: its members by name (through the organization), its counts.
create index federation_members_federation_idx on federation_members (federation_id, left_on);
-- An organization's page: its memberships.
create index federation_members_org_idx on federation_members (org_id, joined_on desc);
create index federation_members_union_path_gist on federation_members using gist (union_path);
create index federation_members_org_union_path_gist on federation_members
    using gist (org_union_path);

-- Outside the leading union's subtree only by an explicit cross-region
-- admission. Checked when admitted (a later move of the organization keeps
-- the history as it was).
create function federation_members_region() returns trigger
    language plpgsql
    set search_path = public, pg_temp
    as $$
begin
    if not new.cross_region and not (new.org_union_path <@ new.union_path) then
        raise exception 'the organization is homed outside the federation''s region'
            using errcode = 'check_violation', constraint = 'federation_members_region';
    end if;
    return new;
end
$$;
revoke all on function federation_members_region() from public;

create trigger federation_members_region
    before insert on federation_members
    for each row execute function federation_members_region();

alter table federation_members enable row level security;
alter table federation_members force row level security;
create policy federation_members_in_scope on federation_members
    using (union_path <@ (select actor_scope()))
    with check (union_path <@ (select actor_scope()));
-- The organization's home union reads its memberships, a cross-region one
-- of a federation outside its scope included.
create policy federation_members_home_union on federation_members for select
    using (org_union_path <@ (select actor_scope()));
-- An organization account reads its own memberships, never another's.
create policy federation_members_own_org on federation_members for select
    using (org_id = (select actor_org_id()));

grant select on federation_members to niudai_app;
grant insert (federation_id, union_path, org_id, org_union_path, role, joined_on,
              cross_region, cross_region_reason, created_by)
    on federation_members to niudai_app;
-- Leaving ends a membership; nothing deletes one.
grant update (role, left_on, leave_reason, updated_at, version) on federation_members to niudai_app;

-- What a federation's page shows of its members' organizations, a member
-- homed outside the reader's scope (a cross-region admission) included: only
-- for a federation in the reader's scope.
create function federation_member_orgs(p_federation_id uuid)
    returns table (org_id uuid, name text, org_type text, rating_level smallint,
                   rating_valid_until date, union_building text, union_id bigint)
    language sql stable security definer
    set search_path = public, pg_temp
    as $$
        select o.id, o.name, o.org_type, o.rating_level, o.rating_valid_until,
               o.union_building, o.union_id
          from federation_members m
          join organizations o on o.id = m.org_id
         where m.federation_id = p_federation_id
           and exists (select 1 from federations f
                        where f.id = p_federation_id
                          and f.union_path <@ (select actor_scope()))
    $$;
revoke all on function federation_member_orgs(uuid) from public;
grant execute on function federation_member_orgs(uuid) to niudai_app;

-- 4. The signed charter, through the files service -------------------------------

do $$
declare
    kinds text[];
begin
    select array_agg(distinct m[1] order by m[1]) into kinds
      from pg_constraint c,
           regexp_matches(pg_get_constraintdef(c.oid), '''([a-z_]+)''', 'g') m
     where c.conrelid = 'files'::regclass and c.conname = 'files_owner_kind_check';
    kinds := array(select distinct k from unnest(kinds || array['federation_charter']) k
                    order by k);
    alter table files drop constraint files_owner_kind_check;
    execute format('alter table files add constraint files_owner_kind_check
                        check (owner_kind in (%s))',
                   (select string_agg(quote_literal(k), ', ') from unnest(kinds) k));
end
$$;

-- 5. Commissioning (委托) ------------------------------------------------------------

alter table projects add column commissioned_by uuid;
alter table projects add constraint projects_commissioned_by_fk
    foreign key (commissioned_by) references federations (id);
create index projects_commissioned_by_idx on projects (commissioned_by)
    where commissioned_by is not null;
grant insert (commissioned_by), update (commissioned_by) on projects to niudai_app;

-- Whether the organization may apply to the project as far as commissioning
-- goes: a project without a commissioning federation admits anyone; one with
-- it only the federation's current members. Read whatever the actor sees (an
-- organization account does not read the federation).
create function commission_admits(p_project_id uuid, p_org_id uuid) returns boolean
    language sql stable security definer
    set search_path = public, pg_temp
    as $$
        select coalesce((select p.commissioned_by is null
                                 or exists (select 1 from federation_members m
                                             where m.federation_id = p.commissioned_by
                                               and m.org_id = p_org_id
                                               and m.left_on is null)
                           from projects p where p.id = p_project_id), true)
    $$;
revoke all on function commission_admits(uuid, uuid) from public;
grant execute on function commission_admits(uuid, uuid) to niudai_app;

create function applications_commission_members() returns trigger
    language plpgsql security definer
    set search_path = public, pg_temp
    as $$
begin
    if not commission_admits(new.project_id, new.org_id) then
        raise exception 'only the commissioning federation''s members apply'
            using errcode = 'check_violation', constraint = 'applications_commission_members';
    end if;
    return new;
end
$$;
revoke all on function applications_commission_members() from public;

create trigger applications_commission_members
    before insert on applications
    for each row execute function applications_commission_members();

-- 6. Statistics ----------------------------------------------------------------------

-- Each leading union's own federations (by kind and status) and their
-- current members; the refresh sums them into the ancestors.
create function stats_figures_federations()
    returns table (union_id bigint, month date, key text, value bigint)
    language sql stable security definer
    set search_path = public, pg_temp
    as $$
        select f.union_id, null::date, k.key, count(*)::bigint
          from federations f
         cross join lateral (values ('federations:all'),
                                    ('federations:kind:' || f.kind),
                                    ('federations:status:' || f.status)) as k (key)
         group by f.union_id, k.key
        union all
        select f.union_id, null::date, k.key, count(*)::bigint
          from federation_members m
          join federations f on f.id = m.federation_id
         cross join lateral (values ('federation_members:active'),
                                    ('federation_members:role:' || m.role)) as k (key)
         where m.left_on is null
         group by f.union_id, k.key
        union all
        select f.union_id, null::date, 'federation_members:cross_region', count(*)::bigint
          from federation_members m
          join federations f on f.id = m.federation_id
         where m.left_on is null and m.cross_region
         group by f.union_id
        union all
        select f.union_id, null::date, 'federations:commissioned_projects', count(*)::bigint
          from projects p
          join federations f on f.id = p.commissioned_by
         group by f.union_id
    $$;
revoke all on function stats_figures_federations() from public;

insert into stats_sources values ('stats_figures_federations');
