-- The report lists and report pages read reports joined to their projects,
-- fifty rows at a time. A policy calling actor_scope() and its kin reads and
-- parses the setting again for every row; written as a scalar subquery it is
-- an init plan, read once per query. Same rules, fewer calls (some 10 % of the
-- report review list's time).

alter policy reports_in_scope on reports
    using (union_path <@ (select actor_scope()))
    with check (union_path <@ (select actor_scope()));
alter policy reports_own_org on reports
    using (org_id = (select actor_org_id()))
    with check (org_id = (select actor_org_id()));
alter policy reports_supervised on reports
    using (supervisor_id = (select actor_user_id()))
    with check (supervisor_id = (select actor_user_id()));

alter policy projects_in_scope on projects
    using (union_path <@ (select actor_scope()))
    with check (union_path <@ (select actor_scope()));
alter policy projects_partners on projects
    using ((select actor_scope()) is null and project_seen_by_partner(id, status, union_path));
