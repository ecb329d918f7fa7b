-- The deadline calendar (日程): each account's private calendar feed, and the
-- indexes that read a month of deadlines one day at a time.

-- A feed is a secret address a calendar program polls without a login: the
-- table keeps only the SHA-256 of its token, one feed per account. Its owner
-- makes, replaces and stops it; nobody else reads it, and the anonymous feed
-- request goes through `calendar_feed_resolve` below.
create table calendar_feeds (
    user_id uuid not null references users (id) on delete cascade,
    token_hash bytea not null,
    created_at timestamptz not null default now(),
    last_read_at timestamptz,
    constraint calendar_feeds_pkey primary key (user_id),
    constraint calendar_feeds_token_hash_key unique (token_hash)
);

alter table calendar_feeds enable row level security;
alter table calendar_feeds force row level security;

create policy calendar_feeds_own on calendar_feeds
    using (user_id = (select actor_user_id()))
    with check (user_id = (select actor_user_id()));

-- A new token replaces the old row: delete and insert, never update.
grant select, insert, delete on calendar_feeds to niudai_app;

-- The account behind a feed token, as the session lookup gives it, or no row
-- when the token is unknown (never made, replaced or stopped) or its account
-- is disabled. The feed is then read as that account, by its own actor. When
-- it was last read is noted at most hourly, for its owner to see.
create function calendar_feed_resolve(p_token_hash bytea)
    returns table (
        user_id uuid, username text, display_name text, role text, locale text,
        union_id bigint, union_path text, union_name text, union_level text, org_id uuid
    )
    language plpgsql security definer
    set search_path = public, pg_temp
    as $$
begin
    update calendar_feeds f set last_read_at = now()
     where f.token_hash = p_token_hash
       and (f.last_read_at is null or f.last_read_at < now() - interval '1 hour');
    return query
        select u.id, u.username, u.display_name, u.role, u.locale, un.id, un.path::text,
               un.name, un.level, u.org_id
          from calendar_feeds f
          join users u on u.id = f.user_id
          join unions un on un.id = u.union_id
         where f.token_hash = p_token_hash and u.disabled_at is null;
end
$$;

revoke all on function calendar_feed_resolve(bytea) from public;
grant execute on function calendar_feed_resolve(bytea) to niudai_app;

-- A month is read day by day: for each day its deadlines of each kind, a few
-- shown and the rest counted up to a cap, so that a national scope costs what
-- a county's does. Each kind needs an index that leads with its date (or with
-- the reader and then the date); the columns the policies and the scope read
-- come along, so that counting rarely visits the table.

-- Contracts: service start and end, by date.
create index contracts_starts_idx on contracts (service_starts_on, id)
    include (union_path, org_id, supervisor_id);
create index contracts_ends_idx on contracts (service_ends_on, id)
    include (union_path, org_id, supervisor_id);

-- Rectification orders still open, by deadline.
create index rectifications_deadline_idx on rectifications (deadline, id)
    include (union_path, org_id, supervisor_id)
    where status <> 'closed';

-- Projects under review, by the day their service starts (their reviews are
-- due before it).
create index projects_reviewing_idx on projects (service_starts_on, id)
    include (province, union_path)
    where status = 'reviewing';

-- An evaluator's reports by due date.
create index reports_supervisor_due_idx on reports (supervisor_id, due_on, id);

-- A union's own organizations by their next contact (a cadre's own tasks, and
-- the scopes below a prefecture, which list their unions).
create index organizations_union_due_idx on organizations (union_id, next_contact_due, id);
