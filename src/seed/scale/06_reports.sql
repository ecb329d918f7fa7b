-- Scale seed, step 6: the reports of the contracts of step 5, niudai.seed_reports
-- of them spread evenly over the contracts (each contract's service period cut
-- into that many equal periods: the middle one is the mid-term report, the
-- last the final one), deterministic by contract number j and report number k.
-- Their state follows the project's: all due on a contract just signed; on a
-- project under way those due more than 30 days ago are accepted, the last
-- month's submitted, overdue or returned in turn, the later ones due; all
-- accepted on a project in its final evaluation or closed. Every report that
-- was submitted has its version. Triggers are off (replica), as in step 5.

select set_config('niudai.seed_saved_replication_role', current_setting('session_replication_role'), true);
set local session_replication_role = replica;

create temporary table seed_contracts on commit drop as
select c.id, c.project_id, c.union_path, c.org_id, c.supervisor_id,
       c.service_starts_on as starts, c.service_ends_on as ends, p.status as project_status,
       a.personnel_fen, a.activities_fen,
       row_number() over (order by c.id) - 1 as j, count(*) over () as total
  from contracts c
  join projects p on p.id = c.project_id
  join applications a on a.id = c.application_id
 where c.id in (select md5('niudai-seed-contract:' || i)::uuid from seed_projects);

create temporary table seed_reports on commit drop as
select md5('niudai-seed-report:' || c.j || ':' || k)::uuid as id, c.id as contract_id,
       c.project_id, c.union_path, c.org_id, c.supervisor_id, c.project_status,
       c.personnel_fen, c.activities_fen, c.starts, c.j, k, n.n,
       c.starts + ((c.ends - c.starts + 1) * k / n.n)::int as period_starts_on,
       c.starts + ((c.ends - c.starts + 1) * (k + 1) / n.n)::int - 1 as period_ends_on,
       c.starts + ((c.ends - c.starts + 1) * (k + 1) / n.n)::int - 1
           + case when k = n.n - 1 then 15 else 10 end as due_on
  from seed_contracts c
  cross join lateral (
      select greatest(current_setting('niudai.seed_reports')::bigint / c.total
                      + case when c.j < current_setting('niudai.seed_reports')::bigint % c.total then 1 else 0 end,
                      2) as n) n
  cross join lateral generate_series(0, n.n - 1) k;

insert into reports (id, contract_id, project_id, union_path, org_id, supervisor_id, kind,
                     period_starts_on, period_ends_on, due_on, status, people_served,
                     activities_held, service_hours, volunteer_hours, personnel_fen,
                     activities_fen, narrative, problems, version, submitted_at, reviewed_at,
                     review_comment, created_at, updated_at)
select r.id, r.contract_id, r.project_id, r.union_path, r.org_id, r.supervisor_id,
       case when r.k = r.n - 1 then 'final' when r.k = r.n / 2 - 1 then 'midterm' else 'periodic' end,
       r.period_starts_on, r.period_ends_on, r.due_on, st.status,
       case when w.written then 20 + (r.j + r.k) % 80 else 0 end,
       case when w.written then 1 + (r.j + r.k) % 4 else 0 end,
       case when w.written then 10 + (r.j * 3 + r.k) % 60 else 0 end,
       case when w.written then (r.j + r.k * 7) % 30 else 0 end,
       case when w.written then r.personnel_fen / (r.n + 1) else 0 end,
       case when w.written then r.activities_fen / (r.n + 1) else 0 end,
       case when w.written then '本期驻点服务、个案咨询和主题活动按计划开展。' else '' end,
       '',
       case when w.written then 1 else 0 end,
       case when w.written then r.due_on - 2 + interval '10 hours' end,
       case when st.status in ('accepted', 'returned') then r.due_on + 5 + interval '15 hours' end,
       case when st.status = 'returned' then '请补充活动照片和签到表。' end,
       r.starts - 5 + interval '9 hours',
       case when w.written then r.due_on - 2 else r.starts - 5 end + interval '10 hours'
  from seed_reports r
  cross join lateral (
      select case r.project_status
                 when 'contracted' then 'due'
                 when 'in_progress' then
                     case when r.due_on < current_date - 30 then 'accepted'
                          when r.due_on < current_date
                              then (array['submitted', 'due', 'returned'])[1 + ((r.j + r.k) % 3)::int]
                          else 'due' end
                 else 'accepted' end as status) st
  cross join lateral (select st.status <> 'due' as written) w
on conflict do nothing;

insert into report_versions (report_id, version, union_path, org_id, supervisor_id,
                             people_served, activities_held, service_hours, volunteer_hours,
                             personnel_fen, activities_fen, publicity_fen, transport_fen,
                             office_fen, experts_fen, management_fen, evaluation_fen,
                             narrative, problems, submitted_at, outcome, review_comment, reviewed_at)
select id, 1, union_path, org_id, supervisor_id, people_served, activities_held, service_hours,
       volunteer_hours, personnel_fen, activities_fen, publicity_fen, transport_fen, office_fen,
       experts_fen, management_fen, evaluation_fen, narrative, problems, submitted_at,
       case when status in ('accepted', 'returned') then status end, review_comment, reviewed_at
  from reports
 where id in (select id from seed_reports) and version = 1
on conflict do nothing;

select set_config('session_replication_role', current_setting('niudai.seed_saved_replication_role'), true);

analyze reports;
analyze report_versions;
