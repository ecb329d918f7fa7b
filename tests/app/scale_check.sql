-- Scale seed: consistency checks (not a step; for tests and after a run). Run on the
-- connection that ran step 2 (it uses pg_temp.uscc_valid), with triggers on (the
-- default session_replication_role). Returns rows (check, value, ok); every `ok` must be
-- true. The last check calls organization_refresh on 100 seeded organizations and
-- compares their derived columns before and after; when they agree it changes nothing.

drop table if exists pg_temp.seed_check_sample;
create temp table seed_check_sample as
select id, rating_level, rating_valid_until, union_building, last_contacted_on, next_contact_due
  from organizations
 where id in (select md5('niudai-seed-org:' || s)::uuid
                from generate_series(0, coalesce(nullif(current_setting('niudai.seed_orgs', true), '')::bigint, 0) - 1,
                                     greatest(coalesce(nullif(current_setting('niudai.seed_orgs', true), '')::bigint, 0) / 100, 1)) s)
 limit 100;

select count(*) from (select organization_refresh(id) from seed_check_sample) refreshed;

select 'unions ' || level as check, count(*) as value, true as ok
  from unions group by level
union all
select 'organizations ' || org_type, count(*), true
  from organizations group by org_type
union all
select 'credit codes failing GB 32100 / GB 11714 checks', count(*), count(*) = 0
  from organizations where credit_code is not null and not pg_temp.uscc_valid(credit_code)
union all
select 'credit code missing on registered / present on unregistered', count(*), count(*) = 0
  from organizations where (credit_code is null) <> (org_type = 'unregistered')
union all
select 'organizations whose (union_id, union_path) is no union', count(*), count(*) = 0
  from organizations o where not exists (select 1 from unions u where u.id = o.union_id and u.path = o.union_path)
union all
select 'ratings whose (org_id, union_path) is no organization', count(*), count(*) = 0
  from organization_ratings r
 where not exists (select 1 from organizations o where o.id = r.org_id and o.union_path = r.union_path)
union all
select 'union building rows whose (org_id, union_path) is no organization', count(*), count(*) = 0
  from organization_union_building b
 where not exists (select 1 from organizations o where o.id = b.org_id and o.union_path = b.union_path)
union all
select 'contacts whose (org_id, union_path) is no organization', count(*), count(*) = 0
  from organization_contacts c
 where not exists (select 1 from organizations o where o.id = c.org_id and o.union_path = c.union_path)
union all
select 'organizations on the national union', count(*), count(*) = 0
  from organizations o join unions u on u.id = o.union_id where u.level = 'national'
union all
select 'contacts per 100 organizations', (select count(*) from organization_contacts) * 100 / greatest(count(*), 1), true
  from organizations
union all
select 'organizations rated, per 100', count(*) filter (where exists (select 1 from organization_ratings r where r.org_id = o.id)) * 100 / greatest(count(*), 1), true
  from organizations o
union all
select 'organizations with union building, per 100', count(*) filter (where exists (select 1 from organization_union_building b where b.org_id = o.id)) * 100 / greatest(count(*), 1), true
  from organizations o
union all
select 'history or record dates in the future', count(*), count(*) = 0
  from (select created_at::date as d from organizations
        union all select registered_on from organizations
        union all select rated_on from organization_ratings
        union all select changed_on from organization_union_building
        union all select contacted_on from organization_contacts) dates
 where d > current_date
union all
select 'reports whose contract, project, scope, organization or supervisor disagree', count(*), count(*) = 0
  from reports r
 where not exists (select 1 from contracts c
                    where c.id = r.contract_id and c.project_id = r.project_id and c.union_path = r.union_path
                      and c.org_id = r.org_id and c.supervisor_id = r.supervisor_id)
union all
select 'reports outside their contract''s service period', count(*), count(*) = 0
  from reports r join contracts c on c.id = r.contract_id
 where r.period_starts_on < c.service_starts_on or r.period_ends_on > c.service_ends_on
union all
select 'contracts without exactly one final report', count(*), count(*) = 0
  from contracts c
 where (select count(*) from reports r where r.contract_id = c.id and r.kind = 'final') <> 1
union all
select 'submitted reports without their version', count(*), count(*) = 0
  from reports r
 where r.version > 0 and not exists (select 1 from report_versions v where v.report_id = r.id and v.version = r.version)
union all
select 'reports waiting for review', count(*), true
  from reports where status = 'submitted'
union all
select 'sampled organizations whose derived columns organization_refresh changed', count(*), count(*) = 0
  from seed_check_sample s
  join organizations o using (id)
 where (s.rating_level, s.rating_valid_until, s.union_building, s.last_contacted_on, s.next_contact_due)
       is distinct from (o.rating_level, o.rating_valid_until, o.union_building, o.last_contacted_on, o.next_contact_due)
union all
select 'organizations sampled for the refresh check', count(*), count(*) > 0 or current_setting('niudai.seed_orgs', true) in ('', '0')
  from seed_check_sample
union all
select 'service sites', count(*), count(*) > 15000
  from service_sites
union all
select 'service sites whose (union_id, union_path) is no union', count(*), count(*) = 0
  from service_sites s where not exists (select 1 from unions u where u.id = s.union_id and u.path = s.union_path);
