-- stats_registry() made fast for a small scope:
-- 1. No search_path of its own, so that the planner inlines it into the
--    dashboard's query and sees the scope and the filters as the values they
--    are, instead of planning once for any scope. It runs as its caller, so
--    the caller's search_path opens nothing the caller could not reach.
-- 2. The scope said again in words the registry's indexes understand, as
--    the lists say it (`db::list::ListScope`): a province or a prefecture by
--    its column, a smaller subtree by the unions in it. With the path alone
--    the planner read every organization the reader may see: half a second
--    at a million organizations, for a county as for the nation.
create or replace function stats_registry(
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
     where case nlevel(stats_registry.scope)
             when 0 then true
             when 1 then true
             when 2 then o.province = stats_registry.scope::text
             when 3 then o.prefecture = stats_registry.scope::text
             else o.union_id = any (array(select u.id from unions u
                                           where u.path <@ stats_registry.scope))
           end
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
