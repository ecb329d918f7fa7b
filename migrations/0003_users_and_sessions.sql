-- Accounts and their sessions. Every account belongs to one union; an `org`
-- account also to one organization (its foreign key arrives with the registry).

create table users (
    id uuid primary key default gen_random_uuid(),
    union_id bigint not null,
    union_path ltree not null,
    org_id uuid,
    username text not null,
    display_name text not null,
    role text not null,
    locale text not null default 'zh-CN',
    password_hash text not null,
    must_change_password boolean not null default false,
    failed_logins int not null default 0,
    locked_until timestamptz,
    disabled_at timestamptz,
    last_login_at timestamptz,
    created_at timestamptz not null default now(),
    updated_at timestamptz not null default now(),
    version int not null default 1,
    constraint users_union_fk foreign key (union_id, union_path)
        references unions (id, path) on update cascade,
    -- Logins are national, so usernames are too: creating an account may learn
    -- that a name is taken elsewhere, and nothing more.
    constraint users_username_key unique (username),
    constraint users_username_check check (username ~ '^[a-z0-9][a-z0-9._-]{2,39}$'),
    constraint users_display_name_check check (length(btrim(display_name)) between 1 and 50),
    constraint users_role_check
        check (role in ('admin', 'staff', 'viewer', 'reviewer', 'evaluator', 'org')),
    constraint users_org_role_check check ((role = 'org') = (org_id is not null)),
    constraint users_locale_check check (locale in ('zh-CN', 'en'))
);

create index users_union_path_gist on users using gist (union_path);
create index users_union_idx on users (union_id);

create trigger users_set_union_path
    before insert or update of union_id on users
    for each row execute function scoped_row_set_union_path();

-- Nobody changes their own role, union, organization or disabled state, whatever
-- the application asks: the last wall behind the policy module.
create function users_guard_self() returns trigger
    language plpgsql
    as $$
begin
    if new.id = actor_user_id() and (
        new.role is distinct from old.role
        or new.union_id is distinct from old.union_id
        or new.org_id is distinct from old.org_id
        or new.disabled_at is distinct from old.disabled_at
    ) then
        raise exception 'users cannot change their own role, union or status'
            using errcode = 'insufficient_privilege';
    end if;
    return new;
end
$$;

create trigger users_guard_self
    before update on users
    for each row execute function users_guard_self();

alter table users enable row level security;
alter table users force row level security;

-- Admins and staff see the accounts of their scope; everyone sees their own.
create policy users_read on users for select
    using (union_path <@ actor_scope() or id = actor_user_id());
create policy users_insert on users for insert
    with check (union_path <@ actor_scope());
create policy users_update_in_scope on users for update
    using (union_path <@ actor_scope())
    with check (union_path <@ actor_scope());
create policy users_update_self on users for update
    using (id = actor_user_id())
    with check (id = actor_user_id());

grant select on users to niudai_app;
grant insert (union_id, org_id, username, display_name, role, locale, password_hash,
              must_change_password) on users to niudai_app;
grant update (union_id, display_name, role, locale, password_hash, must_change_password,
              failed_logins, locked_until, disabled_at, updated_at, version) on users to niudai_app;

-- Sessions: the bootstrap table. The serving role has no privilege on it at all;
-- it goes through the SECURITY DEFINER functions in the auth migration.
create table sessions (
    id uuid primary key default gen_random_uuid(),
    token_hash bytea not null,
    user_id uuid not null references users (id) on delete cascade,
    csrf_token text not null,
    ip inet,
    user_agent text,
    created_at timestamptz not null default now(),
    last_seen_at timestamptz not null default now(),
    constraint sessions_token_hash_key unique (token_hash)
);

create index sessions_user_idx on sessions (user_id);
create index sessions_last_seen_idx on sessions (last_seen_at);

-- A new password or a disabled account ends every session of that user.
create function users_end_sessions() returns trigger
    language plpgsql security definer
    set search_path = public, pg_temp
    as $$
begin
    delete from sessions where user_id = new.id;
    return null;
end
$$;

create trigger users_end_sessions
    after update of password_hash, disabled_at on users
    for each row when (
        old.password_hash is distinct from new.password_hash
        or (new.disabled_at is not null and old.disabled_at is null)
    )
    execute function users_end_sessions();
