-- The serving role holds only what serving needs. Row-level security keeps
-- tenants apart as long as the server sets the actor honestly; this is the
-- wall behind that one, for the day SQL reaches the database that the server
-- did not mean to send. With the serving role's login alone:
--   * a password hash never leaves the database: login sends the hash it
--     computed and the database compares it, and only a match opens a session
--     (there is no call that opens one on the caller's word);
--   * no function of ours is executable by PUBLIC, the SECURITY DEFINER ones
--     are granted to the serving role alone (or to nobody, when only triggers
--     call them), and those that decide what to show read the actor from the
--     transaction's settings, not from their arguments;
--   * another tenant's data comes back only where a rule written here says so.

-- 1. Credentials ------------------------------------------------------------

drop function auth_login_begin(text, int);
drop function auth_login_finish(uuid, text, int, boolean, boolean, inet, int, interval);
drop function auth_session_start(uuid, bytea, text, inet, text);

-- The serving role reads every column of an account but its password hash.
revoke select on users from niudai_app;
grant select (id, union_id, union_path, org_id, username, display_name, role, locale,
              must_change_password, failed_logins, locked_until, disabled_at, last_login_at,
              created_at, updated_at, version)
    on users to niudai_app;

-- What a login hashes the offered password with: the stored hash's settings
-- (algorithm, parameters, salt) without the hash. An unknown or disabled
-- username gets settings of the same shape (p_default, and a salt made from the
-- name), so that it costs the same work.
create function auth_login_settings(p_username text, p_default text) returns text
    language plpgsql stable security definer
    set search_path = public, pg_temp
    as $$
declare
    stored text;
begin
    select password_hash into stored from users
     where username = lower(p_username) and disabled_at is null;
    if stored is not null then
        return regexp_replace(stored, '\$[^$]*$', '');
    end if;
    return p_default || '$' || rtrim(encode(substring(sha256(convert_to(
        'niudai-unknown:' || lower(p_username), 'UTF8')) from 1 for 16), 'base64'), '=');
end
$$;

-- One login attempt, whole: counts it (under the account row's lock, so that
-- parallel attempts queue and each sees the ones before), refuses it unchecked
-- when the account is locked or over the limit, compares the hash the server
-- computed with the stored one, opens the session on a match, and writes the
-- audit entry. Outcomes: 'succeeded'; 'failed' (wrong password, or an unknown
-- or disabled username); 'locked' (the wrong password of the last allowed
-- attempt); 'locked_out' (refused unchecked).
create function auth_login(
    p_username text, p_candidate text, p_ip inet, p_user_agent text, p_token_hash bytea,
    p_csrf_token text, p_max_failures int, p_lock_for interval
) returns text
    language plpgsql security definer
    set search_path = public, pg_temp
    as $$
declare
    u users%rowtype;
    outcome text;
begin
    update users
       set failed_logins = case when locked_until <= now() then 1 else failed_logins + 1 end,
           locked_until = case when locked_until <= now() then null else locked_until end
     where username = lower(p_username) and disabled_at is null
    returning * into u;
    if not found then
        insert into audit_log (action, entity_type, changes, ip)
        values ('login.failed', 'user', jsonb_build_object('username', left(p_username, 100)), p_ip);
        return 'failed';
    end if;
    if u.locked_until is not null or u.failed_logins > p_max_failures then
        outcome := 'locked_out';
    elsif u.password_hash = p_candidate then
        update users set failed_logins = 0, locked_until = null, last_login_at = now()
         where id = u.id;
        insert into sessions (token_hash, user_id, csrf_token, ip, user_agent)
        values (p_token_hash, u.id, p_csrf_token, p_ip, left(p_user_agent, 300));
        outcome := 'succeeded';
    elsif u.failed_logins >= p_max_failures then
        update users set locked_until = now() + p_lock_for where id = u.id;
        outcome := 'locked';
    else
        outcome := 'failed';
    end if;
    insert into audit_log (actor_id, actor_username, union_id, union_path, action, entity_type,
                           entity_id, ip)
    values (u.id, u.username, u.union_id, u.union_path, 'login.' || outcome, 'user', u.id::text, p_ip);
    return outcome;
end
$$;

-- The acting user's own settings and comparison, for "current password" checks.
create function auth_own_password_settings() returns text
    language sql stable security definer
    set search_path = public, pg_temp
    as $$ select regexp_replace(password_hash, '\$[^$]*$', '') from users where id = actor_user_id() $$;

create function auth_own_password_matches(p_candidate text) returns boolean
    language sql stable security definer
    set search_path = public, pg_temp
    as $$ select coalesce((select password_hash = p_candidate from users where id = actor_user_id()), false) $$;

-- The login of the serving role itself, when the server makes one (only
-- DATABASE_URL given): kept here for the owner, unreadable by the serving role.
create table server_secrets (
    name text primary key,
    value text not null,
    created_at timestamptz not null default now()
);
alter table server_secrets enable row level security;
alter table server_secrets force row level security;

-- Serving needs no transaction idle for long nor any statement running for
-- minutes: both end on their own rather than hold locks and connections.
alter role niudai_app set statement_timeout = '30s';
alter role niudai_app set idle_in_transaction_session_timeout = '60s';

-- 2. Functions that decide what to show read the actor ----------------------

-- The reviewers a project of p_path may draw on: the project's union and the
-- unions above and below it; only for a project the actor's scope holds.
create or replace function reviewer_pool(p_path ltree)
    returns table (id uuid, display_name text, union_name text)
    language sql stable security definer
    set search_path = public, pg_temp
    as $$
        select u.id, u.display_name, n.name
          from users u join unions n on n.id = u.union_id
         where u.role = 'reviewer' and u.disabled_at is null
           and (u.union_path @> p_path or u.union_path <@ p_path)
           and p_path <@ actor_scope()
         order by u.display_name, u.id
    $$;

create or replace function evaluator_pool(p_path ltree)
    returns table (id uuid, display_name text, union_name text)
    language sql stable security definer
    set search_path = public, pg_temp
    as $$
        select u.id, u.display_name, n.name
          from users u join unions n on n.id = u.union_id
         where u.role = 'evaluator' and u.disabled_at is null
           and (u.union_path @> p_path or u.union_path <@ p_path)
           and p_path <@ actor_scope()
         order by u.display_name, u.id
    $$;

-- Whether a reviewer has a recorded link with an organization. Rule: a link
-- bars the reviewer from reviewing the organization anywhere, so staff who
-- assign reviewers (and the reviewer) learn yes or no wherever it was
-- recorded, and nothing more.
create or replace function reviewer_linked(p_reviewer_id uuid, p_org_id uuid) returns boolean
    language sql stable security definer
    set search_path = public, pg_temp
    as $$
        select (actor_scope() is not null or p_reviewer_id = actor_user_id())
           and exists (select 1 from reviewer_links
                        where reviewer_id = p_reviewer_id and org_id = p_org_id)
    $$;

-- A reviewer's name: for the reviewer, and for staff whose scope holds one of
-- the reviewer's assignments. Organizations never learn who reviewed them.
create or replace function reviewer_display_name(p_id uuid) returns text
    language plpgsql stable security definer
    set search_path = public, pg_temp
    as $$
begin
    return (select display_name from users
             where id = p_id and role = 'reviewer'
               and (id = actor_user_id()
                    or exists (select 1 from review_assignments ra
                                where ra.reviewer_id = p_id
                                  and ra.union_path <@ actor_scope())));
end
$$;

-- An organization's closed projects and grades, for whoever may read the
-- organization: its own account, the unions whose scope holds it, and the
-- purchasers it has applied to.
create or replace function organization_track_record(p_org_id uuid)
    returns table (project_id uuid, code text, title text, purchaser text, closed_on date,
                   amount_fen bigint, total_hundredths int, grade text)
    language plpgsql stable security definer
    set search_path = public, pg_temp
    as $$
begin
    if not (p_org_id = actor_org_id()
            or exists (select 1 from organizations o
                        where o.id = p_org_id and o.union_path <@ actor_scope())
            or exists (select 1 from applications a
                        where a.org_id = p_org_id and a.union_path <@ actor_scope())) then
        return;
    end if;
    return query
        select p.id, p.code, p.title, n.name, (pc.closed_at at time zone 'Asia/Shanghai')::date,
               c.amount_fen, e.total_hundredths, e.grade
          from contracts c
          join projects p on p.id = c.project_id and p.status = 'closed'
          join unions n on n.id = p.union_id
          join project_closings pc on pc.project_id = p.id
          left join evaluations e on e.contract_id = c.id and e.kind = 'final' and e.status = 'final'
         where c.org_id = p_org_id
         order by pc.closed_at desc;
end
$$;

-- The approval threshold of the province of a project the actor's scope holds.
create or replace function project_approval_threshold(p_union_path ltree) returns bigint
    language sql stable security definer
    set search_path = public, pg_temp
    as $$
        select approval_threshold_fen from unions
         where path = subltree(p_union_path, 0, least(nlevel(p_union_path), 2))
           and p_union_path <@ actor_scope()
    $$;

-- The next project code of a union in the actor's scope.
create or replace function project_code_next(p_union_id bigint) returns text
    language plpgsql security definer
    set search_path = public, pg_temp
    as $$
declare
    province_code text;
    code_prefix text;
    n int;
begin
    select coalesce(left(p.division_code, 2), '00') into province_code
      from unions u join unions p on p.path = subltree(u.path, 0, least(nlevel(u.path), 2))
     where u.id = p_union_id and u.path <@ actor_scope();
    if not found then
        raise exception 'union % not found', p_union_id
            using errcode = 'foreign_key_violation', constraint = 'projects_union_fk';
    end if;
    code_prefix := to_char(now() at time zone 'Asia/Shanghai', 'YYYY') || '-' || case province_code
        when '11' then 'BJ' when '12' then 'TJ' when '13' then 'HE' when '14' then 'SX'
        when '15' then 'NM' when '21' then 'LN' when '22' then 'JL' when '23' then 'HL'
        when '31' then 'SH' when '32' then 'JS' when '33' then 'ZJ' when '34' then 'AH'
        when '35' then 'FJ' when '36' then 'JX' when '37' then 'SD' when '41' then 'HA'
        when '42' then 'HB' when '43' then 'HN' when '44' then 'GD' when '45' then 'GX'
        when '46' then 'HI' when '50' then 'CQ' when '51' then 'SC' when '52' then 'GZ'
        when '53' then 'YN' when '54' then 'XZ' when '61' then 'SN' when '62' then 'GS'
        when '63' then 'QH' when '64' then 'NX' when '65' then 'XJ'
        else 'QG' end;
    insert into project_code_counters (prefix, last) values (code_prefix, 1)
        on conflict (prefix) do update set last = project_code_counters.last + 1
        returning last into n;
    return code_prefix || '-' || lpad(n::text, 4, '0');
end
$$;

-- Moves a project along with its delivery, on the timeline in the acting
-- user's name; only for a project whose delivery the actor takes part in.
drop function project_delivery_advance(uuid, uuid, text);
create function project_delivery_advance(p_project_id uuid) returns text
    language plpgsql security definer
    set search_path = public, pg_temp
    as $$
declare
    st text;
    actor_name text;
begin
    if not exists (select 1 from contracts c
                    where c.project_id = p_project_id
                      and (c.union_path <@ actor_scope() or c.org_id = actor_org_id()
                           or c.supervisor_id = actor_user_id())) then
        raise exception 'project % not found', p_project_id
            using errcode = 'insufficient_privilege';
    end if;
    select display_name into actor_name from users where id = actor_user_id();
    if actor_name is null then
        raise exception 'no acting user' using errcode = 'insufficient_privilege';
    end if;
    select status into st from projects where id = p_project_id for update;
    if st = 'contracted' and (
        exists (select 1 from reports where project_id = p_project_id
                                         and status in ('submitted', 'returned', 'accepted'))
        or exists (select 1 from payments pm join contracts c on c.id = pm.contract_id
                    where c.project_id = p_project_id)) then
        update projects set status = 'in_progress', updated_at = now(), version = version + 1
         where id = p_project_id;
        insert into project_events (project_id, union_path, from_status, to_status, actor_id, actor_name)
        select id, union_path, 'contracted', 'in_progress', actor_user_id(), actor_name
          from projects where id = p_project_id;
        st := 'in_progress';
    end if;
    if st = 'in_progress' and not exists (
        select 1 from contracts c
         where c.project_id = p_project_id
           and not exists (select 1 from reports r where r.contract_id = c.id
                                                      and r.kind = 'final' and r.status = 'accepted')) then
        update projects set status = 'final_evaluation', updated_at = now(), version = version + 1
         where id = p_project_id;
        insert into project_events (project_id, union_path, from_status, to_status, actor_id, actor_name)
        select id, union_path, 'in_progress', 'final_evaluation', actor_user_id(), actor_name
          from projects where id = p_project_id;
        st := 'final_evaluation';
    end if;
    return st;
end
$$;

-- 3. What is public, a page at a time ---------------------------------------

-- The open calls, for anyone: a page (fifty, and one more to tell whether a
-- next page exists) at most a call, after a position in the order (closing
-- date, code), in one province and one domain if asked. Rule: an open call's
-- title, purchaser, budget, window and eligibility are public.
drop function public_open_calls();
create function public_open_calls(
    p_province text, p_domain text, p_after_closes date, p_after_code text, p_limit int
) returns table (
    id uuid, code text, title text, domain text, purchaser text, budget_fen bigint,
    apply_opens_on date, apply_closes_on date, eligible_types text[], min_rating smallint,
    min_years smallint
)
    language sql stable security definer
    set search_path = public, pg_temp
    as $$
        select p.id, p.code, p.title, p.domain, u.name, p.budget_fen, p.apply_opens_on,
               p.apply_closes_on, p.eligible_types, p.min_rating, p.min_years
          from projects p join unions u on u.id = p.union_id
         where p.status = 'open'
           and (p_province is null or p.province = p_province)
           and (p_domain is null or p.domain = p_domain)
           and (p_after_closes is null or (p.apply_closes_on, p.code) > (p_after_closes, p_after_code))
         order by p.apply_closes_on, p.code
         limit least(greatest(p_limit, 1), 51)
    $$;

create index projects_open_calls_idx on projects (apply_closes_on, code)
    where status = 'open';
create index projects_open_calls_province_idx on projects (province, apply_closes_on, code)
    where status = 'open';
create index projects_open_calls_domain_idx on projects (domain, apply_closes_on, code)
    where status = 'open';
create index projects_open_calls_both_idx on projects (province, domain, apply_closes_on, code)
    where status = 'open';

-- The provincial federations, for the public list's filter. Rule: the
-- national union and its 31 provincial federations are public.
create function public_provinces() returns table (path text, name text)
    language sql stable security definer
    set search_path = public, pg_temp
    as $$
        select path::text, name from unions where level = 'provincial'
         order by division_code, id
    $$;

-- The documents of the listed calls only (at most a page of calls).
drop function public_call_documents();
create function public_call_documents(p_project_ids uuid[])
    returns table (id uuid, project_id uuid, file_name text)
    language sql stable security definer
    set search_path = public, pg_temp
    as $$
        select f.id, f.owner_id, f.file_name
          from files f join projects p on p.id = f.owner_id
         where f.owner_kind = 'project_document' and p.status = 'open'
           and f.owner_id = any (p_project_ids[1:51])
         order by f.created_at
    $$;

-- 4. Imports a server stopped in the middle of ------------------------------

-- Imports silent for p_after (their server stopped mid-way; nothing was
-- written, the write being one transaction) end as failed.
create function org_imports_fail_stalled(p_after interval) returns bigint
    language sql security definer
    set search_path = public, pg_temp
    as $$
        with stalled as (
            update org_imports
               set status = 'failed', failure = 'import.error.interrupted', updated_at = now()
             where status in ('validating', 'writing') and updated_at < now() - greatest(p_after, interval '5 minutes')
            returning 1
        )
        select count(*) from stalled
    $$;

-- 5. Who may execute what ---------------------------------------------------

-- Nothing of ours runs for PUBLIC, now or later (extension functions keep
-- their own grants: operators need them).
do $$
declare
    f regprocedure;
begin
    for f in
        select p.oid::regprocedure
          from pg_proc p
         where p.pronamespace = 'public'::regnamespace
           and not exists (select 1 from pg_depend d
                            where d.classid = 'pg_proc'::regclass and d.objid = p.oid
                              and d.deptype = 'e')
    loop
        execute format('revoke all on function %s from public', f);
    end loop;
end
$$;
alter default privileges revoke execute on functions from public;

-- Definer functions the serving role calls were granted to it before; those
-- it must not call lose the grant, and the new ones get theirs.
revoke all on function organization_refresh(uuid) from niudai_app;
grant execute on function
    auth_login_settings(text, text),
    auth_login(text, text, inet, text, bytea, text, int, interval),
    auth_own_password_settings(),
    auth_own_password_matches(text),
    project_delivery_advance(uuid),
    public_open_calls(text, text, date, text, int),
    public_call_documents(uuid[]),
    public_provinces(),
    org_imports_fail_stalled(interval),
    only_union_path_changed(jsonb, jsonb),
    union_level_rank(text)
to niudai_app;
