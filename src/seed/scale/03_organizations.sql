-- Scale seed, step 3 (batched): organizations with their rating, union-building and
-- contact histories, and their derived columns, for one range of sequence numbers.
--
-- Reads: niudai.seed_orgs (N, required), niudai.seed_from and niudai.seed_to (optional:
-- the half-open range of sequence numbers this batch makes, within 0..N; unset or
-- empty means 0 and N); the pg_temp functions and the tables seed_params and
-- seed_homes of step 2 (same connection). Run the batches in any order, each in one
-- transaction (sqlx::raw_sql's implicit transaction is enough, and so is one
-- transaction around steps 2 to 4). It sets session_replication_role = replica with
-- `set local` itself, which turns the per-row triggers and foreign-key checks off for
-- its inserts, and puts the caller's value back at its end; it also raises work_mem
-- and turns JIT off for the rest of the transaction.
--
-- Identification: organization number `seq` (0 <= seq < N) has the id
-- md5('niudai-seed-org:' || seq)::uuid, and its history rows
-- md5('niudai-seed-rating:' || seq || ':' || k)::uuid ('niudai-seed-ub:', 'niudai-seed-contact:'),
-- k = 1, 2, ...; every other value derives from seq through pg_temp.seed_h, so the data
-- depend only on seq, the union tree, niudai.seed_provinces and the day of step 2.
-- An organization whose id or credit code already exists is skipped with its whole
-- history, so running a batch again, or the demo seed again, adds nothing.
--
-- What each organization gets:
--   * a home union from seed_homes, by weight;
--   * a type: social service agency 50%, social group 30%, foundation 5%, unregistered
--     15%; the registered ones a valid, unique credit code: 52/51/53, the division code
--     of the registering civil-affairs office (the home union's county, city or province;
--     100000 for the few registered nationally), 'MJ' and six characters that encode seq
--     bijectively (unique for seq < 31^6), the GB 11714 check, the GB 32100 check;
--   * a name: place (+ a street or town for county and grassroots records, half the
--     time) (+ a brand word, most of the time) + theme + suffix fitting the type;
--   * plausible registration, contact, staff, revenue (fen), funding, domains,
--     classification and status values, created within the three years before today;
--   * ratings for about 30% (registered ones: 1 or 2, rated in the past, about 4%
--     revoked), union building for about 40% (1-3 changes: none -> preparing ->
--     established or joint, members <= employees), and 0-6 contacts (3 on average)
--     within the last two years, about 30% with a next due date;
--   * rating_level, rating_valid_until, union_building, last_contacted_on and
--     next_contact_due computed from those histories exactly as organization_refresh
--     (the history triggers) compute them; history rows carry the organization's union_path.

select set_config('niudai.seed_saved_replication_role', current_setting('session_replication_role'), true);
set local session_replication_role = replica;
set local work_mem = '256MB';
set local jit = off;

with
bounds as (
    select greatest(coalesce(nullif(current_setting('niudai.seed_from', true), '')::bigint, 0), 0) as lo,
           least(coalesce(nullif(current_setting('niudai.seed_to', true), '')::bigint, n), n) as hi
      from (select current_setting('niudai.seed_orgs')::bigint as n) settings
),
params as (
    select today, today::timestamptz as today_ts, total_weight from seed_params
),
themes (t, theme, domain) as (values
    (0, '新市民', 'employment'), (1, '职工', 'culture'), (2, '外来务工人员', 'social_security'),
    (3, '女职工', 'democratic_rights'), (4, '快递小哥', 'outdoor_workers'),
    (5, '户外劳动者', 'outdoor_workers'), (6, '法律援助', 'legal_aid'),
    (7, '心理关爱', 'psychological_support'), (8, '技能培训', 'skills_training'),
    (9, '社会工作', 'other'), (10, '安全生产', 'safety_health'), (11, '劳动关系', 'democratic_rights'),
    (12, '就业创业', 'employment'), (13, '困难职工帮扶', 'social_security'), (14, '农民工', 'employment'),
    (15, '青年职工', 'culture'), (16, '货车司机', 'outdoor_workers'), (17, '外卖骑手', 'outdoor_workers'),
    (18, '家政从业人员', 'skills_training'), (19, '职工文体', 'culture'),
    (20, '劳动争议调解', 'legal_aid'), (21, '薪酬权益', 'income_distribution'),
    (22, '职业健康', 'safety_health'), (23, '环卫工人', 'outdoor_workers')
),
base as materialized (
    select g.seq,
           md5('niudai-seed-org:' || g.seq)::uuid as id,
           h.union_id, h.union_path, h.level, h.dcode, h.place, h.prov, h.contact_interval_days as union_interval,
           p.today, p.today_ts,
           case
               when pg_temp.seed_h(g.seq, 2) % 100 < 50 then 'social_service_agency'
               when pg_temp.seed_h(g.seq, 2) % 100 < 80 then 'social_group'
               when pg_temp.seed_h(g.seq, 2) % 100 < 85 then 'foundation'
               else 'unregistered'
           end as org_type,
           th.theme, th.domain,
           p.today_ts - interval '1 day' * (1 + pg_temp.seed_h(g.seq, 6) % 1095)
               + interval '1 second' * (28800 + pg_temp.seed_h(g.seq, 7) % 36000) as created_at,
           (g.seq * 48271 + 7654321) % 887503681 as code_number
      from bounds b
     cross join params p
     cross join lateral generate_series(b.lo, b.hi - 1) as g (seq)
     cross join lateral (
            select * from seed_homes w
             where w.lo <= pg_temp.seed_h(g.seq, 1) % p.total_weight
             order by w.lo desc
             limit 1) h
      join themes th on th.t = pg_temp.seed_h(g.seq, 8) % 24
     where p.total_weight > 0
),
typed as (
    select b.*,
           b.org_type <> 'unregistered' as registered,
           case
               when b.org_type = 'unregistered' then null
               when b.level = 'provincial' then
                   case when pg_temp.seed_h(b.seq, 5) % 100 < 15 then 'national' else 'provincial' end
               when b.level = 'municipal' then 'municipal'
               else 'county'
           end as registration_level,
           'MJ' || substr('0123456789ABCDEFGHJKLMNPQRTUWXY', 1 + (b.code_number / 28629151 % 31)::int, 1)
                || substr('0123456789ABCDEFGHJKLMNPQRTUWXY', 1 + (b.code_number / 923521 % 31)::int, 1)
                || substr('0123456789ABCDEFGHJKLMNPQRTUWXY', 1 + (b.code_number / 29791 % 31)::int, 1)
                || substr('0123456789ABCDEFGHJKLMNPQRTUWXY', 1 + (b.code_number / 961 % 31)::int, 1)
                || substr('0123456789ABCDEFGHJKLMNPQRTUWXY', 1 + (b.code_number / 31 % 31)::int, 1)
                || substr('0123456789ABCDEFGHJKLMNPQRTUWXY', 1 + (b.code_number % 31)::int, 1) as code_body,
           case b.org_type
               when 'social_service_agency' then 2 + least(pg_temp.seed_h(b.seq, 13) % 40, pg_temp.seed_h(b.seq, 14) % 40)
               when 'social_group' then 1 + pg_temp.seed_h(b.seq, 13) % 12
               when 'foundation' then 3 + pg_temp.seed_h(b.seq, 13) % 20
               else pg_temp.seed_h(b.seq, 13) % 4
           end::int as fulltime_staff
      from base b
),
coded as (
    select t.*,
           case when t.registered then
               case t.org_type when 'social_service_agency' then '52' when 'social_group' then '51' else '53' end
               || case t.registration_level when 'national' then '100000' when 'provincial' then t.prov || '0000' else t.dcode end
               || t.code_body || pg_temp.gb11714_check(t.code_body)
           end as code17,
           case when t.registered then
               t.created_at::date - 30 - least(pg_temp.seed_h(t.seq, 3) % 5000, pg_temp.seed_h(t.seq, 4) % 5000)::int
           end as registered_on
      from typed t
),
orgs as materialized (
    select c.seq, c.id, c.union_id, c.union_path, c.level, c.place, c.prov, c.union_interval,
           c.today, c.today_ts, c.created_at, c.org_type, c.registered, c.registration_level,
           c.registered_on, c.fulltime_staff, c.theme,
           replace(c.place
               || case when c.level in ('county', 'grassroots') and pg_temp.seed_h(c.seq, 100) % 2 = 0 then
                      pg_temp.seed_pick(array['城关', '东城', '西城', '南城', '北城', '新华', '人民', '解放', '建设',
                          '中山', '和平', '文化', '工业园', '开发区', '高新', '滨江', '湖滨', '东湖', '西湖', '南湖',
                          '城东', '城西', '城南', '城北', '新城', '老城', '龙泉', '金山', '玉泉', '长安', '永安',
                          '太平', '兴华', '光明', '向阳', '红旗', '朝阳', '胜利', '五一', '东风'], c.seq, 101)
                      || pg_temp.seed_pick(array['街道', '镇'], c.seq, 102)
                  else '' end
               || pg_temp.seed_pick(array['', '', '', '', '', '', '', '', '', '', '同心', '暖心', '启航',
                         '阳光', '和谐', '益行', '星火', '向日葵', '蒲公英', '众力', '守望', '乐业', '安康',
                         '彩虹', '春风', '明德', '仁爱', '友邻', '同行', '众合', '新起点', '爱心', '红棉',
                         '繁星', '金色年华'], c.seq, 9)
               || c.theme
               || case c.org_type
                      when 'social_service_agency' then pg_temp.seed_pick(array['服务中心', '社会工作服务中心',
                          '服务社', '发展中心', '社会工作服务社', '综合服务中心'], c.seq, 10)
                      when 'social_group' then pg_temp.seed_pick(array['协会', '促进会', '联合会', '互助会',
                          '研究会'], c.seq, 10)
                      when 'foundation' then pg_temp.seed_pick(array['公益基金会', '关爱基金会', '慈善基金会'], c.seq, 10)
                      else pg_temp.seed_pick(array['志愿服务队', '互助小组', '服务社', '工友之家', '爱心服务队'], c.seq, 10)
                  end,
               '社会工作社会工作', '社会工作') as name,
           c.code17 || pg_temp.uscc_check(c.code17) as credit_code,
           case when c.registered and pg_temp.seed_h(c.seq, 15) % 100 >= 55 then
               c.place || case when pg_temp.seed_h(c.seq, 16) % 3 = 0 then
                              '人力资源和社会保障'
                              || case when c.level = 'provincial' and c.prov not in ('11', '12', '31', '50')
                                      then '厅' else '局' end
                          else '总工会' end
           end as supervising_unit,
           c.registered and pg_temp.seed_h(c.seq, 15) % 100 < 55 as direct_registration,
           c.place || pg_temp.seed_pick(array['人民路', '解放路', '建设路', '中山路', '和平路', '新华路',
                         '胜利路', '文化路', '工业大道', '创业路', '幸福街', '光明街', '迎宾大道', '长江路',
                         '黄河路', '学府路', '花园路', '朝阳路', '滨河路', '青年路'], c.seq, 17)
                   || (1 + pg_temp.seed_h(c.seq, 18) % 300) || '号' as address,
           c.dcode as division_code,
           case when c.registered then pg_temp.seed_person(c.seq, 20) end as legal_representative,
           pg_temp.seed_person(c.seq, 22) as contact_person,
           pg_temp.seed_pick(array['130', '131', '132', '133', '135', '136', '137', '138', '139', '147',
                                   '150', '151', '152', '153', '155', '156', '157', '158', '159', '166',
                                   '171', '173', '176', '177', '178', '180', '181', '182', '183', '185',
                                   '186', '187', '188', '189', '191', '198', '199'], c.seq, 24)
               || lpad((pg_temp.seed_h(c.seq, 25) % 100000000)::text, 8, '0') as contact_phone,
           case
               when pg_temp.seed_h(c.seq, 26) % 10 < 3 then null
               when pg_temp.seed_h(c.seq, 26) % 10 < 6 then (10000000 + pg_temp.seed_h(c.seq, 27) % 1990000000) || '@qq.com'
               when pg_temp.seed_h(c.seq, 26) % 10 < 8 then 'gh' || (pg_temp.seed_h(c.seq, 27) % 100000000) || '@163.com'
               else 'service' || (pg_temp.seed_h(c.seq, 27) % 1000000) || '@126.com'
           end as contact_email,
           array_remove(array[
               c.domain,
               case when pg_temp.seed_h(c.seq, 11) % 3 > 0 then
                   nullif((array['employment', 'skills_training', 'income_distribution', 'social_security',
                                 'safety_health', 'democratic_rights', 'culture', 'legal_aid',
                                 'psychological_support', 'outdoor_workers', 'other'])
                          [1 + pg_temp.seed_h(c.seq, 12) % 11], c.domain)
               end,
               case when pg_temp.seed_h(c.seq, 11) % 3 = 2 then
                   nullif(nullif((array['employment', 'skills_training', 'social_security', 'safety_health',
                                        'legal_aid', 'psychological_support', 'culture'])
                                 [1 + pg_temp.seed_h(c.seq, 19) % 7], c.domain),
                          (array['employment', 'skills_training', 'income_distribution', 'social_security',
                                 'safety_health', 'democratic_rights', 'culture', 'legal_aid',
                                 'psychological_support', 'outdoor_workers', 'other'])
                          [1 + pg_temp.seed_h(c.seq, 12) % 11])
               end], null) as service_domains,
           pg_temp.seed_pick(array['社会服务', '公益慈善', '职业培训', '法律服务', '心理咨询', '社区服务',
                                   '文化体育'], c.seq, 28) as industry,
           case when c.org_type = 'unregistered' then (pg_temp.seed_h(c.seq, 29) % 60)::int
                else (pg_temp.seed_h(c.seq, 29) % 80 + least(pg_temp.seed_h(c.seq, 29) % 2000, pg_temp.seed_h(c.seq, 30) % 2000) / 4)::int
           end as volunteers,
           (pg_temp.seed_h(c.seq, 31) % (c.fulltime_staff + 1))::int as social_workers,
           case
               when c.org_type = 'unregistered' and pg_temp.seed_h(c.seq, 32) % 5 = 0 then 0
               else (100 * floor(exp(
                   ln(case c.org_type when 'foundation' then 200000 when 'social_service_agency' then 50000
                                      when 'social_group' then 10000 else 1000 end)
                   + (pg_temp.seed_h(c.seq, 33) % 1000000) / 1000000.0
                     * ln(case c.org_type when 'foundation' then 100.0 when 'social_service_agency' then 100.0
                                          when 'social_group' then 200.0 else 100.0 end))))::bigint
           end as annual_revenue_fen,
           array_remove(array[
               case c.org_type when 'social_service_agency' then 'government_purchase' when 'social_group' then 'service_fees'
                               when 'foundation' then 'donations' else 'union_funds' end,
               case when pg_temp.seed_h(c.seq, 34) % 2 = 0 then
                   nullif(pg_temp.seed_pick(array['union_funds', 'government_purchase', 'donations', 'service_fees',
                                                  'foundation_grants', 'other'], c.seq, 35),
                          case c.org_type when 'social_service_agency' then 'government_purchase' when 'social_group' then 'service_fees'
                                          when 'foundation' then 'donations' else 'union_funds' end)
               end], null) as funding_sources,
           '围绕' || c.theme || '开展' || pg_temp.seed_pick(array['政策宣传、个案帮扶和小组活动',
               '技能培训、就业指导和权益咨询', '心理疏导、文体活动和困难帮扶', '法律咨询、调解协商和普法宣传',
               '驿站服务、健康体检和关爱慰问'], c.seq, 36) as activities,
           pg_temp.seed_pick(array['个案工作、小组工作与社区工作相结合', '热线咨询与上门服务相结合',
               '线上平台与线下站点相结合', '专业社工带领志愿者服务', '项目化运作', '阵地服务与流动服务相结合'],
               c.seq, 37) as working_methods,
           case when c.org_type = 'unregistered' then
                    case when pg_temp.seed_h(c.seq, 38) % 100 < 80 then 'guide' else 'cultivate' end
                else case when pg_temp.seed_h(c.seq, 38) % 100 < 70 then 'cultivate' else 'guide' end
           end as guidance_category,
           case when pg_temp.seed_h(c.seq, 39) % 100 < 10 then 'founded'
                when pg_temp.seed_h(c.seq, 39) % 100 < 45 then 'guided'
                else 'contacted' end as relationship,
           case when pg_temp.seed_h(c.seq, 40) % 100 < 94 then 'active'
                when pg_temp.seed_h(c.seq, 40) % 100 < 98 or c.org_type = 'unregistered' then 'suspended'
                else 'deregistered' end as status,
           pg_temp.seed_h(c.seq, 41) % 100 < 2 as abnormal_operation,
           pg_temp.seed_h(c.seq, 42) % 1000 < 3 as serious_violation,
           case when pg_temp.seed_h(c.seq, 43) % 100 < 8 then
               array[pg_temp.seed_pick(array['枢纽型组织', '孵化培育', '品牌项目', '示范点', '工会联系点'], c.seq, 44)]
               else '{}'::text[] end as tags,
           case when pg_temp.seed_h(c.seq, 45) % 100 < 3 then '由' || c.place || '总工会推荐纳入名录' end as notes,
           case when pg_temp.seed_h(c.seq, 46) % 100 < 6 then
               (array[30, 60, 180])[1 + pg_temp.seed_h(c.seq, 47) % 3]::int end as contact_interval_days,
           -- How many history rows of each kind.
           case when c.registered and pg_temp.seed_h(c.seq, 50) % 100 < 35 then
               case when c.today - c.registered_on > 2740 and pg_temp.seed_h(c.seq, 51) % 100 < 50 then 2 else 1 end
               else 0 end as n_ratings,
           case when pg_temp.seed_h(c.seq, 52) % 100 < 40 then 1 + (pg_temp.seed_h(c.seq, 53) % 3)::int
               else 0 end as n_building,
           (pg_temp.seed_h(c.seq, 54) % 4 + pg_temp.seed_h(c.seq, 55) % 4)::int as n_contacts
      from coded c
),
live as materialized (
    select o.*,
           coalesce(o.contact_interval_days, o.union_interval) as interval_days,
           case when o.status = 'active' then null
                when o.status = 'suspended' then pg_temp.seed_pick(array['负责人变更，暂停活动',
                    '场地调整，暂停服务', '年检未通过，整改中'], o.seq, 48)
                else pg_temp.seed_pick(array['已办理注销登记', '理事会决议解散'], o.seq, 48)
           end as status_reason
      from orgs o
     -- (offset 0 keeps these as index probes: the planner would rather scan the table)
     where not exists (select 1 from organizations x where x.id = o.id offset 0)
       and (o.credit_code is null
            or not exists (select 1 from organizations x where x.credit_code = o.credit_code offset 0))
),
ratings as materialized (
    select md5('niudai-seed-rating:' || o.seq || ':' || k)::uuid as id,
           o.id as org_id, o.union_path, k, r.rated_on,
           case when k = 1 then r.level1
                else least(5, greatest(1, r.level1 + (pg_temp.seed_h(o.seq, 62) % 3)::int - 1)) end as level,
           case o.registration_level
               when 'national' then '民政部'
               when 'provincial' then o.place || case when o.prov in ('11', '12', '31', '50') then '民政局' else '民政厅' end
               else o.place || '民政局'
           end as authority,
           'PG' || to_char(r.rated_on, 'YYYY') || lpad((pg_temp.seed_h(o.seq * 8 + k, 63) % 100000)::text, 5, '0')
               as certificate_no,
           case when pg_temp.seed_h(o.seq * 8 + k, 64) % 100 < 4 then
               r.rated_on::timestamptz + (o.today_ts - r.rated_on::timestamptz)
                   * (0.3 + 0.6 * (pg_temp.seed_h(o.seq * 8 + k, 65) % 1000) / 1000.0)
           end as revoked_at,
           greatest(r.rated_on::timestamptz + interval '10 hours', o.created_at) + k * interval '1 minute' as created_at,
           o.seq
      from live o
     cross join lateral generate_series(1, o.n_ratings) as k
     cross join lateral (
            select case when k = 1 then
                        case when o.n_ratings = 2 then o.registered_on + 200 + (pg_temp.seed_h(o.seq, 60) % 300)::int
                             else o.registered_on + ((o.today - o.registered_on)
                                  * (0.2 + 0.6 * (pg_temp.seed_h(o.seq, 60) % 1000) / 1000.0))::int
                        end
                   else o.registered_on + 200 + (pg_temp.seed_h(o.seq, 60) % 300)::int + 1826
                        - (pg_temp.seed_h(o.seq, 61) % 60)::int
                   end as rated_on,
                   case when pg_temp.seed_h(o.seq, 59) % 100 < 5 then 1
                        when pg_temp.seed_h(o.seq, 59) % 100 < 20 then 2
                        when pg_temp.seed_h(o.seq, 59) % 100 < 65 then 3
                        when pg_temp.seed_h(o.seq, 59) % 100 < 90 then 4
                        else 5 end as level1) r
),
building as materialized (
    select md5('niudai-seed-ub:' || o.seq || ':' || k)::uuid as id,
           o.id as org_id, o.union_path, k, s.status, d.changed_on,
           case when s.status in ('established', 'joint') then d.changed_on end as founded_on,
           case when s.status in ('established', 'joint') then
               e.employees - (pg_temp.seed_h(o.seq, 73) % greatest(e.employees / 3, 1))::int end as members,
           e.employees,
           case when s.status in ('established', 'joint') then pg_temp.seed_person(o.seq, 76) end as chair,
           greatest(d.changed_on::timestamptz + interval '11 hours', o.created_at) + k * interval '1 minute' as created_at
      from live o
     cross join lateral generate_series(1, o.n_building) as k
     cross join lateral (
            select case
                       when k < o.n_building - 1 then 'none'
                       when k = o.n_building - 1 then 'preparing'
                       when o.n_building = 1 and pg_temp.seed_h(o.seq, 70) % 100 < 20 then 'preparing'
                       when pg_temp.seed_h(o.seq, 71) % 100 < 60 then 'established'
                       else 'joint'
                   end as status) s
     cross join lateral (
            select (o.created_at::date - 200)
                   + floor((o.today - 1 - (o.created_at::date - 200))
                           * (k - 1 + 0.9 * (pg_temp.seed_h(o.seq * 8 + k, 72) % 1000) / 1000.0)
                           / o.n_building)::int as changed_on) d
     cross join lateral (
            select o.fulltime_staff + 3 + (pg_temp.seed_h(o.seq, 75) % 30)::int + k as employees) e
),
contacts as materialized (
    select md5('niudai-seed-contact:' || o.seq || ':' || k)::uuid as id,
           o.id as org_id, o.union_path, k, d.contacted_on, m.method,
           pg_temp.seed_person(o.seq * 8 + k, 90) as cadre,
           case m.method
               when 'visit' then pg_temp.seed_pick(array['上门走访，了解服务开展情况', '实地走访服务阵地，查看场地和台账',
                   '走访了解负责人变动和人员情况', '到组织驻地调研职工服务需求'], o.seq * 8 + k, 82)
               when 'phone' then pg_temp.seed_pick(array['电话回访，了解项目执行进度', '电话联系，通知参加工会培训',
                   '电话了解近期活动安排'], o.seq * 8 + k, 82)
               when 'online' then pg_temp.seed_pick(array['微信群沟通近期服务计划', '线上视频会议，交流服务经验',
                   '通过平台在线答复政策咨询'], o.seq * 8 + k, 82)
               when 'meeting' then pg_temp.seed_pick(array['参加座谈会，听取意见建议', '召开联系会议，通报工会工作安排',
                   '组织负责人参加季度联席会议'], o.seq * 8 + k, 82)
               else '共同开展' || o.theme || '主题服务活动'
           end as summary,
           case when pg_temp.seed_h(o.seq * 8 + k, 83) % 100 < 30 then
               pg_temp.seed_pick(array['服务场地不足', '资金来源单一，缺口较大', '专业社工人员流失', '项目资金拨付滞后',
                   '服务对象覆盖面不够', '台账管理不规范'], o.seq * 8 + k, 84)
           end as issues,
           case when pg_temp.seed_h(o.seq * 8 + k, 83) % 100 < 30 then
                    pg_temp.seed_pick(array['协调街道提供活动场地', '推荐申报工会购买服务项目', '安排专业督导跟进',
                        '纳入下季度重点联系对象'], o.seq * 8 + k, 85)
                when pg_temp.seed_h(o.seq * 8 + k, 83) % 100 < 50 then '保持定期联系'
           end as follow_up,
           case when pg_temp.seed_h(o.seq * 8 + k, 86) % 100 < 30 then
               d.contacted_on + 30 + (pg_temp.seed_h(o.seq * 8 + k, 87) % 120)::int
           end as next_due,
           greatest(d.contacted_on::timestamptz + interval '9 hours', o.created_at) + k * interval '1 minute' as created_at
      from live o
     cross join lateral generate_series(1, o.n_contacts) as k
     cross join lateral (
            select greatest(o.created_at::date, o.today - 730)
                   + floor((o.today - 1 - greatest(o.created_at::date, o.today - 730))
                           * (k - 1 + 0.9 * (pg_temp.seed_h(o.seq * 8 + k, 80) % 1000) / 1000.0)
                           / o.n_contacts)::int as contacted_on) d
     cross join lateral (
            select pg_temp.seed_pick(array['visit', 'visit', 'visit', 'phone', 'phone', 'phone', 'online',
                                           'online', 'meeting', 'meeting', 'event'], o.seq * 8 + k, 88) as method) m
),
inserted_ratings as (
    insert into organization_ratings (id, org_id, union_path, level, rated_on, authority, certificate_no,
                                      revoked_at, revoke_reason, created_at)
    select id, org_id, union_path, level, rated_on, authority, certificate_no, revoked_at,
           case when revoked_at is not null then
               pg_temp.seed_pick(array['年度检查不合格', '存在严重违法失信行为', '评估材料弄虚作假'], seq, 66) end,
           created_at
      from ratings
     order by org_id, k
),
inserted_building as (
    insert into organization_union_building (id, org_id, union_path, status, founded_on, members, employees,
                                             chair, changed_on, created_at)
    select id, org_id, union_path, status, founded_on, members, employees, chair, changed_on, created_at
      from building
     order by org_id, k
),
inserted_contacts as (
    insert into organization_contacts (id, org_id, union_path, contacted_on, method, cadre, summary, issues,
                                       follow_up, next_due, created_at)
    select id, org_id, union_path, contacted_on, method, cadre, summary, issues, follow_up, next_due, created_at
      from contacts
     order by org_id, k
),
-- The derived columns, as organization_refresh computes them from the rows above.
latest_rating as (
    select distinct on (org_id) org_id, level, (rated_on + interval '5 years')::date as valid_until
      from ratings
     where revoked_at is null
     order by org_id, rated_on desc, created_at desc
),
latest_building as (
    select distinct on (org_id) org_id, status
      from building
     order by org_id, changed_on desc, created_at desc
),
latest_contact as (
    select distinct on (org_id) org_id, contacted_on, next_due
      from contacts
     order by org_id, contacted_on desc, created_at desc
)
insert into organizations (
    id, union_id, union_path, name, credit_code, org_type, registration_level, registered_on,
    supervising_unit, direct_registration, address, division_code, legal_representative,
    contact_person, contact_phone, contact_email, service_domains, industry, fulltime_staff,
    volunteers, social_workers, annual_revenue_fen, funding_sources, activities, working_methods,
    guidance_category, relationship, status, status_reason, abnormal_operation, serious_violation,
    tags, notes, contact_interval_days, rating_level, rating_valid_until, union_building,
    last_contacted_on, next_contact_due, created_at, updated_at)
select o.id, o.union_id, o.union_path, o.name, o.credit_code, o.org_type, o.registration_level, o.registered_on,
       o.supervising_unit, o.direct_registration, o.address, o.division_code, o.legal_representative,
       o.contact_person, o.contact_phone, o.contact_email, o.service_domains, o.industry, o.fulltime_staff,
       o.volunteers, o.social_workers, o.annual_revenue_fen, o.funding_sources, o.activities, o.working_methods,
       o.guidance_category, o.relationship, o.status, o.status_reason, o.abnormal_operation, o.serious_violation,
       o.tags, o.notes, o.contact_interval_days,
       lr.level, lr.valid_until,
       coalesce(lb.status, 'none'),
       lc.contacted_on,
       coalesce(coalesce(lc.next_due, lc.contacted_on + o.interval_days), o.created_at::date + o.interval_days),
       o.created_at,
       o.created_at + (o.today_ts - o.created_at) * ((pg_temp.seed_h(o.seq, 49) % 1000) / 1000.0)
  from live o
  left join latest_rating lr on lr.org_id = o.id
  left join latest_building lb on lb.org_id = o.id
  left join latest_contact lc on lc.org_id = o.id
 order by o.id;

-- Back to the caller's replication role for the rest of the transaction.
select set_config('session_replication_role', current_setting('niudai.seed_saved_replication_role'), true);
