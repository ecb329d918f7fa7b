-- The registry of labor-relations social organizations. One organization, one
-- record, nationwide: the unified social credit code is unique across all
-- tenants. The home union keeps the record; it is in that union's scope and every
-- scope above it. Organization accounts (role `org`) see and edit their own row.

create extension if not exists pg_trgm;

alter table unions
    add column contact_interval_days int not null default 90,
    add constraint unions_contact_interval_check check (contact_interval_days between 7 and 730);
grant update (contact_interval_days) on unions to niudai_app;

create table organizations (
    id uuid primary key default gen_random_uuid(),
    union_id bigint not null,
    union_path ltree not null,
    -- The province label of the home union ('cn' for national records): list
    -- queries lead with it so that a province's rows sit together in each index.
    province text generated always as (subltree(union_path, 0, least(nlevel(union_path), 2))::text) stored,
    name text not null,
    credit_code text,
    org_type text not null,
    registration_level text,
    registered_on date,
    supervising_unit text,
    direct_registration boolean not null default false,
    address text,
    division_code text,
    legal_representative text,
    contact_person text,
    contact_phone text,
    contact_email text,
    service_domains text[] not null default '{}',
    industry text,
    fulltime_staff int not null default 0,
    volunteers int not null default 0,
    social_workers int not null default 0,
    annual_revenue_fen bigint not null default 0,
    funding_sources text[] not null default '{}',
    activities text,
    working_methods text,
    guidance_category text not null,
    relationship text not null,
    status text not null default 'active',
    status_reason text,
    abnormal_operation boolean not null default false,
    serious_violation boolean not null default false,
    tags text[] not null default '{}',
    notes text,
    -- Overrides the home union's contact interval.
    contact_interval_days int,
    -- Derived from the rating, union-building and contact histories by triggers
    -- (never typed), kept here so that lists can filter and sort on them.
    rating_level smallint,
    rating_valid_until date,
    union_building text not null default 'none',
    last_contacted_on date,
    next_contact_due date not null default current_date,
    created_at timestamptz not null default now(),
    updated_at timestamptz not null default now(),
    version int not null default 1,
    constraint organizations_union_fk foreign key (union_id, union_path)
        references unions (id, path) on update cascade,
    constraint organizations_id_path_key unique (id, union_path),
    constraint organizations_credit_code_key unique (credit_code),
    constraint organizations_credit_code_check check (credit_code ~ '^[0-9A-HJ-NPQRTUWXY]{18}$'),
    constraint organizations_credit_code_required check (credit_code is not null or org_type = 'unregistered'),
    constraint organizations_name_check check (length(btrim(name)) between 2 and 200),
    constraint organizations_type_check
        check (org_type in ('social_group', 'foundation', 'social_service_agency', 'unregistered')),
    constraint organizations_registration_level_check
        check (registration_level in ('national', 'provincial', 'municipal', 'county')),
    constraint organizations_division_code_check check (division_code ~ '^[0-9]{6}$'),
    constraint organizations_counts_check
        check (fulltime_staff >= 0 and volunteers >= 0 and social_workers >= 0 and annual_revenue_fen >= 0),
    constraint organizations_domains_check check (service_domains <@ array[
        'employment', 'skills_training', 'income_distribution', 'social_security', 'safety_health',
        'democratic_rights', 'culture', 'legal_aid', 'psychological_support', 'outdoor_workers', 'other']),
    constraint organizations_funding_check check (funding_sources <@ array[
        'union_funds', 'government_purchase', 'donations', 'service_fees', 'foundation_grants', 'other']),
    constraint organizations_category_check check (guidance_category in ('cultivate', 'guide')),
    constraint organizations_relationship_check check (relationship in ('founded', 'guided', 'contacted')),
    constraint organizations_status_check check (status in ('active', 'suspended', 'deregistered')),
    constraint organizations_union_building_check
        check (union_building in ('none', 'preparing', 'established', 'joint')),
    constraint organizations_interval_check check (contact_interval_days between 7 and 730),
    constraint organizations_rating_check check (rating_level between 1 and 5)
);

create index organizations_union_path_gist on organizations using gist (union_path);
create index organizations_union_idx on organizations (union_id);
create index organizations_name_trgm on organizations using gin (name gin_trgm_ops);
create index organizations_credit_code_prefix on organizations (credit_code text_pattern_ops);
create index organizations_domains_gin on organizations using gin (service_domains);
create index organizations_province_name on organizations (province, name, id);
create index organizations_province_updated on organizations (province, updated_at, id);
create index organizations_province_due on organizations (province, next_contact_due, id);
create index organizations_name on organizations (name, id);
create index organizations_updated on organizations (updated_at, id);
create index organizations_due on organizations (next_contact_due, id);

create trigger organizations_set_union_path
    before insert or update of union_id on organizations
    for each row execute function scoped_row_set_union_path();

-- An organization account may change its self-service fields only: contacts,
-- counts, activities and funding. Classification, rating, flags, status and the
-- home union stay with the union, whatever the application sends.
create function organizations_guard_org_account() returns trigger
    language plpgsql
    as $$
begin
    if actor_org_id() is not null and actor_scope() is null and (
        new.name, new.credit_code, new.org_type, new.registration_level, new.registered_on,
        new.supervising_unit, new.direct_registration, new.division_code, new.legal_representative,
        new.guidance_category, new.relationship, new.status, new.status_reason,
        new.abnormal_operation, new.serious_violation, new.tags, new.notes,
        new.contact_interval_days, new.union_id, new.industry
    ) is distinct from (
        old.name, old.credit_code, old.org_type, old.registration_level, old.registered_on,
        old.supervising_unit, old.direct_registration, old.division_code, old.legal_representative,
        old.guidance_category, old.relationship, old.status, old.status_reason,
        old.abnormal_operation, old.serious_violation, old.tags, old.notes,
        old.contact_interval_days, old.union_id, old.industry
    ) then
        raise exception 'an organization account may change only its self-service fields'
            using errcode = 'insufficient_privilege';
    end if;
    return new;
end
$$;

create trigger organizations_guard_org_account
    before update on organizations
    for each row execute function organizations_guard_org_account();

alter table organizations enable row level security;
alter table organizations force row level security;

create policy organizations_in_scope on organizations
    using (union_path <@ actor_scope())
    with check (union_path <@ actor_scope());
create policy organizations_own_read on organizations for select
    using (id = actor_org_id());
create policy organizations_own_update on organizations for update
    using (id = actor_org_id())
    with check (id = actor_org_id());

-- The columns people type; the derived ones are kept by the history triggers.
grant select on organizations to niudai_app;
grant insert (union_id, name, credit_code, org_type, registration_level, registered_on,
              supervising_unit, direct_registration, address, division_code, legal_representative,
              contact_person, contact_phone, contact_email, service_domains, industry,
              fulltime_staff, volunteers, social_workers, annual_revenue_fen, funding_sources,
              activities, working_methods, guidance_category, relationship, status, status_reason,
              abnormal_operation, serious_violation, tags, notes, contact_interval_days)
    on organizations to niudai_app;
grant update (union_id, name, credit_code, org_type, registration_level, registered_on,
              supervising_unit, direct_registration, address, division_code, legal_representative,
              contact_person, contact_phone, contact_email, service_domains, industry,
              fulltime_staff, volunteers, social_workers, annual_revenue_fen, funding_sources,
              activities, working_methods, guidance_category, relationship, status, status_reason,
              abnormal_operation, serious_violation, tags, notes, contact_interval_days,
              updated_at, version)
    on organizations to niudai_app;

-- An organization's account sees its home union (its name, on its record).
create policy unions_home_of_own_org on unions for select
    using (id in (select o.union_id from organizations o where o.id = actor_org_id()));

-- The one deliberate exception to "another tenant's data is invisible": a union
-- registering a credit code that another union already holds is told which union
-- holds it (its name, nothing else), so that the two can sort it out — one
-- organization, one record, nationwide.
create function organization_credit_code_holder(p_credit_code text) returns text
    language sql stable security definer
    set search_path = public, pg_temp
    as $$
        select u.name
          from organizations o
          join unions u on u.id = o.union_id
         where o.credit_code = upper(p_credit_code)
    $$;

revoke all on function organization_credit_code_holder(text) from public;
grant execute on function organization_credit_code_holder(text) to niudai_app;

-- Organization accounts belong to an organization of the registry.
alter table users
    add constraint users_org_fk foreign key (org_id) references organizations (id);
