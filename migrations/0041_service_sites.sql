-- Service sites (服务阵地): the hubs and stations a union runs or sponsors —
-- service centers at province, city and county level, township and street
-- service points, stations, "15-minute homes", rest stops for outdoor
-- workers, sanitation workers' love stations, building union stations.
--
-- A site belongs to its owning union (its level is the union's level) and is
-- seen in that union's scope. Its division code is checked against GB/T 2260
-- by the application (`src/divisions/`), which also checks it lies inside the
-- owning union's division; here only its form. Coordinates are optional and
-- name their datum; outside China's bounding box they are refused.

create table service_sites (
    id uuid primary key default gen_random_uuid(),
    union_id bigint not null,
    union_path ltree not null,
    province text generated always as
        (subltree(union_path, 0, least(nlevel(union_path), 2))::text) stored,
    prefecture text generated always as
        (case when nlevel(union_path) >= 3 then subltree(union_path, 0, 3)::text end) stored,
    kind text not null,
    name text not null,
    address text not null,
    division_code text not null,
    -- Degrees, in the named datum: GCJ-02 (the national surveying
    -- administration's, which Chinese maps show) or WGS-84 (GPS).
    latitude double precision,
    longitude double precision,
    datum text,
    opening_hours text,
    -- The registry's service domains (orgs/kinds.rs `Domain`).
    services text[] not null default '{}',
    -- The organization of the registry that runs the site, if one does.
    operator_org_id uuid references organizations (id),
    -- The federation or joint platform the site belongs to; its foreign key
    -- comes with the federations' table.
    federation_id bigint,
    opened_on date,
    closed_on date,
    contact_name text,
    contact_phone text,
    created_by uuid references users (id),
    created_at timestamptz not null default now(),
    updated_at timestamptz not null default now(),
    version int not null default 1,
    constraint service_sites_union_fk foreign key (union_id, union_path)
        references unions (id, path) on update cascade,
    constraint service_sites_kind_check check (kind in (
        'service_center', 'service_point', 'station', 'home_15min', 'outdoor_rest',
        'sanitation_station', 'building_station', 'other')),
    constraint service_sites_name_check check (length(btrim(name)) between 2 and 200),
    constraint service_sites_address_check check (length(btrim(address)) between 2 and 300),
    constraint service_sites_division_code_check check (division_code ~ '^[0-9]{6}$'),
    constraint service_sites_datum_check check (datum in ('gcj02', 'wgs84')),
    -- Coordinates come as a pair with their datum, or not at all.
    constraint service_sites_coordinates_check
        check ((latitude is null) = (longitude is null) and (latitude is null) = (datum is null)),
    -- China's bounding box (曾母暗沙 to 漠河, 帕米尔 to 抚远), generously.
    constraint service_sites_in_china_check
        check (latitude is null
               or (latitude between 3.5 and 53.6 and longitude between 73.4 and 135.1)),
    constraint service_sites_hours_check check (length(opening_hours) <= 200),
    constraint service_sites_services_check check (services <@ array[
        'employment', 'skills_training', 'income_distribution', 'social_security', 'safety_health',
        'democratic_rights', 'culture', 'legal_aid', 'psychological_support', 'outdoor_workers',
        'other']::text[]),
    constraint service_sites_dates_check check (closed_on is null or opened_on is null
                                                or closed_on >= opened_on),
    constraint service_sites_contact_check
        check (length(contact_name) <= 100 and length(contact_phone) <= 40)
);

-- The list reads a province's or a prefecture's sites by name; the counts
-- read a subtree by path; the division filter reads a code prefix.
create index service_sites_union_path_gist on service_sites using gist (union_path);
create index service_sites_province_name_idx on service_sites (province, name, id);
create index service_sites_prefecture_name_idx on service_sites (prefecture, name, id)
    where prefecture is not null;
create index service_sites_name_idx on service_sites (name, id);
create index service_sites_province_created_idx on service_sites (province, created_at desc, id desc);
create index service_sites_created_idx on service_sites (created_at desc, id desc);
create index service_sites_province_kind_idx on service_sites (province, kind, name, id);
create index service_sites_division_idx on service_sites (division_code text_pattern_ops, name, id);
create index service_sites_union_idx on service_sites (union_id);
create index service_sites_operator_idx on service_sites (operator_org_id)
    where operator_org_id is not null;

create trigger service_sites_set_union_path
    before insert or update of union_id on service_sites
    for each row execute function scoped_row_set_union_path();

alter table service_sites enable row level security;
alter table service_sites force row level security;
create policy service_sites_in_scope on service_sites
    using (union_path <@ (select actor_scope()))
    with check (union_path <@ (select actor_scope()));

grant select on service_sites to niudai_app;
grant insert (union_id, kind, name, address, division_code, latitude, longitude, datum,
              opening_hours, services, operator_org_id, opened_on, closed_on, contact_name,
              contact_phone, created_by)
    on service_sites to niudai_app;
grant update (union_id, kind, name, address, division_code, latitude, longitude, datum,
              opening_hours, services, operator_org_id, opened_on, closed_on, contact_name,
              contact_phone, updated_at, version)
    on service_sites to niudai_app;

-- A site's photos are files of kind `site_photo`: the kinds the constraint
-- lists are read from the catalog and this one added (other areas add theirs
-- in the same release).
do $$
declare
    kinds text[];
begin
    select array_agg(distinct m[1] order by m[1]) into kinds
      from pg_constraint c,
           regexp_matches(pg_get_constraintdef(c.oid), '''([a-z_]+)''', 'g') m
     where c.conrelid = 'files'::regclass and c.conname = 'files_owner_kind_check';
    kinds := array(select distinct k from unnest(kinds || array['site_photo']) k order by k);
    alter table files drop constraint files_owner_kind_check;
    execute format('alter table files add constraint files_owner_kind_check
                        check (owner_kind in (%s))',
                   (select string_agg(quote_literal(k), ', ') from unnest(kinds) k));
end
$$;

-- Statistics: each union's own sites, all and by kind, as of now; the
-- refresh sums them into every union above.
create function stats_figures_sites()
    returns table (union_id bigint, month date, key text, value bigint)
    language sql stable security definer
    set search_path = public, pg_temp
    as $$
        select s.union_id, null::date, 'sites:all', count(*)
          from service_sites s group by s.union_id
        union all
        select s.union_id, null::date, 'sites:kind:' || s.kind, count(*)
          from service_sites s group by s.union_id, s.kind
        union all
        select s.union_id, null::date, 'sites:closed', count(*)
          from service_sites s where s.closed_on <= current_date group by s.union_id
    $$;

revoke all on function stats_figures_sites() from public;
insert into stats_sources values ('stats_figures_sites');
