-- The registry's figures with the registry list's filters (a dashboard
-- narrowed to, say, the foundations rated 4A of a province): one definition of
-- what the registry counts, used by the refresh for the whole registry and by
-- the dashboards, live, for a filtered view.
--
-- `stats_registry(scope, filters…)` returns each union's own counts of the
-- organizations in `scope` that pass the filters, a null filter being no
-- condition, read as the registry list reads its filters (`orgs/search.rs`).
-- It runs as its caller: under row-level security for the serving role, over
-- everything for the refresh, which runs as the owner.
create function stats_registry(
    scope ltree,
    org_type text default null,
    domain text default null,
    rating text default null,
    category text default null,
    relationship text default null,
    union_building text default null,
    status text default null,
    division text default null,
    overdue boolean default false
) returns table (union_id bigint, figures jsonb)
    language sql stable
    set search_path = public, pg_temp
    as $$
    select o.union_id,
           jsonb_build_object(
              'orgs', count(*),
              'type:social_group', count(*) filter (where org_type = 'social_group'),
              'type:foundation', count(*) filter (where org_type = 'foundation'),
              'type:social_service_agency', count(*) filter (where org_type = 'social_service_agency'),
              'type:unregistered', count(*) filter (where org_type = 'unregistered'),
              'category:cultivate', count(*) filter (where guidance_category = 'cultivate'),
              'category:guide', count(*) filter (where guidance_category = 'guide'),
              'relationship:founded', count(*) filter (where relationship = 'founded'),
              'relationship:guided', count(*) filter (where relationship = 'guided'),
              'relationship:contacted', count(*) filter (where relationship = 'contacted'),
              'status:active', count(*) filter (where status = 'active'),
              'status:suspended', count(*) filter (where status = 'suspended'),
              'status:deregistered', count(*) filter (where status = 'deregistered'),
              'ub:none', count(*) filter (where union_building = 'none'),
              'ub:preparing', count(*) filter (where union_building = 'preparing'),
              'ub:established', count(*) filter (where union_building = 'established'),
              'ub:joint', count(*) filter (where union_building = 'joint'),
              'rating:1', count(*) filter (where rating_level = 1 and rating_valid_until >= current_date),
              'rating:2', count(*) filter (where rating_level = 2 and rating_valid_until >= current_date),
              'rating:3', count(*) filter (where rating_level = 3 and rating_valid_until >= current_date),
              'rating:4', count(*) filter (where rating_level = 4 and rating_valid_until >= current_date),
              'rating:5', count(*) filter (where rating_level = 5 and rating_valid_until >= current_date),
              'rating:expired', count(*) filter (where rating_valid_until < current_date),
              'rating:none', count(*) filter (where rating_level is null))
       || jsonb_build_object(
              'flag:abnormal', count(*) filter (where abnormal_operation),
              'flag:violation', count(*) filter (where serious_violation),
              'contacts:overdue', count(*) filter (where status = 'active' and next_contact_due < current_date),
              'contacts:due30', count(*) filter (where status = 'active' and next_contact_due between current_date and current_date + 30),
              'domain:employment', count(*) filter (where service_domains @> '{employment}'),
              'domain:skills_training', count(*) filter (where service_domains @> '{skills_training}'),
              'domain:income_distribution', count(*) filter (where service_domains @> '{income_distribution}'),
              'domain:social_security', count(*) filter (where service_domains @> '{social_security}'),
              'domain:safety_health', count(*) filter (where service_domains @> '{safety_health}'),
              'domain:democratic_rights', count(*) filter (where service_domains @> '{democratic_rights}'),
              'domain:culture', count(*) filter (where service_domains @> '{culture}'),
              'domain:legal_aid', count(*) filter (where service_domains @> '{legal_aid}'),
              'domain:psychological_support', count(*) filter (where service_domains @> '{psychological_support}'),
              'domain:outdoor_workers', count(*) filter (where service_domains @> '{outdoor_workers}'),
              'domain:other', count(*) filter (where service_domains @> '{other}'),
              'funding:union_funds', count(*) filter (where funding_sources @> '{union_funds}'),
              'funding:government_purchase', count(*) filter (where funding_sources @> '{government_purchase}'),
              'funding:donations', count(*) filter (where funding_sources @> '{donations}'),
              'funding:service_fees', count(*) filter (where funding_sources @> '{service_fees}'),
              'funding:foundation_grants', count(*) filter (where funding_sources @> '{foundation_grants}'),
              'funding:other', count(*) filter (where funding_sources @> '{other}'),
              'staff', sum(fulltime_staff),
              'volunteers', sum(volunteers),
              'social_workers', sum(social_workers),
              'revenue_fen', sum(annual_revenue_fen),
              'ub:members', sum(b.members))
      from organizations o
      -- Members of the union founded in the organization: its latest record.
      left join lateral (select members from organization_union_building b
                          where b.org_id = o.id
                          order by b.changed_on desc, b.created_at desc limit 1) b
             on o.union_building in ('established', 'joint')
     where o.union_path <@ stats_registry.scope
       and (stats_registry.org_type is null or o.org_type = stats_registry.org_type)
       and (stats_registry.domain is null or o.service_domains @> array[stats_registry.domain])
       and (stats_registry.rating is null
            or (stats_registry.rating = 'expired' and o.rating_valid_until < current_date)
            or (stats_registry.rating = 'none' and o.rating_level is null)
            or (o.rating_level::text = stats_registry.rating and o.rating_valid_until >= current_date))
       and (stats_registry.category is null or o.guidance_category = stats_registry.category)
       and (stats_registry.relationship is null or o.relationship = stats_registry.relationship)
       and (stats_registry.union_building is null or o.union_building = stats_registry.union_building)
       and (stats_registry.status is null or o.status = stats_registry.status)
       and (stats_registry.division is null or starts_with(o.division_code, stats_registry.division))
       and (not stats_registry.overdue or (o.next_contact_due < current_date and o.status = 'active'))
     group by o.union_id
$$;

create or replace function stats_refresh() returns integer
    language plpgsql security definer
    set search_path = public, pg_temp
    as $$
declare
    depth_now integer;
    source text;
    started timestamptz := clock_timestamp();
    funded text[] := array['approved', 'open', 'reviewing', 'awarded', 'contracted',
                           'in_progress', 'final_evaluation', 'closed'];
    took integer;
begin
    if not pg_try_advisory_xact_lock(7956000436) then
        return null;
    end if;

    -- Each union's own figures: (union, month or null for now, key, value).
    create temp table stats_direct (union_id bigint, month date, key text, value bigint);

    -- The registry: each union's own counts, as the dashboards' filtered
    -- views count them (stats_registry above).
    insert into stats_direct
    select r.union_id, null, f.key, f.value::bigint
      from stats_registry(''::ltree) r
     cross join lateral jsonb_each_text(r.figures) f
     where f.value::bigint <> 0;

    -- Union building's net change by month (founded minus dissolved): the
    -- trend is today's count less the changes after each month.
    insert into stats_direct
    select o.union_id, date_trunc('month', c.changed_on)::date, 'ub:net', sum(c.delta)
      from (select org_id, changed_on,
                   (status in ('established', 'joint'))::int
                   - coalesce((lag(status) over w in ('established', 'joint'))::int, 0) as delta
              from organization_union_building
            window w as (partition by org_id order by changed_on, created_at)) c
      join organizations o on o.id = c.org_id
     where c.delta <> 0
     group by 1, 2;

    -- (Grouped by the path as text: ltree has no hash to group by.)
    insert into stats_direct
    select u.id, c.month, 'contacts:made', c.made
      from (select union_path::text as path, date_trunc('month', contacted_on)::date as month,
                   count(*) as made
              from organization_contacts group by 1, 2) c
      join unions u on u.path = c.path::ltree;

    insert into stats_direct
    select n.union_id, date_trunc('month', n.collected_on)::date, k.key, sum(k.value)
      from needs n
     cross join lateral (values ('needs:collected', 1), ('needs:workers', n.workers_affected),
                                ('needs:addressed', (n.addressed is true)::int),
                                ('needs:purchasable', n.suitable_for_purchase::int),
                                ('needs:in_project', (n.project_id is not null)::int)) k(key, value)
     group by 1, 2, 3;

    -- Projects count in the month (China time) they were drafted, as the
    -- project list's year does; money only for funded ones, as /finance sums.
    create temp table stats_projects as
    select p.id, p.union_id,
           date_trunc('month', p.created_at at time zone 'Asia/Shanghai')::date as month,
           p.status, p.domain, p.status = any (funded) as funded, p.budget_fen,
           p.union_funds_fen, p.fiscal_funds_fen, p.crowdfunding_fen, p.other_funds_fen
      from projects p;

    insert into stats_direct
    select p.union_id, p.month, k.key, count(*)
      from stats_projects p
     cross join lateral unnest(array['projects:all', 'project_status:' || p.status,
                                     case when p.funded then 'projects:funded' end,
                                     case when p.funded then 'project_domain:' || p.domain end]) k(key)
     where k.key is not null
     group by 1, 2, 3;

    insert into stats_direct
    select p.union_id, p.month, k.key, sum(k.value)
      from stats_projects p
     cross join lateral (values ('budget:total', p.budget_fen),
                                ('budget:union_funds', p.union_funds_fen),
                                ('budget:fiscal_funds', p.fiscal_funds_fen),
                                ('budget:crowdfunding', p.crowdfunding_fen),
                                ('budget:other_funds', p.other_funds_fen)) k(key, value)
     where p.funded
     group by 1, 2, 3;

    insert into stats_direct
    select p.union_id, p.month, 'money:contracted', sum(c.amount_fen)
      from stats_projects p join contracts c on c.project_id = p.id
     where p.funded
     group by 1, 2;

    insert into stats_direct
    select p.union_id, p.month, 'money:paid', sum(m.paid)
      from (select c.project_id, sum(pm.amount_fen) as paid
              from payments pm join contracts c on c.id = pm.contract_id
             group by c.project_id) m
      join stats_projects p on p.id = m.project_id
     where p.funded
     group by 1, 2;

    insert into stats_direct
    select p.union_id, p.month, 'money:spent', sum(r.spent)
      from (select project_id,
                   sum(personnel_fen + activities_fen + publicity_fen + transport_fen
                       + office_fen + experts_fen + management_fen + evaluation_fen) as spent
              from reports where status in ('submitted', 'accepted')
             group by project_id) r
      join stats_projects p on p.id = r.project_id
     where p.funded
     group by 1, 2;

    -- What was delivered, by the month an accepted report's period ends.
    insert into stats_direct
    select p.union_id, r.month, k.key, sum(k.value)
      from (select project_id, date_trunc('month', period_ends_on)::date as month,
                   count(*) as reports, sum(people_served) as people,
                   sum(activities_held) as activities, sum(service_hours) as hours,
                   sum(volunteer_hours) as volunteer_hours
              from reports where status = 'accepted'
             group by 1, 2) r
      join stats_projects p on p.id = r.project_id
     cross join lateral (values ('served:reports', r.reports), ('served:people', r.people),
                                ('served:activities', r.activities), ('served:hours', r.hours),
                                ('served:volunteer_hours', r.volunteer_hours)) k(key, value)
     group by 1, 2, 3;

    insert into stats_direct
    select p.union_id, p.month, 'grade:' || c.grade, count(*)
      from project_closings c join stats_projects p on p.id = c.project_id
     where c.grade is not null
     group by 1, 2, 3;

    -- Each registered area's own figures (see stats_sources above).
    for source in select name from stats_sources order by name loop
        execute format('insert into stats_direct (union_id, month, key, value) '
                       'select union_id, month, key, value from %I() where value <> 0',
                       source);
    end loop;

    -- Every union's sums, from the deepest level up: a union's own figures
    -- plus its children's sums, so that each row is added once per level,
    -- not once per ancestor.
    create temp table stats_level as
    select d.union_id, u.parent_id, nlevel(u.path) as depth, d.month, d.key,
           sum(d.value)::bigint as value
      from stats_direct d join unions u on u.id = d.union_id
     group by d.union_id, u.parent_id, nlevel(u.path), d.month, d.key;
    create temp table stats_summed (union_id bigint, parent_id bigint, depth integer,
                                    month date, key text, value bigint);
    for depth_now in reverse (select max(nlevel(path)) from unions) .. 1 loop
        insert into stats_summed
        select x.union_id, u.parent_id, depth_now, x.month, x.key, sum(x.value)
          from (select union_id, month, key, value from stats_level where depth = depth_now
                union all
                select parent_id, month, key, value from stats_summed where depth = depth_now + 1) x
          join unions u on u.id = x.union_id
         group by x.union_id, u.parent_id, x.month, x.key;
    end loop;

    delete from stats_snapshots;
    insert into stats_snapshots (union_id, union_path, figures)
    select s.union_id, u.path, jsonb_object_agg(s.key, s.value)
      from stats_summed s join unions u on u.id = s.union_id
     where s.month is null and s.value <> 0
     group by s.union_id, u.path;

    delete from stats_months;
    insert into stats_months (union_id, union_path, month, figures)
    select s.union_id, u.path, s.month, jsonb_object_agg(s.key, s.value)
      from stats_summed s join unions u on u.id = s.union_id
     where s.month is not null and s.value <> 0
     group by s.union_id, u.path, s.month;

    drop table stats_direct, stats_projects, stats_level, stats_summed;

    took := (extract(epoch from clock_timestamp() - started) * 1000)::integer;
    insert into stats_refreshes (singleton, refreshed_at, took_ms)
    values (true, now(), took)
    on conflict (singleton) do update set refreshed_at = excluded.refreshed_at,
                                          took_ms = excluded.took_ms;
    return took;
end
$$;


revoke all on function stats_registry(ltree, text, text, text, text, text, text, text, text, boolean) from public;
grant execute on function stats_registry(ltree, text, text, text, text, text, text, text, text, boolean) to niudai_app;
