-- Scale seed, step 5: purchased-service projects over the organizations of
-- steps 2-4, deterministic by project number i (0 <= i < niudai.seed_projects):
--
--   * the purchasing union is the home union of an organization picked by i, so
--     that its applicants (the organizations homed at the same union) are in scope;
--   * the status by i % 100: draft 3, pending approval 2, approved 1, cancelled 2,
--     open 12, reviewing 15, awarded 5, contracted 20, in progress 20, final
--     evaluation 10, closed 10 — with a creation and a current-state event;
--   * 2 to 5 applications (3.5 on average) to every project past approval, the
--     first one awarded where the project is awarded or later, with a contract,
--     three installments and an evaluator as supervisor;
--   * the installments decided so far: the first of every contract paid ten days
--     after signing, the second of projects in their final evaluation or closed,
--     the third of closed ones (withheld for every tenth of them);
--   * three submitted reviews (by generated reviewer accounts of the project's
--     province, 14 scores each) of the first application of every project under
--     review or later: about 3,000,000 scores for 100,000 projects. The demo's
--     `reviewer-1` takes every 10th review in 广东, so that its score forms have
--     work at scale.
--
-- Codes are S + the year + the number (S2026-000042), apart from real codes.
-- Like step 3 it runs with session_replication_role = replica (no per-row
-- triggers or foreign-key checks: every derived column is written here).

select set_config('niudai.seed_saved_replication_role', current_setting('session_replication_role'), true);
set local session_replication_role = replica;
set local work_mem = '256MB';
set local jit = off;

create temporary table seed_pick on commit drop as
select o.id as org_id, o.union_id, o.union_path,
       row_number() over (partition by o.union_id order by o.id) - 1 as n,
       count(*) over (partition by o.union_id) as in_union,
       row_number() over (order by o.id) - 1 as g
  from organizations o
 where o.status = 'active' and not o.serious_violation;
create index on seed_pick (g);
create index on seed_pick (union_id, n);
analyze seed_pick;

-- Five reviewers and two evaluators per province, who cannot log in (no hash
-- matches '!'), plus the demo's accounts where they exist.
insert into users (union_id, union_path, username, display_name, role, password_hash)
select p.id, p.path, 'scale-' || r.role || '-' || p.division_code || '-' || k,
       case r.role when 'reviewer' then '评审专家' else '第三方评估机构' end || p.division_code || '-' || k,
       r.role, '!'
  from unions p
  cross join (values ('reviewer', 5), ('evaluator', 2)) r (role, per)
  cross join generate_series(1, 5) k
 where p.level = 'provincial' and k <= r.per
on conflict (username) do nothing;

create temporary table seed_experts on commit drop as
select u.id, u.role, subltree(u.union_path, 0, 2) as province,
       row_number() over (partition by u.role, subltree(u.union_path, 0, 2) order by u.username) - 1 as k
  from users u where u.username like 'scale-%';
create index on seed_experts (role, province, k);

create temporary table seed_projects on commit drop as
with settings as (
    select current_setting('niudai.seed_projects')::bigint as total,
           (select count(*) from seed_pick) as orgs,
           current_date as today
),
numbered as (
    select i, (i * 7919) % greatest(s.orgs, 1) as pick, i % 100 as band, s.today
      from settings s, generate_series(0, (select total from settings) - 1) i
)
select i, md5('niudai-seed-project:' || i)::uuid as id, sp.union_id, sp.union_path,
       case
           when band < 3 then 'draft' when band < 5 then 'pending_approval'
           when band < 6 then 'approved' when band < 8 then 'cancelled'
           when band < 20 then 'open' when band < 35 then 'reviewing'
           when band < 40 then 'awarded' when band < 60 then 'contracted'
           when band < 80 then 'in_progress' when band < 90 then 'final_evaluation'
           else 'closed'
       end as status,
       -- Open calls close in the coming weeks; the rest closed before today.
       case when band between 8 and 19 then today + (7 + i % 40)::int
            when band < 8 then today + (30 + i % 60)::int
            else today - (10 + i % 700)::int end as closes_on,
       2 + i % 4 as applicants
  from numbered n join seed_pick sp on sp.g = n.pick;
create index on seed_projects (id);

insert into projects (id, union_id, union_path, code, title, domain, description, target_group,
                      target_people, target_activities, target_service_hours, budget_fen,
                      union_funds_fen, fiscal_funds_fen, eligible_types, min_rating, min_years,
                      apply_opens_on, apply_closes_on, service_starts_on, service_ends_on,
                      review_system_id, midterm_system_id, performance_system_id, status,
                      cancel_reason, created_by, created_at, updated_at)
select sp.id, sp.union_id, sp.union_path,
       'S' || to_char(current_date, 'YYYY') || '-' || lpad(sp.i::text, 6, '0'),
       (array['新就业形态劳动者关爱服务', '职工法律援助服务', '女职工权益维护服务', '产业工人技能提升',
              '职工心理健康服务', '户外劳动者驿站服务', '困难职工帮扶服务', '职工子女托管服务'])[1 + sp.i % 8]
           || '（' || sp.i || '）',
       (array['outdoor_workers', 'legal_aid', 'democratic_rights', 'skills_training',
              'psychological_support', 'outdoor_workers', 'social_security', 'culture'])[1 + sp.i % 8],
       '由社会组织提供专业服务，工会全程监管、第三方评估。', '本地区一线职工',
       500 + sp.i % 2000, 12 + sp.i % 36, 300 + sp.i % 900,
       budget, budget * 7 / 10, budget - budget * 7 / 10,
       '{social_service_agency,social_group,foundation,unregistered}', null, 0,
       sp.closes_on - 30, sp.closes_on, sp.closes_on + 20, sp.closes_on + 385,
       (select s.id from indicator_systems s join unions u on u.id = s.union_id
         where u.level = 'national' and s.kind = 'approval_review' and s.status = 'published'),
       (select s.id from indicator_systems s join unions u on u.id = s.union_id
         where u.level = 'national' and s.kind = 'midterm' and s.status = 'published'),
       (select s.id from indicator_systems s join unions u on u.id = s.union_id
         where u.level = 'national' and s.kind = 'performance' and s.status = 'published'),
       sp.status, case when sp.status = 'cancelled' then '预算调整' end,
       (select id from users where username in ('gd-admin', 'national-admin') or role = 'admin' order by username = 'national-admin' desc limit 1),
       sp.closes_on - 60 + interval '9 hours' + (sp.i % 3600) * interval '1 second',
       sp.closes_on - 60 + interval '9 hours'
  from seed_projects sp, lateral (select (100000 + (sp.i * 7) % 900000) * 100 as budget) b
on conflict do nothing;

insert into project_events (project_id, union_path, from_status, to_status, actor_name, at)
select sp.id, sp.union_path, null, 'draft', '规模数据', sp.closes_on - 60 from seed_projects sp
union all
select sp.id, sp.union_path, 'draft', sp.status, '规模数据', sp.closes_on - 59
  from seed_projects sp where sp.status <> 'draft';

create temporary table seed_applications on commit drop as
select md5('niudai-seed-application:' || sp.i || ':' || k)::uuid as id, sp.id as project_id,
       sp.union_path, pick.org_id, sp.status as project_status, k, sp.i,
       (100000 + (sp.i * 7) % 900000) * 100 * 8 / 10 as requested
  from seed_projects sp
  cross join generate_series(0, 4) k
  join seed_pick pick on pick.union_id = sp.union_id and pick.n = (sp.i + k) % pick.in_union
 where k < sp.applicants and k < pick.in_union
   and sp.status not in ('draft', 'pending_approval', 'approved', 'cancelled');

insert into applications (id, project_id, union_path, org_id, status, proposal, needs_analysis,
                          objectives, activities_plan, team, performance_targets, requested_fen,
                          personnel_fen, activities_fen, evaluation_fen, submitted_at, decided_at)
select a.id, a.project_id, a.union_path, a.org_id,
       case when a.project_status in ('open', 'reviewing') then 'submitted'
            when a.k = 0 then 'awarded' else 'rejected' end,
       '围绕项目目标开展驻点服务、个案咨询和小组活动。', '前期走访职工，诉求集中在权益和心理支持。',
       '一年服务 1000 人次。', '按季度推进。', '社工 4 名，志愿者 20 名。', '满意度不低于 90%。',
       a.requested, a.requested * 6 / 10, a.requested * 3 / 10,
       a.requested - a.requested * 6 / 10 - a.requested * 3 / 10,
       now() - interval '40 days',
       case when a.project_status not in ('open', 'reviewing') then now() - interval '20 days' end
  from seed_applications a
on conflict do nothing;

-- Three reviews of the first application of every project under review or later.
create temporary table seed_reviews on commit drop as
select md5('niudai-seed-review:' || a.i || ':' || r)::uuid as id, a.id as application_id,
       a.org_id, a.project_id, a.union_path,
       coalesce(case when r = 0 and a.i % 10 = 0 and subltree(a.union_path, 0, 2) =
                          (select subltree(path, 0, 2) from unions where division_code = '440000' and level = 'provincial')
                     then (select id from users where username = 'reviewer-1') end,
                e.id) as reviewer_id,
       a.i, r
  from seed_applications a
  cross join generate_series(0, 2) r
  join seed_experts e on e.role = 'reviewer' and e.province = subltree(a.union_path, 0, 2) and e.k = (a.i + r) % 5
 where a.k = 0 and a.project_status <> 'open';

insert into review_assignments (id, application_id, org_id, project_id, union_path, reviewer_id,
                                status, declared_at, submitted_at, created_at)
select id, application_id, org_id, project_id, union_path, reviewer_id,
       -- reviewer-1's share stays open to score at scale; the rest is submitted
       case when reviewer_id = (select id from users where username = 'reviewer-1') then 'scoring' else 'submitted' end,
       now() - interval '30 days', now() - interval '25 days', now() - interval '31 days'
  from seed_reviews
on conflict do nothing;

insert into review_scores (assignment_id, union_path, reviewer_id, indicator_id, score_tenths)
select r.id, r.union_path, r.reviewer_id, i.id, (i.weight * (60 + (r.i * 7 + r.r * 13 + length(i.code)) % 40)) / 10
  from seed_reviews r
  join projects p on p.id = r.project_id
  join indicators i on i.system_id = p.review_system_id
 where not exists (select 1 from indicators c where c.parent_id = i.id)
on conflict do nothing;

insert into contracts (id, project_id, union_path, application_id, org_id, amount_fen,
                       service_starts_on, service_ends_on, supervisor_id, report_cycle, signed_on)
select md5('niudai-seed-contract:' || a.i)::uuid, a.project_id, a.union_path, a.id, a.org_id,
       a.requested, p.service_starts_on, p.service_ends_on, e.id,
       case when a.i % 2 = 0 then 'quarterly' else 'monthly' end, least(current_date, p.apply_closes_on + 15)
  from seed_applications a
  join projects p on p.id = a.project_id
  join seed_experts e on e.role = 'evaluator' and e.province = subltree(a.union_path, 0, 2) and e.k = a.i % 2
 where a.k = 0 and a.project_status in ('contracted', 'in_progress', 'final_evaluation', 'closed')
on conflict do nothing;

insert into contract_installments (contract_id, union_path, position, percent, condition)
select c.id, c.union_path, v.position, v.percent, v.condition
  from contracts c
  cross join (values (1::smallint, 40::smallint, 'on_signing'), (2::smallint, 30::smallint, 'after_midterm'),
                     (3::smallint, 30::smallint, 'after_final')) v (position, percent, condition)
 where c.id in (select md5('niudai-seed-contract:' || i)::uuid from seed_projects)
on conflict do nothing;

insert into payments (contract_id, union_path, org_id, supervisor_id, position, decision, amount_fen,
                      paid_on, reason, decided_by, decided_at)
select c.id, c.union_path, c.org_id, c.supervisor_id, i.position,
       case when d.withheld then 'withheld' else 'paid' end,
       case when d.withheld then 0 else c.amount_fen * i.percent / 100 end,
       case when not d.withheld then d.decided_on end,
       case when d.withheld then '终期评估不合格' end,
       p.created_by, d.decided_on + interval '10 hours'
  from seed_projects sp
  join projects p on p.id = sp.id
  join contracts c on c.project_id = sp.id
  join contract_installments i on i.contract_id = c.id
  cross join lateral (select i.position = 3 and sp.i % 10 = 3 as withheld,
                             least(c.signed_on + 10 + 150 * (i.position - 1), current_date) as decided_on) d
 where i.position <= case sp.status when 'closed' then 3 when 'final_evaluation' then 2 else 1 end
on conflict do nothing;

select set_config('session_replication_role', current_setting('niudai.seed_saved_replication_role'), true);

analyze projects;
analyze project_events;
analyze applications;
analyze review_assignments;
analyze review_scores;
analyze contracts;
analyze contract_installments;
analyze payments;
