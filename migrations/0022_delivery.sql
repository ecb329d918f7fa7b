-- Delivery (履约): what happens to a contract after it is signed. The
-- organization reports on a schedule generated from the contract; staff or the
-- third-party supervisor accept or return each report (every submitted version
-- is kept); the supervisor records site visits; staff or supervisor issue
-- rectification orders (整改通知) that the organization answers; mid-term and
-- final evaluations are scored against the project's indicator systems; each
-- installment is paid (or withheld) once its condition is met; the project is
-- closed with its outcomes, and the record stays with the organization.
--
-- Every delivery row carries the contract's union path (the purchaser's scope
-- sees it), its organization (the organization sees what is its own) and its
-- supervisor (the supervisor sees what it supervises), so that each policy is
-- a plain comparison, not a join: the report lists run at a million rows.

-- Reports (进度报告). `due` rows are the schedule; the organization writes a
-- draft and submits; staff or the supervisor accept or return it. The row is
-- the working copy; each submission is kept in report_versions.
create table reports (
    id uuid primary key default gen_random_uuid(),
    contract_id uuid not null references contracts (id),
    project_id uuid not null,
    union_path ltree not null,
    org_id uuid not null references organizations (id),
    supervisor_id uuid not null references users (id),
    kind text not null,
    period_starts_on date not null,
    period_ends_on date not null,
    due_on date not null,
    status text not null default 'due',
    people_served int not null default 0,
    activities_held int not null default 0,
    service_hours int not null default 0,
    volunteer_hours int not null default 0,
    personnel_fen bigint not null default 0,
    activities_fen bigint not null default 0,
    publicity_fen bigint not null default 0,
    transport_fen bigint not null default 0,
    office_fen bigint not null default 0,
    experts_fen bigint not null default 0,
    management_fen bigint not null default 0,
    evaluation_fen bigint not null default 0,
    narrative text not null default '',
    problems text not null default '',
    version int not null default 0,
    submitted_at timestamptz,
    submitted_by uuid references users (id),
    reviewed_at timestamptz,
    reviewed_by uuid references users (id),
    review_comment text,
    created_at timestamptz not null default now(),
    updated_at timestamptz not null default now(),
    constraint reports_project_fk foreign key (project_id, union_path)
        references projects (id, union_path) on update cascade,
    constraint reports_kind_check check (kind in ('periodic', 'midterm', 'final', 'adhoc')),
    constraint reports_status_check
        check (status in ('due', 'draft', 'submitted', 'returned', 'accepted')),
    constraint reports_period_check check (period_ends_on >= period_starts_on),
    constraint reports_numbers_check check (
        people_served >= 0 and activities_held >= 0 and service_hours >= 0 and volunteer_hours >= 0),
    constraint reports_spending_check check (
        personnel_fen >= 0 and activities_fen >= 0 and publicity_fen >= 0 and transport_fen >= 0
        and office_fen >= 0 and experts_fen >= 0 and management_fen >= 0 and evaluation_fen >= 0)
);
-- The contract list: the latest signed first; an organization's own.
create index contracts_signed_idx on contracts (signed_on, id);
create index contracts_org_idx on contracts (org_id, signed_on);

create index reports_contract_idx on reports (contract_id, period_starts_on, kind);
create index reports_union_path_gist on reports using gist (union_path);
create index reports_org_idx on reports (org_id, due_on);
create index reports_supervisor_idx on reports (supervisor_id, status);
-- The report lists run by due date; the cadre's review list reads the
-- submitted ones, the overdue list those not in by their date. As for
-- projects (migration 0020), the province leads the indexes a provincial (or
-- lower) cadre's lists walk; the nation's walk the date alone.
alter table reports
    add column province text generated always as
        (subltree(union_path, 0, least(nlevel(union_path), 2))::text) stored;
create index reports_due_idx on reports (due_on, id);
create index reports_waiting_idx on reports (due_on, id) where status = 'submitted';
create index reports_open_due_idx on reports (due_on, id) where status in ('due', 'draft', 'returned');
-- (They include the columns the policies read, so that a page's ids come
-- from the index alone: see `reports::db::list`.)
create index reports_province_due_idx on reports (province, due_on, id)
    include (union_path, org_id, supervisor_id);
create index reports_province_waiting_idx on reports (province, due_on, id)
    include (union_path, org_id, supervisor_id) where status = 'submitted';
create index reports_province_open_due_idx on reports (province, due_on, id)
    include (union_path, org_id, supervisor_id) where status in ('due', 'draft', 'returned');

create table report_versions (
    report_id uuid not null references reports (id),
    version int not null,
    union_path ltree not null,
    org_id uuid not null,
    supervisor_id uuid not null,
    people_served int not null,
    activities_held int not null,
    service_hours int not null,
    volunteer_hours int not null,
    personnel_fen bigint not null,
    activities_fen bigint not null,
    publicity_fen bigint not null,
    transport_fen bigint not null,
    office_fen bigint not null,
    experts_fen bigint not null,
    management_fen bigint not null,
    evaluation_fen bigint not null,
    narrative text not null,
    problems text not null,
    submitted_at timestamptz not null,
    submitted_by uuid,
    outcome text,
    review_comment text,
    reviewed_at timestamptz,
    reviewed_by uuid,
    primary key (report_id, version),
    constraint report_versions_outcome_check check (outcome in ('accepted', 'returned'))
);

-- The schedule of a signed contract: one report per month or quarter of the
-- service period (a stub at the end joins the last full period), each due ten
-- days after its period ends. The report whose
-- period reaches the middle of the service is the mid-term report, the last
-- one the final report (due fifteen days after the end); a service shorter
-- than two periods is reported in two halves. Periods never overlap, so the
-- reports add up to the whole.
create function contracts_schedule_reports() returns trigger
    language plpgsql security definer
    set search_path = public, pg_temp
    as $$
declare
    step interval := case new.report_cycle when 'monthly' then interval '1 month' else interval '3 months' end;
    midpoint date := new.service_starts_on + (new.service_ends_on - new.service_starts_on) / 2;
    starts date[] := '{}';
    ends date[] := '{}';
    s date := new.service_starts_on;
    n int;
    mid int;
begin
    while s <= new.service_ends_on loop
        starts := starts || s;
        ends := ends || least((s + step)::date - 1, new.service_ends_on);
        s := (s + step)::date;
    end loop;
    n := cardinality(starts);
    -- A stub of less than half a period joins the period before it.
    if n >= 2 and (ends[n] - starts[n] + 1) * 2 < (starts[n] - starts[n - 1]) then
        ends[n - 1] := ends[n];
        starts := starts[1:n - 1];
        ends := ends[1:n - 1];
        n := n - 1;
    end if;
    if n < 2 then
        starts := array[new.service_starts_on, midpoint + 1];
        ends := array[midpoint, new.service_ends_on];
        n := 2;
    end if;
    select min(i) into mid from generate_series(1, n - 1) i where ends[i] >= midpoint;
    mid := coalesce(mid, n - 1);
    insert into reports (contract_id, project_id, union_path, org_id, supervisor_id, kind,
                         period_starts_on, period_ends_on, due_on)
    select new.id, new.project_id, new.union_path, new.org_id, new.supervisor_id,
           case when i = n then 'final' when i = mid then 'midterm' else 'periodic' end,
           starts[i], ends[i], ends[i] + case when i = n then 15 else 10 end
      from generate_series(1, n) i;
    return null;
end
$$;
create trigger contracts_schedule_reports
    after insert on contracts
    for each row execute function contracts_schedule_reports();

-- A submitted or accepted report is read-only; an accepted one is final. An
-- organization writes and submits its reports but never decides on them.
-- Each submission is kept as a version, and each decision on the version.
create function reports_guard() returns trigger
    language plpgsql security definer
    set search_path = public, pg_temp
    as $$
begin
    if old.status in ('submitted', 'accepted')
       and (new.people_served, new.activities_held, new.service_hours, new.volunteer_hours,
            new.personnel_fen, new.activities_fen, new.publicity_fen, new.transport_fen,
            new.office_fen, new.experts_fen, new.management_fen, new.evaluation_fen,
            new.narrative, new.problems, new.period_starts_on, new.period_ends_on)
           is distinct from
           (old.people_served, old.activities_held, old.service_hours, old.volunteer_hours,
            old.personnel_fen, old.activities_fen, old.publicity_fen, old.transport_fen,
            old.office_fen, old.experts_fen, old.management_fen, old.evaluation_fen,
            old.narrative, old.problems, old.period_starts_on, old.period_ends_on) then
        raise exception 'a submitted report is read-only' using errcode = 'check_violation',
            constraint = 'reports_read_only';
    end if;
    if old.status = 'accepted' and new.status <> 'accepted' then
        raise exception 'an accepted report is final' using errcode = 'check_violation',
            constraint = 'reports_read_only';
    end if;
    if actor_org_id() is not null and actor_scope() is null
       and (new.status in ('accepted', 'returned') and new.status is distinct from old.status
            or (new.reviewed_at, new.reviewed_by, new.review_comment)
               is distinct from (old.reviewed_at, old.reviewed_by, old.review_comment)) then
        raise exception 'an organization account does not decide on reports'
            using errcode = 'insufficient_privilege';
    end if;
    if new.status = 'submitted' and old.status <> 'submitted' then
        new.version := old.version + 1;
        new.submitted_at := now();
        insert into report_versions (report_id, version, union_path, org_id, supervisor_id,
            people_served, activities_held, service_hours, volunteer_hours, personnel_fen,
            activities_fen, publicity_fen, transport_fen, office_fen, experts_fen,
            management_fen, evaluation_fen, narrative, problems, submitted_at, submitted_by)
        values (new.id, new.version, new.union_path, new.org_id, new.supervisor_id,
            new.people_served, new.activities_held, new.service_hours, new.volunteer_hours,
            new.personnel_fen, new.activities_fen, new.publicity_fen, new.transport_fen,
            new.office_fen, new.experts_fen, new.management_fen, new.evaluation_fen,
            new.narrative, new.problems, new.submitted_at, new.submitted_by);
    elsif new.status in ('accepted', 'returned') and old.status = 'submitted' then
        update report_versions
           set outcome = new.status, review_comment = new.review_comment,
               reviewed_at = new.reviewed_at, reviewed_by = new.reviewed_by
         where report_id = new.id and version = new.version;
    end if;
    return new;
end
$$;
create trigger reports_guard
    before update on reports
    for each row execute function reports_guard();

-- Site visits (实地查看) by the supervisor or staff.
create table site_visits (
    id uuid primary key default gen_random_uuid(),
    contract_id uuid not null references contracts (id),
    union_path ltree not null,
    org_id uuid not null,
    supervisor_id uuid not null,
    visited_on date not null,
    findings text not null,
    created_by uuid not null references users (id),
    created_by_name text not null,
    created_at timestamptz not null default now(),
    constraint site_visits_findings_check check (length(btrim(findings)) between 2 and 4000)
);
create index site_visits_contract_idx on site_visits (contract_id, visited_on desc);

-- Rectification orders (整改通知): open until the issuer closes them; the
-- organization answers, the issuer closes or sends back. Every step is an event.
create table rectifications (
    id uuid primary key default gen_random_uuid(),
    contract_id uuid not null references contracts (id),
    project_id uuid not null,
    union_path ltree not null,
    org_id uuid not null,
    supervisor_id uuid not null,
    problem text not null,
    requirement text not null,
    deadline date not null,
    status text not null default 'open',
    answer text,
    issued_by uuid not null references users (id),
    issued_at timestamptz not null default now(),
    closed_at timestamptz,
    constraint rectifications_status_check check (status in ('open', 'answered', 'closed')),
    constraint rectifications_text_check
        check (length(btrim(problem)) between 2 and 4000 and length(btrim(requirement)) between 2 and 4000)
);
create index rectifications_contract_idx on rectifications (contract_id, issued_at);
create index rectifications_org_idx on rectifications (org_id) where status <> 'closed';
create index rectifications_union_path_gist on rectifications using gist (union_path);

create table rectification_events (
    id bigint generated always as identity primary key,
    rectification_id uuid not null references rectifications (id),
    union_path ltree not null,
    org_id uuid not null,
    supervisor_id uuid not null,
    kind text not null,
    body text,
    actor_id uuid references users (id),
    actor_name text not null,
    at timestamptz not null default now(),
    constraint rectification_events_kind_check
        check (kind in ('issued', 'answered', 'sent_back', 'closed'))
);
create index rectification_events_idx on rectification_events (rectification_id, at);

-- An organization answers; it neither closes nor rewrites the order.
create function rectifications_guard() returns trigger
    language plpgsql
    as $$
begin
    if actor_org_id() is not null and actor_scope() is null and (
        new.status not in ('open', 'answered')
        or (new.problem, new.requirement, new.deadline) is distinct from (old.problem, old.requirement, old.deadline)
    ) then
        raise exception 'an organization account only answers rectification orders'
            using errcode = 'insufficient_privilege';
    end if;
    if old.status = 'closed' then
        raise exception 'a closed rectification order is final' using errcode = 'check_violation',
            constraint = 'rectifications_closed';
    end if;
    return new;
end
$$;
create trigger rectifications_guard
    before update on rectifications
    for each row execute function rectifications_guard();

-- Evaluations (评估): one mid-term and one final per contract, opened when the
-- matching report is accepted. Each scorer (the supervisor, staff) fills a
-- sheet; an admin or staff member makes it final: the mean of the submitted
-- totals, the grade by the system's thresholds, per-indicator means kept in
-- evaluation_results, which is all the organization ever sees.
create table evaluations (
    id uuid primary key default gen_random_uuid(),
    contract_id uuid not null references contracts (id),
    project_id uuid not null,
    union_path ltree not null,
    org_id uuid not null,
    supervisor_id uuid not null,
    kind text not null,
    system_id uuid not null references indicator_systems (id),
    status text not null default 'open',
    total_hundredths int,
    grade text,
    conclusion text,
    finalized_by uuid references users (id),
    finalized_at timestamptz,
    created_at timestamptz not null default now(),
    constraint evaluations_one_per_kind unique (contract_id, kind),
    constraint evaluations_kind_check check (kind in ('midterm', 'final')),
    constraint evaluations_status_check check (status in ('open', 'final')),
    constraint evaluations_grade_check check (grade in ('excellent', 'good', 'pass', 'fail')),
    constraint evaluations_final_check check (
        (status = 'final') = (total_hundredths is not null and grade is not null and conclusion is not null))
);
create index evaluations_union_path_gist on evaluations using gist (union_path);
create index evaluations_supervisor_idx on evaluations (supervisor_id, status);

create table evaluation_sheets (
    id uuid primary key default gen_random_uuid(),
    evaluation_id uuid not null references evaluations (id),
    union_path ltree not null,
    supervisor_id uuid not null,
    evaluator_id uuid not null references users (id),
    evaluator_name text not null,
    status text not null default 'draft',
    evidence text not null default '',
    comment text not null default '',
    total_tenths int not null default 0,
    submitted_at timestamptz,
    constraint evaluation_sheets_one_per_evaluator unique (evaluation_id, evaluator_id),
    constraint evaluation_sheets_status_check check (status in ('draft', 'submitted'))
);

create table evaluation_scores (
    sheet_id uuid not null references evaluation_sheets (id),
    indicator_id uuid not null references indicators (id),
    union_path ltree not null,
    supervisor_id uuid not null,
    score_tenths int not null,
    comment text,
    primary key (sheet_id, indicator_id),
    constraint evaluation_scores_range_check check (score_tenths >= 0)
);

create table evaluation_results (
    evaluation_id uuid not null references evaluations (id),
    indicator_id uuid not null references indicators (id),
    union_path ltree not null,
    org_id uuid not null,
    supervisor_id uuid not null,
    mean_hundredths int not null,
    primary key (evaluation_id, indicator_id)
);

-- A final evaluation, and the sheets behind it, never change. (One function
-- for three tables: each branch reads only its own table's columns.)
create function evaluations_final_is_final() returns trigger
    language plpgsql
    as $$
begin
    if tg_table_name = 'evaluations' then
        if old.status = 'final' then
            raise exception 'a final evaluation does not change' using errcode = 'check_violation',
                constraint = 'evaluations_final';
        end if;
    elsif tg_table_name = 'evaluation_sheets' then
        if old.status = 'submitted' then
            raise exception 'a submitted score sheet does not change' using errcode = 'check_violation',
                constraint = 'evaluations_final';
        end if;
    elsif exists (select 1 from evaluation_sheets s where s.id = old.sheet_id and s.status = 'submitted') then
        raise exception 'a submitted score sheet does not change' using errcode = 'check_violation',
            constraint = 'evaluations_final';
    end if;
    return case tg_op when 'DELETE' then old else new end;
end
$$;
create trigger evaluations_final_is_final before update or delete on evaluations
    for each row execute function evaluations_final_is_final();
create trigger evaluation_sheets_final_is_final before update or delete on evaluation_sheets
    for each row execute function evaluations_final_is_final();
create trigger evaluation_scores_final_is_final before update or delete on evaluation_scores
    for each row execute function evaluations_final_is_final();

-- Payments (资金拨付): one decision per installment, paid or withheld; never
-- twice (the key), never beyond the contract amount (checked under a lock on
-- the contract, so two installments paid at once cannot both slip through).
create table payments (
    id uuid primary key default gen_random_uuid(),
    contract_id uuid not null references contracts (id),
    union_path ltree not null,
    org_id uuid not null,
    supervisor_id uuid not null,
    position smallint not null,
    decision text not null,
    amount_fen bigint not null default 0,
    paid_on date,
    voucher_file_id uuid,
    reason text,
    decided_by uuid not null references users (id),
    decided_at timestamptz not null default now(),
    constraint payments_once unique (contract_id, position),
    constraint payments_installment_fk foreign key (contract_id, position)
        references contract_installments (contract_id, position),
    constraint payments_decision_check check (decision in ('paid', 'withheld')),
    -- The voucher is required of the form; payments recorded before the
    -- platform (and the demo's) have none.
    constraint payments_paid_check check (
        (decision = 'paid' and amount_fen > 0 and paid_on is not null)
        or (decision = 'withheld' and amount_fen = 0 and reason is not null))
);
create index payments_union_path_gist on payments using gist (union_path);

create function payments_within_contract() returns trigger
    language plpgsql security definer
    set search_path = public, pg_temp
    as $$
declare
    contract_amount bigint;
    paid bigint;
begin
    perform pg_advisory_xact_lock(hashtextextended('payments:' || new.contract_id::text, 0));
    select amount_fen into contract_amount from contracts where id = new.contract_id;
    select coalesce(sum(amount_fen), 0) into paid from payments where contract_id = new.contract_id;
    if paid + new.amount_fen > contract_amount then
        raise exception 'payments of contract % would reach % fen, above % fen',
            new.contract_id, paid + new.amount_fen, contract_amount
            using errcode = 'check_violation', constraint = 'payments_within_contract';
    end if;
    return new;
end
$$;
create trigger payments_within_contract
    before insert on payments
    for each row execute function payments_within_contract();

-- Closing (结项): outcomes against targets, grade, lessons.
create table project_closings (
    project_id uuid primary key,
    union_path ltree not null,
    people_served int not null,
    activities_held int not null,
    service_hours int not null,
    score_hundredths int,
    grade text,
    outcomes text not null,
    lessons text not null,
    closed_by uuid not null references users (id),
    closed_at timestamptz not null default now(),
    constraint project_closings_project_fk foreign key (project_id, union_path)
        references projects (id, union_path) on update cascade,
    constraint project_closings_grade_check check (grade in ('excellent', 'good', 'pass', 'fail'))
);

-- At closing every linked need is marked addressed or not, with why.
alter table needs
    add column addressed boolean,
    add column addressed_note text;
grant update (addressed, addressed_note) on needs to niudai_app;

-- Attachments of delivery records go through the one files service.
alter table files drop constraint files_owner_kind_check;
alter table files add constraint files_owner_kind_check
    check (owner_kind in ('project_document', 'application_attachment', 'contract', 'report',
                          'site_visit', 'rectification', 'evaluation', 'payment'));

alter table reports enable row level security;
alter table reports force row level security;
alter table report_versions enable row level security;
alter table report_versions force row level security;
alter table site_visits enable row level security;
alter table site_visits force row level security;
alter table rectifications enable row level security;
alter table rectifications force row level security;
alter table rectification_events enable row level security;
alter table rectification_events force row level security;
alter table evaluations enable row level security;
alter table evaluations force row level security;
alter table evaluation_sheets enable row level security;
alter table evaluation_sheets force row level security;
alter table evaluation_scores enable row level security;
alter table evaluation_scores force row level security;
alter table evaluation_results enable row level security;
alter table evaluation_results force row level security;
alter table payments enable row level security;
alter table payments force row level security;
alter table project_closings enable row level security;
alter table project_closings force row level security;

-- The purchaser's scope, the supervisor and (where it is theirs to see) the
-- organization.
create policy reports_in_scope on reports
    using (union_path <@ actor_scope()) with check (union_path <@ actor_scope());
create policy reports_own_org on reports
    using (org_id = actor_org_id()) with check (org_id = actor_org_id());
create policy reports_supervised on reports
    using (supervisor_id = actor_user_id()) with check (supervisor_id = actor_user_id());
create policy report_versions_in_scope on report_versions for select
    using (union_path <@ actor_scope());
create policy report_versions_own_org on report_versions for select
    using (org_id = actor_org_id());
create policy report_versions_supervised on report_versions for select
    using (supervisor_id = actor_user_id());

create policy site_visits_in_scope on site_visits
    using (union_path <@ actor_scope()) with check (union_path <@ actor_scope());
create policy site_visits_supervised on site_visits
    using (supervisor_id = actor_user_id()) with check (supervisor_id = actor_user_id());

create policy rectifications_in_scope on rectifications
    using (union_path <@ actor_scope()) with check (union_path <@ actor_scope());
create policy rectifications_own_org on rectifications
    using (org_id = actor_org_id()) with check (org_id = actor_org_id());
create policy rectifications_supervised on rectifications
    using (supervisor_id = actor_user_id()) with check (supervisor_id = actor_user_id());
create policy rectification_events_in_scope on rectification_events
    using (union_path <@ actor_scope()) with check (union_path <@ actor_scope());
create policy rectification_events_own_org on rectification_events
    using (org_id = actor_org_id()) with check (org_id = actor_org_id());
create policy rectification_events_supervised on rectification_events
    using (supervisor_id = actor_user_id()) with check (supervisor_id = actor_user_id());

-- The organization sees an evaluation once it is final, and its results;
-- never the sheets.
create policy evaluations_in_scope on evaluations
    using (union_path <@ actor_scope()) with check (union_path <@ actor_scope());
create policy evaluations_supervised on evaluations
    using (supervisor_id = actor_user_id()) with check (supervisor_id = actor_user_id());
create policy evaluations_own_org_final on evaluations for select
    using (org_id = actor_org_id() and status = 'final');
create policy evaluation_sheets_in_scope on evaluation_sheets
    using (union_path <@ actor_scope()) with check (union_path <@ actor_scope());
create policy evaluation_sheets_supervised on evaluation_sheets
    using (supervisor_id = actor_user_id()) with check (supervisor_id = actor_user_id());
create policy evaluation_scores_in_scope on evaluation_scores
    using (union_path <@ actor_scope()) with check (union_path <@ actor_scope());
create policy evaluation_scores_supervised on evaluation_scores
    using (supervisor_id = actor_user_id()) with check (supervisor_id = actor_user_id());
create policy evaluation_results_in_scope on evaluation_results
    using (union_path <@ actor_scope()) with check (union_path <@ actor_scope());
create policy evaluation_results_supervised on evaluation_results
    using (supervisor_id = actor_user_id()) with check (supervisor_id = actor_user_id());
create policy evaluation_results_own_org on evaluation_results for select
    using (org_id = actor_org_id());

create policy payments_in_scope on payments
    using (union_path <@ actor_scope()) with check (union_path <@ actor_scope());
create policy payments_own_org on payments for select
    using (org_id = actor_org_id());
create policy payments_supervised on payments for select
    using (supervisor_id = actor_user_id());

create policy project_closings_in_scope on project_closings
    using (union_path <@ actor_scope()) with check (union_path <@ actor_scope());
create policy project_closings_readers on project_closings for select
    using (exists (select 1 from projects p where p.id = project_id));

-- Files of delivery records: the supervisor reads those of the records it
-- supervises, and adds photos to its site visits (the organization's and the
-- scope's policies of migration 0017 cover the rest).
-- (One function, not a subquery per kind: every read of files plans this
-- policy, a cadre's included, who never gets past `actor_scope() is null`.)
create function file_supervised_by_actor(p_kind text, p_owner uuid) returns boolean
    language plpgsql stable security definer
    set search_path = public, pg_temp
    as $$
begin
    return case p_kind
        when 'contract' then exists (
            select 1 from contracts where id = p_owner and supervisor_id = actor_user_id())
        when 'report' then exists (
            select 1 from reports where id = p_owner and supervisor_id = actor_user_id())
        when 'site_visit' then exists (
            select 1 from site_visits where id = p_owner and supervisor_id = actor_user_id())
        when 'rectification' then exists (
            select 1 from rectifications where id = p_owner and supervisor_id = actor_user_id())
        when 'payment' then exists (
            select 1 from payments where id = p_owner and supervisor_id = actor_user_id())
        else false
    end;
end
$$;
grant execute on function file_supervised_by_actor(text, uuid) to niudai_app;
create policy files_supervised on files for select
    using (actor_scope() is null and actor_user_id() is not null
           and file_supervised_by_actor(owner_kind, owner_id));
create policy files_supervisor_visits on files for insert
    with check (owner_kind = 'site_visit' and org_id is null and exists (
        select 1 from site_visits v where v.id = owner_id and v.supervisor_id = actor_user_id()
                                      and v.union_path = files.union_path));

-- A project moves with its delivery, whoever's action moved it (the
-- organization's first report, the supervisor's acceptance of the last final
-- report): `contracted` → `in_progress` once a report is in or an installment
-- decided; `in_progress` → `final_evaluation` once every contract's final
-- report is accepted. The moves follow from the facts alone, so the function
-- may run for any actor; it records who moved the project.
create function project_delivery_advance(p_project_id uuid, p_actor_id uuid, p_actor_name text)
    returns text
    language plpgsql security definer
    set search_path = public, pg_temp
    as $$
declare
    st text;
begin
    select status into st from projects where id = p_project_id for update;
    if st = 'contracted' and (
        exists (select 1 from reports where project_id = p_project_id
                                         and status in ('submitted', 'returned', 'accepted'))
        or exists (select 1 from payments pm join contracts c on c.id = pm.contract_id
                    where c.project_id = p_project_id)) then
        update projects set status = 'in_progress', updated_at = now(), version = version + 1
         where id = p_project_id;
        insert into project_events (project_id, union_path, from_status, to_status, actor_id, actor_name)
        select id, union_path, 'contracted', 'in_progress', p_actor_id, p_actor_name
          from projects where id = p_project_id;
        st := 'in_progress';
    end if;
    if st = 'in_progress' and not exists (
        select 1 from contracts c
         where c.project_id = p_project_id
           and not exists (select 1 from reports r where r.contract_id = c.id
                                                      and r.kind = 'final' and r.status = 'accepted')) then
        update projects set status = 'final_evaluation', updated_at = now(), version = version + 1
         where id = p_project_id;
        insert into project_events (project_id, union_path, from_status, to_status, actor_id, actor_name)
        select id, union_path, 'in_progress', 'final_evaluation', p_actor_id, p_actor_name
          from projects where id = p_project_id;
        st := 'final_evaluation';
    end if;
    return st;
end
$$;
grant execute on function project_delivery_advance(uuid, uuid, text) to niudai_app;

-- An organization's record of delivered projects: every closed project it
-- held a contract for, with the final evaluation's grade. It belongs to the
-- organization's record, so any union that may read the organization (or an
-- application from it) reads it, whoever the purchaser was. Callers check
-- that first; the function returns nothing else.
create function organization_track_record(p_org_id uuid)
    returns table (project_id uuid, code text, title text, purchaser text, closed_on date,
                   amount_fen bigint, total_hundredths int, grade text)
    language sql stable security definer
    set search_path = public, pg_temp
    as $$
        select p.id, p.code, p.title, n.name, (pc.closed_at at time zone 'Asia/Shanghai')::date,
               c.amount_fen, e.total_hundredths, e.grade
          from contracts c
          join projects p on p.id = c.project_id and p.status = 'closed'
          join unions n on n.id = p.union_id
          join project_closings pc on pc.project_id = p.id
          left join evaluations e on e.contract_id = c.id and e.kind = 'final' and e.status = 'final'
         where c.org_id = p_org_id
         order by pc.closed_at desc
    $$;
grant execute on function organization_track_record(uuid) to niudai_app;

grant select on report_versions to niudai_app;
grant select, insert (contract_id, project_id, union_path, org_id, supervisor_id, kind,
                      period_starts_on, period_ends_on, due_on)
    on reports to niudai_app;
grant update (status, people_served, activities_held, service_hours, volunteer_hours,
              personnel_fen, activities_fen, publicity_fen, transport_fen, office_fen,
              experts_fen, management_fen, evaluation_fen, narrative, problems,
              submitted_by, reviewed_at, reviewed_by, review_comment, updated_at)
    on reports to niudai_app;
grant select, insert (contract_id, union_path, org_id, supervisor_id, visited_on, findings,
                      created_by, created_by_name)
    on site_visits to niudai_app;
grant select, insert (contract_id, project_id, union_path, org_id, supervisor_id, problem,
                      requirement, deadline, issued_by)
    on rectifications to niudai_app;
grant update (status, answer, closed_at) on rectifications to niudai_app;
grant select, insert (rectification_id, union_path, org_id, supervisor_id, kind, body, actor_id,
                      actor_name)
    on rectification_events to niudai_app;
grant select, insert (contract_id, project_id, union_path, org_id, supervisor_id, kind, system_id)
    on evaluations to niudai_app;
grant update (status, total_hundredths, grade, conclusion, finalized_by, finalized_at)
    on evaluations to niudai_app;
grant select, insert (evaluation_id, union_path, supervisor_id, evaluator_id, evaluator_name)
    on evaluation_sheets to niudai_app;
grant update (status, evidence, comment, total_tenths, submitted_at) on evaluation_sheets to niudai_app;
grant select, insert (sheet_id, indicator_id, union_path, supervisor_id, score_tenths, comment),
      update (score_tenths, comment), delete
    on evaluation_scores to niudai_app;
grant select, insert (evaluation_id, indicator_id, union_path, org_id, supervisor_id, mean_hundredths)
    on evaluation_results to niudai_app;
grant select, insert (id, contract_id, union_path, org_id, supervisor_id, position, decision,
                      amount_fen, paid_on, voucher_file_id, reason, decided_by)
    on payments to niudai_app;
grant select, insert (project_id, union_path, people_served, activities_held, service_hours,
                      score_hundredths, grade, outcomes, lessons, closed_by)
    on project_closings to niudai_app;
