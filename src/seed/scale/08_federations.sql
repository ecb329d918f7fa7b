-- Scale seed, federations (after the organizations): about 5,000 federations and
-- joint platforms and 100,000 memberships, deterministic by union id:
--
--   * a federation at every provincial, municipal and county union, nested province →
--     prefecture → county; a union federation at every municipal union; a joint
--     platform at every municipal union and at one county in three;
--   * each federation's members: 5 to 35 active organizations of its leading union's
--     subtree, the first as chair unit, then vice-chair units and council members;
--     one membership in twenty ended a year after it began;
--   * the Guangdong provincial federation (the demo's, or made here) filled to 1,600
--     members from its province.
--
-- Reads no settings. Runs with the triggers on (they fill `union_path`). Idempotent: a
-- union with a federation of a kind already is skipped, and so is a federation with
-- members.

insert into federations (union_id, kind, name, founded_on)
select u.id, 'federation', '广东省职工服务类社会组织联合会', date '2012-05-18'
  from unions u
 where u.division_code = '440000' and u.level = 'provincial'
   and not exists (select 1 from federations where name = '广东省职工服务类社会组织联合会');

-- The federations, level by level so that each finds its parent.
do $$
declare
    lvl text;
begin
    foreach lvl in array array['provincial', 'municipal', 'county'] loop
        insert into federations (union_id, kind, name, founded_on, parent_id,
                                 chair, council_size)
        select u.id, 'federation',
               replace(u.name, '总工会', '') || '职工服务类社会组织联合会',
               date '2012-06-01' + ((hashint8extended(u.id, 801) & 9223372036854775807) % 4000)::int,
               (select f.id from federations f
                 where f.union_id = u.parent_id and f.kind = 'federation'
                 order by f.created_at, f.id limit 1),
               '理事长' || u.id,
               (5 + (hashint8extended(u.id, 802) & 9223372036854775807) % 30)::int
          from unions u
         where u.level = lvl
           and not exists (select 1 from federations f
                            where f.union_id = u.id and f.kind = 'federation')
         order by u.id;
    end loop;
end
$$;

insert into federations (union_id, kind, name, founded_on, parent_id)
select u.id, 'union_federation', replace(u.name, '总工会', '') || '新业态工会联合会',
       date '2016-01-01' + ((hashint8extended(u.id, 803) & 9223372036854775807) % 3000)::int,
       null
  from unions u
 where u.level = 'municipal'
   and not exists (select 1 from federations f
                    where f.union_id = u.id and f.kind = 'union_federation')
 order by u.id;

insert into federations (union_id, kind, name, founded_on)
select u.id, 'joint_platform', replace(u.name, '总工会', '') || '群团社会组织服务平台',
       date '2017-01-01' + ((hashint8extended(u.id, 804) & 9223372036854775807) % 2500)::int
  from unions u
 where (u.level = 'municipal'
        or (u.level = 'county' and (hashint8extended(u.id, 805) & 9223372036854775807) % 3 = 0))
   and not exists (select 1 from federations f
                    where f.union_id = u.id and f.kind = 'joint_platform')
 order by u.id;

insert into federation_partners (federation_id, union_path, kind, unit_name)
select f.id, f.union_path, p.kind, replace(u.name, '总工会', '') || p.unit
  from federations f
  join unions u on u.id = f.union_id
 cross join (values ('youth_league', '团委'), ('womens_federation', '妇联')) as p (kind, unit)
 where f.kind = 'joint_platform'
on conflict do nothing;

-- Members of the region.
insert into federation_members (federation_id, union_path, org_id, org_union_path, role,
                                joined_on, left_on, leave_reason)
select f.id, f.union_path, o.id, o.union_path,
       case when o.n = 1 then 'chair_unit' when o.n <= 3 then 'vice_chair_unit'
            when o.n <= 8 then 'council_member' else 'member' end,
       least(current_date - 400, f.founded_on + (o.n * 29)::int),
       case when (hashint8extended(o.n * 7919 + f.union_id, 806) & 9223372036854775807) % 20 = 0
            then least(current_date - 400, f.founded_on + (o.n * 29)::int) + 365 end,
       case when (hashint8extended(o.n * 7919 + f.union_id, 806) & 9223372036854775807) % 20 = 0
            then '业务调整，主动退会' end
  from federations f
 cross join lateral (
     select x.id, x.union_path, row_number() over (order by x.id) as n
       from organizations x
      where x.union_path <@ f.union_path and x.status = 'active'
      order by x.id
      limit 5 + (hashint8extended(f.union_id * 10 + length(f.kind), 807) & 9223372036854775807) % 31) o
 where not exists (select 1 from federation_members m where m.federation_id = f.id)
on conflict do nothing;

-- The Guangdong provincial federation: 1,600 current members.
insert into federation_members (federation_id, union_path, org_id, org_union_path, role, joined_on)
select f.id, f.union_path, o.id, o.union_path, 'member',
       date '2013-01-01' + (o.n % 3000)::int
  from (select id, union_path, province from federations
         where name = '广东省职工服务类社会组织联合会' order by created_at limit 1) f
 cross join lateral (
     select x.id, x.union_path, row_number() over (order by x.name, x.id) as n
       from organizations x
      where x.province = f.province and x.status = 'active'
        and not exists (select 1 from federation_members m
                         where m.federation_id = f.id and m.org_id = x.id and m.left_on is null)
      order by x.name, x.id
      limit greatest(0, 1600 - (select count(*) from federation_members m
                                 where m.federation_id = f.id and m.left_on is null))) o
on conflict do nothing;
