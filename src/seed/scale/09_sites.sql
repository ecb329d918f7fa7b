-- Scale seed, service sites (run after the union tree, step 1): about 20,000 sites
-- over the country's unions, deterministic by union id, shaped like Sichuan's network:
--
--   * a service center (服务中心) at every provincial, municipal and county union;
--   * two township or street service points (服务点) at every county union;
--   * a station (服务站) at every other county union;
--   * two 15分钟之家 at every county's street-community joint union (grassroots);
--   * five outdoor workers' rest stops (户外劳动者歇脚点) and five sanitation workers'
--     love stations (环卫工人爱心驿站) at every municipal union.
--
-- Each site takes its union's division code (a grassroots union's: its parent's).
-- Reads no settings. Runs with the triggers on (they fill `union_path`). Idempotent:
-- a union that owns a site already is skipped.

create temporary table seed_site_unions on commit drop as
select u.id, u.level, u.name,
       coalesce(u.division_code, p.division_code) as division_code,
       hashint8extended(u.id, 901) & 9223372036854775807 as h
  from unions u
  left join unions p on p.id = u.parent_id
 where (u.level in ('provincial', 'municipal', 'county') and u.division_code is not null)
    or (u.level = 'grassroots' and u.name like '%社区联合工会' and p.division_code is not null);

delete from seed_site_unions u where exists (select 1 from service_sites s where s.union_id = u.id);

insert into service_sites (union_id, kind, name, address, division_code, opening_hours,
                           services, opened_on, contact_name, contact_phone)
select u.id, k.kind,
       replace(u.name, '总工会', '') || k.suffix,
       replace(u.name, '总工会', '') || k.street || (1 + (u.h + k.n) % 199) || '号',
       u.division_code,
       case when k.kind in ('outdoor_rest', 'sanitation_station', 'home_15min')
            then '每天 8:00–20:00' else '周一至周五 9:00–17:30' end,
       case k.kind
            when 'service_center' then array['employment', 'legal_aid', 'skills_training']
            when 'service_point' then array['legal_aid', 'social_security']
            when 'station' then array['employment', 'culture']
            when 'home_15min' then array['culture', 'psychological_support']
            else array['outdoor_workers'] end,
       date '2016-01-01' + ((u.h + k.n * 37) % 3600)::int,
       (array['王', '李', '张', '刘', '陈', '杨', '黄', '赵'])[1 + (u.h + k.n) % 8] || '老师',
       '12351'
  from seed_site_unions u
 cross join lateral (
        select 'service_center' as kind, 1 as n, '职工服务中心' as suffix, '人民路' as street
         where u.level in ('provincial', 'municipal', 'county')
        union all
        select 'service_point', g, (array['城关', '东城', '西城', '南湖', '新华', '向阳'])
                                       [1 + (u.h + g) % 6] || '街道职工服务点', '街道路'
          from generate_series(2, 3) g where u.level = 'county'
        union all
        select 'station', 4, '职工服务站', '建设路' where u.level = 'county' and u.h % 2 = 0
        union all
        select 'home_15min', g, '第' || (g - 4) || '个15分钟职工之家', '社区路'
          from generate_series(5, 6) g where u.level = 'grassroots'
        union all
        select 'outdoor_rest', g, '户外劳动者歇脚点' || (g - 6), '环城路'
          from generate_series(7, 11) g where u.level = 'municipal'
        union all
        select 'sanitation_station', g, '环卫工人爱心驿站' || (g - 11), '环卫路'
          from generate_series(12, 16) g where u.level = 'municipal'
       ) k
 order by u.id, k.n;
