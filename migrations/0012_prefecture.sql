-- The prefecture of a record's home union: the first three labels of its path
-- (null for national and provincial records). Like `province` it leads the list
-- indexes, so that a municipal union's lists read its own records in order —
-- a large city holds 10,000 — instead of fetching and sorting all of them.
alter table organizations add column prefecture text
    generated always as (
        case when nlevel(union_path) >= 3 then subltree(union_path, 0, 3)::text end
    ) stored;

create index organizations_prefecture_name on organizations (prefecture, name, id)
    include (province, union_path, union_id, org_type, status, service_domains, rating_level,
             rating_valid_until, guidance_category, relationship, union_building,
             division_code, next_contact_due)
    where prefecture is not null;
create index organizations_prefecture_updated on organizations (prefecture, updated_at, id)
    where prefecture is not null;
create index organizations_prefecture_due on organizations (prefecture, next_contact_due, id)
    where prefecture is not null;

-- The scope policy of migration 0010, with the same cheap comparison for
-- municipal users as for provincial ones; the name indexes carry the new column
-- so that counts still read them alone.
drop policy organizations_in_scope on organizations;
create policy organizations_in_scope on organizations
    using (case nlevel(actor_scope())
               when 2 then province = actor_scope()::text
               when 3 then prefecture = actor_scope()::text
               else union_path <@ actor_scope()
           end)
    with check (union_path <@ actor_scope());

drop index organizations_province_name;
create index organizations_province_name on organizations (province, name, id)
    include (prefecture, union_path, union_id, org_type, status, service_domains, rating_level,
             rating_valid_until, guidance_category, relationship, union_building,
             division_code, next_contact_due);
drop index organizations_name;
create index organizations_name on organizations (name, id)
    include (province, prefecture, union_path, union_id, org_type, status, service_domains,
             rating_level, rating_valid_until, guidance_category, relationship, union_building,
             division_code, next_contact_due);
