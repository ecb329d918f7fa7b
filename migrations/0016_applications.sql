-- Applications (申报): a social organization's proposal for an open call. One
-- per organization and project. The row carries its project's union path, so
-- that the purchaser's scope sees it; the organization sees its own; reviewers
-- will see what is assigned to them (the review migration adds that policy).

create table applications (
    id uuid primary key default gen_random_uuid(),
    project_id uuid not null,
    union_path ltree not null,
    org_id uuid not null references organizations (id),
    status text not null default 'draft',
    proposal text not null default '',
    needs_analysis text not null default '',
    objectives text not null default '',
    activities_plan text not null default '',
    team text not null default '',
    performance_targets text not null default '',
    requested_fen bigint not null default 0,
    personnel_fen bigint not null default 0,
    activities_fen bigint not null default 0,
    publicity_fen bigint not null default 0,
    transport_fen bigint not null default 0,
    office_fen bigint not null default 0,
    experts_fen bigint not null default 0,
    management_fen bigint not null default 0,
    evaluation_fen bigint not null default 0,
    submitted_at timestamptz,
    decided_at timestamptz,
    decision_reason text,
    created_by uuid references users (id),
    created_at timestamptz not null default now(),
    updated_at timestamptz not null default now(),
    version int not null default 1,
    constraint applications_project_fk foreign key (project_id, union_path)
        references projects (id, union_path) on update cascade,
    constraint applications_one_per_org unique (project_id, org_id),
    constraint applications_status_check
        check (status in ('draft', 'submitted', 'withdrawn', 'awarded', 'rejected')),
    constraint applications_lines_check check (
        personnel_fen >= 0 and activities_fen >= 0 and publicity_fen >= 0 and transport_fen >= 0
        and office_fen >= 0 and experts_fen >= 0 and management_fen >= 0 and evaluation_fen >= 0),
    constraint applications_sum_check check (
        requested_fen = personnel_fen + activities_fen + publicity_fen + transport_fen + office_fen
                        + experts_fen + management_fen + evaluation_fen)
);
create index applications_project_idx on applications (project_id, status);
create index applications_org_idx on applications (org_id);
create index applications_union_path_gist on applications using gist (union_path);

-- An application takes its project's path.
create function applications_set_union_path() returns trigger
    language plpgsql security definer
    set search_path = public, pg_temp
    as $$
begin
    select union_path into new.union_path from projects where id = new.project_id;
    if not found then
        raise exception 'project % not found', new.project_id
            using errcode = 'foreign_key_violation', constraint = 'applications_project_fk';
    end if;
    return new;
end
$$;
create trigger applications_set_union_path
    before insert on applications
    for each row execute function applications_set_union_path();

-- An organization writes its proposal and moves it between draft, submitted
-- and withdrawn; the decision (awarded, rejected) is the purchaser's alone.
create function applications_guard_org_account() returns trigger
    language plpgsql
    as $$
begin
    if actor_org_id() is not null and actor_scope() is null and (
        new.status not in ('draft', 'submitted', 'withdrawn')
        or (new.decided_at, new.decision_reason) is distinct from (old.decided_at, old.decision_reason)
    ) then
        raise exception 'an organization account does not decide on applications'
            using errcode = 'insufficient_privilege';
    end if;
    return new;
end
$$;
create trigger applications_guard_org_account
    before update on applications
    for each row execute function applications_guard_org_account();

alter table applications enable row level security;
alter table applications force row level security;

create policy applications_in_scope on applications for select
    using (union_path <@ actor_scope());
-- The purchaser's cadres decide on applications (award, reject), never write them.
create policy applications_decided_in_scope on applications for update
    using (union_path <@ actor_scope()) with check (union_path <@ actor_scope());
create policy applications_own on applications
    using (org_id = actor_org_id()) with check (org_id = actor_org_id());

-- An organization reads the projects it applied to, whatever their state.
create policy projects_applied_by_org on projects for select
    using (exists (select 1 from applications a where a.project_id = projects.id and a.org_id = actor_org_id()));

grant select on applications to niudai_app;
grant insert (project_id, org_id, proposal, needs_analysis, objectives, activities_plan, team,
              performance_targets, requested_fen, personnel_fen, activities_fen, publicity_fen,
              transport_fen, office_fen, experts_fen, management_fen, evaluation_fen, created_by)
    on applications to niudai_app;
grant update (status, proposal, needs_analysis, objectives, activities_plan, team,
              performance_targets, requested_fen, personnel_fen, activities_fen, publicity_fen,
              transport_fen, office_fen, experts_fen, management_fen, evaluation_fen,
              submitted_at, decided_at, decision_reason, updated_at, version)
    on applications to niudai_app;
