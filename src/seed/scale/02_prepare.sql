-- Scale seed, step 2: what the organization batches (step 3) need, on this connection.
--
-- Reads: niudai.seed_provinces (optional: comma-separated 2-digit province codes such
-- as '11,31,44'; empty or unset = every province) and niudai.seed_orgs (N; optional
-- here, it only decides the index drop below). Reads no table filled by the caller:
-- it works on whatever union tree exists (the scale tree of step 1, or the demo's few
-- local unions), so it must run after step 1 when step 1 runs.
--
-- Creates (all in pg_temp, so steps 2, 3 and 4 must run on one connection):
--   * pg_temp.seed_h(seq, salt): a deterministic non-negative hash; everything the seed
--     generates is a function of an organization's sequence number through it;
--   * pg_temp.seed_pick(array, seq, salt): an element picked by that hash;
--   * pg_temp.seed_person(seq, salt): a plausible Chinese personal name;
--   * pg_temp.gb11714_check(text): the check character of an 8-character organization code;
--   * pg_temp.uscc_check(text): the check character of a 17-character credit code prefix;
--   * pg_temp.uscc_valid(text): whether an 18-character code passes both checks;
--   * seed_params: the seed's "today" (taken once here, so batches run across midnight
--     agree) and the total weight of seed_homes;
--   * seed_homes: the unions organizations may belong to (every union but the national
--     one, restricted to niudai.seed_provinces), each with its weight and the start `lo`
--     of its range of the cumulative weight: provinces weighted by size, and within a
--     province 3% of records on the provincial union, 17% on municipal, 45% on county
--     and 35% on grassroots unions (shares of levels a province lacks go to the others),
--     urban districts and prefecture seats weighted up;
--   * for a large run (N >= 50,000 and at least twice the organizations already
--     there), it drops the plain (non-unique, non-constraint) indexes of organizations
--     and its three history tables and keeps their definitions in seed_dropped_indexes:
--     building them once at the end (step 4) is much faster than keeping them up to date
--     row by row. Primary keys and unique constraints stay. It does this only inside a
--     transaction the caller opened (BEGIN sent before this step): run steps 2 to 4 in
--     one transaction, so that a failure or an interruption cannot leave the tables
--     without their indexes (DROP INDEX locks the tables until the transaction ends).
--     Without such a transaction nothing is dropped and step 3 is slower.
-- Running it again replaces the functions and tables above.

create or replace function pg_temp.seed_h(seq bigint, salt bigint) returns bigint
    language sql immutable parallel safe
    as $$ select hashint8extended(seq, salt) & 9223372036854775807 $$;

create or replace function pg_temp.seed_pick(arr text[], seq bigint, salt bigint) returns text
    language sql immutable parallel safe
    as $$ select arr[1 + (pg_temp.seed_h(seq, salt) % cardinality(arr))::int] $$;

create or replace function pg_temp.seed_person(seq bigint, salt bigint) returns text
    language sql immutable parallel safe
    as $$
        select pg_temp.seed_pick(array[
                   '王', '李', '张', '刘', '陈', '杨', '黄', '赵', '吴', '周', '徐', '孙', '马', '朱',
                   '胡', '郭', '何', '高', '林', '罗', '郑', '梁', '谢', '宋', '唐', '许', '韩', '冯',
                   '邓', '曹', '彭', '曾', '肖', '田', '董', '袁', '潘', '于', '蒋', '蔡', '余', '杜',
                   '叶', '程', '苏', '魏', '吕', '丁', '任', '沈', '欧阳', '司马'], seq, salt)
            || pg_temp.seed_pick(array[
                   '伟', '芳', '娜', '敏', '静', '丽', '强', '磊', '军', '洋', '勇', '艳', '杰', '娟',
                   '涛', '明', '超', '秀英', '霞', '平', '刚', '桂英', '华', '建华', '志强', '海燕',
                   '文', '斌', '宇', '欣', '婷', '浩', '鹏', '晨', '琳', '雪', '峰', '丹', '颖', '俊',
                   '倩', '红', '玉兰', '建国', '淑珍', '慧', '佳', '子涵', '梓轩', '一鸣', '思远',
                   '晓东', '春梅', '国庆', '立新', '亚楠'], seq, salt + 1)
    $$;

-- GB 11714: weights 3 7 9 10 5 8 4 2 over the 8 characters (0-9, A-Z as 10-35);
-- check = 11 - sum mod 11, where 10 is 'X' and 11 is '0'.
create or replace function pg_temp.gb11714_check(body text) returns text
    language sql immutable parallel safe
    as $$
        select substr('0123456789X0', 1 + 11 - (
                   3 * (strpos('0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ', substr(body, 1, 1)) - 1)
                 + 7 * (strpos('0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ', substr(body, 2, 1)) - 1)
                 + 9 * (strpos('0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ', substr(body, 3, 1)) - 1)
                 + 10 * (strpos('0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ', substr(body, 4, 1)) - 1)
                 + 5 * (strpos('0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ', substr(body, 5, 1)) - 1)
                 + 8 * (strpos('0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ', substr(body, 6, 1)) - 1)
                 + 4 * (strpos('0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ', substr(body, 7, 1)) - 1)
                 + 2 * (strpos('0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ', substr(body, 8, 1)) - 1)
               ) % 11, 1)
    $$;

-- GB 32100: character values are indexes in the 31-character alphabet, weights
-- 3^(i-1) mod 31 over positions 1-17; check = alphabet[(31 - sum mod 31) mod 31].
create or replace function pg_temp.uscc_check(code17 text) returns text
    language sql immutable parallel safe
    as $$
        select substr('0123456789ABCDEFGHJKLMNPQRTUWXY', 1 + (31 - (
                   1 * (strpos('0123456789ABCDEFGHJKLMNPQRTUWXY', substr(code17, 1, 1)) - 1)
                 + 3 * (strpos('0123456789ABCDEFGHJKLMNPQRTUWXY', substr(code17, 2, 1)) - 1)
                 + 9 * (strpos('0123456789ABCDEFGHJKLMNPQRTUWXY', substr(code17, 3, 1)) - 1)
                 + 27 * (strpos('0123456789ABCDEFGHJKLMNPQRTUWXY', substr(code17, 4, 1)) - 1)
                 + 19 * (strpos('0123456789ABCDEFGHJKLMNPQRTUWXY', substr(code17, 5, 1)) - 1)
                 + 26 * (strpos('0123456789ABCDEFGHJKLMNPQRTUWXY', substr(code17, 6, 1)) - 1)
                 + 16 * (strpos('0123456789ABCDEFGHJKLMNPQRTUWXY', substr(code17, 7, 1)) - 1)
                 + 17 * (strpos('0123456789ABCDEFGHJKLMNPQRTUWXY', substr(code17, 8, 1)) - 1)
                 + 20 * (strpos('0123456789ABCDEFGHJKLMNPQRTUWXY', substr(code17, 9, 1)) - 1)
                 + 29 * (strpos('0123456789ABCDEFGHJKLMNPQRTUWXY', substr(code17, 10, 1)) - 1)
                 + 25 * (strpos('0123456789ABCDEFGHJKLMNPQRTUWXY', substr(code17, 11, 1)) - 1)
                 + 13 * (strpos('0123456789ABCDEFGHJKLMNPQRTUWXY', substr(code17, 12, 1)) - 1)
                 + 8 * (strpos('0123456789ABCDEFGHJKLMNPQRTUWXY', substr(code17, 13, 1)) - 1)
                 + 24 * (strpos('0123456789ABCDEFGHJKLMNPQRTUWXY', substr(code17, 14, 1)) - 1)
                 + 10 * (strpos('0123456789ABCDEFGHJKLMNPQRTUWXY', substr(code17, 15, 1)) - 1)
                 + 30 * (strpos('0123456789ABCDEFGHJKLMNPQRTUWXY', substr(code17, 16, 1)) - 1)
                 + 28 * (strpos('0123456789ABCDEFGHJKLMNPQRTUWXY', substr(code17, 17, 1)) - 1)
               ) % 31) % 31, 1)
    $$;

create or replace function pg_temp.uscc_valid(code text) returns boolean
    language sql immutable parallel safe
    as $$
        select code ~ '^[0-9A-HJ-NPQRTUWXY]{2}[0-9]{6}[0-9A-HJ-NPQRTUWXY]{10}$'
           and substr(code, 17, 1) = pg_temp.gb11714_check(substr(code, 9, 8))
           and substr(code, 18, 1) = pg_temp.uscc_check(left(code, 17))
    $$;

drop table if exists pg_temp.seed_params;
drop table if exists pg_temp.seed_homes;

create temp table seed_homes as
with
selected as (
    select nullif(regexp_replace(coalesce(current_setting('niudai.seed_provinces', true), ''),
                                 '\s', '', 'g'), '') as list
),
homes as (
    -- Every union but the national one, with the code and name of its nearest
    -- union with a division code (itself, or a grassroots union's county).
    select u.id, u.path, u.level, u.contact_interval_days, a.division_code as dcode,
           regexp_replace(a.name, '总工会$', '') as place
      from unions u
     cross join lateral (
            select x.division_code, x.name, x.level
              from unions x
             where x.path @> u.path and x.division_code is not null
             order by nlevel(x.path) desc
             limit 1) a
     where u.level <> 'national'
),
chosen as (
    select h.*, left(h.dcode, 2) as prov
      from homes h, selected s
     where s.list is null or left(h.dcode, 2) = any (string_to_array(s.list, ','))
),
province_weights (prov, weight) as (values
    ('11', 6), ('12', 3), ('13', 4), ('14', 2), ('15', 2), ('21', 3), ('22', 2), ('23', 2),
    ('31', 6), ('32', 8), ('33', 8), ('34', 4), ('35', 4), ('36', 3), ('37', 7), ('41', 5),
    ('42', 4), ('43', 4), ('44', 10), ('45', 3), ('46', 1), ('50', 4), ('51', 6), ('52', 2),
    ('53', 3), ('54', 1), ('61', 3), ('62', 2), ('63', 1), ('64', 1), ('65', 2)
),
level_shares (level, share) as (values
    ('provincial', 0.03), ('municipal', 0.17), ('county', 0.45), ('grassroots', 0.35)
),
local_factor as (
    select c.*,
           case
               when c.level = 'county' and c.place like '%区' then 3.0
               when c.level = 'county' and c.place like '%市' then 2.0
               when c.level = 'municipal' and substr(c.dcode, 3, 2) = '01' then 3.0
               when c.level = 'grassroots' and c.place like '%区' then 2.0
               else 1.0
           end as factor
      from chosen c
),
weighted as (
    select f.*,
           coalesce(pw.weight, 2)
           * ls.share / sum(ls.share) filter (where f.factor_rank = 1) over (partition by f.prov)
           * f.factor / sum(f.factor) over (partition by f.prov, f.level) as w
      from (select lf.*, row_number() over (partition by lf.prov, lf.level order by lf.id) as factor_rank
              from local_factor lf) f
      join level_shares ls on ls.level = f.level
      left join province_weights pw on pw.prov = f.prov
)
select slot, union_id, union_path, level, dcode, place, prov, contact_interval_days, weight,
       (sum(weight) over (order by slot) - weight)::bigint as lo
  from (select row_number() over (order by prov, union_level_rank(level), dcode, path) as slot,
               id as union_id, path as union_path, level, dcode, place, prov, contact_interval_days,
               greatest(1, round(w / sum(w) over () * 1000000000))::bigint as weight
          from weighted) ordered;

alter table seed_homes add primary key (slot);
create unique index on seed_homes (lo);

create temp table seed_params as
select current_date as today,
       (select coalesce(sum(weight), 0) from seed_homes)::bigint as total_weight;

analyze seed_homes;

create temp table if not exists seed_dropped_indexes (table_name text, index_name text, definition text);

do $$
declare
    n bigint := coalesce(nullif(current_setting('niudai.seed_orgs', true), '')::bigint, 0);
    existing bigint;
    r record;
begin
    -- Only inside a transaction the caller opened (BEGIN came in an earlier message than
    -- this one): there, a failure before step 4 rolls the drop back too.
    if transaction_timestamp() = statement_timestamp() then
        return;
    end if;
    select count(*) into existing from (select 1 from organizations limit n / 2 + 1) o;
    if n < 50000 or existing * 2 > n then
        return;
    end if;
    for r in
        select c.relname::text as table_name, i.indexrelid::regclass::text as index_name,
               pg_get_indexdef(i.indexrelid) as definition
          from pg_index i
          join pg_class c on c.oid = i.indrelid
         where i.indrelid in ('organizations'::regclass, 'organization_ratings'::regclass,
                              'organization_union_building'::regclass, 'organization_contacts'::regclass)
           and not i.indisunique
           and not exists (select 1 from pg_constraint k where k.conindid = i.indexrelid)
         order by 1, 2
    loop
        insert into seed_dropped_indexes values (r.table_name, r.index_name, r.definition);
        execute 'drop index ' || r.index_name;
    end loop;
end
$$;
