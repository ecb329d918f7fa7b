-- Scale seed, pilots and typical experiences (run right after the union tree):
-- deterministic by union id.
--
--   * in every province without an active pilot, its first two municipal unions
--     are its pilots (the opinion's 一至两个), started in 2025, each with six
--     milestones a quarter apart (the past ones done but for one in three, which
--     is overdue) and two progress notes;
--   * every province has three published typical experiences (the demo's
--     featured ones stay the featured ones).
--
-- Reads no settings. Runs with the triggers on (they fill `union_path`). Idempotent:
-- a province with an active pilot is skipped, and so is a union with experiences.

insert into pilots (union_id, title, goals, starts_on, planned_end_on)
select c.id, c.name || '劳动关系领域社会组织工作试点',
       '建立联系服务、培育孵化和购买服务的工作机制，形成可推广的经验。',
       date '2025-03-01', date '2027-02-28'
  from unions p
  cross join lateral (select id, name from unions c
                       where c.parent_id = p.id and c.level = 'municipal'
                       order by c.id limit 2) c
 where p.level = 'provincial'
   and not exists (select 1 from pilots x
                    where x.province = p.path::text and x.status = 'active')
 order by c.id;

insert into pilot_milestones (pilot_id, union_path, title, due_on, owner_name, status, done_on)
select x.id, x.union_path,
       (array['制定试点方案', '摸清社会组织底数', '建立联系服务机制', '开展购买服务项目',
              '中期总结评估', '形成经验材料'])[m.m],
       d.due,
       '社会联络部',
       case when d.due >= current_date then 'planned'
            when (hashint8extended(x.union_id * 10 + m.m, 301) & 9223372036854775807) % 3 = 0
                 then 'in_progress'
            else 'done' end,
       case when d.due < current_date
             and (hashint8extended(x.union_id * 10 + m.m, 301) & 9223372036854775807) % 3 <> 0
            then d.due end
  from pilots x
 cross join generate_series(1, 6) as m (m)
 cross join lateral (select (x.starts_on + (m.m * 3 || ' months')::interval)::date as due) d
 where not exists (select 1 from pilot_milestones y where y.pilot_id = x.id)
 order by x.id, m.m;

insert into pilot_notes (pilot_id, union_path, body, author_name, created_at)
select x.id, x.union_path,
       (array['试点方案已经市总工会党组会议审议通过。',
              '已走访辖区内社会组织，建立联系台账。'])[n.n],
       '社会联络部', x.starts_on + n.n * 60
  from pilots x
 cross join generate_series(1, 2) as n (n)
 where not exists (select 1 from pilot_notes y where y.pilot_id = x.id)
 order by x.id, n.n;

insert into experiences (union_id, union_name, kind, title, summary, body, status,
                         submitted_at, published_at)
select p.id, p.name,
       case when k.k = 3 then 'brand_project' else 'experience' end,
       p.name || (array['联系服务社会组织的做法', '培育孵化社会组织的做法',
                        '职工服务品牌项目'])[k.k],
       '围绕职工需求，工会联系、培育、引导社会组织参与职工服务的做法与成效。',
       '## 主要做法' || chr(10) || chr(10) || '- 建立联系台账' || chr(10)
           || '- 以项目为纽带购买服务' || chr(10) || chr(10) || '## 成效' || chr(10) || chr(10)
           || '服务职工人次逐年增长。',
       'published', timestamptz '2025-06-01', timestamptz '2025-07-01'
  from unions p
 cross join generate_series(1, 3) as k (k)
 where p.level = 'provincial'
   and not exists (select 1 from experiences e where e.union_id = p.id)
 order by p.id, k.k;
