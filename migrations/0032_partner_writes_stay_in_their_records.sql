-- What the row-level-security property test (tests/app/rls_property) found,
-- mended:
--
-- 1. Accounts without a scope (organizations, reviewers, supervisors) wrote
--    under policies that checked only "this row names me": an organization
--    could apply to any project in any state or province (and then read it),
--    a reviewer could assign itself to any application, a supervisor could
--    record a visit or issue an order on someone else's contract, and an
--    organization could file attachments and notifications under any union's
--    path. Now they read and update what names them, and insert only rows
--    that agree with a record they hold (the call they may apply to, their
--    own contract, report, rectification or evaluation), copied columns
--    included.
-- 2. The audit log after union moves: migration 0028 let a province that took
--    in a moved union read entries of a former child that had left it before,
--    and cost a union's own cadres the entries written before an ancestor
--    moved. An entry's path names every union that held the record when it
--    happened (paths are built from ids), so it is read by any of those, and
--    by whoever holds the entry's union now. `union_moves` served only the
--    old rule and goes.
-- 3. A published indicator system's guard now lets a move of its union
--    through, as the other guards of final records do since 0028.

-- 1. Writes by accounts without a scope ------------------------------------

drop policy applications_own on applications;
create policy applications_own_read on applications for select
    using (org_id = (select actor_org_id()));
create policy applications_own_update on applications for update
    using (org_id = (select actor_org_id()))
    with check (org_id = (select actor_org_id()));
-- An application is made to an open call whose union holds the organization.
create policy applications_own_insert on applications for insert
    with check (
        org_id = (select actor_org_id())
        and exists (select 1 from projects p
                      join organizations o on o.id = (select actor_org_id())
                     where p.id = applications.project_id and p.status = 'open'
                       and o.union_path <@ p.union_path));

drop policy review_assignments_own on review_assignments;
create policy review_assignments_own_read on review_assignments for select
    using (reviewer_id = (select actor_user_id()));
create policy review_assignments_own_update on review_assignments for update
    using (reviewer_id = (select actor_user_id()))
    with check (reviewer_id = (select actor_user_id()));

-- A reviewer records a link with an organization it was assigned to review.
alter policy reviewer_links_own on reviewer_links
    using (reviewer_id = (select actor_user_id()))
    with check (
        reviewer_id = (select actor_user_id())
        and exists (select 1 from review_assignments ra
                     where ra.reviewer_id = (select actor_user_id())
                       and ra.org_id = reviewer_links.org_id
                       and ra.union_path = reviewer_links.union_path));

drop policy notifications_own on notifications;
create policy notifications_own_read on notifications for select
    using (org_id = (select actor_org_id()));
create policy notifications_own_update on notifications for update
    using (org_id = (select actor_org_id()))
    with check (org_id = (select actor_org_id()));
-- The notice of receipt an organization gets when it submits an application.
create policy notifications_own_insert on notifications for insert
    with check (
        org_id = (select actor_org_id())
        and exists (select 1 from applications a
                     where a.org_id = (select actor_org_id())
                       and a.project_id = notifications.project_id
                       and a.union_path = notifications.union_path));

-- Whether a contract with these copied columns is one the actor supervises.
create function contract_supervised_as(p_contract uuid, p_path ltree, p_org uuid) returns boolean
    language sql stable
    set search_path = public, pg_temp
    as $$
        select exists (select 1 from contracts c
                        where c.id = p_contract and c.supervisor_id = actor_user_id()
                          and c.union_path = p_path and c.org_id = p_org)
    $$;
grant execute on function contract_supervised_as(uuid, ltree, uuid) to niudai_app;

alter policy site_visits_supervised on site_visits
    using (supervisor_id = (select actor_user_id()))
    with check (supervisor_id = (select actor_user_id())
                and contract_supervised_as(contract_id, union_path, org_id));

alter policy reports_supervised on reports
    using (supervisor_id = (select actor_user_id()))
    with check (supervisor_id = (select actor_user_id())
                and contract_supervised_as(contract_id, union_path, org_id));

drop policy reports_own_org on reports;
create policy reports_own_org_read on reports for select
    using (org_id = (select actor_org_id()));
create policy reports_own_org_update on reports for update
    using (org_id = (select actor_org_id()))
    with check (org_id = (select actor_org_id()));

alter policy rectifications_supervised on rectifications
    using (supervisor_id = (select actor_user_id()))
    with check (supervisor_id = (select actor_user_id())
                and contract_supervised_as(contract_id, union_path, org_id));

drop policy rectifications_own_org on rectifications;
create policy rectifications_own_org_read on rectifications for select
    using (org_id = (select actor_org_id()));
create policy rectifications_own_org_update on rectifications for update
    using (org_id = (select actor_org_id()))
    with check (org_id = (select actor_org_id()));

alter policy rectification_events_supervised on rectification_events
    using (supervisor_id = (select actor_user_id()))
    with check (
        supervisor_id = (select actor_user_id())
        and exists (select 1 from rectifications r
                     where r.id = rectification_events.rectification_id
                       and r.supervisor_id = (select actor_user_id())
                       and r.union_path = rectification_events.union_path
                       and r.org_id = rectification_events.org_id));

alter policy rectification_events_own_org on rectification_events
    using (org_id = (select actor_org_id()))
    with check (
        org_id = (select actor_org_id())
        and exists (select 1 from rectifications r
                     where r.id = rectification_events.rectification_id
                       and r.org_id = (select actor_org_id())
                       and r.union_path = rectification_events.union_path
                       and r.supervisor_id is not distinct from rectification_events.supervisor_id));

alter policy evaluations_supervised on evaluations
    using (supervisor_id = (select actor_user_id()))
    with check (supervisor_id = (select actor_user_id())
                and contract_supervised_as(contract_id, union_path, org_id));

alter policy evaluation_sheets_supervised on evaluation_sheets
    using (supervisor_id = (select actor_user_id()))
    with check (
        supervisor_id = (select actor_user_id())
        and exists (select 1 from evaluations e
                     where e.id = evaluation_sheets.evaluation_id
                       and e.supervisor_id = (select actor_user_id())
                       and e.union_path = evaluation_sheets.union_path));

alter policy evaluation_scores_supervised on evaluation_scores
    using (supervisor_id = (select actor_user_id()))
    with check (
        supervisor_id = (select actor_user_id())
        and exists (select 1 from evaluation_sheets s
                     where s.id = evaluation_scores.sheet_id
                       and s.supervisor_id = (select actor_user_id())
                       and s.union_path = evaluation_scores.union_path));

-- Results are written when staff make an evaluation final.
drop policy evaluation_results_supervised on evaluation_results;
create policy evaluation_results_supervised_read on evaluation_results for select
    using (supervisor_id = (select actor_user_id()));

-- An organization files attachments to its own application, report or
-- rectification answer, under that record's union.
create function file_owner_is_actors_org(p_kind text, p_owner uuid, p_path ltree) returns boolean
    language sql stable
    set search_path = public, pg_temp
    as $$
        select case p_kind
            when 'application_attachment' then exists (
                select 1 from applications a
                 where a.id = p_owner and a.org_id = actor_org_id() and a.union_path = p_path)
            when 'report' then exists (
                select 1 from reports r
                 where r.id = p_owner and r.org_id = actor_org_id() and r.union_path = p_path)
            when 'rectification' then exists (
                select 1 from rectifications r
                 where r.id = p_owner and r.org_id = actor_org_id() and r.union_path = p_path)
            else false
        end
    $$;
grant execute on function file_owner_is_actors_org(text, uuid, ltree) to niudai_app;

alter policy files_own_org on files
    using (org_id = (select actor_org_id()))
    with check (org_id = (select actor_org_id())
                and file_owner_is_actors_org(owner_kind, owner_id, union_path));

-- 2. The audit log after moves ----------------------------------------------

alter policy audit_log_read on audit_log
    using (union_path ~ ('*.' || subpath((select actor_scope()), -1)::text || '.*')::lquery
           or (union_path is null and nlevel((select actor_scope())) = 1)
           or union_id in (select u.id from unions u where u.path <@ (select actor_scope())));

create index audit_log_union_idx on audit_log (union_id);

create or replace function unions_after_move() returns trigger
    language plpgsql security definer
    set search_path = public, pg_temp
    as $$
declare
    copy regclass;
begin
    update unions
       set path = new.path || subpath(path, nlevel(old.path))
     where path <@ old.path and id <> new.id;
    for copy in select union_path_copies() loop
        execute format(
            'update %s set union_path = case when union_path = $2 then $1
                                             else $1 || subpath(union_path, nlevel($2)) end
              where union_path <@ $2',
            copy)
            using new.path, old.path;
    end loop;
    return null;
end
$$;

drop table union_moves;

-- 3. Published indicator systems move with their union ----------------------

create or replace function indicator_systems_frozen() returns trigger
    language plpgsql
    as $$
begin
    if only_union_path_changed(to_jsonb(old), to_jsonb(new)) then
        return new;
    end if;
    if old.status <> 'draft' and not (old.status = 'published' and new.status = 'superseded'
           and (new.name, new.kind, new.excellent_min, new.good_min, new.pass_min, new.union_id)
               is not distinct from (old.name, old.kind, old.excellent_min, old.good_min, old.pass_min, old.union_id)) then
        raise exception 'a published indicator system is never changed; edit it as a new version'
            using errcode = 'check_violation', constraint = 'indicator_systems_published_frozen';
    end if;
    return new;
end
$$;
