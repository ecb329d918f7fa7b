-- What happens to an organization over time: its ratings, its union building,
-- and the union's regular contact with it. Each row carries the organization's
-- union path (kept in step by a composite foreign key), so that row-level
-- security needs no join. The organization's current rating, union-building
-- status and next contact date are derived from these, never typed.

create table organization_ratings (
    id uuid primary key default gen_random_uuid(),
    org_id uuid not null,
    union_path ltree not null,
    level smallint not null,
    rated_on date not null,
    valid_until date generated always as ((rated_on + interval '5 years')::date) stored,
    authority text not null,
    certificate_no text,
    revoked_at timestamptz,
    revoke_reason text,
    created_by uuid,
    created_at timestamptz not null default now(),
    constraint organization_ratings_org_fk foreign key (org_id, union_path)
        references organizations (id, union_path) on update cascade,
    constraint organization_ratings_level_check check (level between 1 and 5),
    constraint organization_ratings_authority_check check (length(btrim(authority)) between 2 and 100)
);
create index organization_ratings_org_idx on organization_ratings (org_id, rated_on desc);
create index organization_ratings_union_path_gist on organization_ratings using gist (union_path);

create table organization_union_building (
    id uuid primary key default gen_random_uuid(),
    org_id uuid not null,
    union_path ltree not null,
    status text not null,
    founded_on date,
    members int,
    employees int,
    chair text,
    changed_on date not null,
    created_by uuid,
    created_at timestamptz not null default now(),
    constraint organization_union_building_org_fk foreign key (org_id, union_path)
        references organizations (id, union_path) on update cascade,
    constraint organization_union_building_status_check
        check (status in ('none', 'preparing', 'established', 'joint')),
    constraint organization_union_building_counts_check
        check (members >= 0 and employees >= 0 and members <= employees)
);
create index organization_union_building_org_idx on organization_union_building (org_id, changed_on desc);
create index organization_union_building_union_path_gist on organization_union_building using gist (union_path);

create table organization_contacts (
    id uuid primary key default gen_random_uuid(),
    org_id uuid not null,
    union_path ltree not null,
    contacted_on date not null,
    method text not null,
    cadre text not null,
    summary text not null,
    issues text,
    follow_up text,
    next_due date,
    created_by uuid,
    created_at timestamptz not null default now(),
    constraint organization_contacts_org_fk foreign key (org_id, union_path)
        references organizations (id, union_path) on update cascade,
    constraint organization_contacts_method_check
        check (method in ('visit', 'meeting', 'phone', 'online', 'event')),
    constraint organization_contacts_next_due_check check (next_due > contacted_on)
);
create index organization_contacts_org_idx on organization_contacts (org_id, contacted_on desc);
create index organization_contacts_union_path_gist on organization_contacts using gist (union_path);

-- Fills a history row's union path from its organization (under the caller's
-- row-level security: an organization outside the scope is "not found").
create function organization_row_set_union_path() returns trigger
    language plpgsql
    as $$
begin
    select union_path into new.union_path from organizations where id = new.org_id;
    if not found then
        raise exception 'organization % not found', new.org_id
            using errcode = 'foreign_key_violation', constraint = tg_table_name || '_org_fk';
    end if;
    return new;
end
$$;

create trigger organization_ratings_set_union_path
    before insert on organization_ratings
    for each row execute function organization_row_set_union_path();
create trigger organization_union_building_set_union_path
    before insert on organization_union_building
    for each row execute function organization_row_set_union_path();
create trigger organization_contacts_set_union_path
    before insert on organization_contacts
    for each row execute function organization_row_set_union_path();

-- Recomputes an organization's derived columns from its histories: the latest
-- rating not revoked, the latest union-building status, the last contact, and the
-- next contact due (the date the last contact set, else the last contact — or the
-- record's creation — plus the organization's or its home union's interval).
-- It runs as the owner: the serving role may not write derived columns itself.
create function organization_refresh(p_org_id uuid) returns void
    language sql security definer
    set search_path = public, pg_temp
    as $$
        update organizations o
           set (rating_level, rating_valid_until) = (
                   select r.level, r.valid_until from organization_ratings r
                    where r.org_id = o.id and r.revoked_at is null
                    order by r.rated_on desc, r.created_at desc limit 1),
               union_building = coalesce((
                   select b.status from organization_union_building b
                    where b.org_id = o.id
                    order by b.changed_on desc, b.created_at desc limit 1), 'none'),
               last_contacted_on = (
                   select max(c.contacted_on) from organization_contacts c where c.org_id = o.id),
               next_contact_due = coalesce(
                   (select coalesce(c.next_due, c.contacted_on + coalesce(o.contact_interval_days, u.contact_interval_days))
                      from organization_contacts c
                     where c.org_id = o.id
                     order by c.contacted_on desc, c.created_at desc limit 1),
                   o.created_at::date + coalesce(o.contact_interval_days, u.contact_interval_days))
          from unions u
         where o.id = p_org_id and u.id = o.union_id
    $$;

create function organization_history_changed() returns trigger
    language plpgsql security definer
    set search_path = public, pg_temp
    as $$
begin
    perform organization_refresh(coalesce(new.org_id, old.org_id));
    return null;
end
$$;

create trigger organization_ratings_changed
    after insert or update on organization_ratings
    for each row execute function organization_history_changed();
create trigger organization_union_building_changed
    after insert on organization_union_building
    for each row execute function organization_history_changed();
create trigger organization_contacts_changed
    after insert on organization_contacts
    for each row execute function organization_history_changed();

-- A new record, or one whose interval or home union changed, gets its next
-- contact date recomputed.
create function organizations_after_write() returns trigger
    language plpgsql security definer
    set search_path = public, pg_temp
    as $$
begin
    if tg_op = 'INSERT'
       or new.contact_interval_days is distinct from old.contact_interval_days
       or new.union_id is distinct from old.union_id then
        perform organization_refresh(new.id);
    end if;
    return null;
end
$$;

create trigger organizations_after_write
    after insert or update of contact_interval_days, union_id on organizations
    for each row execute function organizations_after_write();

-- A union's new default interval moves the next contact date of its organizations.
create function unions_interval_changed() returns trigger
    language plpgsql security definer
    set search_path = public, pg_temp
    as $$
begin
    perform organization_refresh(o.id) from organizations o where o.union_id = new.id;
    return null;
end
$$;

create trigger unions_interval_changed
    after update of contact_interval_days on unions
    for each row when (old.contact_interval_days is distinct from new.contact_interval_days)
    execute function unions_interval_changed();

alter table organization_ratings enable row level security;
alter table organization_ratings force row level security;
alter table organization_union_building enable row level security;
alter table organization_union_building force row level security;
alter table organization_contacts enable row level security;
alter table organization_contacts force row level security;

-- Cadres of the scope see and add all three; an organization's account reads its
-- own ratings and union building (its record), not the union's contact notes.
create policy organization_ratings_in_scope on organization_ratings
    using (union_path <@ actor_scope()) with check (union_path <@ actor_scope());
create policy organization_ratings_own on organization_ratings for select
    using (org_id = actor_org_id());
create policy organization_union_building_in_scope on organization_union_building
    using (union_path <@ actor_scope()) with check (union_path <@ actor_scope());
create policy organization_union_building_own on organization_union_building for select
    using (org_id = actor_org_id());
create policy organization_contacts_in_scope on organization_contacts
    using (union_path <@ actor_scope()) with check (union_path <@ actor_scope());

grant select on organization_ratings, organization_union_building, organization_contacts to niudai_app;
grant insert (org_id, level, rated_on, authority, certificate_no, created_by)
    on organization_ratings to niudai_app;
grant update (revoked_at, revoke_reason) on organization_ratings to niudai_app;
grant insert (org_id, status, founded_on, members, employees, chair, changed_on, created_by)
    on organization_union_building to niudai_app;
grant insert (org_id, contacted_on, method, cadre, summary, issues, follow_up, next_due,
              created_by)
    on organization_contacts to niudai_app;
