-- Pilots (试点) and typical experiences (典型经验, 品牌项目).
--
-- A provincial union designates one or two pilot unions in its province (the
-- opinion's 一至两个); a pilot has goals, milestones with owners and due
-- dates, progress notes with attachments, and ends concluded (with a
-- summary) or cancelled. A third active pilot in a province is refused here
-- as well as in the form, unless the national union granted the exception
-- with a written reason.
--
-- A typical experience is written by a union (provincial and below),
-- submitted, published by its provincial union; the national union features
-- a few nationwide, and a featured published experience is read by every
-- union cadre of the country (its own union's scope reads it at every stage).

-- 1. Pilots -----------------------------------------------------------------

create table pilots (
    id uuid primary key default gen_random_uuid(),
    union_id bigint not null,
    union_path ltree not null,
    -- The province the pilot counts against (`cn.u20`), which lists filter by.
    province text generated always as
        (subltree(union_path, 0, least(nlevel(union_path), 2))::text) stored,
    title text not null,
    goals text not null,
    starts_on date not null,
    planned_end_on date not null,
    status text not null default 'active',
    -- The concluding summary, or why the pilot was cancelled.
    summary text,
    ended_on date,
    -- Set by the national union alone, when the pilot is one beyond the limit.
    exception_reason text,
    designated_by uuid references users (id),
    created_at timestamptz not null default now(),
    updated_at timestamptz not null default now(),
    version int not null default 1,
    constraint pilots_union_fk foreign key (union_id, union_path)
        references unions (id, path) on update cascade,
    constraint pilots_id_path_key unique (id, union_path),
    constraint pilots_title_check check (length(btrim(title)) between 2 and 200),
    constraint pilots_goals_check check (length(btrim(goals)) between 1 and 4000),
    constraint pilots_dates_check check (planned_end_on >= starts_on),
    constraint pilots_status_check check (status in ('active', 'concluded', 'cancelled')),
    constraint pilots_ended_check
        check ((status = 'active') = (ended_on is null) and (status = 'active') = (summary is null)),
    constraint pilots_exception_check
        check (exception_reason is null or length(btrim(exception_reason)) between 2 and 1000),
    -- Pilots are designated in a province: never the national union itself.
    constraint pilots_in_a_province_check check (nlevel(union_path) >= 2)
);

create index pilots_union_path_gist on pilots using gist (union_path);
create index pilots_province_created_idx on pilots (province, created_at desc, id desc);
create index pilots_created_idx on pilots (created_at desc, id desc);

create trigger pilots_set_union_path
    before insert or update of union_id on pilots
    for each row execute function scoped_row_set_union_path();

-- One or two active pilots per province; more only with the national
-- union's exception (a reason), which only a national actor may write. Runs
-- after the row is in place, under a lock per province, so that two
-- designations at once cannot both be the third.
create function pilots_within_limit() returns trigger
    language plpgsql security definer
    set search_path = public, pg_temp
    as $$
declare
    scope ltree := actor_scope();
    active int;
begin
    if new.exception_reason is not null
       and (tg_op = 'INSERT' or new.exception_reason is distinct from old.exception_reason)
       and scope is not null and nlevel(scope) > 1 then
        raise exception 'only the national union grants a pilot beyond the limit'
            using errcode = 'insufficient_privilege';
    end if;
    if new.status <> 'active' or new.exception_reason is not null then
        return null;
    end if;
    perform pg_advisory_xact_lock(hashtext('pilots ' || new.province));
    select count(*) into active from pilots where province = new.province and status = 'active';
    if active > 2 then
        raise exception 'at most two active pilots in province %', new.province
            using errcode = 'check_violation', constraint = 'pilots_per_province';
    end if;
    return null;
end
$$;

create trigger pilots_within_limit
    after insert or update of union_id, status, exception_reason on pilots
    for each row execute function pilots_within_limit();

alter table pilots enable row level security;
alter table pilots force row level security;
create policy pilots_in_scope on pilots
    using (union_path <@ (select actor_scope()))
    with check (union_path <@ (select actor_scope()));

grant select on pilots to niudai_app;
grant insert (union_id, title, goals, starts_on, planned_end_on, exception_reason, designated_by)
    on pilots to niudai_app;
grant update (union_id, title, goals, starts_on, planned_end_on, status, summary, ended_on,
              exception_reason, updated_at, version)
    on pilots to niudai_app;

-- A milestone: its path follows the pilot's (the foreign key carries a move
-- or a change of union along). The owner is a person named in words or an
-- account of the pilot union.
create table pilot_milestones (
    id uuid primary key default gen_random_uuid(),
    pilot_id uuid not null,
    union_path ltree not null,
    title text not null,
    due_on date not null,
    owner_name text,
    owner_user_id uuid references users (id),
    status text not null default 'planned',
    done_on date,
    created_by uuid references users (id),
    created_at timestamptz not null default now(),
    updated_at timestamptz not null default now(),
    version int not null default 1,
    constraint pilot_milestones_pilot_fk foreign key (pilot_id, union_path)
        references pilots (id, union_path) on update cascade on delete cascade,
    constraint pilot_milestones_title_check check (length(btrim(title)) between 2 and 200),
    constraint pilot_milestones_owner_check check (owner_name is null or length(owner_name) <= 100),
    constraint pilot_milestones_status_check
        check (status in ('planned', 'in_progress', 'done')),
    constraint pilot_milestones_done_check check ((status = 'done') = (done_on is not null))
);

create index pilot_milestones_pilot_idx on pilot_milestones (pilot_id, due_on, id);
-- The home pages' overdue milestones: the open ones, by the pilot union's
-- path (the pilot union itself, or every one of a province).
create index pilot_milestones_open_gist on pilot_milestones using gist (union_path)
    where status <> 'done';

alter table pilot_milestones enable row level security;
alter table pilot_milestones force row level security;
create policy pilot_milestones_in_scope on pilot_milestones
    using (union_path <@ (select actor_scope()))
    with check (union_path <@ (select actor_scope()));

grant select on pilot_milestones to niudai_app;
grant insert (pilot_id, union_path, title, due_on, owner_name, owner_user_id, status, done_on,
              created_by)
    on pilot_milestones to niudai_app;
grant update (title, due_on, owner_name, owner_user_id, status, done_on, updated_at, version)
    on pilot_milestones to niudai_app;

-- A progress note; its attachments are files of kind `pilot_note`.
create table pilot_notes (
    id uuid primary key default gen_random_uuid(),
    pilot_id uuid not null,
    union_path ltree not null,
    body text not null,
    author_id uuid references users (id),
    author_name text not null,
    created_at timestamptz not null default now(),
    constraint pilot_notes_pilot_fk foreign key (pilot_id, union_path)
        references pilots (id, union_path) on update cascade on delete cascade,
    constraint pilot_notes_body_check check (length(btrim(body)) between 1 and 4000)
);

create index pilot_notes_pilot_idx on pilot_notes (pilot_id, created_at desc, id);

alter table pilot_notes enable row level security;
alter table pilot_notes force row level security;
create policy pilot_notes_in_scope on pilot_notes
    using (union_path <@ (select actor_scope()))
    with check (union_path <@ (select actor_scope()));

-- A note is a record of what happened: written once, never edited.
grant select on pilot_notes to niudai_app;
grant insert (id, pilot_id, union_path, body, author_id, author_name) on pilot_notes to niudai_app;

-- 2. Typical experiences and brand projects ---------------------------------

create table experiences (
    id uuid primary key default gen_random_uuid(),
    union_id bigint not null,
    union_path ltree not null,
    province text generated always as
        (subltree(union_path, 0, least(nlevel(union_path), 2))::text) stored,
    -- The union's name as the experience was last saved: what a reader of a
    -- featured experience in another province, who does not see the union,
    -- is shown.
    union_name text not null,
    kind text not null default 'experience',
    title text not null,
    summary text not null,
    -- Markdown, rendered with raw HTML left out.
    body text not null default '',
    status text not null default 'draft',
    featured boolean not null default false,
    featured_at timestamptz,
    submitted_at timestamptz,
    published_at timestamptz,
    published_by uuid references users (id),
    created_by uuid references users (id),
    created_at timestamptz not null default now(),
    updated_at timestamptz not null default now(),
    version int not null default 1,
    constraint experiences_union_fk foreign key (union_id, union_path)
        references unions (id, path) on update cascade,
    constraint experiences_id_path_key unique (id, union_path),
    constraint experiences_kind_check check (kind in ('experience', 'brand_project')),
    constraint experiences_title_check check (length(btrim(title)) between 2 and 200),
    constraint experiences_summary_check check (length(btrim(summary)) between 1 and 500),
    constraint experiences_body_check check (length(body) <= 20000),
    constraint experiences_status_check check (status in ('draft', 'submitted', 'published')),
    -- Only a published experience is featured, and a featured one says since when.
    constraint experiences_featured_check
        check (not featured or (status = 'published' and featured_at is not null)),
    constraint experiences_in_a_province_check check (nlevel(union_path) >= 2)
);

create index experiences_union_path_gist on experiences using gist (union_path);
create index experiences_province_created_idx on experiences (province, created_at desc, id desc);
create index experiences_created_idx on experiences (created_at desc, id desc);
create index experiences_featured_idx on experiences (featured_at desc, id)
    where featured and status = 'published';

create trigger experiences_set_union_path
    before insert or update of union_id on experiences
    for each row execute function scoped_row_set_union_path();

alter table experiences enable row level security;
alter table experiences force row level security;
create policy experiences_in_scope on experiences
    using (union_path <@ (select actor_scope()))
    with check (union_path <@ (select actor_scope()));
-- A featured published experience is read by every union cadre (never by
-- accounts without a scope: organizations, reviewers, evaluators). Reading
-- only: changing it stays with its scope.
create policy experiences_featured on experiences for select
    using (featured and status = 'published' and (select actor_scope()) is not null);

grant select on experiences to niudai_app;
grant insert (union_id, union_name, kind, title, summary, body, created_by)
    on experiences to niudai_app;
grant update (union_id, union_name, kind, title, summary, body, status, featured, featured_at, submitted_at,
              published_at, published_by, updated_at, version)
    on experiences to niudai_app;

-- What an experience links to: projects and organizations of its scope,
-- named as they were when linked (a reader of a featured experience in
-- another province sees the names, not the records).
create table experience_links (
    id uuid primary key default gen_random_uuid(),
    experience_id uuid not null,
    union_path ltree not null,
    target_kind text not null,
    target_id uuid not null,
    -- How the writer named it (a project code, a credit code or a name).
    target_key text not null,
    label text not null,
    constraint experience_links_experience_fk foreign key (experience_id, union_path)
        references experiences (id, union_path) on update cascade on delete cascade,
    constraint experience_links_kind_check check (target_kind in ('project', 'organization')),
    constraint experience_links_target_key unique (experience_id, target_kind, target_id)
);

alter table experience_links enable row level security;
alter table experience_links force row level security;
create policy experience_links_in_scope on experience_links
    using (union_path <@ (select actor_scope()))
    with check (union_path <@ (select actor_scope()));
-- Read with the experience, wherever it is read.
create policy experience_links_with_experience on experience_links for select
    using (exists (select 1 from experiences e where e.id = experience_id));

grant select, delete on experience_links to niudai_app;
grant insert (experience_id, union_path, target_kind, target_id, target_key, label)
    on experience_links to niudai_app;

-- 3. Their files -------------------------------------------------------------

alter table files drop constraint files_owner_kind_check;
alter table files add constraint files_owner_kind_check
    check (owner_kind in ('project_document', 'application_attachment', 'contract', 'report',
                          'site_visit', 'rectification', 'evaluation', 'payment',
                          'pilot_note', 'experience_photo'));

-- An experience's photos are read with the experience (a featured one's by
-- every cadre).
create policy files_experience_photos on files for select
    using (owner_kind = 'experience_photo'
           and exists (select 1 from experiences e where e.id = owner_id));
