-- Partner networks (协力伙伴) and contact meetings (联系会议 / 例会).
--
-- A partner is a body that is not a labor-relations social organization but
-- works with the union: a foundation, a medium, a company, a law firm, a
-- university, another mass organization. A union keeps the relationship; the
-- partner brings funds, volunteers, venues, expertise or publicity, and may
-- co-fund projects (a link with an optional amount in fen).
--
-- A contact meeting is convened by a union: date, place, agenda; the
-- organizations invited (each organization account sees its own invitation
-- and answers it, never another's); attendance recorded by the cadre, which
-- writes the attending organization's contact (`organization_contacts`, method
-- `meeting`, linked back) in the same transaction, and un-marking removes it;
-- minutes and decisions; follow-up actions with a responsible cadre of the
-- convening union's subtree and a due date, on that cadre's home page until
-- done.

-- 1. Partners ----------------------------------------------------------------

create table partners (
    id uuid primary key default gen_random_uuid(),
    union_id bigint not null,
    union_path ltree not null,
    province text generated always as
        (subltree(union_path, 0, least(nlevel(union_path), 2))::text) stored,
    prefecture text generated always as
        (case when nlevel(union_path) >= 3 then subltree(union_path, 0, 3)::text end) stored,
    name text not null,
    kind text not null,
    -- What the partner brings: a set of funds, volunteers, venues, expertise,
    -- publicity.
    brings text[] not null default '{}',
    contact_name text,
    contact_phone text,
    contact_email text,
    description text,
    created_by uuid references users (id),
    created_at timestamptz not null default now(),
    updated_at timestamptz not null default now(),
    version int not null default 1,
    constraint partners_union_fk foreign key (union_id, union_path)
        references unions (id, path) on update cascade,
    constraint partners_id_path_key unique (id, union_path),
    constraint partners_name_key unique (union_id, name),
    constraint partners_name_check check (length(btrim(name)) between 2 and 200),
    constraint partners_kind_check
        check (kind in ('foundation', 'media', 'company', 'law_firm', 'university',
                        'mass_organization', 'other')),
    constraint partners_brings_check
        check (brings <@ array['funds', 'volunteers', 'venues', 'expertise', 'publicity']),
    constraint partners_contact_check
        check (coalesce(length(contact_name), 0) <= 100 and coalesce(length(contact_phone), 0) <= 40
               and coalesce(length(contact_email), 0) <= 200),
    constraint partners_description_check check (length(description) <= 4000)
);

create index partners_union_path_gist on partners using gist (union_path);
create index partners_province_name_idx on partners (province, name, id);
create index partners_prefecture_name_idx on partners (prefecture, name, id)
    where prefecture is not null;
create index partners_name_idx on partners (name, id);

create trigger partners_set_union_path
    before insert or update of union_id on partners
    for each row execute function scoped_row_set_union_path();

alter table partners enable row level security;
alter table partners force row level security;
create policy partners_in_scope on partners
    using (union_path <@ (select actor_scope()))
    with check (union_path <@ (select actor_scope()));

grant select on partners to niudai_app;
grant insert (union_id, name, kind, brings, contact_name, contact_phone, contact_email,
              description, created_by)
    on partners to niudai_app;
grant update (union_id, name, kind, brings, contact_name, contact_phone, contact_email,
              description, updated_at, version)
    on partners to niudai_app;

-- A partner co-funding a project: the link follows the project's path (the
-- project page shows it), and names the partner as it was when linked, for a
-- reader of the project who does not see the partner's union.
create table partner_projects (
    partner_id uuid not null references partners (id) on delete cascade,
    project_id uuid not null,
    union_path ltree not null,
    partner_name text not null,
    amount_fen bigint,
    created_by uuid references users (id),
    created_at timestamptz not null default now(),
    constraint partner_projects_pkey primary key (partner_id, project_id),
    constraint partner_projects_project_fk foreign key (project_id, union_path)
        references projects (id, union_path) on update cascade on delete cascade,
    constraint partner_projects_amount_check check (amount_fen is null or amount_fen > 0)
);

create index partner_projects_project_idx on partner_projects (project_id);

alter table partner_projects enable row level security;
alter table partner_projects force row level security;
create policy partner_projects_in_scope on partner_projects
    using (union_path <@ (select actor_scope()))
    with check (union_path <@ (select actor_scope()));

grant select, delete on partner_projects to niudai_app;
grant insert (partner_id, project_id, union_path, partner_name, amount_fen, created_by)
    on partner_projects to niudai_app;

-- 2. Meetings ----------------------------------------------------------------

create table meetings (
    id uuid primary key default gen_random_uuid(),
    union_id bigint not null,
    union_path ltree not null,
    province text generated always as
        (subltree(union_path, 0, least(nlevel(union_path), 2))::text) stored,
    prefecture text generated always as
        (case when nlevel(union_path) >= 3 then subltree(union_path, 0, 3)::text end) stored,
    kind text not null default 'contact',
    title text not null,
    held_on date not null,
    place text not null,
    agenda text not null,
    minutes text,
    decisions text,
    status text not null default 'planned',
    created_by uuid references users (id),
    created_at timestamptz not null default now(),
    updated_at timestamptz not null default now(),
    version int not null default 1,
    constraint meetings_union_fk foreign key (union_id, union_path)
        references unions (id, path) on update cascade,
    constraint meetings_id_path_key unique (id, union_path),
    constraint meetings_kind_check check (kind in ('contact', 'regular')),
    constraint meetings_title_check check (length(btrim(title)) between 2 and 200),
    constraint meetings_place_check check (length(btrim(place)) between 1 and 200),
    constraint meetings_agenda_check check (length(btrim(agenda)) between 1 and 4000),
    constraint meetings_minutes_check
        check (length(minutes) <= 20000 and length(decisions) <= 20000),
    constraint meetings_status_check check (status in ('planned', 'held', 'cancelled'))
);

create index meetings_union_path_gist on meetings using gist (union_path);
create index meetings_province_held_idx on meetings (province, held_on desc, id desc);
create index meetings_prefecture_held_idx on meetings (prefecture, held_on desc, id desc)
    where prefecture is not null;
create index meetings_held_idx on meetings (held_on desc, id desc);

create trigger meetings_set_union_path
    before insert or update of union_id on meetings
    for each row execute function scoped_row_set_union_path();

-- An invitation to an organization; its path follows the meeting's.
create table meeting_invitations (
    id uuid primary key default gen_random_uuid(),
    meeting_id uuid not null,
    union_path ltree not null,
    org_id uuid not null references organizations (id),
    response text not null default 'pending',
    response_note text,
    responded_at timestamptz,
    attended boolean not null default false,
    created_at timestamptz not null default now(),
    constraint meeting_invitations_meeting_fk foreign key (meeting_id, union_path)
        references meetings (id, union_path) on update cascade on delete cascade,
    constraint meeting_invitations_org_key unique (meeting_id, org_id),
    constraint meeting_invitations_response_check
        check (response in ('pending', 'accepted', 'declined')),
    constraint meeting_invitations_note_check check (length(response_note) <= 500)
);

create index meeting_invitations_org_idx on meeting_invitations (org_id, created_at desc);

-- Follow-up actions; their path follows the meeting's.
create table meeting_actions (
    id uuid primary key default gen_random_uuid(),
    meeting_id uuid not null,
    union_path ltree not null,
    title text not null,
    responsible_user_id uuid not null references users (id),
    due_on date not null,
    done_on date,
    created_by uuid references users (id),
    created_at timestamptz not null default now(),
    updated_at timestamptz not null default now(),
    constraint meeting_actions_meeting_fk foreign key (meeting_id, union_path)
        references meetings (id, union_path) on update cascade on delete cascade,
    constraint meeting_actions_title_check check (length(btrim(title)) between 2 and 500)
);

create index meeting_actions_meeting_idx on meeting_actions (meeting_id, due_on, id);
-- The home page's open actions of one cadre.
create index meeting_actions_open_idx on meeting_actions (responsible_user_id, due_on)
    where done_on is null;

alter table meetings enable row level security;
alter table meetings force row level security;
create policy meetings_in_scope on meetings
    using (union_path <@ (select actor_scope()))
    with check (union_path <@ (select actor_scope()));

alter table meeting_invitations enable row level security;
alter table meeting_invitations force row level security;
create policy meeting_invitations_in_scope on meeting_invitations
    using (union_path <@ (select actor_scope()))
    with check (union_path <@ (select actor_scope()));
-- An organization account reads and answers its own invitations, never
-- another organization's.
create policy meeting_invitations_own_read on meeting_invitations for select
    using (org_id = (select actor_org_id()));
create policy meeting_invitations_own_update on meeting_invitations for update
    using (org_id = (select actor_org_id()))
    with check (org_id = (select actor_org_id()));

alter table meeting_actions enable row level security;
alter table meeting_actions force row level security;
create policy meeting_actions_in_scope on meeting_actions
    using (union_path <@ (select actor_scope()))
    with check (union_path <@ (select actor_scope()));
-- The responsible cadre reads and closes their own actions, from wherever in
-- the convening union's subtree they work.
create policy meeting_actions_responsible_read on meeting_actions for select
    using (responsible_user_id = (select actor_user_id()));
create policy meeting_actions_responsible_update on meeting_actions for update
    using (responsible_user_id = (select actor_user_id()))
    with check (responsible_user_id = (select actor_user_id()));

-- The meeting itself is read by the organizations invited to it and by the
-- cadres responsible for one of its actions.
create policy meetings_invited on meetings for select
    using (exists (select 1 from meeting_invitations i
                    where i.meeting_id = meetings.id and i.org_id = (select actor_org_id())));
create policy meetings_of_responsible on meetings for select
    using (exists (select 1 from meeting_actions a
                    where a.meeting_id = meetings.id
                      and a.responsible_user_id = (select actor_user_id())));

grant select on meetings, meeting_invitations, meeting_actions to niudai_app;
grant insert (union_id, kind, title, held_on, place, agenda, minutes, decisions, status,
              created_by)
    on meetings to niudai_app;
grant update (union_id, kind, title, held_on, place, agenda, minutes, decisions, status,
              updated_at, version)
    on meetings to niudai_app;
grant insert (meeting_id, union_path, org_id) on meeting_invitations to niudai_app;
grant update (response, response_note, responded_at, attended) on meeting_invitations
    to niudai_app;
grant delete on meeting_invitations to niudai_app;
grant insert (meeting_id, union_path, title, responsible_user_id, due_on, created_by)
    on meeting_actions to niudai_app;
grant update (done_on, updated_at) on meeting_actions to niudai_app;

-- An organization answers; only the convening union's cadres record who came.
create function meeting_invitations_guard() returns trigger
    language plpgsql
    set search_path = public, pg_temp
    as $$
begin
    if (select actor_org_id()) is not null and new.attended is distinct from old.attended then
        raise exception 'an organization does not record its own attendance'
            using errcode = 'insufficient_privilege';
    end if;
    return new;
end
$$;

create trigger meeting_invitations_guard
    before update on meeting_invitations
    for each row execute function meeting_invitations_guard();

-- 3. Attendance is a contact -------------------------------------------------

-- A contact written by recording attendance names its meeting; one per
-- meeting and organization, removed when the attendance is un-marked (the
-- only contacts that are ever deleted).
alter table organization_contacts add column meeting_id uuid references meetings (id);
create unique index organization_contacts_meeting_key on organization_contacts (meeting_id, org_id)
    where meeting_id is not null;
grant insert (meeting_id) on organization_contacts to niudai_app;
grant delete on organization_contacts to niudai_app;
create policy organization_contacts_delete_only_meetings on organization_contacts
    as restrictive for delete
    using (meeting_id is not null);

-- The organization's last and next contact follow a removed contact too.
create trigger organization_contacts_removed
    after delete on organization_contacts
    for each row execute function organization_history_changed();

-- 4. Statistics --------------------------------------------------------------

-- Each union's own partners (as of now) ...
create function stats_figures_partners()
    returns table (union_id bigint, month date, key text, value bigint)
    language sql security definer
    set search_path = public, pg_temp
    as $$
        select p.union_id, null::date, k.key, count(*)
          from partners p
         cross join lateral (values ('partners:all'), ('partners:kind:' || p.kind)) k(key)
         group by 1, 3
        union all
        select p.union_id, null::date, 'partners:brings:' || b.what, count(*)
          from partners p cross join lateral unnest(p.brings) b(what)
         group by 1, 3
        union all
        select p.union_id, null::date, 'partners:cofunded_projects', count(*)
          from partner_projects l join partners p on p.id = l.partner_id
         group by 1
        union all
        select p.union_id, null::date, 'partners:cofunding_fen', sum(l.amount_fen)::bigint
          from partner_projects l join partners p on p.id = l.partner_id
         where l.amount_fen is not null
         group by 1
    $$;

revoke all on function stats_figures_partners() from public;

-- ... and its meetings, by the month they are held in.
create function stats_figures_meetings()
    returns table (union_id bigint, month date, key text, value bigint)
    language sql security definer
    set search_path = public, pg_temp
    as $$
        select m.union_id, date_trunc('month', m.held_on)::date, 'meetings:held', count(*)
          from meetings m where m.status = 'held'
         group by 1, 2
        union all
        select m.union_id, date_trunc('month', m.held_on)::date, k.key, count(*)
          from meeting_invitations i join meetings m on m.id = i.meeting_id
         cross join lateral (values ('meetings:invitations'),
                                    (case when i.attended then 'meetings:attendances' end),
                                    (case when i.response = 'accepted'
                                          then 'meetings:accepted' end)) k(key)
         where m.status <> 'cancelled' and k.key is not null
         group by 1, 2, 3
    $$;

revoke all on function stats_figures_meetings() from public;

insert into stats_sources values ('stats_figures_partners'), ('stats_figures_meetings');
