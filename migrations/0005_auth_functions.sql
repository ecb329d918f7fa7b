-- The bootstrap of every request: login and session lookup happen before an actor
-- exists, so they cannot pass row-level security as the serving role. These
-- SECURITY DEFINER functions are the only way the serving role touches sessions
-- and credentials of users outside its scope; each does one narrow thing.

-- Counts the attempt before the password is checked, atomically, so that parallel
-- attempts cannot all slip in under the limit: it returns the attempt's number, and
-- attempt N > p_max_failures is refused without verifying. A lock that has expired
-- starts the count afresh. Disabled and unknown accounts return no row (the caller
-- then verifies against a dummy hash, to spend the same time).
create function auth_login_begin(p_username text, p_max_failures int)
    returns table (user_id uuid, password_hash text, attempt int, may_verify boolean)
    language sql security definer
    set search_path = public, pg_temp
    as $$
        update users u
           set failed_logins = case when u.locked_until <= now() then 1 else u.failed_logins + 1 end,
               locked_until = case when u.locked_until <= now() then null else u.locked_until end
         where u.username = lower(p_username) and u.disabled_at is null
     returning u.id, u.password_hash, u.failed_logins,
               u.locked_until is null and u.failed_logins <= p_max_failures
    $$;

-- Records the outcome of attempt number p_attempt, begun above, and writes its
-- audit entry: 'succeeded'; 'failed' (a wrong password); 'locked' (the wrong
-- password of the last allowed attempt, which locks the account); 'locked_out'
-- (refused without checking the password: the account was locked or the attempt
-- came over the limit). A null user is an unknown or disabled username.
--
-- The serving role is trusted with authentication: it checks the passwords.
-- These functions keep it from reading sessions and other tenants' accounts, and
-- record every outcome.
create function auth_login_finish(
    p_user_id uuid, p_username text, p_attempt int, p_checked boolean, p_success boolean,
    p_ip inet, p_max_failures int, p_lock_for interval
) returns text
    language plpgsql security definer
    set search_path = public, pg_temp
    as $$
declare
    u users%rowtype;
    outcome text;
begin
    if p_user_id is null then
        insert into audit_log (action, entity_type, changes, ip)
        values ('login.failed', 'user', jsonb_build_object('username', left(p_username, 100)), p_ip);
        return 'failed';
    end if;
    if p_checked and p_success then
        update users set failed_logins = 0, locked_until = null, last_login_at = now()
         where id = p_user_id returning * into u;
        outcome := 'succeeded';
    else
        update users
           set locked_until = case
                   when locked_until is null and p_attempt >= p_max_failures then now() + p_lock_for
                   else locked_until end
         where id = p_user_id returning * into u;
        outcome := case
            when not p_checked then 'locked_out'
            when p_attempt = p_max_failures then 'locked'
            else 'failed' end;
    end if;
    insert into audit_log (actor_id, actor_username, union_id, union_path, action, entity_type,
                           entity_id, ip)
    values (u.id, u.username, u.union_id, u.union_path, 'login.' || outcome, 'user', u.id::text, p_ip);
    return outcome;
end
$$;

-- Opens a session for a user who has just logged in (within the last minute).
create function auth_session_start(
    p_user_id uuid, p_token_hash bytea, p_csrf_token text, p_ip inet, p_user_agent text
) returns void
    language plpgsql security definer
    set search_path = public, pg_temp
    as $$
begin
    if not exists (
        select 1 from users
         where id = p_user_id and disabled_at is null
           and last_login_at > now() - interval '1 minute'
    ) then
        raise exception 'no fresh login for this user' using errcode = 'insufficient_privilege';
    end if;
    insert into sessions (token_hash, user_id, csrf_token, ip, user_agent)
    values (p_token_hash, p_user_id, p_csrf_token, p_ip, left(p_user_agent, 300));
end
$$;

-- The actor behind a session token, or no row when the token is unknown, idle for
-- longer than p_idle, older than p_absolute, or its user is disabled. Expired
-- sessions are deleted on sight. trail_* list the union's ancestors, root first,
-- the union itself last: the user's breadcrumbs, which lie above the scope.
create function auth_session_resolve(p_token_hash bytea, p_idle interval, p_absolute interval)
    returns table (
        session_id uuid, user_id uuid, username text, display_name text, role text,
        locale text, must_change_password boolean, union_id bigint, union_path text,
        union_name text, union_level text, org_id uuid, csrf_token text,
        trail_ids bigint[], trail_names text[]
    )
    language plpgsql security definer
    set search_path = public, pg_temp
    as $$
declare
    s sessions%rowtype;
begin
    select * into s from sessions where token_hash = p_token_hash;
    if not found then
        return;
    end if;
    if s.last_seen_at < now() - p_idle or s.created_at < now() - p_absolute then
        delete from sessions where id = s.id;
        return;
    end if;
    if s.last_seen_at < now() - interval '1 minute' then
        update sessions set last_seen_at = now() where id = s.id;
    end if;
    return query
        select s.id, u.id, u.username, u.display_name, u.role, u.locale, u.must_change_password,
               un.id, un.path::text, un.name, un.level, u.org_id, s.csrf_token,
               array(select a.id from unions a where a.path @> un.path order by nlevel(a.path)),
               array(select a.name from unions a where a.path @> un.path order by nlevel(a.path))
          from users u
          join unions un on un.id = u.union_id
         where u.id = s.user_id and u.disabled_at is null;
end
$$;

create function auth_session_end(p_token_hash bytea) returns void
    language sql security definer
    set search_path = public, pg_temp
    as $$ delete from sessions where token_hash = p_token_hash $$;

-- Periodic clean-up of sessions nobody will present again.
create function auth_sessions_expire(p_idle interval, p_absolute interval) returns bigint
    language sql security definer
    set search_path = public, pg_temp
    as $$
        with gone as (
            delete from sessions
             where last_seen_at < now() - p_idle or created_at < now() - p_absolute
            returning 1
        )
        select count(*) from gone
    $$;

revoke all on function
    auth_login_begin(text, int),
    auth_login_finish(uuid, text, int, boolean, boolean, inet, int, interval),
    auth_session_start(uuid, bytea, text, inet, text),
    auth_session_resolve(bytea, interval, interval),
    auth_session_end(bytea),
    auth_sessions_expire(interval, interval)
from public;

grant execute on function
    auth_login_begin(text, int),
    auth_login_finish(uuid, text, int, boolean, boolean, inet, int, interval),
    auth_session_start(uuid, bytea, text, inet, text),
    auth_session_resolve(bytea, interval, interval),
    auth_session_end(bytea),
    auth_sessions_expire(interval, interval)
to niudai_app;
