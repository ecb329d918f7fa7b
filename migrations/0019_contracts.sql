-- Award and contract (合同). Staff award one or more applications of a project
-- under review (the others are rejected, every applicant is told); each award
-- becomes a contract with its amount (at most what was requested), service
-- period, installments (percentages summing to 100, each with its condition),
-- a third-party supervisor (an evaluator account), the report cycle, the signed
-- file and the signing date. Organizations read notices about their
-- applications in the app.

create table contracts (
    id uuid primary key default gen_random_uuid(),
    project_id uuid not null,
    union_path ltree not null,
    application_id uuid not null references applications (id),
    org_id uuid not null references organizations (id),
    amount_fen bigint not null,
    service_starts_on date not null,
    service_ends_on date not null,
    supervisor_id uuid not null references users (id),
    report_cycle text not null,
    signed_on date not null,
    signed_file_id uuid references files (id),
    created_by uuid references users (id),
    created_at timestamptz not null default now(),
    constraint contracts_project_fk foreign key (project_id, union_path)
        references projects (id, union_path) on update cascade,
    constraint contracts_one_per_application unique (application_id),
    constraint contracts_amount_check check (amount_fen > 0),
    constraint contracts_period_check check (service_ends_on > service_starts_on),
    constraint contracts_cycle_check check (report_cycle in ('monthly', 'quarterly'))
);
create index contracts_project_idx on contracts (project_id);
create index contracts_supervisor_idx on contracts (supervisor_id);
create index contracts_union_path_gist on contracts using gist (union_path);

create table contract_installments (
    contract_id uuid not null references contracts (id) on delete cascade,
    union_path ltree not null,
    position smallint not null,
    percent smallint not null,
    condition text not null,
    primary key (contract_id, position),
    constraint contract_installments_percent_check check (percent between 1 and 100),
    constraint contract_installments_condition_check
        check (condition in ('on_signing', 'after_midterm', 'after_final'))
);

-- Installments of a contract sum to 100 when the transaction ends.
create function contract_installments_sum_check() returns trigger
    language plpgsql
    as $$
declare
    total int;
begin
    select coalesce(sum(percent), 0) into total from contract_installments
     where contract_id = coalesce(new.contract_id, old.contract_id);
    if total <> 100 and exists (select 1 from contracts where id = coalesce(new.contract_id, old.contract_id)) then
        raise exception 'installments sum to %, not 100', total
            using errcode = 'check_violation', constraint = 'contract_installments_sum';
    end if;
    return null;
end
$$;
create constraint trigger contract_installments_sum
    after insert or update or delete on contract_installments
    deferrable initially deferred
    for each row execute function contract_installments_sum_check();

create table notifications (
    id uuid primary key default gen_random_uuid(),
    org_id uuid not null references organizations (id),
    union_path ltree not null,
    project_id uuid,
    message_key text not null,
    arg text not null default '',
    created_at timestamptz not null default now(),
    read_at timestamptz
);
create index notifications_org_idx on notifications (org_id, created_at desc);

alter table contracts enable row level security;
alter table contracts force row level security;
alter table contract_installments enable row level security;
alter table contract_installments force row level security;
alter table notifications enable row level security;
alter table notifications force row level security;

create policy contracts_in_scope on contracts
    using (union_path <@ actor_scope()) with check (union_path <@ actor_scope());
create policy contracts_own_org on contracts for select
    using (org_id = actor_org_id());
create policy contracts_supervised on contracts for select
    using (supervisor_id = actor_user_id());
create policy contract_installments_in_scope on contract_installments
    using (union_path <@ actor_scope()) with check (union_path <@ actor_scope());
create policy contract_installments_readers on contract_installments for select
    using (exists (select 1 from contracts c where c.id = contract_id));
-- The purchaser writes notices to the organizations applying to its projects
-- (and reads what it sent); an organization reads its own and marks them read.
create policy notifications_in_scope on notifications for insert
    with check (union_path <@ actor_scope());
create policy notifications_sent_in_scope on notifications for select
    using (union_path <@ actor_scope());
create policy notifications_own on notifications
    using (org_id = actor_org_id()) with check (org_id = actor_org_id());

-- Organizations read the projects they hold contracts for; a supervisor reads
-- the projects it supervises.
create policy projects_supervised on projects for select
    using (exists (select 1 from contracts c where c.project_id = projects.id and c.supervisor_id = actor_user_id()));

-- The evaluator accounts a project at `p_path` may name as supervisor: of its
-- union, the unions above and below it (as the reviewer pool).
create function evaluator_pool(p_path ltree)
    returns table (id uuid, display_name text, union_name text)
    language sql stable security definer
    set search_path = public, pg_temp
    as $$
        select u.id, u.display_name, n.name
          from users u join unions n on n.id = u.union_id
         where u.role = 'evaluator' and u.disabled_at is null
           and (u.union_path @> p_path or u.union_path <@ p_path)
         order by u.display_name, u.id
    $$;
grant execute on function evaluator_pool(ltree) to niudai_app;

-- What an organization learns of the review of its own application once it is
-- decided: every submitted score, by review (numbered, never named) and
-- indicator.
create function application_scores_for_applicant(p_application_id uuid)
    returns table (review_no bigint, indicator_id uuid, code text, name text, weight smallint,
                   score_tenths int)
    language sql stable security definer
    set search_path = public, pg_temp
    as $$
        select dense_rank() over (order by ra.id), i.id, i.code, i.name, i.weight, s.score_tenths
          from applications a
          join review_assignments ra on ra.application_id = a.id and ra.status = 'submitted'
          join review_scores s on s.assignment_id = ra.id
          join indicators i on i.id = s.indicator_id
         where a.id = p_application_id and a.org_id = actor_org_id()
           and a.status in ('awarded', 'rejected')
    $$;
grant execute on function application_scores_for_applicant(uuid) to niudai_app;

grant select, insert (id, project_id, union_path, application_id, org_id, amount_fen, service_starts_on,
                      service_ends_on, supervisor_id, report_cycle, signed_on, signed_file_id, created_by)
    on contracts to niudai_app;
grant select, insert (contract_id, union_path, position, percent, condition) on contract_installments to niudai_app;
grant select, insert (org_id, union_path, project_id, message_key, arg) on notifications to niudai_app;
grant update (read_at) on notifications to niudai_app;
