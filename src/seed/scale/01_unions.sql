-- Scale seed, step 1: the union tree below the provinces, from the official divisions.
--
-- Reads: the temporary table seed_divisions (code text, name text, parent_code text,
-- kind text), one row per province ('province', 'PP0000'), prefecture ('prefecture',
-- 'PPCC00', parent the province code) and county ('county', 'PPCCDD', parent its
-- prefecture code 'PPCC00'), filled from src/seed/divisions/*.csv on this connection.
-- Reads no settings.
--
-- Creates, with the unions triggers on (they compute `path`):
--   * a municipal union per prefecture, '<prefecture>总工会', except the placeholder
--     prefectures of the municipalities (市辖区, 县 under 北京, 天津, 上海, 重庆) and the
--     provinces' directly administered counties (省直辖县级行政区划, 自治区直辖县级行政区划):
--     their counties hang directly under the provincial union;
--   * a county union per county, '<county>总工会', under its municipal union (or the
--     provincial union, see above). A county whose code is its prefecture's own code
--     (东莞市 441900, 中山市 442000, 儋州市 460400: prefectures without counties) gets no
--     county union: the municipal union already holds the code;
--   * three grassroots unions (no division code) under the union holding each county's
--     code: an industrial-park, a street-community and a trade (new forms of employment)
--     joint union, named after the county.
-- Idempotent: a division whose code already has a union (say from the demo seed) is
-- skipped and its existing union used as the parent, and a grassroots union already
-- present under the same parent with the same name is not created again.
-- The provinces must exist already (the migrations make them). Rows are inserted in code order,
-- so a given database and division list always gives the same ids.

-- Municipal unions.
insert into unions (parent_id, level, name, division_code)
select p.id, 'municipal', d.name || '总工会', d.code
  from seed_divisions d
  join unions p on p.division_code = d.parent_code and p.level = 'provincial'
 where d.kind = 'prefecture'
   and d.name not in ('市辖区', '县')
   and d.name not like '%直辖县级行政区划'
   and not exists (select 1 from unions x where x.division_code = d.code and x.level <> 'grassroots')
 order by d.code;

-- County unions: under the union that holds the prefecture's code, else the province's.
insert into unions (parent_id, level, name, division_code)
select coalesce(m.id, p.id), 'county', d.name || '总工会', d.code
  from seed_divisions d
  join unions p on p.division_code = left(d.code, 2) || '0000' and p.level = 'provincial'
  left join unions m on m.division_code = d.parent_code and m.level = 'municipal'
 where d.kind = 'county'
   and not exists (select 1 from unions x where x.division_code = d.code and x.level <> 'grassroots')
 order by d.code;

-- Grassroots unions: three per county, under the union holding the county's code.
insert into unions (parent_id, level, name)
select c.id, 'grassroots', g.name
  from seed_divisions d
  join unions c on c.division_code = d.code and c.level in ('municipal', 'county')
 cross join lateral (values
        (1, d.name || (array['高新技术', '科技创新', '电子信息', '智能制造', '现代物流', '电子商务',
                             '食品加工', '纺织服装', '新材料', '生物医药', '现代服务业', '文化创意'])
                       [1 + (hashint8extended(d.code::bigint, 101) & 9223372036854775807) % 12]
                    || '产业园联合工会'),
        (2, d.name || (array['城关', '东城', '西城', '南湖', '北苑', '新华', '人民路', '向阳',
                             '和平', '文昌', '龙泉', '金山', '滨江', '城南', '城北', '长安'])
                       [1 + (hashint8extended(d.code::bigint, 102) & 9223372036854775807) % 16]
                    || '街道社区联合工会'),
        (3, d.name || (array['快递物流', '外卖配送', '货车司机', '网约车司机', '家政服务', '建筑施工'])
                       [1 + (hashint8extended(d.code::bigint, 103) & 9223372036854775807) % 6]
                    || '行业联合工会')
       ) as g (k, name)
 where d.kind = 'county'
   and not exists (select 1 from unions x where x.parent_id = c.id and x.name = g.name)
 order by d.code, g.k;
