-- Scale seed, partners and contact meetings (run after the reports, step 6):
-- deterministic by union id:
--
--   * three partners at every municipal and county union (about 10,000), of
--     kinds and contributions chosen by hash; one in five co-funds one of its
--     union's projects;
--   * six meetings at every municipal and county union (about 20,000) over
--     2025 and 2026, held when their day has passed, planned otherwise (one
--     in fifty cancelled); one in four invites three organizations of its
--     union, which answered by hash (attendance is left to the cadres, whose
--     recording writes the organizations' contacts).
--
-- Reads no settings. Runs with the triggers on (they fill `union_path`).
-- Idempotent: a union with partners (or meetings) already is skipped.

insert into partners (union_id, name, kind, brings, contact_name)
select u.id,
       u.name || (array['职工关爱基金会', '日报社', '爱心企业', '律师事务所', '职业技术学院',
                         '团委', '志愿服务联合会'])[1 + (h.h % 7)::int] || k.k,
       (array['foundation', 'media', 'company', 'law_firm', 'university',
              'mass_organization', 'other'])[1 + (h.h % 7)::int],
       case (h.h / 7) % 5
            when 0 then '{funds}'::text[]
            when 1 then '{funds,volunteers}'::text[]
            when 2 then '{publicity}'::text[]
            when 3 then '{expertise,volunteers}'::text[]
            else '{venues,funds}'::text[] end,
       '联络人'
  from unions u
 cross join generate_series(1, 3) as k (k)
 cross join lateral (select hashint8extended(u.id * 10 + k.k, 1001) & 9223372036854775807 as h) h
 where u.level in ('municipal', 'county')
   and not exists (select 1 from partners p where p.union_id = u.id)
 order by u.id, k.k;

insert into partner_projects (partner_id, project_id, union_path, partner_name, amount_fen)
select p.id, pr.id, pr.union_path, p.name,
       (10000 + (hashint8extended(hashtext(p.id::text), 1002) & 9223372036854775807) % 500000) * 100
  from partners p
  join lateral (select id, union_path from projects where union_id = p.union_id
                 order by id limit 1) pr on true
 where (hashint8extended(hashtext(p.id::text), 1003) & 9223372036854775807) % 5 = 0
   and not exists (select 1 from partner_projects l where l.partner_id = p.id)
 order by p.id;

create temporary table seed_meetings on commit drop as
select u.id as union_id, k.k,
       date '2025-01-01' + ((h.h % 700)::int) as held_on,
       h.h
  from unions u
 cross join generate_series(1, 6) as k (k)
 cross join lateral (select hashint8extended(u.id * 10 + k.k, 1004) & 9223372036854775807 as h) h
 where u.level in ('municipal', 'county')
   and not exists (select 1 from meetings m where m.union_id = u.id);

insert into meetings (union_id, kind, title, held_on, place, agenda, minutes, status)
select s.union_id,
       case when s.k % 3 = 0 then 'regular' else 'contact' end,
       u.name || extract(year from s.held_on)::int || '年第' || s.k
           || case when s.k % 3 = 0 then '次工作例会' else '次社会组织联系会议' end,
       s.held_on,
       u.name || '会议室',
       '通报购买服务项目进展；对接职工服务需求；交流社会组织组建工会工作。',
       case when s.held_on < current_date and s.h % 50 <> 0 then '会议听取了各社会组织工作汇报。' end,
       case when s.h % 50 = 0 then 'cancelled'
            when s.held_on < current_date then 'held'
            else 'planned' end
  from seed_meetings s
  join unions u on u.id = s.union_id
 order by s.union_id, s.k;

insert into meeting_invitations (meeting_id, union_path, org_id, response, responded_at)
select m.id, m.union_path, o.id,
       (array['pending', 'accepted', 'accepted', 'declined'])
           [1 + ((hashint8extended(hashtext(m.id::text || o.id::text), 1005)
                  & 9223372036854775807) % 4)::int],
       null
  from meetings m
  join lateral (select id from organizations where union_id = m.union_id
                 order by id limit 3) o on true
 where (hashint8extended(hashtext(m.id::text), 1006) & 9223372036854775807) % 4 = 0
   and not exists (select 1 from meeting_invitations i where i.meeting_id = m.id)
 order by m.id, o.id;

analyze partners, partner_projects, meetings, meeting_invitations;
