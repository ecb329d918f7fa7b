-- Scale seed, work systems (run right after the union tree, step 1): the cities',
-- counties' and grassroots unions' work systems and the trainings of the provinces
-- and cities, deterministic by union id:
--
--   * a responsible department at nine in ten municipal and county unions and at one
--     in four grassroots unions (the provinces keep what the demo gave them), with a
--     liaison named on each;
--   * in 2025 and 2026, two trainings or exchanges a year by every provincial union
--     and one by every municipal union, with attendees without an account.
--
-- Reads no settings. Runs with the triggers on (they fill `union_path`). Idempotent: a
-- union with a work system already is skipped, and so is a union's year that has a
-- training already.

insert into work_systems (union_id, department)
select u.id, case when u.level = 'grassroots' then '工会办公室' else '社会联络部' end
  from unions u
 where u.level in ('municipal', 'county', 'grassroots')
   and case when u.level = 'grassroots'
            then (hashint8extended(u.id, 201) & 9223372036854775807) % 4 = 0
            else (hashint8extended(u.id, 201) & 9223372036854775807) % 10 <> 0 end
   and not exists (select 1 from work_systems w where w.union_id = u.id)
 order by u.id;

insert into work_system_staff (union_id, name, duty)
select w.union_id,
       (array['王', '李', '张', '刘', '陈', '杨', '黄', '赵', '吴', '周'])
           [1 + (hashint8extended(w.union_id, 202) & 9223372036854775807) % 10]
       || (array['敏', '伟', '芳', '静', '磊', '洋', '婷', '强', '军', '丽'])
           [1 + (hashint8extended(w.union_id, 203) & 9223372036854775807) % 10],
       '联络员'
  from work_systems w
 where not exists (select 1 from work_system_staff s where s.union_id = w.union_id)
 order by w.union_id;

insert into trainings (union_id, held_on, kind, topic, hours_tenths, external_attendees)
select u.id,
       make_date(y.y, 1 + (h.h % 12)::int, 1 + (h.h % 28)::int),
       case when k.k = 1 then 'training' else 'exchange' end,
       u.name || y.y || case when k.k = 1 then '年社会组织工作业务培训' else '年社会组织工作交流会' end,
       (20 + h.h % 140)::int,
       (15 + h.h % 150)::int
  from unions u
 cross join (values (2025), (2026)) as y (y)
 cross join lateral generate_series(1, case when u.level = 'provincial' then 2 else 1 end) as k (k)
 cross join lateral (select hashint8extended(u.id * 10000 + y.y * 10 + k.k, 204)
                            & 9223372036854775807 as h) h
 where u.level in ('provincial', 'municipal')
   and not exists (select 1 from trainings t
                    where t.union_id = u.id
                      and t.held_on >= make_date(y.y, 1, 1) and t.held_on < make_date(y.y + 1, 1, 1))
 order by u.id, y.y, k.k;
