-- The union's work system (工作体系): who answers for the work with social
-- organizations in each union (落实领导责任，健全工作体系) — the responsible
-- leader (分管领导), the responsible department, named staff — the year's work
-- plan and summary and the year's funding line; and the cadre trainings and
-- exchanges (干部培训、交流研讨) unions hold. Every row belongs to a union and
-- is seen in that union's scope; the rows follow a moved union through their
-- foreign keys (which cascade) or, for the attendees, through their training.

-- One row per union, made the first time someone sets it. A union without a
-- row, or with no department, has no responsible department yet (the
-- dashboards count those that have one).
create table work_systems (
    union_id bigint not null,
    union_path ltree not null,
    leader_name text,
    leader_title text,
    department text,
    updated_by uuid references users (id),
    created_at timestamptz not null default now(),
    updated_at timestamptz not null default now(),
    version int not null default 1,
    constraint work_systems_pkey primary key (union_id),
    constraint work_systems_union_fk foreign key (union_id, union_path)
        references unions (id, path) on update cascade,
    constraint work_systems_leader_name_check
        check (length(btrim(leader_name)) between 1 and 50),
    constraint work_systems_leader_title_check
        check (length(btrim(leader_title)) between 1 and 100),
    constraint work_systems_department_check
        check (length(btrim(department)) between 1 and 100)
);

create index work_systems_union_path_gist on work_systems using gist (union_path);

create trigger work_systems_set_union_path
    before insert or update of union_id on work_systems
    for each row execute function scoped_row_set_union_path();

-- The union's named staff for the work: a name and duty, a phone if given,
-- and the account of the same union the person signs in with, if they have
-- one (the application checks that the account is the union's).
create table work_system_staff (
    id uuid primary key default gen_random_uuid(),
    union_id bigint not null,
    union_path ltree not null,
    name text not null,
    duty text not null,
    phone text,
    user_id uuid references users (id),
    created_by uuid references users (id),
    created_at timestamptz not null default now(),
    constraint work_system_staff_union_fk foreign key (union_id, union_path)
        references unions (id, path) on update cascade,
    constraint work_system_staff_user_key unique (union_id, user_id),
    constraint work_system_staff_name_check check (length(btrim(name)) between 1 and 50),
    constraint work_system_staff_duty_check check (length(btrim(duty)) between 1 and 100),
    constraint work_system_staff_phone_check check (length(phone) between 1 and 30)
);

create index work_system_staff_union_idx on work_system_staff (union_id, created_at);
create index work_system_staff_union_path_gist on work_system_staff using gist (union_path);

create trigger work_system_staff_set_union_path
    before insert or update of union_id on work_system_staff
    for each row execute function scoped_row_set_union_path();

-- A union's year: the funding line for the work (fen) with a note, and the
-- owner of the year's work plan and summary (files of kind `work_year`,
-- labelled `plan` or `summary`).
create table work_years (
    id uuid primary key default gen_random_uuid(),
    union_id bigint not null,
    union_path ltree not null,
    year int not null,
    funding_fen bigint,
    funding_note text,
    created_at timestamptz not null default now(),
    updated_at timestamptz not null default now(),
    constraint work_years_union_fk foreign key (union_id, union_path)
        references unions (id, path) on update cascade,
    constraint work_years_union_year_key unique (union_id, year),
    constraint work_years_year_check check (year between 2000 and 2100),
    constraint work_years_funding_check check (funding_fen >= 0),
    constraint work_years_funding_note_check check (length(funding_note) <= 500)
);

create index work_years_union_path_gist on work_years using gist (union_path);

create trigger work_years_set_union_path
    before insert or update of union_id on work_years
    for each row execute function scoped_row_set_union_path();

-- A cadre training or exchange, held by its organizing union: the accounts
-- that attended (below) and a count of attendees without an account; hours
-- in tenths (3.5 hours is 35), so that attendee-hours add up exactly.
create table trainings (
    id uuid primary key default gen_random_uuid(),
    union_id bigint not null,
    union_path ltree not null,
    held_on date not null,
    kind text not null,
    topic text not null,
    hours_tenths int not null,
    external_attendees int not null default 0,
    notes text,
    created_by uuid references users (id),
    created_at timestamptz not null default now(),
    updated_at timestamptz not null default now(),
    version int not null default 1,
    constraint trainings_union_fk foreign key (union_id, union_path)
        references unions (id, path) on update cascade,
    constraint trainings_id_path_key unique (id, union_path),
    constraint trainings_kind_check check (kind in ('training', 'exchange')),
    constraint trainings_topic_check check (length(btrim(topic)) between 2 and 200),
    constraint trainings_hours_check check (hours_tenths between 1 and 10000),
    constraint trainings_external_check check (external_attendees between 0 and 100000),
    constraint trainings_held_on_check check (held_on >= date '2000-01-01'),
    constraint trainings_notes_check check (length(notes) <= 4000)
);

create index trainings_union_path_gist on trainings using gist (union_path);
create index trainings_held_idx on trainings (held_on desc, id);
create index trainings_union_held_idx on trainings (union_id, held_on);

create trigger trainings_set_union_path
    before insert or update of union_id on trainings
    for each row execute function scoped_row_set_union_path();

-- The accounts that attended a training, under the training's path (which
-- follows the training when its organizer changes or its union moves).
create table training_attendees (
    training_id uuid not null,
    union_path ltree not null,
    user_id uuid not null references users (id),
    constraint training_attendees_pkey primary key (training_id, user_id),
    constraint training_attendees_training_fk foreign key (training_id, union_path)
        references trainings (id, union_path) on update cascade on delete cascade
);

create index training_attendees_user_idx on training_attendees (user_id);
create index training_attendees_union_path_gist on training_attendees using gist (union_path);

alter table work_systems enable row level security;
alter table work_systems force row level security;
create policy work_systems_in_scope on work_systems
    using (union_path <@ (select actor_scope()))
    with check (union_path <@ (select actor_scope()));

alter table work_system_staff enable row level security;
alter table work_system_staff force row level security;
create policy work_system_staff_in_scope on work_system_staff
    using (union_path <@ (select actor_scope()))
    with check (union_path <@ (select actor_scope()));

alter table work_years enable row level security;
alter table work_years force row level security;
create policy work_years_in_scope on work_years
    using (union_path <@ (select actor_scope()))
    with check (union_path <@ (select actor_scope()));

alter table trainings enable row level security;
alter table trainings force row level security;
create policy trainings_in_scope on trainings
    using (union_path <@ (select actor_scope()))
    with check (union_path <@ (select actor_scope()));

alter table training_attendees enable row level security;
alter table training_attendees force row level security;
create policy training_attendees_in_scope on training_attendees
    using (union_path <@ (select actor_scope()))
    with check (union_path <@ (select actor_scope()));

grant select on work_systems to niudai_app;
grant insert (union_id, leader_name, leader_title, department, updated_by)
    on work_systems to niudai_app;
grant update (leader_name, leader_title, department, updated_by, updated_at, version)
    on work_systems to niudai_app;

grant select, delete on work_system_staff to niudai_app;
grant insert (union_id, name, duty, phone, user_id, created_by)
    on work_system_staff to niudai_app;

grant select on work_years to niudai_app;
grant insert (union_id, year, funding_fen, funding_note) on work_years to niudai_app;
grant update (funding_fen, funding_note, updated_at) on work_years to niudai_app;

grant select, delete on trainings to niudai_app;
grant insert (union_id, held_on, kind, topic, hours_tenths, external_attendees, notes, created_by)
    on trainings to niudai_app;
grant update (union_id, held_on, kind, topic, hours_tenths, external_attendees, notes,
              updated_at, version)
    on trainings to niudai_app;

grant select, delete on training_attendees to niudai_app;
grant insert (training_id, union_path, user_id) on training_attendees to niudai_app;

-- Files of the work: a year's plan and summary, a training's materials. Other
-- areas add kinds of their own in the same release, so the kinds the
-- constraint lists are read from the catalog and these are added to them (and
-- the constraint keeps the form it had, for the next migration to read).
do $$
declare
    kinds text[];
begin
    select array_agg(distinct m[1] order by m[1]) into kinds
      from pg_constraint c,
           regexp_matches(pg_get_constraintdef(c.oid), '''([a-z_]+)''', 'g') m
     where c.conrelid = 'files'::regclass and c.conname = 'files_owner_kind_check';
    kinds := array(select distinct k from unnest(kinds || array['work_year', 'training']) k
                    order by k);
    alter table files drop constraint files_owner_kind_check;
    execute format('alter table files add constraint files_owner_kind_check
                        check (owner_kind in (%s))',
                   (select string_agg(quote_literal(k), ', ') from unnest(kinds) k));
end
$$;
