--
-- PostgreSQL database dump
--



SET statement_timeout = 0;
SET lock_timeout = 0;
SET idle_in_transaction_session_timeout = 0;
SET client_encoding = 'UTF8';
SET standard_conforming_strings = on;
SELECT pg_catalog.set_config('search_path', '', false);
SET check_function_bodies = false;
SET xmloption = content;
SET client_min_messages = warning;
SET row_security = off;

--
-- Name: btree_gin; Type: EXTENSION; Schema: -; Owner: -
--

CREATE EXTENSION IF NOT EXISTS btree_gin WITH SCHEMA public;


--
-- Name: EXTENSION btree_gin; Type: COMMENT; Schema: -; Owner: -
--

COMMENT ON EXTENSION btree_gin IS 'support for indexing common datatypes in GIN';


--
-- Name: ltree; Type: EXTENSION; Schema: -; Owner: -
--

CREATE EXTENSION IF NOT EXISTS ltree WITH SCHEMA public;


--
-- Name: EXTENSION ltree; Type: COMMENT; Schema: -; Owner: -
--

COMMENT ON EXTENSION ltree IS 'data type for hierarchical tree-like structures';


--
-- Name: pg_trgm; Type: EXTENSION; Schema: -; Owner: -
--

CREATE EXTENSION IF NOT EXISTS pg_trgm WITH SCHEMA public;


--
-- Name: EXTENSION pg_trgm; Type: COMMENT; Schema: -; Owner: -
--

COMMENT ON EXTENSION pg_trgm IS 'text similarity measurement and index searching based on trigrams';


--
-- Name: actor_org_id(); Type: FUNCTION; Schema: public; Owner: -
--

CREATE FUNCTION public.actor_org_id() RETURNS uuid
    LANGUAGE sql STABLE
    AS $$ select nullif(current_setting('niudai.org_id', true), '')::uuid $$;


--
-- Name: actor_scope(); Type: FUNCTION; Schema: public; Owner: -
--

CREATE FUNCTION public.actor_scope() RETURNS public.ltree
    LANGUAGE sql STABLE
    AS $$ select nullif(current_setting('niudai.scope', true), '')::ltree $$;


--
-- Name: actor_user_id(); Type: FUNCTION; Schema: public; Owner: -
--

CREATE FUNCTION public.actor_user_id() RETURNS uuid
    LANGUAGE sql STABLE
    AS $$ select nullif(current_setting('niudai.user_id', true), '')::uuid $$;


--
-- Name: application_scores_for_applicant(uuid); Type: FUNCTION; Schema: public; Owner: -
--

CREATE FUNCTION public.application_scores_for_applicant(p_application_id uuid) RETURNS TABLE(review_no bigint, indicator_id uuid, code text, name text, weight smallint, score_tenths integer)
    LANGUAGE sql STABLE SECURITY DEFINER
    SET search_path TO 'public', 'pg_temp'
    AS $$
        select dense_rank() over (order by ra.id), i.id, i.code, i.name, i.weight, s.score_tenths
          from applications a
          join review_assignments ra on ra.application_id = a.id and ra.status = 'submitted'
          join review_scores s on s.assignment_id = ra.id
          join indicators i on i.id = s.indicator_id
         where a.id = p_application_id and a.org_id = actor_org_id()
           and a.status in ('awarded', 'rejected')
    $$;


--
-- Name: application_seen_by_partner(uuid); Type: FUNCTION; Schema: public; Owner: -
--

CREATE FUNCTION public.application_seen_by_partner(p_id uuid) RETURNS boolean
    LANGUAGE plpgsql STABLE SECURITY DEFINER
    SET search_path TO 'public', 'pg_temp'
    AS $$
begin
    return exists (select 1 from review_assignments ra
                    where ra.application_id = p_id and ra.reviewer_id = actor_user_id()
                      and ra.status in ('scoring', 'submitted'))
        or exists (select 1 from contracts c
                    where c.application_id = p_id and c.supervisor_id = actor_user_id());
end
$$;


--
-- Name: applications_commission_members(); Type: FUNCTION; Schema: public; Owner: -
--

CREATE FUNCTION public.applications_commission_members() RETURNS trigger
    LANGUAGE plpgsql SECURITY DEFINER
    SET search_path TO 'public', 'pg_temp'
    AS $$
begin
    if not commission_admits(new.project_id, new.org_id) then
        raise exception 'only the commissioning federation''s members apply'
            using errcode = 'check_violation', constraint = 'applications_commission_members';
    end if;
    return new;
end
$$;


--
-- Name: applications_guard_org_account(); Type: FUNCTION; Schema: public; Owner: -
--

CREATE FUNCTION public.applications_guard_org_account() RETURNS trigger
    LANGUAGE plpgsql
    AS $$
begin
    if actor_org_id() is not null and actor_scope() is null and (
        new.status not in ('draft', 'submitted', 'withdrawn')
        or (new.decided_at, new.decision_reason) is distinct from (old.decided_at, old.decision_reason)
    ) then
        raise exception 'an organization account does not decide on applications'
            using errcode = 'insufficient_privilege';
    end if;
    return new;
end
$$;


--
-- Name: applications_set_union_path(); Type: FUNCTION; Schema: public; Owner: -
--

CREATE FUNCTION public.applications_set_union_path() RETURNS trigger
    LANGUAGE plpgsql SECURITY DEFINER
    SET search_path TO 'public', 'pg_temp'
    AS $$
begin
    select union_path into new.union_path from projects where id = new.project_id;
    if not found then
        raise exception 'project % not found', new.project_id
            using errcode = 'foreign_key_violation', constraint = 'applications_project_fk';
    end if;
    return new;
end
$$;


--
-- Name: audit_log_refuse_change(); Type: FUNCTION; Schema: public; Owner: -
--

CREATE FUNCTION public.audit_log_refuse_change() RETURNS trigger
    LANGUAGE plpgsql
    AS $$
begin
    raise exception 'the audit log is append-only' using errcode = 'insufficient_privilege';
end
$$;


--
-- Name: auth_login(text, text, inet, text, bytea, text, integer, interval); Type: FUNCTION; Schema: public; Owner: -
--

CREATE FUNCTION public.auth_login(p_username text, p_candidate text, p_ip inet, p_user_agent text, p_token_hash bytea, p_csrf_token text, p_max_failures integer, p_lock_for interval) RETURNS text
    LANGUAGE plpgsql SECURITY DEFINER
    SET search_path TO 'public', 'pg_temp'
    AS $$
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


--
-- Name: auth_login_settings(text, text); Type: FUNCTION; Schema: public; Owner: -
--

CREATE FUNCTION public.auth_login_settings(p_username text, p_default text) RETURNS text
    LANGUAGE plpgsql STABLE SECURITY DEFINER
    SET search_path TO 'public', 'pg_temp'
    AS $_$
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
$_$;


--
-- Name: auth_own_password_matches(text); Type: FUNCTION; Schema: public; Owner: -
--

CREATE FUNCTION public.auth_own_password_matches(p_candidate text) RETURNS boolean
    LANGUAGE sql STABLE SECURITY DEFINER
    SET search_path TO 'public', 'pg_temp'
    AS $$ select coalesce((select password_hash = p_candidate from users where id = actor_user_id()), false) $$;


--
-- Name: auth_own_password_settings(); Type: FUNCTION; Schema: public; Owner: -
--

CREATE FUNCTION public.auth_own_password_settings() RETURNS text
    LANGUAGE sql STABLE SECURITY DEFINER
    SET search_path TO 'public', 'pg_temp'
    AS $_$ select regexp_replace(password_hash, '\$[^$]*$', '') from users where id = actor_user_id() $_$;


--
-- Name: auth_session_end(bytea); Type: FUNCTION; Schema: public; Owner: -
--

CREATE FUNCTION public.auth_session_end(p_token_hash bytea) RETURNS void
    LANGUAGE sql SECURITY DEFINER
    SET search_path TO 'public', 'pg_temp'
    AS $$ delete from sessions where token_hash = p_token_hash $$;


--
-- Name: auth_session_resolve(bytea, interval, interval); Type: FUNCTION; Schema: public; Owner: -
--

CREATE FUNCTION public.auth_session_resolve(p_token_hash bytea, p_idle interval, p_absolute interval) RETURNS TABLE(session_id uuid, user_id uuid, username text, display_name text, role text, locale text, must_change_password boolean, union_id bigint, union_path text, union_name text, union_level text, org_id uuid, csrf_token text, trail_ids bigint[], trail_names text[])
    LANGUAGE plpgsql SECURITY DEFINER
    SET search_path TO 'public', 'pg_temp'
    AS $$
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


--
-- Name: auth_sessions_expire(interval, interval); Type: FUNCTION; Schema: public; Owner: -
--

CREATE FUNCTION public.auth_sessions_expire(p_idle interval, p_absolute interval) RETURNS bigint
    LANGUAGE sql SECURITY DEFINER
    SET search_path TO 'public', 'pg_temp'
    AS $$
        with gone as (
            delete from sessions
             where last_seen_at < now() - p_idle or created_at < now() - p_absolute
            returning 1
        )
        select count(*) from gone
    $$;


--
-- Name: calendar_feed_resolve(bytea); Type: FUNCTION; Schema: public; Owner: -
--

CREATE FUNCTION public.calendar_feed_resolve(p_token_hash bytea) RETURNS TABLE(user_id uuid, username text, display_name text, role text, locale text, union_id bigint, union_path text, union_name text, union_level text, org_id uuid)
    LANGUAGE plpgsql SECURITY DEFINER
    SET search_path TO 'public', 'pg_temp'
    AS $$
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


--
-- Name: commission_admits(uuid, uuid); Type: FUNCTION; Schema: public; Owner: -
--

CREATE FUNCTION public.commission_admits(p_project_id uuid, p_org_id uuid) RETURNS boolean
    LANGUAGE sql STABLE SECURITY DEFINER
    SET search_path TO 'public', 'pg_temp'
    AS $$
        select coalesce((select p.commissioned_by is null
                                 or exists (select 1 from federation_members m
                                             where m.federation_id = p.commissioned_by
                                               and m.org_id = p_org_id
                                               and m.left_on is null)
                           from projects p where p.id = p_project_id), true)
    $$;


--
-- Name: contract_installments_sum_check(); Type: FUNCTION; Schema: public; Owner: -
--

CREATE FUNCTION public.contract_installments_sum_check() RETURNS trigger
    LANGUAGE plpgsql
    AS $$
declare
    total int;
begin
    select coalesce(sum(percent), 0) into total from contract_installments
     where contract_id = coalesce(new.contract_id, old.contract_id);
    if total <> 100 and exists (select 1 from contracts where id = coalesce(new.contract_id, old.contract_id)) then
        raise exception 'installments sum to %, not 100', total
            using errcode = 'check_violation', constraint = 'contract_installments_sum';
    end if;
    return null;
end
$$;


--
-- Name: contract_supervised_as(uuid, public.ltree, uuid); Type: FUNCTION; Schema: public; Owner: -
--

CREATE FUNCTION public.contract_supervised_as(p_contract uuid, p_path public.ltree, p_org uuid) RETURNS boolean
    LANGUAGE sql STABLE
    SET search_path TO 'public', 'pg_temp'
    AS $$
        select exists (select 1 from contracts c
                        where c.id = p_contract and c.supervisor_id = actor_user_id()
                          and c.union_path = p_path and c.org_id = p_org)
    $$;


--
-- Name: contracts_schedule_reports(); Type: FUNCTION; Schema: public; Owner: -
--

CREATE FUNCTION public.contracts_schedule_reports() RETURNS trigger
    LANGUAGE plpgsql SECURITY DEFINER
    SET search_path TO 'public', 'pg_temp'
    AS $$
declare
    step interval := case new.report_cycle when 'monthly' then interval '1 month' else interval '3 months' end;
    midpoint date := new.service_starts_on + (new.service_ends_on - new.service_starts_on) / 2;
    starts date[] := '{}';
    ends date[] := '{}';
    s date := new.service_starts_on;
    n int;
    mid int;
begin
    while s <= new.service_ends_on loop
        starts := starts || s;
        ends := ends || least((s + step)::date - 1, new.service_ends_on);
        s := (s + step)::date;
    end loop;
    n := cardinality(starts);
    -- A stub of less than half a period joins the period before it.
    if n >= 2 and (ends[n] - starts[n] + 1) * 2 < (starts[n] - starts[n - 1]) then
        ends[n - 1] := ends[n];
        starts := starts[1:n - 1];
        ends := ends[1:n - 1];
        n := n - 1;
    end if;
    if n < 2 then
        starts := array[new.service_starts_on, midpoint + 1];
        ends := array[midpoint, new.service_ends_on];
        n := 2;
    end if;
    select min(i) into mid from generate_series(1, n - 1) i where ends[i] >= midpoint;
    mid := coalesce(mid, n - 1);
    insert into reports (contract_id, project_id, union_path, org_id, supervisor_id, kind,
                         period_starts_on, period_ends_on, due_on)
    select new.id, new.project_id, new.union_path, new.org_id, new.supervisor_id,
           case when i = n then 'final' when i = mid then 'midterm' else 'periodic' end,
           starts[i], ends[i], ends[i] + case when i = n then 15 else 10 end
      from generate_series(1, n) i;
    return null;
end
$$;


--
-- Name: evaluations_final_is_final(); Type: FUNCTION; Schema: public; Owner: -
--

CREATE FUNCTION public.evaluations_final_is_final() RETURNS trigger
    LANGUAGE plpgsql
    AS $$
begin
    if tg_op = 'UPDATE' and only_union_path_changed(to_jsonb(old), to_jsonb(new)) then
        return new;
    end if;
    if tg_table_name = 'evaluations' then
        if old.status = 'final' then
            raise exception 'a final evaluation does not change' using errcode = 'check_violation',
                constraint = 'evaluations_final';
        end if;
    elsif tg_table_name = 'evaluation_sheets' then
        if old.status = 'submitted' then
            raise exception 'a submitted score sheet does not change' using errcode = 'check_violation',
                constraint = 'evaluations_final';
        end if;
    elsif exists (select 1 from evaluation_sheets s where s.id = old.sheet_id and s.status = 'submitted') then
        raise exception 'a submitted score sheet does not change' using errcode = 'check_violation',
            constraint = 'evaluations_final';
    end if;
    return case tg_op when 'DELETE' then old else new end;
end
$$;


--
-- Name: evaluator_pool(public.ltree); Type: FUNCTION; Schema: public; Owner: -
--

CREATE FUNCTION public.evaluator_pool(p_path public.ltree) RETURNS TABLE(id uuid, display_name text, union_name text)
    LANGUAGE sql STABLE SECURITY DEFINER
    SET search_path TO 'public', 'pg_temp'
    AS $$
        select u.id, u.display_name, n.name
          from users u join unions n on n.id = u.union_id
         where u.role = 'evaluator' and u.disabled_at is null
           and (u.union_path @> p_path or u.union_path <@ p_path)
           and p_path <@ actor_scope()
         order by u.display_name, u.id
    $$;


--
-- Name: federation_member_orgs(uuid); Type: FUNCTION; Schema: public; Owner: -
--

CREATE FUNCTION public.federation_member_orgs(p_federation_id uuid) RETURNS TABLE(org_id uuid, name text, org_type text, rating_level smallint, rating_valid_until date, union_building text, union_id bigint)
    LANGUAGE sql STABLE SECURITY DEFINER
    SET search_path TO 'public', 'pg_temp'
    AS $$
        select o.id, o.name, o.org_type, o.rating_level, o.rating_valid_until,
               o.union_building, o.union_id
          from federation_members m
          join organizations o on o.id = m.org_id
         where m.federation_id = p_federation_id
           and exists (select 1 from federations f
                        where f.id = p_federation_id
                          and f.union_path <@ (select actor_scope()))
    $$;


--
-- Name: federation_members_region(); Type: FUNCTION; Schema: public; Owner: -
--

CREATE FUNCTION public.federation_members_region() RETURNS trigger
    LANGUAGE plpgsql
    SET search_path TO 'public', 'pg_temp'
    AS $$
begin
    if not new.cross_region and not (new.org_union_path <@ new.union_path) then
        raise exception 'the organization is homed outside the federation''s region'
            using errcode = 'check_violation', constraint = 'federation_members_region';
    end if;
    return new;
end
$$;


--
-- Name: federation_public_name(uuid); Type: FUNCTION; Schema: public; Owner: -
--

CREATE FUNCTION public.federation_public_name(p_id uuid) RETURNS text
    LANGUAGE plpgsql STABLE SECURITY DEFINER
    SET search_path TO 'public', 'pg_temp'
    AS $$
begin
    return (select name from federations where id = p_id);
end
$$;


--
-- Name: federations_parent_above(); Type: FUNCTION; Schema: public; Owner: -
--

CREATE FUNCTION public.federations_parent_above() RETURNS trigger
    LANGUAGE plpgsql SECURITY DEFINER
    SET search_path TO 'public', 'pg_temp'
    AS $$
declare
    parent_path ltree;
    seen uuid := new.parent_id;
    steps integer := 0;
begin
    if new.parent_id is null then
        return null;
    end if;
    -- A move of the tree rewrites the leading union's key by a cascade that
    -- names the column: nothing was chosen.
    if tg_op = 'UPDATE' and new.parent_id is not distinct from old.parent_id
       and new.union_id = old.union_id then
        return null;
    end if;
    select union_path into parent_path from federations where id = new.parent_id;
    if parent_path is null or not (new.union_path <@ parent_path) then
        raise exception 'a parent federation is led by a union at or above the federation''s'
            using errcode = 'check_violation', constraint = 'federations_parent_above';
    end if;
    while seen is not null and steps < 100 loop
        if seen = new.id then
            raise exception 'a federation cannot be its own ancestor'
                using errcode = 'check_violation', constraint = 'federations_parent_above';
        end if;
        select parent_id into seen from federations where id = seen;
        steps := steps + 1;
    end loop;
    return null;
end
$$;


--
-- Name: file_owner_is_actors_org(text, uuid, public.ltree); Type: FUNCTION; Schema: public; Owner: -
--

CREATE FUNCTION public.file_owner_is_actors_org(p_kind text, p_owner uuid, p_path public.ltree) RETURNS boolean
    LANGUAGE sql STABLE
    SET search_path TO 'public', 'pg_temp'
    AS $$
        select case p_kind
            when 'application_attachment' then exists (
                select 1 from applications a
                 where a.id = p_owner and a.org_id = actor_org_id() and a.union_path = p_path)
            when 'report' then exists (
                select 1 from reports r
                 where r.id = p_owner and r.org_id = actor_org_id() and r.union_path = p_path)
            when 'rectification' then exists (
                select 1 from rectifications r
                 where r.id = p_owner and r.org_id = actor_org_id() and r.union_path = p_path)
            else false
        end
    $$;


--
-- Name: file_supervised_by_actor(text, uuid); Type: FUNCTION; Schema: public; Owner: -
--

CREATE FUNCTION public.file_supervised_by_actor(p_kind text, p_owner uuid) RETURNS boolean
    LANGUAGE plpgsql STABLE SECURITY DEFINER
    SET search_path TO 'public', 'pg_temp'
    AS $$
begin
    return case p_kind
        when 'contract' then exists (
            select 1 from contracts where id = p_owner and supervisor_id = actor_user_id())
        when 'report' then exists (
            select 1 from reports where id = p_owner and supervisor_id = actor_user_id())
        when 'site_visit' then exists (
            select 1 from site_visits where id = p_owner and supervisor_id = actor_user_id())
        when 'rectification' then exists (
            select 1 from rectifications where id = p_owner and supervisor_id = actor_user_id())
        when 'payment' then exists (
            select 1 from payments where id = p_owner and supervisor_id = actor_user_id())
        else false
    end;
end
$$;


--
-- Name: form_submissions_forget(interval); Type: FUNCTION; Schema: public; Owner: -
--

CREATE FUNCTION public.form_submissions_forget(p_after interval) RETURNS bigint
    LANGUAGE sql SECURITY DEFINER
    SET search_path TO 'public', 'pg_temp'
    AS $$
        with gone as (
            delete from form_submissions
             where submitted_at < now() - greatest(p_after, interval '1 hour')
            returning 1
        )
        select count(*) from gone
    $$;


--
-- Name: indicator_systems_frozen(); Type: FUNCTION; Schema: public; Owner: -
--

CREATE FUNCTION public.indicator_systems_frozen() RETURNS trigger
    LANGUAGE plpgsql
    AS $$
begin
    if only_union_path_changed(to_jsonb(old), to_jsonb(new)) then
        return new;
    end if;
    if old.status <> 'draft' and not (old.status = 'published' and new.status = 'superseded'
           and (new.name, new.kind, new.excellent_min, new.good_min, new.pass_min, new.union_id)
               is not distinct from (old.name, old.kind, old.excellent_min, old.good_min, old.pass_min, old.union_id)) then
        raise exception 'a published indicator system is never changed; edit it as a new version'
            using errcode = 'check_violation', constraint = 'indicator_systems_published_frozen';
    end if;
    return new;
end
$$;


--
-- Name: indicators_only_in_drafts(); Type: FUNCTION; Schema: public; Owner: -
--

CREATE FUNCTION public.indicators_only_in_drafts() RETURNS trigger
    LANGUAGE plpgsql
    AS $$
begin
    if exists (select 1 from indicator_systems
                where id = coalesce(new.system_id, old.system_id) and status <> 'draft') then
        raise exception 'a published indicator system is never changed; edit it as a new version'
            using errcode = 'check_violation', constraint = 'indicators_published_frozen';
    end if;
    return coalesce(new, old);
end
$$;


--
-- Name: meeting_invitations_guard(); Type: FUNCTION; Schema: public; Owner: -
--

CREATE FUNCTION public.meeting_invitations_guard() RETURNS trigger
    LANGUAGE plpgsql
    SET search_path TO 'public', 'pg_temp'
    AS $$
begin
    if (select actor_org_id()) is not null and new.attended is distinct from old.attended then
        raise exception 'an organization does not record its own attendance'
            using errcode = 'insufficient_privilege';
    end if;
    return new;
end
$$;


--
-- Name: needs_titled_like(text, integer); Type: FUNCTION; Schema: public; Owner: -
--

CREATE FUNCTION public.needs_titled_like(p_pattern text, p_limit integer) RETURNS SETOF uuid
    LANGUAGE plpgsql STABLE SECURITY DEFINER
    SET search_path TO 'public', 'pg_temp'
    SET enable_seqscan TO 'off'
    AS $_$
declare
    scope ltree := actor_scope();
begin
    return query execute format('select id from needs where union_path <@ $3 and title %s $1 limit $2',
                                search_like_operator(p_pattern))
        using p_pattern, p_limit, scope;
end
$_$;


--
-- Name: only_union_path_changed(jsonb, jsonb); Type: FUNCTION; Schema: public; Owner: -
--

CREATE FUNCTION public.only_union_path_changed(p_old jsonb, p_new jsonb) RETURNS boolean
    LANGUAGE sql IMMUTABLE
    AS $$ select (p_old - 'union_path') = (p_new - 'union_path') $$;


--
-- Name: org_imports_fail_stalled(interval); Type: FUNCTION; Schema: public; Owner: -
--

CREATE FUNCTION public.org_imports_fail_stalled(p_after interval) RETURNS bigint
    LANGUAGE sql SECURITY DEFINER
    SET search_path TO 'public', 'pg_temp'
    AS $$
        with stalled as (
            update org_imports
               set status = 'failed', failure = 'import.error.interrupted', updated_at = now()
             where status in ('validating', 'writing') and updated_at < now() - greatest(p_after, interval '5 minutes')
            returning 1
        )
        select count(*) from stalled
    $$;


--
-- Name: organization_credit_code_holder(text); Type: FUNCTION; Schema: public; Owner: -
--

CREATE FUNCTION public.organization_credit_code_holder(p_credit_code text) RETURNS text
    LANGUAGE sql STABLE SECURITY DEFINER
    SET search_path TO 'public', 'pg_temp'
    AS $$
        select u.name
          from organizations o
          join unions u on u.id = o.union_id
         where o.credit_code = upper(p_credit_code)
    $$;


--
-- Name: organization_credit_code_holders(text[]); Type: FUNCTION; Schema: public; Owner: -
--

CREATE FUNCTION public.organization_credit_code_holders(p_codes text[]) RETURNS TABLE(credit_code text, union_name text)
    LANGUAGE sql STABLE SECURITY DEFINER
    SET search_path TO 'public', 'pg_temp'
    AS $$
        select o.credit_code, u.name
          from organizations o
          join unions u on u.id = o.union_id
         where o.credit_code = any(p_codes)
    $$;


--
-- Name: organization_history_changed(); Type: FUNCTION; Schema: public; Owner: -
--

CREATE FUNCTION public.organization_history_changed() RETURNS trigger
    LANGUAGE plpgsql SECURITY DEFINER
    SET search_path TO 'public', 'pg_temp'
    AS $$
begin
    perform organization_refresh(coalesce(new.org_id, old.org_id));
    return null;
end
$$;


--
-- Name: organization_public_name(uuid); Type: FUNCTION; Schema: public; Owner: -
--

CREATE FUNCTION public.organization_public_name(p_org_id uuid) RETURNS text
    LANGUAGE plpgsql STABLE SECURITY DEFINER
    SET search_path TO 'public', 'pg_temp'
    AS $$
begin
    return (select name from organizations where id = p_org_id);
end
$$;


--
-- Name: organization_refresh(uuid); Type: FUNCTION; Schema: public; Owner: -
--

CREATE FUNCTION public.organization_refresh(p_org_id uuid) RETURNS void
    LANGUAGE sql SECURITY DEFINER
    SET search_path TO 'public', 'pg_temp'
    AS $$
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


--
-- Name: organization_row_set_union_path(); Type: FUNCTION; Schema: public; Owner: -
--

CREATE FUNCTION public.organization_row_set_union_path() RETURNS trigger
    LANGUAGE plpgsql
    AS $$
begin
    select union_path into new.union_path from organizations where id = new.org_id;
    if not found then
        raise exception 'organization % not found', new.org_id
            using errcode = 'foreign_key_violation', constraint = tg_table_name || '_org_fk';
    end if;
    return new;
end
$$;


--
-- Name: organization_track_record(uuid); Type: FUNCTION; Schema: public; Owner: -
--

CREATE FUNCTION public.organization_track_record(p_org_id uuid) RETURNS TABLE(project_id uuid, code text, title text, purchaser text, closed_on date, amount_fen bigint, total_hundredths integer, grade text)
    LANGUAGE plpgsql STABLE SECURITY DEFINER
    SET search_path TO 'public', 'pg_temp'
    AS $$
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


--
-- Name: organizations_after_write(); Type: FUNCTION; Schema: public; Owner: -
--

CREATE FUNCTION public.organizations_after_write() RETURNS trigger
    LANGUAGE plpgsql SECURITY DEFINER
    SET search_path TO 'public', 'pg_temp'
    AS $$
begin
    if tg_op = 'INSERT'
       or new.contact_interval_days is distinct from old.contact_interval_days
       or new.union_id is distinct from old.union_id then
        perform organization_refresh(new.id);
    end if;
    return null;
end
$$;


--
-- Name: organizations_guard_org_account(); Type: FUNCTION; Schema: public; Owner: -
--

CREATE FUNCTION public.organizations_guard_org_account() RETURNS trigger
    LANGUAGE plpgsql
    AS $$
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


--
-- Name: organizations_named_like(text); Type: FUNCTION; Schema: public; Owner: -
--

CREATE FUNCTION public.organizations_named_like(p_pattern text) RETURNS SETOF uuid
    LANGUAGE plpgsql STABLE SECURITY DEFINER
    SET search_path TO 'public', 'pg_temp'
    AS $$
declare
    scope ltree := actor_scope();
begin
    if nlevel(scope) = 1 then
        -- The root: every record lies below it.
        return query select id from organizations where name ilike p_pattern;
    elsif nlevel(scope) = 2 then
        return query select id from organizations
                      where province = scope::text and name ilike p_pattern;
    elsif nlevel(scope) > 2 then
        return query select id from organizations
                      where province = subltree(scope, 0, 2)::text and name ilike p_pattern
                        and union_path <@ scope;
    end if;
end
$$;


--
-- Name: organizations_named_like(text, integer); Type: FUNCTION; Schema: public; Owner: -
--

CREATE FUNCTION public.organizations_named_like(p_pattern text, p_limit integer) RETURNS SETOF uuid
    LANGUAGE plpgsql STABLE SECURITY DEFINER
    SET search_path TO 'public', 'pg_temp'
    SET enable_seqscan TO 'off'
    AS $_$
declare
    scope ltree := actor_scope();
begin
    return query execute format('select id from organizations where %s and name %s $1 limit $2',
                                search_scope_condition(scope), search_like_operator(p_pattern))
        using p_pattern, p_limit, scope;
end
$_$;


--
-- Name: payments_within_contract(); Type: FUNCTION; Schema: public; Owner: -
--

CREATE FUNCTION public.payments_within_contract() RETURNS trigger
    LANGUAGE plpgsql SECURITY DEFINER
    SET search_path TO 'public', 'pg_temp'
    AS $$
declare
    contract_amount bigint;
    paid bigint;
begin
    perform pg_advisory_xact_lock(hashtextextended('payments:' || new.contract_id::text, 0));
    select amount_fen into contract_amount from contracts where id = new.contract_id;
    select coalesce(sum(amount_fen), 0) into paid from payments where contract_id = new.contract_id;
    if paid + new.amount_fen > contract_amount then
        raise exception 'payments of contract % would reach % fen, above % fen',
            new.contract_id, paid + new.amount_fen, contract_amount
            using errcode = 'check_violation', constraint = 'payments_within_contract';
    end if;
    return new;
end
$$;


--
-- Name: pilots_within_limit(); Type: FUNCTION; Schema: public; Owner: -
--

CREATE FUNCTION public.pilots_within_limit() RETURNS trigger
    LANGUAGE plpgsql SECURITY DEFINER
    SET search_path TO 'public', 'pg_temp'
    AS $$
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


--
-- Name: project_approval_threshold(public.ltree); Type: FUNCTION; Schema: public; Owner: -
--

CREATE FUNCTION public.project_approval_threshold(p_union_path public.ltree) RETURNS bigint
    LANGUAGE sql STABLE SECURITY DEFINER
    SET search_path TO 'public', 'pg_temp'
    AS $$
        select approval_threshold_fen from unions
         where path = subltree(p_union_path, 0, least(nlevel(p_union_path), 2))
           and p_union_path <@ actor_scope()
    $$;


--
-- Name: project_code_next(bigint); Type: FUNCTION; Schema: public; Owner: -
--

CREATE FUNCTION public.project_code_next(p_union_id bigint) RETURNS text
    LANGUAGE plpgsql SECURITY DEFINER
    SET search_path TO 'public', 'pg_temp'
    AS $$
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


--
-- Name: project_delivery_advance(uuid); Type: FUNCTION; Schema: public; Owner: -
--

CREATE FUNCTION public.project_delivery_advance(p_project_id uuid) RETURNS text
    LANGUAGE plpgsql SECURITY DEFINER
    SET search_path TO 'public', 'pg_temp'
    AS $$
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


--
-- Name: project_events_set_union_path(); Type: FUNCTION; Schema: public; Owner: -
--

CREATE FUNCTION public.project_events_set_union_path() RETURNS trigger
    LANGUAGE plpgsql
    AS $$
begin
    select union_path into new.union_path from projects where id = new.project_id;
    if not found then
        raise exception 'project % not found', new.project_id
            using errcode = 'foreign_key_violation', constraint = 'project_events_project_fk';
    end if;
    return new;
end
$$;


--
-- Name: project_generation_bump(); Type: FUNCTION; Schema: public; Owner: -
--

CREATE FUNCTION public.project_generation_bump() RETURNS trigger
    LANGUAGE plpgsql SECURITY DEFINER
    SET search_path TO 'public', 'pg_temp'
    AS $$
begin
    perform nextval('project_generation');
    return null;
end
$$;


--
-- Name: project_seen_by_partner(uuid, text, public.ltree); Type: FUNCTION; Schema: public; Owner: -
--

CREATE FUNCTION public.project_seen_by_partner(p_id uuid, p_status text, p_path public.ltree) RETURNS boolean
    LANGUAGE plpgsql STABLE SECURITY DEFINER
    SET search_path TO 'public', 'pg_temp'
    AS $$
begin
    if actor_org_id() is not null then
        return (p_status = 'open' and exists (
                    select 1 from organizations o where o.id = actor_org_id() and o.union_path <@ p_path))
            or exists (select 1 from applications a
                        where a.project_id = p_id and a.org_id = actor_org_id())
            or exists (select 1 from contracts c
                        where c.project_id = p_id and c.org_id = actor_org_id());
    end if;
    return actor_user_id() is not null and (
        exists (select 1 from review_assignments ra
                 where ra.project_id = p_id and ra.reviewer_id = actor_user_id())
        or exists (select 1 from contracts c
                    where c.project_id = p_id and c.supervisor_id = actor_user_id()));
end
$$;


--
-- Name: projects_titled_like(text, integer); Type: FUNCTION; Schema: public; Owner: -
--

CREATE FUNCTION public.projects_titled_like(p_pattern text, p_limit integer) RETURNS SETOF uuid
    LANGUAGE plpgsql STABLE SECURITY DEFINER
    SET search_path TO 'public', 'pg_temp'
    SET enable_seqscan TO 'off'
    AS $_$
declare
    scope ltree := actor_scope();
begin
    return query execute format('select id from projects where %s and title %s $1 limit $2',
                                search_scope_condition(scope), search_like_operator(p_pattern))
        using p_pattern, p_limit, scope;
end
$_$;


--
-- Name: public_call_document(uuid); Type: FUNCTION; Schema: public; Owner: -
--

CREATE FUNCTION public.public_call_document(p_file_id uuid) RETURNS TABLE(file_name text, content_type text, storage_key text)
    LANGUAGE sql STABLE SECURITY DEFINER
    SET search_path TO 'public', 'pg_temp'
    AS $$
        select f.file_name, f.content_type, f.storage_key
          from files f join projects p on p.id = f.owner_id
         where f.id = p_file_id and f.owner_kind = 'project_document' and p.status = 'open'
    $$;


--
-- Name: public_call_documents(uuid[]); Type: FUNCTION; Schema: public; Owner: -
--

CREATE FUNCTION public.public_call_documents(p_project_ids uuid[]) RETURNS TABLE(id uuid, project_id uuid, file_name text)
    LANGUAGE sql STABLE SECURITY DEFINER
    SET search_path TO 'public', 'pg_temp'
    AS $$
        select f.id, f.owner_id, f.file_name
          from files f join projects p on p.id = f.owner_id
         where f.owner_kind = 'project_document' and p.status = 'open'
           and f.owner_id = any (p_project_ids[1:51])
         order by f.created_at
    $$;


--
-- Name: public_open_calls(text, text, date, text, integer); Type: FUNCTION; Schema: public; Owner: -
--

CREATE FUNCTION public.public_open_calls(p_province text, p_domain text, p_after_closes date, p_after_code text, p_limit integer) RETURNS TABLE(id uuid, code text, title text, domain text, purchaser text, budget_fen bigint, apply_opens_on date, apply_closes_on date, eligible_types text[], min_rating smallint, min_years smallint)
    LANGUAGE sql STABLE SECURITY DEFINER
    SET search_path TO 'public', 'pg_temp'
    AS $$
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


--
-- Name: public_provinces(); Type: FUNCTION; Schema: public; Owner: -
--

CREATE FUNCTION public.public_provinces() RETURNS TABLE(path text, name text)
    LANGUAGE sql STABLE SECURITY DEFINER
    SET search_path TO 'public', 'pg_temp'
    AS $$
        select path::text, name from unions where level = 'provincial'
         order by division_code, id
    $$;


--
-- Name: rectifications_guard(); Type: FUNCTION; Schema: public; Owner: -
--

CREATE FUNCTION public.rectifications_guard() RETURNS trigger
    LANGUAGE plpgsql
    AS $$
begin
    if only_union_path_changed(to_jsonb(old), to_jsonb(new)) then
        return new;
    end if;
    if actor_org_id() is not null and actor_scope() is null and (
        new.status not in ('open', 'answered')
        or (new.problem, new.requirement, new.deadline) is distinct from (old.problem, old.requirement, old.deadline)
    ) then
        raise exception 'an organization account only answers rectification orders'
            using errcode = 'insufficient_privilege';
    end if;
    if old.status = 'closed' then
        raise exception 'a closed rectification order is final' using errcode = 'check_violation',
            constraint = 'rectifications_closed';
    end if;
    return new;
end
$$;


--
-- Name: registry_generation_bump(); Type: FUNCTION; Schema: public; Owner: -
--

CREATE FUNCTION public.registry_generation_bump() RETURNS trigger
    LANGUAGE plpgsql SECURITY DEFINER
    SET search_path TO 'public', 'pg_temp'
    AS $$
begin
    perform nextval('registry_generation');
    return null;
end
$$;


--
-- Name: reports_guard(); Type: FUNCTION; Schema: public; Owner: -
--

CREATE FUNCTION public.reports_guard() RETURNS trigger
    LANGUAGE plpgsql SECURITY DEFINER
    SET search_path TO 'public', 'pg_temp'
    AS $$
begin
    if old.status in ('submitted', 'accepted')
       and (new.people_served, new.activities_held, new.service_hours, new.volunteer_hours,
            new.personnel_fen, new.activities_fen, new.publicity_fen, new.transport_fen,
            new.office_fen, new.experts_fen, new.management_fen, new.evaluation_fen,
            new.narrative, new.problems, new.period_starts_on, new.period_ends_on)
           is distinct from
           (old.people_served, old.activities_held, old.service_hours, old.volunteer_hours,
            old.personnel_fen, old.activities_fen, old.publicity_fen, old.transport_fen,
            old.office_fen, old.experts_fen, old.management_fen, old.evaluation_fen,
            old.narrative, old.problems, old.period_starts_on, old.period_ends_on) then
        raise exception 'a submitted report is read-only' using errcode = 'check_violation',
            constraint = 'reports_read_only';
    end if;
    if old.status = 'accepted' and new.status <> 'accepted' then
        raise exception 'an accepted report is final' using errcode = 'check_violation',
            constraint = 'reports_read_only';
    end if;
    if actor_org_id() is not null and actor_scope() is null
       and (new.status in ('accepted', 'returned') and new.status is distinct from old.status
            or (new.reviewed_at, new.reviewed_by, new.review_comment)
               is distinct from (old.reviewed_at, old.reviewed_by, old.review_comment)) then
        raise exception 'an organization account does not decide on reports'
            using errcode = 'insufficient_privilege';
    end if;
    if new.status = 'submitted' and old.status <> 'submitted' then
        new.version := old.version + 1;
        new.submitted_at := now();
        insert into report_versions (report_id, version, union_path, org_id, supervisor_id,
            people_served, activities_held, service_hours, volunteer_hours, personnel_fen,
            activities_fen, publicity_fen, transport_fen, office_fen, experts_fen,
            management_fen, evaluation_fen, narrative, problems, submitted_at, submitted_by)
        values (new.id, new.version, new.union_path, new.org_id, new.supervisor_id,
            new.people_served, new.activities_held, new.service_hours, new.volunteer_hours,
            new.personnel_fen, new.activities_fen, new.publicity_fen, new.transport_fen,
            new.office_fen, new.experts_fen, new.management_fen, new.evaluation_fen,
            new.narrative, new.problems, new.submitted_at, new.submitted_by);
    elsif new.status in ('accepted', 'returned') and old.status = 'submitted' then
        update report_versions
           set outcome = new.status, review_comment = new.review_comment,
               reviewed_at = new.reviewed_at, reviewed_by = new.reviewed_by
         where report_id = new.id and version = new.version;
    end if;
    return new;
end
$$;


--
-- Name: review_assignments_guard_reviewer(); Type: FUNCTION; Schema: public; Owner: -
--

CREATE FUNCTION public.review_assignments_guard_reviewer() RETURNS trigger
    LANGUAGE plpgsql
    AS $$
begin
    if actor_scope() is null and actor_user_id() is not null and not (
        (old.status = 'assigned' and new.status in ('scoring', 'conflict'))
        or (old.status = 'scoring' and new.status in ('scoring', 'submitted'))
    ) then
        raise exception 'a reviewer cannot make this move'
            using errcode = 'insufficient_privilege';
    end if;
    return new;
end
$$;


--
-- Name: review_scores_set_union_path(); Type: FUNCTION; Schema: public; Owner: -
--

CREATE FUNCTION public.review_scores_set_union_path() RETURNS trigger
    LANGUAGE plpgsql
    AS $$
begin
    select union_path, reviewer_id into new.union_path, new.reviewer_id
      from review_assignments where id = new.assignment_id;
    if not found then
        raise exception 'review assignment % not found', new.assignment_id
            using errcode = 'foreign_key_violation', constraint = 'review_scores_assignment_id_fkey';
    end if;
    return new;
end
$$;


--
-- Name: review_scores_while_scoring(); Type: FUNCTION; Schema: public; Owner: -
--

CREATE FUNCTION public.review_scores_while_scoring() RETURNS trigger
    LANGUAGE plpgsql
    AS $$
begin
    if tg_op = 'UPDATE' and only_union_path_changed(to_jsonb(old), to_jsonb(new)) then
        return new;
    end if;
    if not exists (select 1 from review_assignments
                    where id = coalesce(new.assignment_id, old.assignment_id) and status = 'scoring') then
        raise exception 'a submitted review is final'
            using errcode = 'check_violation', constraint = 'review_scores_final';
    end if;
    return coalesce(new, old);
end
$$;


--
-- Name: reviewer_display_name(uuid); Type: FUNCTION; Schema: public; Owner: -
--

CREATE FUNCTION public.reviewer_display_name(p_id uuid) RETURNS text
    LANGUAGE plpgsql STABLE SECURITY DEFINER
    SET search_path TO 'public', 'pg_temp'
    AS $$
begin
    return (select display_name from users
             where id = p_id and role = 'reviewer'
               and (id = actor_user_id()
                    or exists (select 1 from review_assignments ra
                                where ra.reviewer_id = p_id
                                  and ra.union_path <@ actor_scope())));
end
$$;


--
-- Name: reviewer_linked(uuid, uuid); Type: FUNCTION; Schema: public; Owner: -
--

CREATE FUNCTION public.reviewer_linked(p_reviewer_id uuid, p_org_id uuid) RETURNS boolean
    LANGUAGE sql STABLE SECURITY DEFINER
    SET search_path TO 'public', 'pg_temp'
    AS $$
        select (actor_scope() is not null or p_reviewer_id = actor_user_id())
           and exists (select 1 from reviewer_links
                        where reviewer_id = p_reviewer_id and org_id = p_org_id)
    $$;


--
-- Name: reviewer_pool(public.ltree); Type: FUNCTION; Schema: public; Owner: -
--

CREATE FUNCTION public.reviewer_pool(p_path public.ltree) RETURNS TABLE(id uuid, display_name text, union_name text)
    LANGUAGE sql STABLE SECURITY DEFINER
    SET search_path TO 'public', 'pg_temp'
    AS $$
        select u.id, u.display_name, n.name
          from users u join unions n on n.id = u.union_id
         where u.role = 'reviewer' and u.disabled_at is null
           and (u.union_path @> p_path or u.union_path <@ p_path)
           and p_path <@ actor_scope()
         order by u.display_name, u.id
    $$;


--
-- Name: scoped_row_set_union_path(); Type: FUNCTION; Schema: public; Owner: -
--

CREATE FUNCTION public.scoped_row_set_union_path() RETURNS trigger
    LANGUAGE plpgsql
    AS $$
begin
    if tg_op = 'INSERT' or new.union_id is distinct from old.union_id then
        select path into new.union_path from unions where id = new.union_id;
        if not found then
            raise exception 'union % not found', new.union_id
                using errcode = 'foreign_key_violation', constraint = tg_table_name || '_union_fk';
        end if;
    end if;
    return new;
end
$$;


--
-- Name: search_like_operator(text); Type: FUNCTION; Schema: public; Owner: -
--

CREATE FUNCTION public.search_like_operator(p_pattern text) RETURNS text
    LANGUAGE sql IMMUTABLE
    AS $$ select case when lower(p_pattern) = upper(p_pattern) then 'like' else 'ilike' end $$;


--
-- Name: search_scope_condition(public.ltree); Type: FUNCTION; Schema: public; Owner: -
--

CREATE FUNCTION public.search_scope_condition(p_scope public.ltree) RETURNS text
    LANGUAGE sql IMMUTABLE
    AS $_$
        select case when p_scope is null then 'false'
                    when nlevel(p_scope) = 1 then 'true'
                    when nlevel(p_scope) = 2 then 'province = $3::text'
                    else 'province = subltree($3, 0, 2)::text and union_path <@ $3'
               end
    $_$;


--
-- Name: stats_figures_federations(); Type: FUNCTION; Schema: public; Owner: -
--

CREATE FUNCTION public.stats_figures_federations() RETURNS TABLE(union_id bigint, month date, key text, value bigint)
    LANGUAGE sql STABLE SECURITY DEFINER
    SET search_path TO 'public', 'pg_temp'
    AS $$
        select f.union_id, null::date, k.key, count(*)::bigint
          from federations f
         cross join lateral (values ('federations:all'),
                                    ('federations:kind:' || f.kind),
                                    ('federations:status:' || f.status)) as k (key)
         group by f.union_id, k.key
        union all
        select f.union_id, null::date, k.key, count(*)::bigint
          from federation_members m
          join federations f on f.id = m.federation_id
         cross join lateral (values ('federation_members:active'),
                                    ('federation_members:role:' || m.role)) as k (key)
         where m.left_on is null
         group by f.union_id, k.key
        union all
        select f.union_id, null::date, 'federation_members:cross_region', count(*)::bigint
          from federation_members m
          join federations f on f.id = m.federation_id
         where m.left_on is null and m.cross_region
         group by f.union_id
        union all
        select f.union_id, null::date, 'federations:commissioned_projects', count(*)::bigint
          from projects p
          join federations f on f.id = p.commissioned_by
         group by f.union_id
    $$;


--
-- Name: stats_figures_meetings(); Type: FUNCTION; Schema: public; Owner: -
--

CREATE FUNCTION public.stats_figures_meetings() RETURNS TABLE(union_id bigint, month date, key text, value bigint)
    LANGUAGE sql SECURITY DEFINER
    SET search_path TO 'public', 'pg_temp'
    AS $$
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


--
-- Name: stats_figures_partners(); Type: FUNCTION; Schema: public; Owner: -
--

CREATE FUNCTION public.stats_figures_partners() RETURNS TABLE(union_id bigint, month date, key text, value bigint)
    LANGUAGE sql SECURITY DEFINER
    SET search_path TO 'public', 'pg_temp'
    AS $$
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


--
-- Name: stats_figures_sites(); Type: FUNCTION; Schema: public; Owner: -
--

CREATE FUNCTION public.stats_figures_sites() RETURNS TABLE(union_id bigint, month date, key text, value bigint)
    LANGUAGE sql STABLE SECURITY DEFINER
    SET search_path TO 'public', 'pg_temp'
    AS $$
        select s.union_id, null::date, 'sites:all', count(*)
          from service_sites s group by s.union_id
        union all
        select s.union_id, null::date, 'sites:kind:' || s.kind, count(*)
          from service_sites s group by s.union_id, s.kind
        union all
        select s.union_id, null::date, 'sites:closed', count(*)
          from service_sites s where s.closed_on <= current_date group by s.union_id
    $$;


--
-- Name: stats_freshness(); Type: FUNCTION; Schema: public; Owner: -
--

CREATE FUNCTION public.stats_freshness(OUT refreshed_at timestamp with time zone, OUT took_ms integer) RETURNS record
    LANGUAGE sql STABLE SECURITY DEFINER
    SET search_path TO 'public', 'pg_temp'
    AS $$ select refreshed_at, took_ms from stats_refreshes $$;


--
-- Name: stats_refresh(); Type: FUNCTION; Schema: public; Owner: -
--

CREATE FUNCTION public.stats_refresh() RETURNS integer
    LANGUAGE plpgsql SECURITY DEFINER
    SET search_path TO 'public', 'pg_temp'
    AS $$
declare
    depth_now integer;
    source text;
    started timestamptz := clock_timestamp();
    funded text[] := array['approved', 'open', 'reviewing', 'awarded', 'contracted',
                           'in_progress', 'final_evaluation', 'closed'];
    took integer;
begin
    if not pg_try_advisory_xact_lock(7956000436) then
        return null;
    end if;

    -- Each union's own figures: (union, month or null for now, key, value).
    create temp table stats_direct (union_id bigint, month date, key text, value bigint);

    -- The registry: each union's own counts, as the dashboards' filtered
    -- views count them (stats_registry above).
    insert into stats_direct
    select r.union_id, null, f.key, f.value::bigint
      from stats_registry(''::ltree) r
     cross join lateral jsonb_each_text(r.figures) f
     where f.value::bigint <> 0;

    -- Union building's net change by month (founded minus dissolved): the
    -- trend is today's count less the changes after each month.
    insert into stats_direct
    select o.union_id, date_trunc('month', c.changed_on)::date, 'ub:net', sum(c.delta)
      from (select org_id, changed_on,
                   (status in ('established', 'joint'))::int
                   - coalesce((lag(status) over w in ('established', 'joint'))::int, 0) as delta
              from organization_union_building
            window w as (partition by org_id order by changed_on, created_at)) c
      join organizations o on o.id = c.org_id
     where c.delta <> 0
     group by 1, 2;

    -- (Grouped by the path as text: ltree has no hash to group by.)
    insert into stats_direct
    select u.id, c.month, 'contacts:made', c.made
      from (select union_path::text as path, date_trunc('month', contacted_on)::date as month,
                   count(*) as made
              from organization_contacts group by 1, 2) c
      join unions u on u.path = c.path::ltree;

    insert into stats_direct
    select n.union_id, date_trunc('month', n.collected_on)::date, k.key, sum(k.value)
      from needs n
     cross join lateral (values ('needs:collected', 1), ('needs:workers', n.workers_affected),
                                ('needs:addressed', (n.addressed is true)::int),
                                ('needs:purchasable', n.suitable_for_purchase::int),
                                ('needs:in_project', (n.project_id is not null)::int)) k(key, value)
     group by 1, 2, 3;

    -- Projects count in the month (China time) they were drafted, as the
    -- project list's year does; money only for funded ones, as /finance sums.
    create temp table stats_projects as
    select p.id, p.union_id,
           date_trunc('month', p.created_at at time zone 'Asia/Shanghai')::date as month,
           p.status, p.domain, p.status = any (funded) as funded, p.budget_fen,
           p.union_funds_fen, p.fiscal_funds_fen, p.crowdfunding_fen, p.other_funds_fen
      from projects p;

    insert into stats_direct
    select p.union_id, p.month, k.key, count(*)
      from stats_projects p
     cross join lateral unnest(array['projects:all', 'project_status:' || p.status,
                                     case when p.funded then 'projects:funded' end,
                                     case when p.funded then 'project_domain:' || p.domain end]) k(key)
     where k.key is not null
     group by 1, 2, 3;

    insert into stats_direct
    select p.union_id, p.month, k.key, sum(k.value)
      from stats_projects p
     cross join lateral (values ('budget:total', p.budget_fen),
                                ('budget:union_funds', p.union_funds_fen),
                                ('budget:fiscal_funds', p.fiscal_funds_fen),
                                ('budget:crowdfunding', p.crowdfunding_fen),
                                ('budget:other_funds', p.other_funds_fen)) k(key, value)
     where p.funded
     group by 1, 2, 3;

    insert into stats_direct
    select p.union_id, p.month, 'money:contracted', sum(c.amount_fen)
      from stats_projects p join contracts c on c.project_id = p.id
     where p.funded
     group by 1, 2;

    insert into stats_direct
    select p.union_id, p.month, 'money:paid', sum(m.paid)
      from (select c.project_id, sum(pm.amount_fen) as paid
              from payments pm join contracts c on c.id = pm.contract_id
             group by c.project_id) m
      join stats_projects p on p.id = m.project_id
     where p.funded
     group by 1, 2;

    insert into stats_direct
    select p.union_id, p.month, 'money:spent', sum(r.spent)
      from (select project_id,
                   sum(personnel_fen + activities_fen + publicity_fen + transport_fen
                       + office_fen + experts_fen + management_fen + evaluation_fen) as spent
              from reports where status in ('submitted', 'accepted')
             group by project_id) r
      join stats_projects p on p.id = r.project_id
     where p.funded
     group by 1, 2;

    -- What was delivered, by the month an accepted report's period ends.
    insert into stats_direct
    select p.union_id, r.month, k.key, sum(k.value)
      from (select project_id, date_trunc('month', period_ends_on)::date as month,
                   count(*) as reports, sum(people_served) as people,
                   sum(activities_held) as activities, sum(service_hours) as hours,
                   sum(volunteer_hours) as volunteer_hours
              from reports where status = 'accepted'
             group by 1, 2) r
      join stats_projects p on p.id = r.project_id
     cross join lateral (values ('served:reports', r.reports), ('served:people', r.people),
                                ('served:activities', r.activities), ('served:hours', r.hours),
                                ('served:volunteer_hours', r.volunteer_hours)) k(key, value)
     group by 1, 2, 3;

    insert into stats_direct
    select p.union_id, p.month, 'grade:' || c.grade, count(*)
      from project_closings c join stats_projects p on p.id = c.project_id
     where c.grade is not null
     group by 1, 2, 3;

    -- Each registered area's own figures (see stats_sources above).
    for source in select name from stats_sources order by name loop
        execute format('insert into stats_direct (union_id, month, key, value) '
                       'select union_id, month, key, value from %I() where value <> 0',
                       source);
    end loop;

    -- Every union's sums, from the deepest level up: a union's own figures
    -- plus its children's sums, so that each row is added once per level,
    -- not once per ancestor.
    create temp table stats_level as
    select d.union_id, u.parent_id, nlevel(u.path) as depth, d.month, d.key,
           sum(d.value)::bigint as value
      from stats_direct d join unions u on u.id = d.union_id
     group by d.union_id, u.parent_id, nlevel(u.path), d.month, d.key;
    create temp table stats_summed (union_id bigint, parent_id bigint, depth integer,
                                    month date, key text, value bigint);
    for depth_now in reverse (select max(nlevel(path)) from unions) .. 1 loop
        insert into stats_summed
        select x.union_id, u.parent_id, depth_now, x.month, x.key, sum(x.value)
          from (select union_id, month, key, value from stats_level where depth = depth_now
                union all
                select parent_id, month, key, value from stats_summed where depth = depth_now + 1) x
          join unions u on u.id = x.union_id
         group by x.union_id, u.parent_id, x.month, x.key;
    end loop;

    delete from stats_snapshots;
    insert into stats_snapshots (union_id, union_path, figures)
    select s.union_id, u.path, jsonb_object_agg(s.key, s.value)
      from stats_summed s join unions u on u.id = s.union_id
     where s.month is null and s.value <> 0
     group by s.union_id, u.path;

    delete from stats_months;
    insert into stats_months (union_id, union_path, month, figures)
    select s.union_id, u.path, s.month, jsonb_object_agg(s.key, s.value)
      from stats_summed s join unions u on u.id = s.union_id
     where s.month is not null and s.value <> 0
     group by s.union_id, u.path, s.month;

    drop table stats_direct, stats_projects, stats_level, stats_summed;

    took := (extract(epoch from clock_timestamp() - started) * 1000)::integer;
    insert into stats_refreshes (singleton, refreshed_at, took_ms)
    values (true, now(), took)
    on conflict (singleton) do update set refreshed_at = excluded.refreshed_at,
                                          took_ms = excluded.took_ms;
    return took;
end
$$;


--
-- Name: stats_registry(public.ltree, text, text, text, text, text, text, text, text, boolean); Type: FUNCTION; Schema: public; Owner: -
--

CREATE FUNCTION public.stats_registry(scope public.ltree, org_type text DEFAULT NULL::text, domain text DEFAULT NULL::text, rating text DEFAULT NULL::text, category text DEFAULT NULL::text, relationship text DEFAULT NULL::text, union_building text DEFAULT NULL::text, status text DEFAULT NULL::text, division text DEFAULT NULL::text, overdue boolean DEFAULT false) RETURNS TABLE(union_id bigint, figures jsonb)
    LANGUAGE sql STABLE
    AS $$
    select o.union_id,
           jsonb_build_object(
              'orgs', count(*),
              'type:social_group', count(*) filter (where org_type = 'social_group'),
              'type:foundation', count(*) filter (where org_type = 'foundation'),
              'type:social_service_agency', count(*) filter (where org_type = 'social_service_agency'),
              'type:unregistered', count(*) filter (where org_type = 'unregistered'),
              'category:cultivate', count(*) filter (where guidance_category = 'cultivate'),
              'category:guide', count(*) filter (where guidance_category = 'guide'),
              'relationship:founded', count(*) filter (where relationship = 'founded'),
              'relationship:guided', count(*) filter (where relationship = 'guided'),
              'relationship:contacted', count(*) filter (where relationship = 'contacted'),
              'status:active', count(*) filter (where status = 'active'),
              'status:suspended', count(*) filter (where status = 'suspended'),
              'status:deregistered', count(*) filter (where status = 'deregistered'),
              'ub:none', count(*) filter (where union_building = 'none'),
              'ub:preparing', count(*) filter (where union_building = 'preparing'),
              'ub:established', count(*) filter (where union_building = 'established'),
              'ub:joint', count(*) filter (where union_building = 'joint'),
              'rating:1', count(*) filter (where rating_level = 1 and rating_valid_until >= current_date),
              'rating:2', count(*) filter (where rating_level = 2 and rating_valid_until >= current_date),
              'rating:3', count(*) filter (where rating_level = 3 and rating_valid_until >= current_date),
              'rating:4', count(*) filter (where rating_level = 4 and rating_valid_until >= current_date),
              'rating:5', count(*) filter (where rating_level = 5 and rating_valid_until >= current_date),
              'rating:expired', count(*) filter (where rating_valid_until < current_date),
              'rating:none', count(*) filter (where rating_level is null))
       || jsonb_build_object(
              'flag:abnormal', count(*) filter (where abnormal_operation),
              'flag:violation', count(*) filter (where serious_violation),
              'contacts:overdue', count(*) filter (where status = 'active' and next_contact_due < current_date),
              'contacts:due30', count(*) filter (where status = 'active' and next_contact_due between current_date and current_date + 30),
              'domain:employment', count(*) filter (where service_domains @> '{employment}'),
              'domain:skills_training', count(*) filter (where service_domains @> '{skills_training}'),
              'domain:income_distribution', count(*) filter (where service_domains @> '{income_distribution}'),
              'domain:social_security', count(*) filter (where service_domains @> '{social_security}'),
              'domain:safety_health', count(*) filter (where service_domains @> '{safety_health}'),
              'domain:democratic_rights', count(*) filter (where service_domains @> '{democratic_rights}'),
              'domain:culture', count(*) filter (where service_domains @> '{culture}'),
              'domain:legal_aid', count(*) filter (where service_domains @> '{legal_aid}'),
              'domain:psychological_support', count(*) filter (where service_domains @> '{psychological_support}'),
              'domain:outdoor_workers', count(*) filter (where service_domains @> '{outdoor_workers}'),
              'domain:other', count(*) filter (where service_domains @> '{other}'),
              'funding:union_funds', count(*) filter (where funding_sources @> '{union_funds}'),
              'funding:government_purchase', count(*) filter (where funding_sources @> '{government_purchase}'),
              'funding:donations', count(*) filter (where funding_sources @> '{donations}'),
              'funding:service_fees', count(*) filter (where funding_sources @> '{service_fees}'),
              'funding:foundation_grants', count(*) filter (where funding_sources @> '{foundation_grants}'),
              'funding:other', count(*) filter (where funding_sources @> '{other}'),
              'staff', sum(fulltime_staff),
              'volunteers', sum(volunteers),
              'social_workers', sum(social_workers),
              'revenue_fen', sum(annual_revenue_fen),
              'ub:members', sum(b.members))
      from organizations o
      -- Members of the union founded in the organization: its latest record.
      left join lateral (select members from organization_union_building b
                          where b.org_id = o.id
                          order by b.changed_on desc, b.created_at desc limit 1) b
             on o.union_building in ('established', 'joint')
     where case nlevel(stats_registry.scope)
             when 0 then true
             when 1 then true
             when 2 then o.province = stats_registry.scope::text
             when 3 then o.prefecture = stats_registry.scope::text
             else o.union_id = any (array(select u.id from unions u
                                           where u.path <@ stats_registry.scope))
           end
       and (stats_registry.org_type is null or o.org_type = stats_registry.org_type)
       and (stats_registry.domain is null or o.service_domains @> array[stats_registry.domain])
       and (stats_registry.rating is null
            or (stats_registry.rating = 'expired' and o.rating_valid_until < current_date)
            or (stats_registry.rating = 'none' and o.rating_level is null)
            or (o.rating_level::text = stats_registry.rating and o.rating_valid_until >= current_date))
       and (stats_registry.category is null or o.guidance_category = stats_registry.category)
       and (stats_registry.relationship is null or o.relationship = stats_registry.relationship)
       and (stats_registry.union_building is null or o.union_building = stats_registry.union_building)
       and (stats_registry.status is null or o.status = stats_registry.status)
       and (stats_registry.division is null or starts_with(o.division_code, stats_registry.division))
       and (not stats_registry.overdue or (o.next_contact_due < current_date and o.status = 'active'))
     group by o.union_id
$$;


--
-- Name: union_generation_bump(); Type: FUNCTION; Schema: public; Owner: -
--

CREATE FUNCTION public.union_generation_bump() RETURNS trigger
    LANGUAGE plpgsql SECURITY DEFINER
    SET search_path TO 'public', 'pg_temp'
    AS $$
begin
    perform nextval('union_generation');
    return null;
end
$$;


--
-- Name: union_level_rank(text); Type: FUNCTION; Schema: public; Owner: -
--

CREATE FUNCTION public.union_level_rank(level text) RETURNS integer
    LANGUAGE sql IMMUTABLE STRICT
    AS $$
        select case level
            when 'national' then 1
            when 'provincial' then 2
            when 'municipal' then 3
            when 'county' then 4
            when 'grassroots' then 5
        end
    $$;


--
-- Name: union_path_copies(); Type: FUNCTION; Schema: public; Owner: -
--

CREATE FUNCTION public.union_path_copies() RETURNS SETOF regclass
    LANGUAGE sql STABLE
    SET search_path TO 'public', 'pg_temp'
    AS $$
        select c.oid::regclass
          from pg_class c
          join pg_attribute a on a.attrelid = c.oid and a.attname = 'union_path'
                             and not a.attisdropped
         where c.relnamespace = 'public'::regnamespace
           and c.relkind in ('r', 'p')
           and c.relname <> 'audit_log'
           and not exists (select 1 from pg_constraint k
                            where k.conrelid = c.oid and k.contype = 'f'
                              and k.confupdtype = 'c' and a.attnum = any (k.conkey))
         order by c.relname
    $$;


--
-- Name: union_public_name(bigint); Type: FUNCTION; Schema: public; Owner: -
--

CREATE FUNCTION public.union_public_name(p_union_id bigint) RETURNS text
    LANGUAGE plpgsql STABLE SECURITY DEFINER
    SET search_path TO 'public', 'pg_temp'
    AS $$
begin
    return (select name from unions where id = p_union_id);
end
$$;


--
-- Name: union_subtree_unions(public.ltree); Type: FUNCTION; Schema: public; Owner: -
--

CREATE FUNCTION public.union_subtree_unions(p_path public.ltree) RETURNS bigint
    LANGUAGE sql STABLE SECURITY DEFINER
    SET search_path TO 'public', 'pg_temp'
    AS $$
        select count(*) from unions where path <@ p_path and p_path <@ actor_scope()
    $$;


--
-- Name: union_subtree_users(public.ltree); Type: FUNCTION; Schema: public; Owner: -
--

CREATE FUNCTION public.union_subtree_users(p_path public.ltree) RETURNS bigint
    LANGUAGE sql STABLE SECURITY DEFINER
    SET search_path TO 'public', 'pg_temp'
    AS $$
        select count(*) from users where union_path <@ p_path and p_path <@ actor_scope()
    $$;


--
-- Name: unions_after_move(); Type: FUNCTION; Schema: public; Owner: -
--

CREATE FUNCTION public.unions_after_move() RETURNS trigger
    LANGUAGE plpgsql SECURITY DEFINER
    SET search_path TO 'public', 'pg_temp'
    AS $_$
declare
    copy regclass;
begin
    update unions
       set path = new.path || subpath(path, nlevel(old.path))
     where path <@ old.path and id <> new.id;
    for copy in select union_path_copies() loop
        execute format(
            'update %s set union_path = case when union_path = $2 then $1
                                             else $1 || subpath(union_path, nlevel($2)) end
              where union_path <@ $2',
            copy)
            using new.path, old.path;
    end loop;
    return null;
end
$_$;


--
-- Name: unions_before_write(); Type: FUNCTION; Schema: public; Owner: -
--

CREATE FUNCTION public.unions_before_write() RETURNS trigger
    LANGUAGE plpgsql
    AS $$
declare
    parent_path ltree;
    parent_level text;
    moved boolean := tg_op = 'INSERT' or new.parent_id is distinct from old.parent_id;
begin
    if moved then
        -- Inserts and moves take turns across the whole tree: a child created
        -- under a union that is being moved must see the moved path, and a move
        -- must see every child committed before it.
        perform pg_advisory_xact_lock(hashtext('niudai.unions.tree'));
    end if;
    if new.parent_id is not null and (moved or new.level is distinct from old.level) then
        select path, level into parent_path, parent_level from unions where id = new.parent_id;
        if not found then
            raise exception 'parent union % not found', new.parent_id
                using errcode = 'foreign_key_violation', constraint = 'unions_parent_id_fkey';
        end if;
        if union_level_rank(new.level) <= union_level_rank(parent_level) then
            raise exception 'a % union cannot sit under a % union', new.level, parent_level
                using errcode = 'check_violation', constraint = 'unions_level_nesting';
        end if;
    end if;
    if tg_op = 'UPDATE' and new.level is distinct from old.level and exists (
        select 1 from unions
         where parent_id = new.id and union_level_rank(level) <= union_level_rank(new.level)
    ) then
        raise exception 'a child union would no longer sit below %', new.level
            using errcode = 'check_violation', constraint = 'unions_level_nesting';
    end if;
    if not moved then
        -- Only unions_after_move (as the owner) rewrites the path of a union whose
        -- parent stays the same: the serving role has no UPDATE right on `path`.
        return new;
    end if;
    if new.parent_id is null then
        new.path := 'cn';
    elsif tg_op = 'UPDATE' and parent_path <@ old.path then
        raise exception 'a union cannot move under its own subtree'
            using errcode = 'check_violation', constraint = 'unions_no_cycle';
    else
        new.path := parent_path || ('u' || new.id)::ltree;
    end if;
    return new;
end
$$;


--
-- Name: unions_interval_changed(); Type: FUNCTION; Schema: public; Owner: -
--

CREATE FUNCTION public.unions_interval_changed() RETURNS trigger
    LANGUAGE plpgsql SECURITY DEFINER
    SET search_path TO 'public', 'pg_temp'
    AS $$
begin
    perform organization_refresh(o.id) from organizations o where o.union_id = new.id;
    return null;
end
$$;


--
-- Name: users_end_sessions(); Type: FUNCTION; Schema: public; Owner: -
--

CREATE FUNCTION public.users_end_sessions() RETURNS trigger
    LANGUAGE plpgsql SECURITY DEFINER
    SET search_path TO 'public', 'pg_temp'
    AS $$
begin
    delete from sessions where user_id = new.id;
    return null;
end
$$;


--
-- Name: users_guard_self(); Type: FUNCTION; Schema: public; Owner: -
--

CREATE FUNCTION public.users_guard_self() RETURNS trigger
    LANGUAGE plpgsql
    AS $$
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


SET default_tablespace = '';

SET default_table_access_method = heap;

--
-- Name: _sqlx_migrations; Type: TABLE; Schema: public; Owner: -
--

CREATE TABLE public._sqlx_migrations (
    version bigint NOT NULL,
    description text NOT NULL,
    installed_on timestamp with time zone DEFAULT now() NOT NULL,
    success boolean NOT NULL,
    checksum bytea NOT NULL,
    execution_time bigint NOT NULL
);


--
-- Name: applications; Type: TABLE; Schema: public; Owner: -
--

CREATE TABLE public.applications (
    id uuid DEFAULT gen_random_uuid() NOT NULL,
    project_id uuid NOT NULL,
    union_path public.ltree NOT NULL,
    org_id uuid NOT NULL,
    status text DEFAULT 'draft'::text NOT NULL,
    proposal text DEFAULT ''::text NOT NULL,
    needs_analysis text DEFAULT ''::text NOT NULL,
    objectives text DEFAULT ''::text NOT NULL,
    activities_plan text DEFAULT ''::text NOT NULL,
    team text DEFAULT ''::text NOT NULL,
    performance_targets text DEFAULT ''::text NOT NULL,
    requested_fen bigint DEFAULT 0 NOT NULL,
    personnel_fen bigint DEFAULT 0 NOT NULL,
    activities_fen bigint DEFAULT 0 NOT NULL,
    publicity_fen bigint DEFAULT 0 NOT NULL,
    transport_fen bigint DEFAULT 0 NOT NULL,
    office_fen bigint DEFAULT 0 NOT NULL,
    experts_fen bigint DEFAULT 0 NOT NULL,
    management_fen bigint DEFAULT 0 NOT NULL,
    evaluation_fen bigint DEFAULT 0 NOT NULL,
    submitted_at timestamp with time zone,
    decided_at timestamp with time zone,
    decision_reason text,
    created_by uuid,
    created_at timestamp with time zone DEFAULT now() NOT NULL,
    updated_at timestamp with time zone DEFAULT now() NOT NULL,
    version integer DEFAULT 1 NOT NULL,
    CONSTRAINT applications_lines_check CHECK (((personnel_fen >= 0) AND (activities_fen >= 0) AND (publicity_fen >= 0) AND (transport_fen >= 0) AND (office_fen >= 0) AND (experts_fen >= 0) AND (management_fen >= 0) AND (evaluation_fen >= 0))),
    CONSTRAINT applications_status_check CHECK ((status = ANY (ARRAY['draft'::text, 'submitted'::text, 'withdrawn'::text, 'awarded'::text, 'rejected'::text]))),
    CONSTRAINT applications_sum_check CHECK ((requested_fen = (((((((personnel_fen + activities_fen) + publicity_fen) + transport_fen) + office_fen) + experts_fen) + management_fen) + evaluation_fen)))
);

ALTER TABLE ONLY public.applications FORCE ROW LEVEL SECURITY;


--
-- Name: audit_log; Type: TABLE; Schema: public; Owner: -
--

CREATE TABLE public.audit_log (
    id bigint NOT NULL,
    occurred_at timestamp with time zone DEFAULT now() NOT NULL,
    actor_id uuid,
    actor_username text,
    union_id bigint,
    union_path public.ltree,
    action text NOT NULL,
    entity_type text NOT NULL,
    entity_id text,
    changes jsonb DEFAULT '{}'::jsonb NOT NULL,
    ip inet,
    CONSTRAINT audit_log_action_check CHECK ((action ~ '^[a-z_]+\.[a-z_]+$'::text))
);

ALTER TABLE ONLY public.audit_log FORCE ROW LEVEL SECURITY;


--
-- Name: audit_log_id_seq; Type: SEQUENCE; Schema: public; Owner: -
--

ALTER TABLE public.audit_log ALTER COLUMN id ADD GENERATED ALWAYS AS IDENTITY (
    SEQUENCE NAME public.audit_log_id_seq
    START WITH 1
    INCREMENT BY 1
    NO MINVALUE
    NO MAXVALUE
    CACHE 1
);


--
-- Name: calendar_feeds; Type: TABLE; Schema: public; Owner: -
--

CREATE TABLE public.calendar_feeds (
    user_id uuid NOT NULL,
    token_hash bytea NOT NULL,
    created_at timestamp with time zone DEFAULT now() NOT NULL,
    last_read_at timestamp with time zone
);

ALTER TABLE ONLY public.calendar_feeds FORCE ROW LEVEL SECURITY;


--
-- Name: contract_installments; Type: TABLE; Schema: public; Owner: -
--

CREATE TABLE public.contract_installments (
    contract_id uuid NOT NULL,
    union_path public.ltree NOT NULL,
    "position" smallint NOT NULL,
    percent smallint NOT NULL,
    condition text NOT NULL,
    CONSTRAINT contract_installments_condition_check CHECK ((condition = ANY (ARRAY['on_signing'::text, 'after_midterm'::text, 'after_final'::text]))),
    CONSTRAINT contract_installments_percent_check CHECK (((percent >= 1) AND (percent <= 100)))
);

ALTER TABLE ONLY public.contract_installments FORCE ROW LEVEL SECURITY;


--
-- Name: contracts; Type: TABLE; Schema: public; Owner: -
--

CREATE TABLE public.contracts (
    id uuid DEFAULT gen_random_uuid() NOT NULL,
    project_id uuid NOT NULL,
    union_path public.ltree NOT NULL,
    application_id uuid NOT NULL,
    org_id uuid NOT NULL,
    amount_fen bigint NOT NULL,
    service_starts_on date NOT NULL,
    service_ends_on date NOT NULL,
    supervisor_id uuid NOT NULL,
    report_cycle text NOT NULL,
    signed_on date NOT NULL,
    signed_file_id uuid,
    created_by uuid,
    created_at timestamp with time zone DEFAULT now() NOT NULL,
    CONSTRAINT contracts_amount_check CHECK ((amount_fen > 0)),
    CONSTRAINT contracts_cycle_check CHECK ((report_cycle = ANY (ARRAY['monthly'::text, 'quarterly'::text]))),
    CONSTRAINT contracts_period_check CHECK ((service_ends_on > service_starts_on))
);

ALTER TABLE ONLY public.contracts FORCE ROW LEVEL SECURITY;


--
-- Name: evaluation_results; Type: TABLE; Schema: public; Owner: -
--

CREATE TABLE public.evaluation_results (
    evaluation_id uuid NOT NULL,
    indicator_id uuid NOT NULL,
    union_path public.ltree NOT NULL,
    org_id uuid NOT NULL,
    supervisor_id uuid NOT NULL,
    mean_hundredths integer NOT NULL
);

ALTER TABLE ONLY public.evaluation_results FORCE ROW LEVEL SECURITY;


--
-- Name: evaluation_scores; Type: TABLE; Schema: public; Owner: -
--

CREATE TABLE public.evaluation_scores (
    sheet_id uuid NOT NULL,
    indicator_id uuid NOT NULL,
    union_path public.ltree NOT NULL,
    supervisor_id uuid NOT NULL,
    score_tenths integer NOT NULL,
    comment text,
    CONSTRAINT evaluation_scores_range_check CHECK ((score_tenths >= 0))
);

ALTER TABLE ONLY public.evaluation_scores FORCE ROW LEVEL SECURITY;


--
-- Name: evaluation_sheets; Type: TABLE; Schema: public; Owner: -
--

CREATE TABLE public.evaluation_sheets (
    id uuid DEFAULT gen_random_uuid() NOT NULL,
    evaluation_id uuid NOT NULL,
    union_path public.ltree NOT NULL,
    supervisor_id uuid NOT NULL,
    evaluator_id uuid NOT NULL,
    evaluator_name text NOT NULL,
    status text DEFAULT 'draft'::text NOT NULL,
    evidence text DEFAULT ''::text NOT NULL,
    comment text DEFAULT ''::text NOT NULL,
    total_tenths integer DEFAULT 0 NOT NULL,
    submitted_at timestamp with time zone,
    CONSTRAINT evaluation_sheets_status_check CHECK ((status = ANY (ARRAY['draft'::text, 'submitted'::text])))
);

ALTER TABLE ONLY public.evaluation_sheets FORCE ROW LEVEL SECURITY;


--
-- Name: evaluations; Type: TABLE; Schema: public; Owner: -
--

CREATE TABLE public.evaluations (
    id uuid DEFAULT gen_random_uuid() NOT NULL,
    contract_id uuid NOT NULL,
    project_id uuid NOT NULL,
    union_path public.ltree NOT NULL,
    org_id uuid NOT NULL,
    supervisor_id uuid NOT NULL,
    kind text NOT NULL,
    system_id uuid NOT NULL,
    status text DEFAULT 'open'::text NOT NULL,
    total_hundredths integer,
    grade text,
    conclusion text,
    finalized_by uuid,
    finalized_at timestamp with time zone,
    created_at timestamp with time zone DEFAULT now() NOT NULL,
    CONSTRAINT evaluations_final_check CHECK (((status = 'final'::text) = ((total_hundredths IS NOT NULL) AND (grade IS NOT NULL) AND (conclusion IS NOT NULL)))),
    CONSTRAINT evaluations_grade_check CHECK ((grade = ANY (ARRAY['excellent'::text, 'good'::text, 'pass'::text, 'fail'::text]))),
    CONSTRAINT evaluations_kind_check CHECK ((kind = ANY (ARRAY['midterm'::text, 'final'::text]))),
    CONSTRAINT evaluations_status_check CHECK ((status = ANY (ARRAY['open'::text, 'final'::text])))
);

ALTER TABLE ONLY public.evaluations FORCE ROW LEVEL SECURITY;


--
-- Name: experience_links; Type: TABLE; Schema: public; Owner: -
--

CREATE TABLE public.experience_links (
    id uuid DEFAULT gen_random_uuid() NOT NULL,
    experience_id uuid NOT NULL,
    union_path public.ltree NOT NULL,
    target_kind text NOT NULL,
    target_id uuid NOT NULL,
    target_key text NOT NULL,
    label text NOT NULL,
    CONSTRAINT experience_links_kind_check CHECK ((target_kind = ANY (ARRAY['project'::text, 'organization'::text])))
);

ALTER TABLE ONLY public.experience_links FORCE ROW LEVEL SECURITY;


--
-- Name: experiences; Type: TABLE; Schema: public; Owner: -
--

CREATE TABLE public.experiences (
    id uuid DEFAULT gen_random_uuid() NOT NULL,
    union_id bigint NOT NULL,
    union_path public.ltree NOT NULL,
    province text GENERATED ALWAYS AS ((public.subltree(union_path, 0, LEAST(public.nlevel(union_path), 2)))::text) STORED,
    union_name text NOT NULL,
    kind text DEFAULT 'experience'::text NOT NULL,
    title text NOT NULL,
    summary text NOT NULL,
    body text DEFAULT ''::text NOT NULL,
    status text DEFAULT 'draft'::text NOT NULL,
    featured boolean DEFAULT false NOT NULL,
    featured_at timestamp with time zone,
    submitted_at timestamp with time zone,
    published_at timestamp with time zone,
    published_by uuid,
    created_by uuid,
    created_at timestamp with time zone DEFAULT now() NOT NULL,
    updated_at timestamp with time zone DEFAULT now() NOT NULL,
    version integer DEFAULT 1 NOT NULL,
    CONSTRAINT experiences_body_check CHECK ((length(body) <= 20000)),
    CONSTRAINT experiences_featured_check CHECK (((NOT featured) OR ((status = 'published'::text) AND (featured_at IS NOT NULL)))),
    CONSTRAINT experiences_in_a_province_check CHECK ((public.nlevel(union_path) >= 2)),
    CONSTRAINT experiences_kind_check CHECK ((kind = ANY (ARRAY['experience'::text, 'brand_project'::text]))),
    CONSTRAINT experiences_status_check CHECK ((status = ANY (ARRAY['draft'::text, 'submitted'::text, 'published'::text]))),
    CONSTRAINT experiences_summary_check CHECK (((length(btrim(summary)) >= 1) AND (length(btrim(summary)) <= 500))),
    CONSTRAINT experiences_title_check CHECK (((length(btrim(title)) >= 2) AND (length(btrim(title)) <= 200)))
);

ALTER TABLE ONLY public.experiences FORCE ROW LEVEL SECURITY;


--
-- Name: federation_members; Type: TABLE; Schema: public; Owner: -
--

CREATE TABLE public.federation_members (
    id uuid DEFAULT gen_random_uuid() NOT NULL,
    federation_id uuid NOT NULL,
    union_path public.ltree NOT NULL,
    org_id uuid NOT NULL,
    org_union_path public.ltree NOT NULL,
    role text DEFAULT 'member'::text NOT NULL,
    joined_on date NOT NULL,
    left_on date,
    leave_reason text,
    cross_region boolean DEFAULT false NOT NULL,
    cross_region_reason text,
    created_by uuid,
    created_at timestamp with time zone DEFAULT now() NOT NULL,
    updated_at timestamp with time zone DEFAULT now() NOT NULL,
    version integer DEFAULT 1 NOT NULL,
    CONSTRAINT federation_members_cross_region_check CHECK (((cross_region = (cross_region_reason IS NOT NULL)) AND ((cross_region_reason IS NULL) OR ((length(btrim(cross_region_reason)) >= 2) AND (length(btrim(cross_region_reason)) <= 1000))))),
    CONSTRAINT federation_members_dates_check CHECK (((left_on IS NULL) OR (left_on >= joined_on))),
    CONSTRAINT federation_members_leave_check CHECK (((leave_reason IS NULL) OR (length(leave_reason) <= 1000))),
    CONSTRAINT federation_members_role_check CHECK ((role = ANY (ARRAY['member'::text, 'council_member'::text, 'vice_chair_unit'::text, 'chair_unit'::text])))
);

ALTER TABLE ONLY public.federation_members FORCE ROW LEVEL SECURITY;


--
-- Name: federation_partners; Type: TABLE; Schema: public; Owner: -
--

CREATE TABLE public.federation_partners (
    federation_id uuid NOT NULL,
    union_path public.ltree NOT NULL,
    kind text NOT NULL,
    unit_name text NOT NULL,
    CONSTRAINT federation_partners_kind_check CHECK ((kind = ANY (ARRAY['youth_league'::text, 'womens_federation'::text, 'disabled_persons_federation'::text, 'civil_affairs'::text, 'other'::text]))),
    CONSTRAINT federation_partners_unit_check CHECK (((length(btrim(unit_name)) >= 2) AND (length(btrim(unit_name)) <= 200)))
);

ALTER TABLE ONLY public.federation_partners FORCE ROW LEVEL SECURITY;


--
-- Name: federations; Type: TABLE; Schema: public; Owner: -
--

CREATE TABLE public.federations (
    id uuid DEFAULT gen_random_uuid() NOT NULL,
    union_id bigint NOT NULL,
    union_path public.ltree NOT NULL,
    province text GENERATED ALWAYS AS ((public.subltree(union_path, 0, LEAST(public.nlevel(union_path), 2)))::text) STORED,
    prefecture text GENERATED ALWAYS AS (
CASE
    WHEN (public.nlevel(union_path) >= 3) THEN (public.subltree(union_path, 0, 3))::text
    ELSE NULL::text
END) STORED,
    kind text NOT NULL,
    name text NOT NULL,
    credit_code text,
    parent_id uuid,
    founded_on date,
    charter text DEFAULT ''::text NOT NULL,
    chair text,
    vice_chairs text,
    secretary_general text,
    council_size integer,
    status text DEFAULT 'active'::text NOT NULL,
    created_by uuid,
    created_at timestamp with time zone DEFAULT now() NOT NULL,
    updated_at timestamp with time zone DEFAULT now() NOT NULL,
    version integer DEFAULT 1 NOT NULL,
    CONSTRAINT federations_charter_check CHECK ((length(charter) <= 20000)),
    CONSTRAINT federations_council_size_check CHECK (((council_size >= 1) AND (council_size <= 1000))),
    CONSTRAINT federations_credit_code_check CHECK ((credit_code ~ '^[0-9A-HJ-NPQRTUWXY]{18}$'::text)),
    CONSTRAINT federations_governance_check CHECK (((COALESCE(length(chair), 0) <= 100) AND (COALESCE(length(vice_chairs), 0) <= 500) AND (COALESCE(length(secretary_general), 0) <= 100))),
    CONSTRAINT federations_kind_check CHECK ((kind = ANY (ARRAY['federation'::text, 'union_federation'::text, 'joint_platform'::text]))),
    CONSTRAINT federations_name_check CHECK (((length(btrim(name)) >= 2) AND (length(btrim(name)) <= 200))),
    CONSTRAINT federations_not_own_parent CHECK ((parent_id IS DISTINCT FROM id)),
    CONSTRAINT federations_status_check CHECK ((status = ANY (ARRAY['active'::text, 'suspended'::text, 'dissolved'::text])))
);

ALTER TABLE ONLY public.federations FORCE ROW LEVEL SECURITY;


--
-- Name: files; Type: TABLE; Schema: public; Owner: -
--

CREATE TABLE public.files (
    id uuid DEFAULT gen_random_uuid() NOT NULL,
    union_path public.ltree NOT NULL,
    org_id uuid,
    owner_kind text NOT NULL,
    owner_id uuid NOT NULL,
    label text DEFAULT 'other'::text NOT NULL,
    file_name text NOT NULL,
    content_type text NOT NULL,
    size_bytes bigint NOT NULL,
    sha256 text NOT NULL,
    storage_key text NOT NULL,
    uploaded_by uuid,
    created_at timestamp with time zone DEFAULT now() NOT NULL,
    CONSTRAINT files_name_check CHECK (((length(file_name) >= 1) AND (length(file_name) <= 120))),
    CONSTRAINT files_owner_kind_check CHECK ((owner_kind = ANY (ARRAY['application_attachment'::text, 'contract'::text, 'evaluation'::text, 'experience_photo'::text, 'federation_charter'::text, 'payment'::text, 'pilot_note'::text, 'project_document'::text, 'rectification'::text, 'report'::text, 'site_photo'::text, 'site_visit'::text, 'training'::text, 'work_year'::text]))),
    CONSTRAINT files_sha256_check CHECK ((sha256 ~ '^[0-9a-f]{64}$'::text)),
    CONSTRAINT files_size_check CHECK ((size_bytes > 0))
);

ALTER TABLE ONLY public.files FORCE ROW LEVEL SECURITY;


--
-- Name: form_submissions; Type: TABLE; Schema: public; Owner: -
--

CREATE TABLE public.form_submissions (
    user_id uuid NOT NULL,
    form_key uuid NOT NULL,
    submitted_at timestamp with time zone DEFAULT now() NOT NULL
);

ALTER TABLE ONLY public.form_submissions FORCE ROW LEVEL SECURITY;


--
-- Name: indicator_systems; Type: TABLE; Schema: public; Owner: -
--

CREATE TABLE public.indicator_systems (
    id uuid DEFAULT gen_random_uuid() NOT NULL,
    union_id bigint NOT NULL,
    union_path public.ltree NOT NULL,
    kind text NOT NULL,
    name text NOT NULL,
    lineage uuid NOT NULL,
    version integer DEFAULT 1 NOT NULL,
    status text DEFAULT 'draft'::text NOT NULL,
    excellent_min smallint DEFAULT 90 NOT NULL,
    good_min smallint DEFAULT 80 NOT NULL,
    pass_min smallint DEFAULT 60 NOT NULL,
    published_at timestamp with time zone,
    created_by uuid,
    created_at timestamp with time zone DEFAULT now() NOT NULL,
    CONSTRAINT indicator_systems_grades_check CHECK (((0 < pass_min) AND (pass_min < good_min) AND (good_min < excellent_min) AND (excellent_min <= 100))),
    CONSTRAINT indicator_systems_kind_check CHECK ((kind = ANY (ARRAY['approval_review'::text, 'midterm'::text, 'performance'::text]))),
    CONSTRAINT indicator_systems_name_check CHECK (((length(btrim(name)) >= 2) AND (length(btrim(name)) <= 100))),
    CONSTRAINT indicator_systems_status_check CHECK ((status = ANY (ARRAY['draft'::text, 'published'::text, 'superseded'::text])))
);

ALTER TABLE ONLY public.indicator_systems FORCE ROW LEVEL SECURITY;


--
-- Name: indicators; Type: TABLE; Schema: public; Owner: -
--

CREATE TABLE public.indicators (
    id uuid DEFAULT gen_random_uuid() NOT NULL,
    system_id uuid NOT NULL,
    parent_id uuid,
    code text NOT NULL,
    name text NOT NULL,
    weight smallint NOT NULL,
    guidance text,
    CONSTRAINT indicators_code_check CHECK ((code ~ '^[1-9][0-9]?(\.[1-9][0-9]?)*$'::text)),
    CONSTRAINT indicators_name_check CHECK (((length(btrim(name)) >= 1) AND (length(btrim(name)) <= 100))),
    CONSTRAINT indicators_weight_check CHECK (((weight >= 1) AND (weight <= 100)))
);

ALTER TABLE ONLY public.indicators FORCE ROW LEVEL SECURITY;


--
-- Name: meeting_actions; Type: TABLE; Schema: public; Owner: -
--

CREATE TABLE public.meeting_actions (
    id uuid DEFAULT gen_random_uuid() NOT NULL,
    meeting_id uuid NOT NULL,
    union_path public.ltree NOT NULL,
    title text NOT NULL,
    responsible_user_id uuid NOT NULL,
    due_on date NOT NULL,
    done_on date,
    created_by uuid,
    created_at timestamp with time zone DEFAULT now() NOT NULL,
    updated_at timestamp with time zone DEFAULT now() NOT NULL,
    CONSTRAINT meeting_actions_title_check CHECK (((length(btrim(title)) >= 2) AND (length(btrim(title)) <= 500)))
);

ALTER TABLE ONLY public.meeting_actions FORCE ROW LEVEL SECURITY;


--
-- Name: meeting_invitations; Type: TABLE; Schema: public; Owner: -
--

CREATE TABLE public.meeting_invitations (
    id uuid DEFAULT gen_random_uuid() NOT NULL,
    meeting_id uuid NOT NULL,
    union_path public.ltree NOT NULL,
    org_id uuid NOT NULL,
    response text DEFAULT 'pending'::text NOT NULL,
    response_note text,
    responded_at timestamp with time zone,
    attended boolean DEFAULT false NOT NULL,
    created_at timestamp with time zone DEFAULT now() NOT NULL,
    CONSTRAINT meeting_invitations_note_check CHECK ((length(response_note) <= 500)),
    CONSTRAINT meeting_invitations_response_check CHECK ((response = ANY (ARRAY['pending'::text, 'accepted'::text, 'declined'::text])))
);

ALTER TABLE ONLY public.meeting_invitations FORCE ROW LEVEL SECURITY;


--
-- Name: meetings; Type: TABLE; Schema: public; Owner: -
--

CREATE TABLE public.meetings (
    id uuid DEFAULT gen_random_uuid() NOT NULL,
    union_id bigint NOT NULL,
    union_path public.ltree NOT NULL,
    province text GENERATED ALWAYS AS ((public.subltree(union_path, 0, LEAST(public.nlevel(union_path), 2)))::text) STORED,
    prefecture text GENERATED ALWAYS AS (
CASE
    WHEN (public.nlevel(union_path) >= 3) THEN (public.subltree(union_path, 0, 3))::text
    ELSE NULL::text
END) STORED,
    kind text DEFAULT 'contact'::text NOT NULL,
    title text NOT NULL,
    held_on date NOT NULL,
    place text NOT NULL,
    agenda text NOT NULL,
    minutes text,
    decisions text,
    status text DEFAULT 'planned'::text NOT NULL,
    created_by uuid,
    created_at timestamp with time zone DEFAULT now() NOT NULL,
    updated_at timestamp with time zone DEFAULT now() NOT NULL,
    version integer DEFAULT 1 NOT NULL,
    CONSTRAINT meetings_agenda_check CHECK (((length(btrim(agenda)) >= 1) AND (length(btrim(agenda)) <= 4000))),
    CONSTRAINT meetings_kind_check CHECK ((kind = ANY (ARRAY['contact'::text, 'regular'::text]))),
    CONSTRAINT meetings_minutes_check CHECK (((length(minutes) <= 20000) AND (length(decisions) <= 20000))),
    CONSTRAINT meetings_place_check CHECK (((length(btrim(place)) >= 1) AND (length(btrim(place)) <= 200))),
    CONSTRAINT meetings_status_check CHECK ((status = ANY (ARRAY['planned'::text, 'held'::text, 'cancelled'::text]))),
    CONSTRAINT meetings_title_check CHECK (((length(btrim(title)) >= 2) AND (length(btrim(title)) <= 200)))
);

ALTER TABLE ONLY public.meetings FORCE ROW LEVEL SECURITY;


--
-- Name: needs; Type: TABLE; Schema: public; Owner: -
--

CREATE TABLE public.needs (
    id uuid DEFAULT gen_random_uuid() NOT NULL,
    union_id bigint NOT NULL,
    union_path public.ltree NOT NULL,
    title text NOT NULL,
    domain text NOT NULL,
    description text,
    source text NOT NULL,
    workers_affected integer DEFAULT 0 NOT NULL,
    collected_on date NOT NULL,
    priority text DEFAULT 'medium'::text NOT NULL,
    suitable_for_purchase boolean NOT NULL,
    suitability_reason text,
    project_id uuid,
    created_by uuid,
    created_at timestamp with time zone DEFAULT now() NOT NULL,
    updated_at timestamp with time zone DEFAULT now() NOT NULL,
    version integer DEFAULT 1 NOT NULL,
    addressed boolean,
    addressed_note text,
    CONSTRAINT needs_domain_check CHECK ((domain = ANY (ARRAY['employment'::text, 'skills_training'::text, 'income_distribution'::text, 'social_security'::text, 'safety_health'::text, 'democratic_rights'::text, 'culture'::text, 'legal_aid'::text, 'psychological_support'::text, 'outdoor_workers'::text, 'other'::text]))),
    CONSTRAINT needs_priority_check CHECK ((priority = ANY (ARRAY['high'::text, 'medium'::text, 'low'::text]))),
    CONSTRAINT needs_source_check CHECK ((source = ANY (ARRAY['survey'::text, 'hotline'::text, 'visit'::text, 'grassroots_report'::text, 'online'::text]))),
    CONSTRAINT needs_title_check CHECK (((length(btrim(title)) >= 2) AND (length(btrim(title)) <= 200))),
    CONSTRAINT needs_workers_check CHECK ((workers_affected >= 0))
);

ALTER TABLE ONLY public.needs FORCE ROW LEVEL SECURITY;


--
-- Name: notifications; Type: TABLE; Schema: public; Owner: -
--

CREATE TABLE public.notifications (
    id uuid DEFAULT gen_random_uuid() NOT NULL,
    org_id uuid NOT NULL,
    union_path public.ltree NOT NULL,
    project_id uuid,
    message_key text NOT NULL,
    arg text DEFAULT ''::text NOT NULL,
    created_at timestamp with time zone DEFAULT now() NOT NULL,
    read_at timestamp with time zone
);

ALTER TABLE ONLY public.notifications FORCE ROW LEVEL SECURITY;


--
-- Name: org_imports; Type: TABLE; Schema: public; Owner: -
--

CREATE TABLE public.org_imports (
    id uuid DEFAULT gen_random_uuid() NOT NULL,
    union_id bigint NOT NULL,
    union_path public.ltree NOT NULL,
    user_id uuid NOT NULL,
    file_name text NOT NULL,
    content bytea,
    status text DEFAULT 'validating'::text NOT NULL,
    mode text,
    rows_read integer DEFAULT 0 NOT NULL,
    rows_validated integer DEFAULT 0 NOT NULL,
    rows_written integer DEFAULT 0 NOT NULL,
    rows_total integer,
    rows_new integer,
    rows_updated integer,
    rows_invalid integer,
    errors jsonb DEFAULT '[]'::jsonb NOT NULL,
    changes jsonb DEFAULT '[]'::jsonb NOT NULL,
    failure text,
    created_at timestamp with time zone DEFAULT now() NOT NULL,
    updated_at timestamp with time zone DEFAULT now() NOT NULL,
    CONSTRAINT org_imports_mode_check CHECK ((mode = ANY (ARRAY['all'::text, 'valid_only'::text]))),
    CONSTRAINT org_imports_status_check CHECK ((status = ANY (ARRAY['validating'::text, 'validated'::text, 'writing'::text, 'done'::text, 'failed'::text])))
);

ALTER TABLE ONLY public.org_imports FORCE ROW LEVEL SECURITY;


--
-- Name: organization_contacts; Type: TABLE; Schema: public; Owner: -
--

CREATE TABLE public.organization_contacts (
    id uuid DEFAULT gen_random_uuid() NOT NULL,
    org_id uuid NOT NULL,
    union_path public.ltree NOT NULL,
    contacted_on date NOT NULL,
    method text NOT NULL,
    cadre text NOT NULL,
    summary text NOT NULL,
    issues text,
    follow_up text,
    next_due date,
    created_by uuid,
    created_at timestamp with time zone DEFAULT now() NOT NULL,
    meeting_id uuid,
    CONSTRAINT organization_contacts_method_check CHECK ((method = ANY (ARRAY['visit'::text, 'meeting'::text, 'phone'::text, 'online'::text, 'event'::text]))),
    CONSTRAINT organization_contacts_next_due_check CHECK ((next_due > contacted_on))
);

ALTER TABLE ONLY public.organization_contacts FORCE ROW LEVEL SECURITY;


--
-- Name: organization_ratings; Type: TABLE; Schema: public; Owner: -
--

CREATE TABLE public.organization_ratings (
    id uuid DEFAULT gen_random_uuid() NOT NULL,
    org_id uuid NOT NULL,
    union_path public.ltree NOT NULL,
    level smallint NOT NULL,
    rated_on date NOT NULL,
    valid_until date GENERATED ALWAYS AS (((rated_on + '5 years'::interval))::date) STORED,
    authority text NOT NULL,
    certificate_no text,
    revoked_at timestamp with time zone,
    revoke_reason text,
    created_by uuid,
    created_at timestamp with time zone DEFAULT now() NOT NULL,
    CONSTRAINT organization_ratings_authority_check CHECK (((length(btrim(authority)) >= 2) AND (length(btrim(authority)) <= 100))),
    CONSTRAINT organization_ratings_level_check CHECK (((level >= 1) AND (level <= 5)))
);

ALTER TABLE ONLY public.organization_ratings FORCE ROW LEVEL SECURITY;


--
-- Name: organization_union_building; Type: TABLE; Schema: public; Owner: -
--

CREATE TABLE public.organization_union_building (
    id uuid DEFAULT gen_random_uuid() NOT NULL,
    org_id uuid NOT NULL,
    union_path public.ltree NOT NULL,
    status text NOT NULL,
    founded_on date,
    members integer,
    employees integer,
    chair text,
    changed_on date NOT NULL,
    created_by uuid,
    created_at timestamp with time zone DEFAULT now() NOT NULL,
    CONSTRAINT organization_union_building_counts_check CHECK (((members >= 0) AND (employees >= 0) AND (members <= employees))),
    CONSTRAINT organization_union_building_status_check CHECK ((status = ANY (ARRAY['none'::text, 'preparing'::text, 'established'::text, 'joint'::text])))
);

ALTER TABLE ONLY public.organization_union_building FORCE ROW LEVEL SECURITY;


--
-- Name: organizations; Type: TABLE; Schema: public; Owner: -
--

CREATE TABLE public.organizations (
    id uuid DEFAULT gen_random_uuid() NOT NULL,
    union_id bigint NOT NULL,
    union_path public.ltree NOT NULL,
    province text GENERATED ALWAYS AS ((public.subltree(union_path, 0, LEAST(public.nlevel(union_path), 2)))::text) STORED,
    name text NOT NULL,
    credit_code text,
    org_type text NOT NULL,
    registration_level text,
    registered_on date,
    supervising_unit text,
    direct_registration boolean DEFAULT false NOT NULL,
    address text,
    division_code text,
    legal_representative text,
    contact_person text,
    contact_phone text,
    contact_email text,
    service_domains text[] DEFAULT '{}'::text[] NOT NULL,
    industry text,
    fulltime_staff integer DEFAULT 0 NOT NULL,
    volunteers integer DEFAULT 0 NOT NULL,
    social_workers integer DEFAULT 0 NOT NULL,
    annual_revenue_fen bigint DEFAULT 0 NOT NULL,
    funding_sources text[] DEFAULT '{}'::text[] NOT NULL,
    activities text,
    working_methods text,
    guidance_category text NOT NULL,
    relationship text NOT NULL,
    status text DEFAULT 'active'::text NOT NULL,
    status_reason text,
    abnormal_operation boolean DEFAULT false NOT NULL,
    serious_violation boolean DEFAULT false NOT NULL,
    tags text[] DEFAULT '{}'::text[] NOT NULL,
    notes text,
    contact_interval_days integer,
    rating_level smallint,
    rating_valid_until date,
    union_building text DEFAULT 'none'::text NOT NULL,
    last_contacted_on date,
    next_contact_due date DEFAULT CURRENT_DATE NOT NULL,
    created_at timestamp with time zone DEFAULT now() NOT NULL,
    updated_at timestamp with time zone DEFAULT now() NOT NULL,
    version integer DEFAULT 1 NOT NULL,
    prefecture text GENERATED ALWAYS AS (
CASE
    WHEN (public.nlevel(union_path) >= 3) THEN (public.subltree(union_path, 0, 3))::text
    ELSE NULL::text
END) STORED,
    CONSTRAINT organizations_category_check CHECK ((guidance_category = ANY (ARRAY['cultivate'::text, 'guide'::text]))),
    CONSTRAINT organizations_counts_check CHECK (((fulltime_staff >= 0) AND (volunteers >= 0) AND (social_workers >= 0) AND (annual_revenue_fen >= 0))),
    CONSTRAINT organizations_credit_code_check CHECK ((credit_code ~ '^[0-9A-HJ-NPQRTUWXY]{18}$'::text)),
    CONSTRAINT organizations_credit_code_required CHECK (((credit_code IS NOT NULL) OR (org_type = 'unregistered'::text))),
    CONSTRAINT organizations_division_code_check CHECK ((division_code ~ '^[0-9]{6}$'::text)),
    CONSTRAINT organizations_domains_check CHECK ((service_domains <@ ARRAY['employment'::text, 'skills_training'::text, 'income_distribution'::text, 'social_security'::text, 'safety_health'::text, 'democratic_rights'::text, 'culture'::text, 'legal_aid'::text, 'psychological_support'::text, 'outdoor_workers'::text, 'other'::text])),
    CONSTRAINT organizations_funding_check CHECK ((funding_sources <@ ARRAY['union_funds'::text, 'government_purchase'::text, 'donations'::text, 'service_fees'::text, 'foundation_grants'::text, 'other'::text])),
    CONSTRAINT organizations_interval_check CHECK (((contact_interval_days >= 7) AND (contact_interval_days <= 730))),
    CONSTRAINT organizations_name_check CHECK (((length(btrim(name)) >= 2) AND (length(btrim(name)) <= 200))),
    CONSTRAINT organizations_rating_check CHECK (((rating_level >= 1) AND (rating_level <= 5))),
    CONSTRAINT organizations_registration_level_check CHECK ((registration_level = ANY (ARRAY['national'::text, 'provincial'::text, 'municipal'::text, 'county'::text]))),
    CONSTRAINT organizations_relationship_check CHECK ((relationship = ANY (ARRAY['founded'::text, 'guided'::text, 'contacted'::text]))),
    CONSTRAINT organizations_status_check CHECK ((status = ANY (ARRAY['active'::text, 'suspended'::text, 'deregistered'::text]))),
    CONSTRAINT organizations_type_check CHECK ((org_type = ANY (ARRAY['social_group'::text, 'foundation'::text, 'social_service_agency'::text, 'unregistered'::text]))),
    CONSTRAINT organizations_union_building_check CHECK ((union_building = ANY (ARRAY['none'::text, 'preparing'::text, 'established'::text, 'joint'::text])))
);

ALTER TABLE ONLY public.organizations FORCE ROW LEVEL SECURITY;


--
-- Name: partner_projects; Type: TABLE; Schema: public; Owner: -
--

CREATE TABLE public.partner_projects (
    partner_id uuid NOT NULL,
    project_id uuid NOT NULL,
    union_path public.ltree NOT NULL,
    partner_name text NOT NULL,
    amount_fen bigint,
    created_by uuid,
    created_at timestamp with time zone DEFAULT now() NOT NULL,
    CONSTRAINT partner_projects_amount_check CHECK (((amount_fen IS NULL) OR (amount_fen > 0)))
);

ALTER TABLE ONLY public.partner_projects FORCE ROW LEVEL SECURITY;


--
-- Name: partners; Type: TABLE; Schema: public; Owner: -
--

CREATE TABLE public.partners (
    id uuid DEFAULT gen_random_uuid() NOT NULL,
    union_id bigint NOT NULL,
    union_path public.ltree NOT NULL,
    province text GENERATED ALWAYS AS ((public.subltree(union_path, 0, LEAST(public.nlevel(union_path), 2)))::text) STORED,
    prefecture text GENERATED ALWAYS AS (
CASE
    WHEN (public.nlevel(union_path) >= 3) THEN (public.subltree(union_path, 0, 3))::text
    ELSE NULL::text
END) STORED,
    name text NOT NULL,
    kind text NOT NULL,
    brings text[] DEFAULT '{}'::text[] NOT NULL,
    contact_name text,
    contact_phone text,
    contact_email text,
    description text,
    created_by uuid,
    created_at timestamp with time zone DEFAULT now() NOT NULL,
    updated_at timestamp with time zone DEFAULT now() NOT NULL,
    version integer DEFAULT 1 NOT NULL,
    CONSTRAINT partners_brings_check CHECK ((brings <@ ARRAY['funds'::text, 'volunteers'::text, 'venues'::text, 'expertise'::text, 'publicity'::text])),
    CONSTRAINT partners_contact_check CHECK (((COALESCE(length(contact_name), 0) <= 100) AND (COALESCE(length(contact_phone), 0) <= 40) AND (COALESCE(length(contact_email), 0) <= 200))),
    CONSTRAINT partners_description_check CHECK ((length(description) <= 4000)),
    CONSTRAINT partners_kind_check CHECK ((kind = ANY (ARRAY['foundation'::text, 'media'::text, 'company'::text, 'law_firm'::text, 'university'::text, 'mass_organization'::text, 'other'::text]))),
    CONSTRAINT partners_name_check CHECK (((length(btrim(name)) >= 2) AND (length(btrim(name)) <= 200)))
);

ALTER TABLE ONLY public.partners FORCE ROW LEVEL SECURITY;


--
-- Name: payments; Type: TABLE; Schema: public; Owner: -
--

CREATE TABLE public.payments (
    id uuid DEFAULT gen_random_uuid() NOT NULL,
    contract_id uuid NOT NULL,
    union_path public.ltree NOT NULL,
    org_id uuid NOT NULL,
    supervisor_id uuid NOT NULL,
    "position" smallint NOT NULL,
    decision text NOT NULL,
    amount_fen bigint DEFAULT 0 NOT NULL,
    paid_on date,
    voucher_file_id uuid,
    reason text,
    decided_by uuid NOT NULL,
    decided_at timestamp with time zone DEFAULT now() NOT NULL,
    dated_on date GENERATED ALWAYS AS (COALESCE(paid_on, ((decided_at AT TIME ZONE 'Asia/Shanghai'::text))::date)) STORED NOT NULL,
    province text GENERATED ALWAYS AS ((public.subltree(union_path, 0, LEAST(public.nlevel(union_path), 2)))::text) STORED,
    CONSTRAINT payments_decision_check CHECK ((decision = ANY (ARRAY['paid'::text, 'withheld'::text]))),
    CONSTRAINT payments_paid_check CHECK ((((decision = 'paid'::text) AND (amount_fen > 0) AND (paid_on IS NOT NULL)) OR ((decision = 'withheld'::text) AND (amount_fen = 0) AND (reason IS NOT NULL))))
);

ALTER TABLE ONLY public.payments FORCE ROW LEVEL SECURITY;


--
-- Name: pilot_milestones; Type: TABLE; Schema: public; Owner: -
--

CREATE TABLE public.pilot_milestones (
    id uuid DEFAULT gen_random_uuid() NOT NULL,
    pilot_id uuid NOT NULL,
    union_path public.ltree NOT NULL,
    title text NOT NULL,
    due_on date NOT NULL,
    owner_name text,
    owner_user_id uuid,
    status text DEFAULT 'planned'::text NOT NULL,
    done_on date,
    created_by uuid,
    created_at timestamp with time zone DEFAULT now() NOT NULL,
    updated_at timestamp with time zone DEFAULT now() NOT NULL,
    version integer DEFAULT 1 NOT NULL,
    CONSTRAINT pilot_milestones_done_check CHECK (((status = 'done'::text) = (done_on IS NOT NULL))),
    CONSTRAINT pilot_milestones_owner_check CHECK (((owner_name IS NULL) OR (length(owner_name) <= 100))),
    CONSTRAINT pilot_milestones_status_check CHECK ((status = ANY (ARRAY['planned'::text, 'in_progress'::text, 'done'::text]))),
    CONSTRAINT pilot_milestones_title_check CHECK (((length(btrim(title)) >= 2) AND (length(btrim(title)) <= 200)))
);

ALTER TABLE ONLY public.pilot_milestones FORCE ROW LEVEL SECURITY;


--
-- Name: pilot_notes; Type: TABLE; Schema: public; Owner: -
--

CREATE TABLE public.pilot_notes (
    id uuid DEFAULT gen_random_uuid() NOT NULL,
    pilot_id uuid NOT NULL,
    union_path public.ltree NOT NULL,
    body text NOT NULL,
    author_id uuid,
    author_name text NOT NULL,
    created_at timestamp with time zone DEFAULT now() NOT NULL,
    CONSTRAINT pilot_notes_body_check CHECK (((length(btrim(body)) >= 1) AND (length(btrim(body)) <= 4000)))
);

ALTER TABLE ONLY public.pilot_notes FORCE ROW LEVEL SECURITY;


--
-- Name: pilots; Type: TABLE; Schema: public; Owner: -
--

CREATE TABLE public.pilots (
    id uuid DEFAULT gen_random_uuid() NOT NULL,
    union_id bigint NOT NULL,
    union_path public.ltree NOT NULL,
    province text GENERATED ALWAYS AS ((public.subltree(union_path, 0, LEAST(public.nlevel(union_path), 2)))::text) STORED,
    title text NOT NULL,
    goals text NOT NULL,
    starts_on date NOT NULL,
    planned_end_on date NOT NULL,
    status text DEFAULT 'active'::text NOT NULL,
    summary text,
    ended_on date,
    exception_reason text,
    designated_by uuid,
    created_at timestamp with time zone DEFAULT now() NOT NULL,
    updated_at timestamp with time zone DEFAULT now() NOT NULL,
    version integer DEFAULT 1 NOT NULL,
    CONSTRAINT pilots_dates_check CHECK ((planned_end_on >= starts_on)),
    CONSTRAINT pilots_ended_check CHECK ((((status = 'active'::text) = (ended_on IS NULL)) AND ((status = 'active'::text) = (summary IS NULL)))),
    CONSTRAINT pilots_exception_check CHECK (((exception_reason IS NULL) OR ((length(btrim(exception_reason)) >= 2) AND (length(btrim(exception_reason)) <= 1000)))),
    CONSTRAINT pilots_goals_check CHECK (((length(btrim(goals)) >= 1) AND (length(btrim(goals)) <= 4000))),
    CONSTRAINT pilots_in_a_province_check CHECK ((public.nlevel(union_path) >= 2)),
    CONSTRAINT pilots_status_check CHECK ((status = ANY (ARRAY['active'::text, 'concluded'::text, 'cancelled'::text]))),
    CONSTRAINT pilots_title_check CHECK (((length(btrim(title)) >= 2) AND (length(btrim(title)) <= 200)))
);

ALTER TABLE ONLY public.pilots FORCE ROW LEVEL SECURITY;


--
-- Name: project_closings; Type: TABLE; Schema: public; Owner: -
--

CREATE TABLE public.project_closings (
    project_id uuid NOT NULL,
    union_path public.ltree NOT NULL,
    people_served integer NOT NULL,
    activities_held integer NOT NULL,
    service_hours integer NOT NULL,
    score_hundredths integer,
    grade text,
    outcomes text NOT NULL,
    lessons text NOT NULL,
    closed_by uuid NOT NULL,
    closed_at timestamp with time zone DEFAULT now() NOT NULL,
    CONSTRAINT project_closings_grade_check CHECK ((grade = ANY (ARRAY['excellent'::text, 'good'::text, 'pass'::text, 'fail'::text])))
);

ALTER TABLE ONLY public.project_closings FORCE ROW LEVEL SECURITY;


--
-- Name: project_code_counters; Type: TABLE; Schema: public; Owner: -
--

CREATE TABLE public.project_code_counters (
    prefix text NOT NULL,
    last integer NOT NULL
);


--
-- Name: project_events; Type: TABLE; Schema: public; Owner: -
--

CREATE TABLE public.project_events (
    id bigint NOT NULL,
    project_id uuid NOT NULL,
    union_path public.ltree NOT NULL,
    from_status text,
    to_status text NOT NULL,
    actor_id uuid,
    actor_name text NOT NULL,
    comment text,
    at timestamp with time zone DEFAULT now() NOT NULL
);

ALTER TABLE ONLY public.project_events FORCE ROW LEVEL SECURITY;


--
-- Name: project_events_id_seq; Type: SEQUENCE; Schema: public; Owner: -
--

ALTER TABLE public.project_events ALTER COLUMN id ADD GENERATED ALWAYS AS IDENTITY (
    SEQUENCE NAME public.project_events_id_seq
    START WITH 1
    INCREMENT BY 1
    NO MINVALUE
    NO MAXVALUE
    CACHE 1
);


--
-- Name: project_generation; Type: SEQUENCE; Schema: public; Owner: -
--

CREATE SEQUENCE public.project_generation
    START WITH 1
    INCREMENT BY 1
    NO MINVALUE
    NO MAXVALUE
    CACHE 1;


--
-- Name: projects; Type: TABLE; Schema: public; Owner: -
--

CREATE TABLE public.projects (
    id uuid DEFAULT gen_random_uuid() NOT NULL,
    union_id bigint NOT NULL,
    union_path public.ltree NOT NULL,
    code text NOT NULL,
    title text NOT NULL,
    domain text NOT NULL,
    description text NOT NULL,
    target_group text NOT NULL,
    target_people integer DEFAULT 0 NOT NULL,
    target_activities integer DEFAULT 0 NOT NULL,
    target_service_hours integer DEFAULT 0 NOT NULL,
    budget_fen bigint NOT NULL,
    union_funds_fen bigint DEFAULT 0 NOT NULL,
    fiscal_funds_fen bigint DEFAULT 0 NOT NULL,
    crowdfunding_fen bigint DEFAULT 0 NOT NULL,
    other_funds_fen bigint DEFAULT 0 NOT NULL,
    eligible_types text[] NOT NULL,
    min_rating smallint,
    min_years smallint DEFAULT 0 NOT NULL,
    apply_opens_on date NOT NULL,
    apply_closes_on date NOT NULL,
    service_starts_on date NOT NULL,
    service_ends_on date NOT NULL,
    review_system_id uuid NOT NULL,
    midterm_system_id uuid NOT NULL,
    performance_system_id uuid NOT NULL,
    status text DEFAULT 'draft'::text NOT NULL,
    cancel_reason text,
    created_by uuid NOT NULL,
    created_at timestamp with time zone DEFAULT now() NOT NULL,
    updated_at timestamp with time zone DEFAULT now() NOT NULL,
    version integer DEFAULT 1 NOT NULL,
    province text GENERATED ALWAYS AS ((public.subltree(union_path, 0, LEAST(public.nlevel(union_path), 2)))::text) STORED,
    commissioned_by uuid,
    CONSTRAINT projects_budget_check CHECK ((budget_fen > 0)),
    CONSTRAINT projects_cancel_reason_check CHECK (((status = 'cancelled'::text) = (cancel_reason IS NOT NULL))),
    CONSTRAINT projects_domain_check CHECK ((domain = ANY (ARRAY['employment'::text, 'skills_training'::text, 'income_distribution'::text, 'social_security'::text, 'safety_health'::text, 'democratic_rights'::text, 'culture'::text, 'legal_aid'::text, 'psychological_support'::text, 'outdoor_workers'::text, 'other'::text]))),
    CONSTRAINT projects_funding_check CHECK (((union_funds_fen >= 0) AND (fiscal_funds_fen >= 0) AND (crowdfunding_fen >= 0) AND (other_funds_fen >= 0) AND ((((union_funds_fen + fiscal_funds_fen) + crowdfunding_fen) + other_funds_fen) = budget_fen))),
    CONSTRAINT projects_min_rating_check CHECK (((min_rating >= 1) AND (min_rating <= 5))),
    CONSTRAINT projects_min_years_check CHECK (((min_years >= 0) AND (min_years <= 50))),
    CONSTRAINT projects_service_check CHECK (((service_ends_on > service_starts_on) AND (service_starts_on > apply_closes_on))),
    CONSTRAINT projects_status_check CHECK ((status = ANY (ARRAY['draft'::text, 'pending_approval'::text, 'approved'::text, 'open'::text, 'reviewing'::text, 'awarded'::text, 'contracted'::text, 'in_progress'::text, 'final_evaluation'::text, 'closed'::text, 'cancelled'::text]))),
    CONSTRAINT projects_targets_check CHECK (((target_people >= 0) AND (target_activities >= 0) AND (target_service_hours >= 0))),
    CONSTRAINT projects_title_check CHECK (((length(btrim(title)) >= 2) AND (length(btrim(title)) <= 200))),
    CONSTRAINT projects_types_check CHECK (((cardinality(eligible_types) > 0) AND (eligible_types <@ ARRAY['social_group'::text, 'foundation'::text, 'social_service_agency'::text, 'unregistered'::text]))),
    CONSTRAINT projects_window_check CHECK ((apply_closes_on >= apply_opens_on))
);

ALTER TABLE ONLY public.projects FORCE ROW LEVEL SECURITY;


--
-- Name: rectification_events; Type: TABLE; Schema: public; Owner: -
--

CREATE TABLE public.rectification_events (
    id bigint NOT NULL,
    rectification_id uuid NOT NULL,
    union_path public.ltree NOT NULL,
    org_id uuid NOT NULL,
    supervisor_id uuid NOT NULL,
    kind text NOT NULL,
    body text,
    actor_id uuid,
    actor_name text NOT NULL,
    at timestamp with time zone DEFAULT now() NOT NULL,
    CONSTRAINT rectification_events_kind_check CHECK ((kind = ANY (ARRAY['issued'::text, 'answered'::text, 'sent_back'::text, 'closed'::text])))
);

ALTER TABLE ONLY public.rectification_events FORCE ROW LEVEL SECURITY;


--
-- Name: rectification_events_id_seq; Type: SEQUENCE; Schema: public; Owner: -
--

ALTER TABLE public.rectification_events ALTER COLUMN id ADD GENERATED ALWAYS AS IDENTITY (
    SEQUENCE NAME public.rectification_events_id_seq
    START WITH 1
    INCREMENT BY 1
    NO MINVALUE
    NO MAXVALUE
    CACHE 1
);


--
-- Name: rectifications; Type: TABLE; Schema: public; Owner: -
--

CREATE TABLE public.rectifications (
    id uuid DEFAULT gen_random_uuid() NOT NULL,
    contract_id uuid NOT NULL,
    project_id uuid NOT NULL,
    union_path public.ltree NOT NULL,
    org_id uuid NOT NULL,
    supervisor_id uuid NOT NULL,
    problem text NOT NULL,
    requirement text NOT NULL,
    deadline date NOT NULL,
    status text DEFAULT 'open'::text NOT NULL,
    answer text,
    issued_by uuid NOT NULL,
    issued_at timestamp with time zone DEFAULT now() NOT NULL,
    closed_at timestamp with time zone,
    CONSTRAINT rectifications_status_check CHECK ((status = ANY (ARRAY['open'::text, 'answered'::text, 'closed'::text]))),
    CONSTRAINT rectifications_text_check CHECK ((((length(btrim(problem)) >= 2) AND (length(btrim(problem)) <= 4000)) AND ((length(btrim(requirement)) >= 2) AND (length(btrim(requirement)) <= 4000))))
);

ALTER TABLE ONLY public.rectifications FORCE ROW LEVEL SECURITY;


--
-- Name: registry_generation; Type: SEQUENCE; Schema: public; Owner: -
--

CREATE SEQUENCE public.registry_generation
    START WITH 1
    INCREMENT BY 1
    NO MINVALUE
    NO MAXVALUE
    CACHE 1;


--
-- Name: report_versions; Type: TABLE; Schema: public; Owner: -
--

CREATE TABLE public.report_versions (
    report_id uuid NOT NULL,
    version integer NOT NULL,
    union_path public.ltree NOT NULL,
    org_id uuid NOT NULL,
    supervisor_id uuid NOT NULL,
    people_served integer NOT NULL,
    activities_held integer NOT NULL,
    service_hours integer NOT NULL,
    volunteer_hours integer NOT NULL,
    personnel_fen bigint NOT NULL,
    activities_fen bigint NOT NULL,
    publicity_fen bigint NOT NULL,
    transport_fen bigint NOT NULL,
    office_fen bigint NOT NULL,
    experts_fen bigint NOT NULL,
    management_fen bigint NOT NULL,
    evaluation_fen bigint NOT NULL,
    narrative text NOT NULL,
    problems text NOT NULL,
    submitted_at timestamp with time zone NOT NULL,
    submitted_by uuid,
    outcome text,
    review_comment text,
    reviewed_at timestamp with time zone,
    reviewed_by uuid,
    CONSTRAINT report_versions_outcome_check CHECK ((outcome = ANY (ARRAY['accepted'::text, 'returned'::text])))
);

ALTER TABLE ONLY public.report_versions FORCE ROW LEVEL SECURITY;


--
-- Name: reports; Type: TABLE; Schema: public; Owner: -
--

CREATE TABLE public.reports (
    id uuid DEFAULT gen_random_uuid() NOT NULL,
    contract_id uuid NOT NULL,
    project_id uuid NOT NULL,
    union_path public.ltree NOT NULL,
    org_id uuid NOT NULL,
    supervisor_id uuid NOT NULL,
    kind text NOT NULL,
    period_starts_on date NOT NULL,
    period_ends_on date NOT NULL,
    due_on date NOT NULL,
    status text DEFAULT 'due'::text NOT NULL,
    people_served integer DEFAULT 0 NOT NULL,
    activities_held integer DEFAULT 0 NOT NULL,
    service_hours integer DEFAULT 0 NOT NULL,
    volunteer_hours integer DEFAULT 0 NOT NULL,
    personnel_fen bigint DEFAULT 0 NOT NULL,
    activities_fen bigint DEFAULT 0 NOT NULL,
    publicity_fen bigint DEFAULT 0 NOT NULL,
    transport_fen bigint DEFAULT 0 NOT NULL,
    office_fen bigint DEFAULT 0 NOT NULL,
    experts_fen bigint DEFAULT 0 NOT NULL,
    management_fen bigint DEFAULT 0 NOT NULL,
    evaluation_fen bigint DEFAULT 0 NOT NULL,
    narrative text DEFAULT ''::text NOT NULL,
    problems text DEFAULT ''::text NOT NULL,
    version integer DEFAULT 0 NOT NULL,
    submitted_at timestamp with time zone,
    submitted_by uuid,
    reviewed_at timestamp with time zone,
    reviewed_by uuid,
    review_comment text,
    created_at timestamp with time zone DEFAULT now() NOT NULL,
    updated_at timestamp with time zone DEFAULT now() NOT NULL,
    province text GENERATED ALWAYS AS ((public.subltree(union_path, 0, LEAST(public.nlevel(union_path), 2)))::text) STORED,
    CONSTRAINT reports_kind_check CHECK ((kind = ANY (ARRAY['periodic'::text, 'midterm'::text, 'final'::text, 'adhoc'::text]))),
    CONSTRAINT reports_numbers_check CHECK (((people_served >= 0) AND (activities_held >= 0) AND (service_hours >= 0) AND (volunteer_hours >= 0))),
    CONSTRAINT reports_period_check CHECK ((period_ends_on >= period_starts_on)),
    CONSTRAINT reports_spending_check CHECK (((personnel_fen >= 0) AND (activities_fen >= 0) AND (publicity_fen >= 0) AND (transport_fen >= 0) AND (office_fen >= 0) AND (experts_fen >= 0) AND (management_fen >= 0) AND (evaluation_fen >= 0))),
    CONSTRAINT reports_status_check CHECK ((status = ANY (ARRAY['due'::text, 'draft'::text, 'submitted'::text, 'returned'::text, 'accepted'::text])))
);

ALTER TABLE ONLY public.reports FORCE ROW LEVEL SECURITY;


--
-- Name: review_assignments; Type: TABLE; Schema: public; Owner: -
--

CREATE TABLE public.review_assignments (
    id uuid DEFAULT gen_random_uuid() NOT NULL,
    application_id uuid NOT NULL,
    org_id uuid NOT NULL,
    project_id uuid NOT NULL,
    union_path public.ltree NOT NULL,
    reviewer_id uuid NOT NULL,
    status text DEFAULT 'assigned'::text NOT NULL,
    conflict_note text,
    declared_at timestamp with time zone,
    submitted_at timestamp with time zone,
    assigned_by uuid,
    created_at timestamp with time zone DEFAULT now() NOT NULL,
    version integer DEFAULT 1 NOT NULL,
    CONSTRAINT review_assignments_status_check CHECK ((status = ANY (ARRAY['assigned'::text, 'scoring'::text, 'submitted'::text, 'conflict'::text])))
);

ALTER TABLE ONLY public.review_assignments FORCE ROW LEVEL SECURITY;


--
-- Name: review_scores; Type: TABLE; Schema: public; Owner: -
--

CREATE TABLE public.review_scores (
    assignment_id uuid NOT NULL,
    union_path public.ltree NOT NULL,
    indicator_id uuid NOT NULL,
    score_tenths integer NOT NULL,
    comment text,
    reviewer_id uuid NOT NULL,
    CONSTRAINT review_scores_range_check CHECK ((score_tenths >= 0))
);

ALTER TABLE ONLY public.review_scores FORCE ROW LEVEL SECURITY;


--
-- Name: reviewer_links; Type: TABLE; Schema: public; Owner: -
--

CREATE TABLE public.reviewer_links (
    reviewer_id uuid NOT NULL,
    org_id uuid NOT NULL,
    union_path public.ltree NOT NULL,
    relation text NOT NULL,
    created_by uuid,
    created_at timestamp with time zone DEFAULT now() NOT NULL,
    CONSTRAINT reviewer_links_relation_check CHECK (((length(btrim(relation)) >= 1) AND (length(btrim(relation)) <= 200)))
);

ALTER TABLE ONLY public.reviewer_links FORCE ROW LEVEL SECURITY;


--
-- Name: server_secrets; Type: TABLE; Schema: public; Owner: -
--

CREATE TABLE public.server_secrets (
    name text NOT NULL,
    value text NOT NULL,
    created_at timestamp with time zone DEFAULT now() NOT NULL
);

ALTER TABLE ONLY public.server_secrets FORCE ROW LEVEL SECURITY;


--
-- Name: service_sites; Type: TABLE; Schema: public; Owner: -
--

CREATE TABLE public.service_sites (
    id uuid DEFAULT gen_random_uuid() NOT NULL,
    union_id bigint NOT NULL,
    union_path public.ltree NOT NULL,
    province text GENERATED ALWAYS AS ((public.subltree(union_path, 0, LEAST(public.nlevel(union_path), 2)))::text) STORED,
    prefecture text GENERATED ALWAYS AS (
CASE
    WHEN (public.nlevel(union_path) >= 3) THEN (public.subltree(union_path, 0, 3))::text
    ELSE NULL::text
END) STORED,
    kind text NOT NULL,
    name text NOT NULL,
    address text NOT NULL,
    division_code text NOT NULL,
    latitude double precision,
    longitude double precision,
    datum text,
    opening_hours text,
    services text[] DEFAULT '{}'::text[] NOT NULL,
    operator_org_id uuid,
    federation_id bigint,
    opened_on date,
    closed_on date,
    contact_name text,
    contact_phone text,
    created_by uuid,
    created_at timestamp with time zone DEFAULT now() NOT NULL,
    updated_at timestamp with time zone DEFAULT now() NOT NULL,
    version integer DEFAULT 1 NOT NULL,
    CONSTRAINT service_sites_address_check CHECK (((length(btrim(address)) >= 2) AND (length(btrim(address)) <= 300))),
    CONSTRAINT service_sites_contact_check CHECK (((length(contact_name) <= 100) AND (length(contact_phone) <= 40))),
    CONSTRAINT service_sites_coordinates_check CHECK ((((latitude IS NULL) = (longitude IS NULL)) AND ((latitude IS NULL) = (datum IS NULL)))),
    CONSTRAINT service_sites_dates_check CHECK (((closed_on IS NULL) OR (opened_on IS NULL) OR (closed_on >= opened_on))),
    CONSTRAINT service_sites_datum_check CHECK ((datum = ANY (ARRAY['gcj02'::text, 'wgs84'::text]))),
    CONSTRAINT service_sites_division_code_check CHECK ((division_code ~ '^[0-9]{6}$'::text)),
    CONSTRAINT service_sites_hours_check CHECK ((length(opening_hours) <= 200)),
    CONSTRAINT service_sites_in_china_check CHECK (((latitude IS NULL) OR (((latitude >= (3.5)::double precision) AND (latitude <= (53.6)::double precision)) AND ((longitude >= (73.4)::double precision) AND (longitude <= (135.1)::double precision))))),
    CONSTRAINT service_sites_kind_check CHECK ((kind = ANY (ARRAY['service_center'::text, 'service_point'::text, 'station'::text, 'home_15min'::text, 'outdoor_rest'::text, 'sanitation_station'::text, 'building_station'::text, 'other'::text]))),
    CONSTRAINT service_sites_name_check CHECK (((length(btrim(name)) >= 2) AND (length(btrim(name)) <= 200))),
    CONSTRAINT service_sites_services_check CHECK ((services <@ ARRAY['employment'::text, 'skills_training'::text, 'income_distribution'::text, 'social_security'::text, 'safety_health'::text, 'democratic_rights'::text, 'culture'::text, 'legal_aid'::text, 'psychological_support'::text, 'outdoor_workers'::text, 'other'::text]))
);

ALTER TABLE ONLY public.service_sites FORCE ROW LEVEL SECURITY;


--
-- Name: sessions; Type: TABLE; Schema: public; Owner: -
--

CREATE TABLE public.sessions (
    id uuid DEFAULT gen_random_uuid() NOT NULL,
    token_hash bytea NOT NULL,
    user_id uuid NOT NULL,
    csrf_token text NOT NULL,
    ip inet,
    user_agent text,
    created_at timestamp with time zone DEFAULT now() NOT NULL,
    last_seen_at timestamp with time zone DEFAULT now() NOT NULL
);


--
-- Name: site_visits; Type: TABLE; Schema: public; Owner: -
--

CREATE TABLE public.site_visits (
    id uuid DEFAULT gen_random_uuid() NOT NULL,
    contract_id uuid NOT NULL,
    union_path public.ltree NOT NULL,
    org_id uuid NOT NULL,
    supervisor_id uuid NOT NULL,
    visited_on date NOT NULL,
    findings text NOT NULL,
    created_by uuid NOT NULL,
    created_by_name text NOT NULL,
    created_at timestamp with time zone DEFAULT now() NOT NULL,
    CONSTRAINT site_visits_findings_check CHECK (((length(btrim(findings)) >= 2) AND (length(btrim(findings)) <= 4000)))
);

ALTER TABLE ONLY public.site_visits FORCE ROW LEVEL SECURITY;


--
-- Name: stats_months; Type: TABLE; Schema: public; Owner: -
--

CREATE TABLE public.stats_months (
    union_id bigint NOT NULL,
    union_path public.ltree NOT NULL,
    month date NOT NULL,
    figures jsonb NOT NULL,
    CONSTRAINT stats_months_month_check CHECK ((month = (date_trunc('month'::text, (month)::timestamp with time zone))::date))
);

ALTER TABLE ONLY public.stats_months FORCE ROW LEVEL SECURITY;


--
-- Name: stats_refreshes; Type: TABLE; Schema: public; Owner: -
--

CREATE TABLE public.stats_refreshes (
    singleton boolean DEFAULT true NOT NULL,
    refreshed_at timestamp with time zone NOT NULL,
    took_ms integer NOT NULL,
    CONSTRAINT stats_refreshes_singleton_check CHECK (singleton)
);


--
-- Name: stats_snapshots; Type: TABLE; Schema: public; Owner: -
--

CREATE TABLE public.stats_snapshots (
    union_id bigint NOT NULL,
    union_path public.ltree NOT NULL,
    figures jsonb NOT NULL
);

ALTER TABLE ONLY public.stats_snapshots FORCE ROW LEVEL SECURITY;


--
-- Name: stats_sources; Type: TABLE; Schema: public; Owner: -
--

CREATE TABLE public.stats_sources (
    name text NOT NULL
);


--
-- Name: training_attendees; Type: TABLE; Schema: public; Owner: -
--

CREATE TABLE public.training_attendees (
    training_id uuid NOT NULL,
    union_path public.ltree NOT NULL,
    user_id uuid NOT NULL
);

ALTER TABLE ONLY public.training_attendees FORCE ROW LEVEL SECURITY;


--
-- Name: trainings; Type: TABLE; Schema: public; Owner: -
--

CREATE TABLE public.trainings (
    id uuid DEFAULT gen_random_uuid() NOT NULL,
    union_id bigint NOT NULL,
    union_path public.ltree NOT NULL,
    held_on date NOT NULL,
    kind text NOT NULL,
    topic text NOT NULL,
    hours_tenths integer NOT NULL,
    external_attendees integer DEFAULT 0 NOT NULL,
    notes text,
    created_by uuid,
    created_at timestamp with time zone DEFAULT now() NOT NULL,
    updated_at timestamp with time zone DEFAULT now() NOT NULL,
    version integer DEFAULT 1 NOT NULL,
    CONSTRAINT trainings_external_check CHECK (((external_attendees >= 0) AND (external_attendees <= 100000))),
    CONSTRAINT trainings_held_on_check CHECK ((held_on >= '2000-01-01'::date)),
    CONSTRAINT trainings_hours_check CHECK (((hours_tenths >= 1) AND (hours_tenths <= 10000))),
    CONSTRAINT trainings_kind_check CHECK ((kind = ANY (ARRAY['training'::text, 'exchange'::text]))),
    CONSTRAINT trainings_notes_check CHECK ((length(notes) <= 4000)),
    CONSTRAINT trainings_topic_check CHECK (((length(btrim(topic)) >= 2) AND (length(btrim(topic)) <= 200)))
);

ALTER TABLE ONLY public.trainings FORCE ROW LEVEL SECURITY;


--
-- Name: union_generation; Type: SEQUENCE; Schema: public; Owner: -
--

CREATE SEQUENCE public.union_generation
    START WITH 1
    INCREMENT BY 1
    NO MINVALUE
    NO MAXVALUE
    CACHE 1;


--
-- Name: unions; Type: TABLE; Schema: public; Owner: -
--

CREATE TABLE public.unions (
    id bigint NOT NULL,
    parent_id bigint,
    level text NOT NULL,
    name text NOT NULL,
    division_code text,
    path public.ltree NOT NULL,
    created_at timestamp with time zone DEFAULT now() NOT NULL,
    updated_at timestamp with time zone DEFAULT now() NOT NULL,
    version integer DEFAULT 1 NOT NULL,
    contact_interval_days integer DEFAULT 90 NOT NULL,
    approval_threshold_fen bigint DEFAULT 50000000 NOT NULL,
    CONSTRAINT unions_approval_threshold_check CHECK ((approval_threshold_fen >= 0)),
    CONSTRAINT unions_contact_interval_check CHECK (((contact_interval_days >= 7) AND (contact_interval_days <= 730))),
    CONSTRAINT unions_division_code_check CHECK ((division_code ~ '^[0-9]{6}$'::text)),
    CONSTRAINT unions_level_check CHECK ((public.union_level_rank(level) IS NOT NULL)),
    CONSTRAINT unions_name_check CHECK (((length(btrim(name)) >= 1) AND (length(btrim(name)) <= 100))),
    CONSTRAINT unions_root_check CHECK (((parent_id IS NULL) = (level = 'national'::text)))
);

ALTER TABLE ONLY public.unions FORCE ROW LEVEL SECURITY;


--
-- Name: unions_id_seq; Type: SEQUENCE; Schema: public; Owner: -
--

ALTER TABLE public.unions ALTER COLUMN id ADD GENERATED ALWAYS AS IDENTITY (
    SEQUENCE NAME public.unions_id_seq
    START WITH 1
    INCREMENT BY 1
    NO MINVALUE
    NO MAXVALUE
    CACHE 1
);


--
-- Name: users; Type: TABLE; Schema: public; Owner: -
--

CREATE TABLE public.users (
    id uuid DEFAULT gen_random_uuid() NOT NULL,
    union_id bigint NOT NULL,
    union_path public.ltree NOT NULL,
    org_id uuid,
    username text NOT NULL,
    display_name text NOT NULL,
    role text NOT NULL,
    locale text DEFAULT 'zh-CN'::text NOT NULL,
    password_hash text NOT NULL,
    must_change_password boolean DEFAULT false NOT NULL,
    failed_logins integer DEFAULT 0 NOT NULL,
    locked_until timestamp with time zone,
    disabled_at timestamp with time zone,
    last_login_at timestamp with time zone,
    created_at timestamp with time zone DEFAULT now() NOT NULL,
    updated_at timestamp with time zone DEFAULT now() NOT NULL,
    version integer DEFAULT 1 NOT NULL,
    CONSTRAINT users_display_name_check CHECK (((length(btrim(display_name)) >= 1) AND (length(btrim(display_name)) <= 50))),
    CONSTRAINT users_locale_check CHECK ((locale = ANY (ARRAY['zh-CN'::text, 'en'::text]))),
    CONSTRAINT users_org_role_check CHECK (((role = 'org'::text) = (org_id IS NOT NULL))),
    CONSTRAINT users_role_check CHECK ((role = ANY (ARRAY['admin'::text, 'staff'::text, 'viewer'::text, 'reviewer'::text, 'evaluator'::text, 'org'::text]))),
    CONSTRAINT users_username_check CHECK ((username ~ '^[a-z0-9][a-z0-9._-]{2,39}$'::text))
);

ALTER TABLE ONLY public.users FORCE ROW LEVEL SECURITY;


--
-- Name: work_system_staff; Type: TABLE; Schema: public; Owner: -
--

CREATE TABLE public.work_system_staff (
    id uuid DEFAULT gen_random_uuid() NOT NULL,
    union_id bigint NOT NULL,
    union_path public.ltree NOT NULL,
    name text NOT NULL,
    duty text NOT NULL,
    phone text,
    user_id uuid,
    created_by uuid,
    created_at timestamp with time zone DEFAULT now() NOT NULL,
    CONSTRAINT work_system_staff_duty_check CHECK (((length(btrim(duty)) >= 1) AND (length(btrim(duty)) <= 100))),
    CONSTRAINT work_system_staff_name_check CHECK (((length(btrim(name)) >= 1) AND (length(btrim(name)) <= 50))),
    CONSTRAINT work_system_staff_phone_check CHECK (((length(phone) >= 1) AND (length(phone) <= 30)))
);

ALTER TABLE ONLY public.work_system_staff FORCE ROW LEVEL SECURITY;


--
-- Name: work_systems; Type: TABLE; Schema: public; Owner: -
--

CREATE TABLE public.work_systems (
    union_id bigint NOT NULL,
    union_path public.ltree NOT NULL,
    leader_name text,
    leader_title text,
    department text,
    updated_by uuid,
    created_at timestamp with time zone DEFAULT now() NOT NULL,
    updated_at timestamp with time zone DEFAULT now() NOT NULL,
    version integer DEFAULT 1 NOT NULL,
    CONSTRAINT work_systems_department_check CHECK (((length(btrim(department)) >= 1) AND (length(btrim(department)) <= 100))),
    CONSTRAINT work_systems_leader_name_check CHECK (((length(btrim(leader_name)) >= 1) AND (length(btrim(leader_name)) <= 50))),
    CONSTRAINT work_systems_leader_title_check CHECK (((length(btrim(leader_title)) >= 1) AND (length(btrim(leader_title)) <= 100)))
);

ALTER TABLE ONLY public.work_systems FORCE ROW LEVEL SECURITY;


--
-- Name: work_years; Type: TABLE; Schema: public; Owner: -
--

CREATE TABLE public.work_years (
    id uuid DEFAULT gen_random_uuid() NOT NULL,
    union_id bigint NOT NULL,
    union_path public.ltree NOT NULL,
    year integer NOT NULL,
    funding_fen bigint,
    funding_note text,
    created_at timestamp with time zone DEFAULT now() NOT NULL,
    updated_at timestamp with time zone DEFAULT now() NOT NULL,
    CONSTRAINT work_years_funding_check CHECK ((funding_fen >= 0)),
    CONSTRAINT work_years_funding_note_check CHECK ((length(funding_note) <= 500)),
    CONSTRAINT work_years_year_check CHECK (((year >= 2000) AND (year <= 2100)))
);

ALTER TABLE ONLY public.work_years FORCE ROW LEVEL SECURITY;


--
-- Name: _sqlx_migrations _sqlx_migrations_pkey; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public._sqlx_migrations
    ADD CONSTRAINT _sqlx_migrations_pkey PRIMARY KEY (version);


--
-- Name: applications applications_one_per_org; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.applications
    ADD CONSTRAINT applications_one_per_org UNIQUE (project_id, org_id);


--
-- Name: applications applications_pkey; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.applications
    ADD CONSTRAINT applications_pkey PRIMARY KEY (id);


--
-- Name: audit_log audit_log_pkey; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.audit_log
    ADD CONSTRAINT audit_log_pkey PRIMARY KEY (id);


--
-- Name: calendar_feeds calendar_feeds_pkey; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.calendar_feeds
    ADD CONSTRAINT calendar_feeds_pkey PRIMARY KEY (user_id);


--
-- Name: calendar_feeds calendar_feeds_token_hash_key; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.calendar_feeds
    ADD CONSTRAINT calendar_feeds_token_hash_key UNIQUE (token_hash);


--
-- Name: contract_installments contract_installments_pkey; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.contract_installments
    ADD CONSTRAINT contract_installments_pkey PRIMARY KEY (contract_id, "position");


--
-- Name: contracts contracts_one_per_application; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.contracts
    ADD CONSTRAINT contracts_one_per_application UNIQUE (application_id);


--
-- Name: contracts contracts_pkey; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.contracts
    ADD CONSTRAINT contracts_pkey PRIMARY KEY (id);


--
-- Name: evaluation_results evaluation_results_pkey; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.evaluation_results
    ADD CONSTRAINT evaluation_results_pkey PRIMARY KEY (evaluation_id, indicator_id);


--
-- Name: evaluation_scores evaluation_scores_pkey; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.evaluation_scores
    ADD CONSTRAINT evaluation_scores_pkey PRIMARY KEY (sheet_id, indicator_id);


--
-- Name: evaluation_sheets evaluation_sheets_one_per_evaluator; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.evaluation_sheets
    ADD CONSTRAINT evaluation_sheets_one_per_evaluator UNIQUE (evaluation_id, evaluator_id);


--
-- Name: evaluation_sheets evaluation_sheets_pkey; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.evaluation_sheets
    ADD CONSTRAINT evaluation_sheets_pkey PRIMARY KEY (id);


--
-- Name: evaluations evaluations_one_per_kind; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.evaluations
    ADD CONSTRAINT evaluations_one_per_kind UNIQUE (contract_id, kind);


--
-- Name: evaluations evaluations_pkey; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.evaluations
    ADD CONSTRAINT evaluations_pkey PRIMARY KEY (id);


--
-- Name: experience_links experience_links_pkey; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.experience_links
    ADD CONSTRAINT experience_links_pkey PRIMARY KEY (id);


--
-- Name: experience_links experience_links_target_key; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.experience_links
    ADD CONSTRAINT experience_links_target_key UNIQUE (experience_id, target_kind, target_id);


--
-- Name: experiences experiences_id_path_key; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.experiences
    ADD CONSTRAINT experiences_id_path_key UNIQUE (id, union_path);


--
-- Name: experiences experiences_pkey; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.experiences
    ADD CONSTRAINT experiences_pkey PRIMARY KEY (id);


--
-- Name: federation_members federation_members_pkey; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.federation_members
    ADD CONSTRAINT federation_members_pkey PRIMARY KEY (id);


--
-- Name: federation_partners federation_partners_pkey; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.federation_partners
    ADD CONSTRAINT federation_partners_pkey PRIMARY KEY (federation_id, kind);


--
-- Name: federations federations_credit_code_key; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.federations
    ADD CONSTRAINT federations_credit_code_key UNIQUE (credit_code);


--
-- Name: federations federations_id_path_key; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.federations
    ADD CONSTRAINT federations_id_path_key UNIQUE (id, union_path);


--
-- Name: federations federations_pkey; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.federations
    ADD CONSTRAINT federations_pkey PRIMARY KEY (id);


--
-- Name: files files_pkey; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.files
    ADD CONSTRAINT files_pkey PRIMARY KEY (id);


--
-- Name: files files_storage_key_key; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.files
    ADD CONSTRAINT files_storage_key_key UNIQUE (storage_key);


--
-- Name: form_submissions form_submissions_pkey; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.form_submissions
    ADD CONSTRAINT form_submissions_pkey PRIMARY KEY (user_id, form_key);


--
-- Name: indicator_systems indicator_systems_lineage_version_key; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.indicator_systems
    ADD CONSTRAINT indicator_systems_lineage_version_key UNIQUE (lineage, version);


--
-- Name: indicator_systems indicator_systems_pkey; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.indicator_systems
    ADD CONSTRAINT indicator_systems_pkey PRIMARY KEY (id);


--
-- Name: indicators indicators_pkey; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.indicators
    ADD CONSTRAINT indicators_pkey PRIMARY KEY (id);


--
-- Name: indicators indicators_system_code_key; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.indicators
    ADD CONSTRAINT indicators_system_code_key UNIQUE (system_id, code);


--
-- Name: meeting_actions meeting_actions_pkey; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.meeting_actions
    ADD CONSTRAINT meeting_actions_pkey PRIMARY KEY (id);


--
-- Name: meeting_invitations meeting_invitations_org_key; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.meeting_invitations
    ADD CONSTRAINT meeting_invitations_org_key UNIQUE (meeting_id, org_id);


--
-- Name: meeting_invitations meeting_invitations_pkey; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.meeting_invitations
    ADD CONSTRAINT meeting_invitations_pkey PRIMARY KEY (id);


--
-- Name: meetings meetings_id_path_key; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.meetings
    ADD CONSTRAINT meetings_id_path_key UNIQUE (id, union_path);


--
-- Name: meetings meetings_pkey; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.meetings
    ADD CONSTRAINT meetings_pkey PRIMARY KEY (id);


--
-- Name: needs needs_pkey; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.needs
    ADD CONSTRAINT needs_pkey PRIMARY KEY (id);


--
-- Name: notifications notifications_pkey; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.notifications
    ADD CONSTRAINT notifications_pkey PRIMARY KEY (id);


--
-- Name: org_imports org_imports_pkey; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.org_imports
    ADD CONSTRAINT org_imports_pkey PRIMARY KEY (id);


--
-- Name: organization_contacts organization_contacts_pkey; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.organization_contacts
    ADD CONSTRAINT organization_contacts_pkey PRIMARY KEY (id);


--
-- Name: organization_ratings organization_ratings_pkey; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.organization_ratings
    ADD CONSTRAINT organization_ratings_pkey PRIMARY KEY (id);


--
-- Name: organization_union_building organization_union_building_pkey; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.organization_union_building
    ADD CONSTRAINT organization_union_building_pkey PRIMARY KEY (id);


--
-- Name: organizations organizations_credit_code_key; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.organizations
    ADD CONSTRAINT organizations_credit_code_key UNIQUE (credit_code);


--
-- Name: organizations organizations_id_path_key; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.organizations
    ADD CONSTRAINT organizations_id_path_key UNIQUE (id, union_path);


--
-- Name: organizations organizations_pkey; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.organizations
    ADD CONSTRAINT organizations_pkey PRIMARY KEY (id);


--
-- Name: partner_projects partner_projects_pkey; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.partner_projects
    ADD CONSTRAINT partner_projects_pkey PRIMARY KEY (partner_id, project_id);


--
-- Name: partners partners_id_path_key; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.partners
    ADD CONSTRAINT partners_id_path_key UNIQUE (id, union_path);


--
-- Name: partners partners_name_key; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.partners
    ADD CONSTRAINT partners_name_key UNIQUE (union_id, name);


--
-- Name: partners partners_pkey; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.partners
    ADD CONSTRAINT partners_pkey PRIMARY KEY (id);


--
-- Name: payments payments_once; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.payments
    ADD CONSTRAINT payments_once UNIQUE (contract_id, "position");


--
-- Name: payments payments_pkey; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.payments
    ADD CONSTRAINT payments_pkey PRIMARY KEY (id);


--
-- Name: pilot_milestones pilot_milestones_pkey; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.pilot_milestones
    ADD CONSTRAINT pilot_milestones_pkey PRIMARY KEY (id);


--
-- Name: pilot_notes pilot_notes_pkey; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.pilot_notes
    ADD CONSTRAINT pilot_notes_pkey PRIMARY KEY (id);


--
-- Name: pilots pilots_id_path_key; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.pilots
    ADD CONSTRAINT pilots_id_path_key UNIQUE (id, union_path);


--
-- Name: pilots pilots_pkey; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.pilots
    ADD CONSTRAINT pilots_pkey PRIMARY KEY (id);


--
-- Name: project_closings project_closings_pkey; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.project_closings
    ADD CONSTRAINT project_closings_pkey PRIMARY KEY (project_id);


--
-- Name: project_code_counters project_code_counters_pkey; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.project_code_counters
    ADD CONSTRAINT project_code_counters_pkey PRIMARY KEY (prefix);


--
-- Name: project_events project_events_pkey; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.project_events
    ADD CONSTRAINT project_events_pkey PRIMARY KEY (id);


--
-- Name: projects projects_code_key; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.projects
    ADD CONSTRAINT projects_code_key UNIQUE (code);


--
-- Name: projects projects_id_path_key; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.projects
    ADD CONSTRAINT projects_id_path_key UNIQUE (id, union_path);


--
-- Name: projects projects_pkey; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.projects
    ADD CONSTRAINT projects_pkey PRIMARY KEY (id);


--
-- Name: rectification_events rectification_events_pkey; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.rectification_events
    ADD CONSTRAINT rectification_events_pkey PRIMARY KEY (id);


--
-- Name: rectifications rectifications_pkey; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.rectifications
    ADD CONSTRAINT rectifications_pkey PRIMARY KEY (id);


--
-- Name: report_versions report_versions_pkey; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.report_versions
    ADD CONSTRAINT report_versions_pkey PRIMARY KEY (report_id, version);


--
-- Name: reports reports_pkey; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.reports
    ADD CONSTRAINT reports_pkey PRIMARY KEY (id);


--
-- Name: review_assignments review_assignments_id_reviewer_key; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.review_assignments
    ADD CONSTRAINT review_assignments_id_reviewer_key UNIQUE (id, reviewer_id);


--
-- Name: review_assignments review_assignments_once; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.review_assignments
    ADD CONSTRAINT review_assignments_once UNIQUE (application_id, reviewer_id);


--
-- Name: review_assignments review_assignments_pkey; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.review_assignments
    ADD CONSTRAINT review_assignments_pkey PRIMARY KEY (id);


--
-- Name: review_scores review_scores_pkey; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.review_scores
    ADD CONSTRAINT review_scores_pkey PRIMARY KEY (assignment_id, indicator_id);


--
-- Name: reviewer_links reviewer_links_pkey; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.reviewer_links
    ADD CONSTRAINT reviewer_links_pkey PRIMARY KEY (reviewer_id, org_id);


--
-- Name: server_secrets server_secrets_pkey; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.server_secrets
    ADD CONSTRAINT server_secrets_pkey PRIMARY KEY (name);


--
-- Name: service_sites service_sites_pkey; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.service_sites
    ADD CONSTRAINT service_sites_pkey PRIMARY KEY (id);


--
-- Name: sessions sessions_pkey; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.sessions
    ADD CONSTRAINT sessions_pkey PRIMARY KEY (id);


--
-- Name: sessions sessions_token_hash_key; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.sessions
    ADD CONSTRAINT sessions_token_hash_key UNIQUE (token_hash);


--
-- Name: site_visits site_visits_pkey; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.site_visits
    ADD CONSTRAINT site_visits_pkey PRIMARY KEY (id);


--
-- Name: stats_months stats_months_pkey; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.stats_months
    ADD CONSTRAINT stats_months_pkey PRIMARY KEY (union_id, month);


--
-- Name: stats_refreshes stats_refreshes_pkey; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.stats_refreshes
    ADD CONSTRAINT stats_refreshes_pkey PRIMARY KEY (singleton);


--
-- Name: stats_snapshots stats_snapshots_pkey; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.stats_snapshots
    ADD CONSTRAINT stats_snapshots_pkey PRIMARY KEY (union_id);


--
-- Name: stats_sources stats_sources_pkey; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.stats_sources
    ADD CONSTRAINT stats_sources_pkey PRIMARY KEY (name);


--
-- Name: training_attendees training_attendees_pkey; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.training_attendees
    ADD CONSTRAINT training_attendees_pkey PRIMARY KEY (training_id, user_id);


--
-- Name: trainings trainings_id_path_key; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.trainings
    ADD CONSTRAINT trainings_id_path_key UNIQUE (id, union_path);


--
-- Name: trainings trainings_pkey; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.trainings
    ADD CONSTRAINT trainings_pkey PRIMARY KEY (id);


--
-- Name: unions unions_id_path_key; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.unions
    ADD CONSTRAINT unions_id_path_key UNIQUE (id, path);


--
-- Name: unions unions_pkey; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.unions
    ADD CONSTRAINT unions_pkey PRIMARY KEY (id);


--
-- Name: users users_pkey; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.users
    ADD CONSTRAINT users_pkey PRIMARY KEY (id);


--
-- Name: users users_username_key; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.users
    ADD CONSTRAINT users_username_key UNIQUE (username);


--
-- Name: work_system_staff work_system_staff_pkey; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.work_system_staff
    ADD CONSTRAINT work_system_staff_pkey PRIMARY KEY (id);


--
-- Name: work_system_staff work_system_staff_user_key; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.work_system_staff
    ADD CONSTRAINT work_system_staff_user_key UNIQUE (union_id, user_id);


--
-- Name: work_systems work_systems_pkey; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.work_systems
    ADD CONSTRAINT work_systems_pkey PRIMARY KEY (union_id);


--
-- Name: work_years work_years_pkey; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.work_years
    ADD CONSTRAINT work_years_pkey PRIMARY KEY (id);


--
-- Name: work_years work_years_union_year_key; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.work_years
    ADD CONSTRAINT work_years_union_year_key UNIQUE (union_id, year);


--
-- Name: applications_org_idx; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX applications_org_idx ON public.applications USING btree (org_id);


--
-- Name: applications_project_idx; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX applications_project_idx ON public.applications USING btree (project_id, status);


--
-- Name: applications_union_path_gist; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX applications_union_path_gist ON public.applications USING gist (union_path);


--
-- Name: audit_log_actor_idx; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX audit_log_actor_idx ON public.audit_log USING btree (actor_id, occurred_at DESC);


--
-- Name: audit_log_entity_idx; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX audit_log_entity_idx ON public.audit_log USING btree (entity_type, entity_id, occurred_at DESC);


--
-- Name: audit_log_occurred_idx; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX audit_log_occurred_idx ON public.audit_log USING btree (occurred_at DESC, id DESC);


--
-- Name: audit_log_union_idx; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX audit_log_union_idx ON public.audit_log USING btree (union_id);


--
-- Name: audit_log_union_path_gist; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX audit_log_union_path_gist ON public.audit_log USING gist (union_path);


--
-- Name: contracts_ends_idx; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX contracts_ends_idx ON public.contracts USING btree (service_ends_on, id) INCLUDE (union_path, org_id, supervisor_id);


--
-- Name: contracts_org_idx; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX contracts_org_idx ON public.contracts USING btree (org_id, signed_on);


--
-- Name: contracts_project_idx; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX contracts_project_idx ON public.contracts USING btree (project_id);


--
-- Name: contracts_signed_idx; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX contracts_signed_idx ON public.contracts USING btree (signed_on, id);


--
-- Name: contracts_starts_idx; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX contracts_starts_idx ON public.contracts USING btree (service_starts_on, id) INCLUDE (union_path, org_id, supervisor_id);


--
-- Name: contracts_supervisor_idx; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX contracts_supervisor_idx ON public.contracts USING btree (supervisor_id);


--
-- Name: contracts_union_path_gist; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX contracts_union_path_gist ON public.contracts USING gist (union_path);


--
-- Name: evaluations_supervisor_idx; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX evaluations_supervisor_idx ON public.evaluations USING btree (supervisor_id, status);


--
-- Name: evaluations_union_path_gist; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX evaluations_union_path_gist ON public.evaluations USING gist (union_path);


--
-- Name: experiences_created_idx; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX experiences_created_idx ON public.experiences USING btree (created_at DESC, id DESC);


--
-- Name: experiences_featured_idx; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX experiences_featured_idx ON public.experiences USING btree (featured_at DESC, id) WHERE (featured AND (status = 'published'::text));


--
-- Name: experiences_province_created_idx; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX experiences_province_created_idx ON public.experiences USING btree (province, created_at DESC, id DESC);


--
-- Name: experiences_union_path_gist; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX experiences_union_path_gist ON public.experiences USING gist (union_path);


--
-- Name: federation_members_current_key; Type: INDEX; Schema: public; Owner: -
--

CREATE UNIQUE INDEX federation_members_current_key ON public.federation_members USING btree (federation_id, org_id) WHERE (left_on IS NULL);


--
-- Name: federation_members_federation_idx; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX federation_members_federation_idx ON public.federation_members USING btree (federation_id, left_on);


--
-- Name: federation_members_org_idx; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX federation_members_org_idx ON public.federation_members USING btree (org_id, joined_on DESC);


--
-- Name: federation_members_org_union_path_gist; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX federation_members_org_union_path_gist ON public.federation_members USING gist (org_union_path);


--
-- Name: federation_members_union_path_gist; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX federation_members_union_path_gist ON public.federation_members USING gist (union_path);


--
-- Name: federations_name_idx; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX federations_name_idx ON public.federations USING btree (name, id);


--
-- Name: federations_parent_idx; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX federations_parent_idx ON public.federations USING btree (parent_id) WHERE (parent_id IS NOT NULL);


--
-- Name: federations_prefecture_name_idx; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX federations_prefecture_name_idx ON public.federations USING btree (prefecture, name, id) WHERE (prefecture IS NOT NULL);


--
-- Name: federations_province_name_idx; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX federations_province_name_idx ON public.federations USING btree (province, name, id);


--
-- Name: federations_union_idx; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX federations_union_idx ON public.federations USING btree (union_id);


--
-- Name: federations_union_path_gist; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX federations_union_path_gist ON public.federations USING gist (union_path);


--
-- Name: files_owner_idx; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX files_owner_idx ON public.files USING btree (owner_kind, owner_id, created_at);


--
-- Name: files_union_path_gist; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX files_union_path_gist ON public.files USING gist (union_path);


--
-- Name: form_submissions_submitted_idx; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX form_submissions_submitted_idx ON public.form_submissions USING btree (submitted_at);


--
-- Name: indicator_systems_one_draft; Type: INDEX; Schema: public; Owner: -
--

CREATE UNIQUE INDEX indicator_systems_one_draft ON public.indicator_systems USING btree (lineage) WHERE (status = 'draft'::text);


--
-- Name: indicator_systems_union_path_gist; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX indicator_systems_union_path_gist ON public.indicator_systems USING gist (union_path);


--
-- Name: indicators_system_idx; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX indicators_system_idx ON public.indicators USING btree (system_id, code);


--
-- Name: meeting_actions_meeting_idx; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX meeting_actions_meeting_idx ON public.meeting_actions USING btree (meeting_id, due_on, id);


--
-- Name: meeting_actions_open_idx; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX meeting_actions_open_idx ON public.meeting_actions USING btree (responsible_user_id, due_on) WHERE (done_on IS NULL);


--
-- Name: meeting_invitations_org_idx; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX meeting_invitations_org_idx ON public.meeting_invitations USING btree (org_id, created_at DESC);


--
-- Name: meetings_held_idx; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX meetings_held_idx ON public.meetings USING btree (held_on DESC, id DESC);


--
-- Name: meetings_prefecture_held_idx; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX meetings_prefecture_held_idx ON public.meetings USING btree (prefecture, held_on DESC, id DESC) WHERE (prefecture IS NOT NULL);


--
-- Name: meetings_province_held_idx; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX meetings_province_held_idx ON public.meetings USING btree (province, held_on DESC, id DESC);


--
-- Name: meetings_union_path_gist; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX meetings_union_path_gist ON public.meetings USING gist (union_path);


--
-- Name: needs_collected_idx; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX needs_collected_idx ON public.needs USING btree (collected_on DESC, id);


--
-- Name: needs_project_idx; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX needs_project_idx ON public.needs USING btree (project_id) WHERE (project_id IS NOT NULL);


--
-- Name: needs_title_trgm; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX needs_title_trgm ON public.needs USING gin (title public.gin_trgm_ops);


--
-- Name: needs_union_path_gist; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX needs_union_path_gist ON public.needs USING gist (union_path);


--
-- Name: notifications_org_idx; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX notifications_org_idx ON public.notifications USING btree (org_id, created_at DESC);


--
-- Name: org_imports_user_idx; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX org_imports_user_idx ON public.org_imports USING btree (user_id, created_at DESC);


--
-- Name: organization_contacts_meeting_key; Type: INDEX; Schema: public; Owner: -
--

CREATE UNIQUE INDEX organization_contacts_meeting_key ON public.organization_contacts USING btree (meeting_id, org_id) WHERE (meeting_id IS NOT NULL);


--
-- Name: organization_contacts_org_idx; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX organization_contacts_org_idx ON public.organization_contacts USING btree (org_id, contacted_on DESC);


--
-- Name: organization_contacts_union_path_gist; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX organization_contacts_union_path_gist ON public.organization_contacts USING gist (union_path);


--
-- Name: organization_ratings_org_idx; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX organization_ratings_org_idx ON public.organization_ratings USING btree (org_id, rated_on DESC);


--
-- Name: organization_ratings_union_path_gist; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX organization_ratings_union_path_gist ON public.organization_ratings USING gist (union_path);


--
-- Name: organization_union_building_org_idx; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX organization_union_building_org_idx ON public.organization_union_building USING btree (org_id, changed_on DESC);


--
-- Name: organization_union_building_union_path_gist; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX organization_union_building_union_path_gist ON public.organization_union_building USING gist (union_path);


--
-- Name: organizations_credit_code_prefix; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX organizations_credit_code_prefix ON public.organizations USING btree (credit_code text_pattern_ops);


--
-- Name: organizations_domains_gin; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX organizations_domains_gin ON public.organizations USING gin (service_domains);


--
-- Name: organizations_due; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX organizations_due ON public.organizations USING btree (next_contact_due, id);


--
-- Name: organizations_name; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX organizations_name ON public.organizations USING btree (name, id) INCLUDE (province, prefecture, union_path, union_id, org_type, status, service_domains, rating_level, rating_valid_until, guidance_category, relationship, union_building, division_code, next_contact_due);


--
-- Name: organizations_prefecture_due; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX organizations_prefecture_due ON public.organizations USING btree (prefecture, next_contact_due, id) WHERE (prefecture IS NOT NULL);


--
-- Name: organizations_prefecture_name; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX organizations_prefecture_name ON public.organizations USING btree (prefecture, name, id) INCLUDE (province, union_path, union_id, org_type, status, service_domains, rating_level, rating_valid_until, guidance_category, relationship, union_building, division_code, next_contact_due) WHERE (prefecture IS NOT NULL);


--
-- Name: organizations_prefecture_updated; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX organizations_prefecture_updated ON public.organizations USING btree (prefecture, updated_at, id) WHERE (prefecture IS NOT NULL);


--
-- Name: organizations_province_credit_code; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX organizations_province_credit_code ON public.organizations USING btree (province, credit_code text_pattern_ops);


--
-- Name: organizations_province_due; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX organizations_province_due ON public.organizations USING btree (province, next_contact_due, id);


--
-- Name: organizations_province_name; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX organizations_province_name ON public.organizations USING btree (province, name, id) INCLUDE (prefecture, union_path, union_id, org_type, status, service_domains, rating_level, rating_valid_until, guidance_category, relationship, union_building, division_code, next_contact_due);


--
-- Name: organizations_province_name_trgm; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX organizations_province_name_trgm ON public.organizations USING gin (province, name public.gin_trgm_ops);


--
-- Name: organizations_province_updated; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX organizations_province_updated ON public.organizations USING btree (province, updated_at, id);


--
-- Name: organizations_union_due_idx; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX organizations_union_due_idx ON public.organizations USING btree (union_id, next_contact_due, id);


--
-- Name: organizations_union_idx; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX organizations_union_idx ON public.organizations USING btree (union_id);


--
-- Name: organizations_union_path_gist; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX organizations_union_path_gist ON public.organizations USING gist (union_path);


--
-- Name: organizations_updated; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX organizations_updated ON public.organizations USING btree (updated_at, id);


--
-- Name: partner_projects_project_idx; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX partner_projects_project_idx ON public.partner_projects USING btree (project_id);


--
-- Name: partners_name_idx; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX partners_name_idx ON public.partners USING btree (name, id);


--
-- Name: partners_prefecture_name_idx; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX partners_prefecture_name_idx ON public.partners USING btree (prefecture, name, id) WHERE (prefecture IS NOT NULL);


--
-- Name: partners_province_name_idx; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX partners_province_name_idx ON public.partners USING btree (province, name, id);


--
-- Name: partners_union_path_gist; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX partners_union_path_gist ON public.partners USING gist (union_path);


--
-- Name: payments_dated_idx; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX payments_dated_idx ON public.payments USING btree (dated_on, id) INCLUDE (union_path, org_id, supervisor_id, decision);


--
-- Name: payments_org_idx; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX payments_org_idx ON public.payments USING btree (org_id, dated_on);


--
-- Name: payments_province_dated_idx; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX payments_province_dated_idx ON public.payments USING btree (province, dated_on, id) INCLUDE (union_path, org_id, supervisor_id, decision);


--
-- Name: payments_union_path_gist; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX payments_union_path_gist ON public.payments USING gist (union_path);


--
-- Name: pilot_milestones_open_gist; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX pilot_milestones_open_gist ON public.pilot_milestones USING gist (union_path) WHERE (status <> 'done'::text);


--
-- Name: pilot_milestones_pilot_idx; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX pilot_milestones_pilot_idx ON public.pilot_milestones USING btree (pilot_id, due_on, id);


--
-- Name: pilot_notes_pilot_idx; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX pilot_notes_pilot_idx ON public.pilot_notes USING btree (pilot_id, created_at DESC, id);


--
-- Name: pilots_created_idx; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX pilots_created_idx ON public.pilots USING btree (created_at DESC, id DESC);


--
-- Name: pilots_province_created_idx; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX pilots_province_created_idx ON public.pilots USING btree (province, created_at DESC, id DESC);


--
-- Name: pilots_union_path_gist; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX pilots_union_path_gist ON public.pilots USING gist (union_path);


--
-- Name: project_events_project_idx; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX project_events_project_idx ON public.project_events USING btree (project_id, at);


--
-- Name: projects_code_prefix; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX projects_code_prefix ON public.projects USING btree (code text_pattern_ops);


--
-- Name: projects_commissioned_by_idx; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX projects_commissioned_by_idx ON public.projects USING btree (commissioned_by) WHERE (commissioned_by IS NOT NULL);


--
-- Name: projects_created_idx; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX projects_created_idx ON public.projects USING btree (created_at DESC, id);


--
-- Name: projects_created_titles; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX projects_created_titles ON public.projects USING btree (created_at DESC, id DESC) INCLUDE (title, union_path, status);


--
-- Name: projects_open_calls_both_idx; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX projects_open_calls_both_idx ON public.projects USING btree (province, domain, apply_closes_on, code) WHERE (status = 'open'::text);


--
-- Name: projects_open_calls_domain_idx; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX projects_open_calls_domain_idx ON public.projects USING btree (domain, apply_closes_on, code) WHERE (status = 'open'::text);


--
-- Name: projects_open_calls_idx; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX projects_open_calls_idx ON public.projects USING btree (apply_closes_on, code) WHERE (status = 'open'::text);


--
-- Name: projects_open_calls_province_idx; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX projects_open_calls_province_idx ON public.projects USING btree (province, apply_closes_on, code) WHERE (status = 'open'::text);


--
-- Name: projects_province_code; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX projects_province_code ON public.projects USING btree (province, code text_pattern_ops);


--
-- Name: projects_province_created_idx; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX projects_province_created_idx ON public.projects USING btree (province, created_at DESC, id DESC);


--
-- Name: projects_province_created_titles; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX projects_province_created_titles ON public.projects USING btree (province, created_at DESC, id DESC) INCLUDE (title, union_path, status);


--
-- Name: projects_province_status_idx; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX projects_province_status_idx ON public.projects USING btree (province, status, created_at DESC, id DESC) INCLUDE (union_path);


--
-- Name: projects_province_title_trgm; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX projects_province_title_trgm ON public.projects USING gin (province, title public.gin_trgm_ops);


--
-- Name: projects_reviewing_idx; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX projects_reviewing_idx ON public.projects USING btree (service_starts_on, id) INCLUDE (province, union_path) WHERE (status = 'reviewing'::text);


--
-- Name: projects_status_created_idx; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX projects_status_created_idx ON public.projects USING btree (status, created_at DESC, id DESC);


--
-- Name: projects_status_idx; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX projects_status_idx ON public.projects USING btree (status, apply_closes_on);


--
-- Name: projects_union_path_gist; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX projects_union_path_gist ON public.projects USING gist (union_path);


--
-- Name: rectification_events_idx; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX rectification_events_idx ON public.rectification_events USING btree (rectification_id, at);


--
-- Name: rectifications_contract_idx; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX rectifications_contract_idx ON public.rectifications USING btree (contract_id, issued_at);


--
-- Name: rectifications_deadline_idx; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX rectifications_deadline_idx ON public.rectifications USING btree (deadline, id) INCLUDE (union_path, org_id, supervisor_id) WHERE (status <> 'closed'::text);


--
-- Name: rectifications_org_idx; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX rectifications_org_idx ON public.rectifications USING btree (org_id) WHERE (status <> 'closed'::text);


--
-- Name: rectifications_union_path_gist; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX rectifications_union_path_gist ON public.rectifications USING gist (union_path);


--
-- Name: reports_contract_idx; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX reports_contract_idx ON public.reports USING btree (contract_id, period_starts_on, kind);


--
-- Name: reports_due_idx; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX reports_due_idx ON public.reports USING btree (due_on, id);


--
-- Name: reports_open_due_idx; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX reports_open_due_idx ON public.reports USING btree (due_on, id) WHERE (status = ANY (ARRAY['due'::text, 'draft'::text, 'returned'::text]));


--
-- Name: reports_org_idx; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX reports_org_idx ON public.reports USING btree (org_id, due_on);


--
-- Name: reports_province_due_idx; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX reports_province_due_idx ON public.reports USING btree (province, due_on, id) INCLUDE (union_path, org_id, supervisor_id);


--
-- Name: reports_province_open_due_idx; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX reports_province_open_due_idx ON public.reports USING btree (province, due_on, id) INCLUDE (union_path, org_id, supervisor_id) WHERE (status = ANY (ARRAY['due'::text, 'draft'::text, 'returned'::text]));


--
-- Name: reports_province_waiting_idx; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX reports_province_waiting_idx ON public.reports USING btree (province, due_on, id) INCLUDE (union_path, org_id, supervisor_id) WHERE (status = 'submitted'::text);


--
-- Name: reports_supervisor_due_idx; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX reports_supervisor_due_idx ON public.reports USING btree (supervisor_id, due_on, id);


--
-- Name: reports_supervisor_idx; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX reports_supervisor_idx ON public.reports USING btree (supervisor_id, status);


--
-- Name: reports_union_path_gist; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX reports_union_path_gist ON public.reports USING gist (union_path);


--
-- Name: reports_waiting_idx; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX reports_waiting_idx ON public.reports USING btree (due_on, id) WHERE (status = 'submitted'::text);


--
-- Name: review_assignments_project_idx; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX review_assignments_project_idx ON public.review_assignments USING btree (project_id);


--
-- Name: review_assignments_reviewer_idx; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX review_assignments_reviewer_idx ON public.review_assignments USING btree (reviewer_id, status);


--
-- Name: review_assignments_union_path_gist; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX review_assignments_union_path_gist ON public.review_assignments USING gist (union_path);


--
-- Name: review_scores_union_path_gist; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX review_scores_union_path_gist ON public.review_scores USING gist (union_path);


--
-- Name: reviewer_links_union_path_gist; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX reviewer_links_union_path_gist ON public.reviewer_links USING gist (union_path);


--
-- Name: service_sites_created_idx; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX service_sites_created_idx ON public.service_sites USING btree (created_at DESC, id DESC);


--
-- Name: service_sites_division_idx; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX service_sites_division_idx ON public.service_sites USING btree (division_code text_pattern_ops, name, id);


--
-- Name: service_sites_name_idx; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX service_sites_name_idx ON public.service_sites USING btree (name, id);


--
-- Name: service_sites_operator_idx; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX service_sites_operator_idx ON public.service_sites USING btree (operator_org_id) WHERE (operator_org_id IS NOT NULL);


--
-- Name: service_sites_prefecture_name_idx; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX service_sites_prefecture_name_idx ON public.service_sites USING btree (prefecture, name, id) WHERE (prefecture IS NOT NULL);


--
-- Name: service_sites_province_created_idx; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX service_sites_province_created_idx ON public.service_sites USING btree (province, created_at DESC, id DESC);


--
-- Name: service_sites_province_kind_idx; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX service_sites_province_kind_idx ON public.service_sites USING btree (province, kind, name, id);


--
-- Name: service_sites_province_name_idx; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX service_sites_province_name_idx ON public.service_sites USING btree (province, name, id);


--
-- Name: service_sites_union_idx; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX service_sites_union_idx ON public.service_sites USING btree (union_id);


--
-- Name: service_sites_union_path_gist; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX service_sites_union_path_gist ON public.service_sites USING gist (union_path);


--
-- Name: sessions_last_seen_idx; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX sessions_last_seen_idx ON public.sessions USING btree (last_seen_at);


--
-- Name: sessions_user_idx; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX sessions_user_idx ON public.sessions USING btree (user_id);


--
-- Name: site_visits_contract_idx; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX site_visits_contract_idx ON public.site_visits USING btree (contract_id, visited_on DESC);


--
-- Name: training_attendees_union_path_gist; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX training_attendees_union_path_gist ON public.training_attendees USING gist (union_path);


--
-- Name: training_attendees_user_idx; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX training_attendees_user_idx ON public.training_attendees USING btree (user_id);


--
-- Name: trainings_held_idx; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX trainings_held_idx ON public.trainings USING btree (held_on DESC, id);


--
-- Name: trainings_union_held_idx; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX trainings_union_held_idx ON public.trainings USING btree (union_id, held_on);


--
-- Name: trainings_union_path_gist; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX trainings_union_path_gist ON public.trainings USING gist (union_path);


--
-- Name: unions_division_code_key; Type: INDEX; Schema: public; Owner: -
--

CREATE UNIQUE INDEX unions_division_code_key ON public.unions USING btree (division_code) WHERE (level <> 'grassroots'::text);


--
-- Name: unions_parent_idx; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX unions_parent_idx ON public.unions USING btree (parent_id);


--
-- Name: unions_path_gist; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX unions_path_gist ON public.unions USING gist (path);


--
-- Name: unions_path_key; Type: INDEX; Schema: public; Owner: -
--

CREATE UNIQUE INDEX unions_path_key ON public.unions USING btree (path);


--
-- Name: unions_single_root; Type: INDEX; Schema: public; Owner: -
--

CREATE UNIQUE INDEX unions_single_root ON public.unions USING btree ((true)) WHERE (parent_id IS NULL);


--
-- Name: users_union_idx; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX users_union_idx ON public.users USING btree (union_id);


--
-- Name: users_union_path_gist; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX users_union_path_gist ON public.users USING gist (union_path);


--
-- Name: work_system_staff_union_idx; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX work_system_staff_union_idx ON public.work_system_staff USING btree (union_id, created_at);


--
-- Name: work_system_staff_union_path_gist; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX work_system_staff_union_path_gist ON public.work_system_staff USING gist (union_path);


--
-- Name: work_systems_union_path_gist; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX work_systems_union_path_gist ON public.work_systems USING gist (union_path);


--
-- Name: work_years_union_path_gist; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX work_years_union_path_gist ON public.work_years USING gist (union_path);


--
-- Name: applications applications_commission_members; Type: TRIGGER; Schema: public; Owner: -
--

CREATE TRIGGER applications_commission_members BEFORE INSERT ON public.applications FOR EACH ROW EXECUTE FUNCTION public.applications_commission_members();


--
-- Name: applications applications_guard_org_account; Type: TRIGGER; Schema: public; Owner: -
--

CREATE TRIGGER applications_guard_org_account BEFORE UPDATE ON public.applications FOR EACH ROW EXECUTE FUNCTION public.applications_guard_org_account();


--
-- Name: applications applications_set_union_path; Type: TRIGGER; Schema: public; Owner: -
--

CREATE TRIGGER applications_set_union_path BEFORE INSERT ON public.applications FOR EACH ROW EXECUTE FUNCTION public.applications_set_union_path();


--
-- Name: audit_log audit_log_append_only; Type: TRIGGER; Schema: public; Owner: -
--

CREATE TRIGGER audit_log_append_only BEFORE DELETE OR UPDATE ON public.audit_log FOR EACH ROW EXECUTE FUNCTION public.audit_log_refuse_change();


--
-- Name: audit_log audit_log_no_truncate; Type: TRIGGER; Schema: public; Owner: -
--

CREATE TRIGGER audit_log_no_truncate BEFORE TRUNCATE ON public.audit_log FOR EACH STATEMENT EXECUTE FUNCTION public.audit_log_refuse_change();


--
-- Name: contract_installments contract_installments_sum; Type: TRIGGER; Schema: public; Owner: -
--

CREATE CONSTRAINT TRIGGER contract_installments_sum AFTER INSERT OR DELETE OR UPDATE ON public.contract_installments DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION public.contract_installments_sum_check();


--
-- Name: contracts contracts_schedule_reports; Type: TRIGGER; Schema: public; Owner: -
--

CREATE TRIGGER contracts_schedule_reports AFTER INSERT ON public.contracts FOR EACH ROW EXECUTE FUNCTION public.contracts_schedule_reports();


--
-- Name: evaluation_scores evaluation_scores_final_is_final; Type: TRIGGER; Schema: public; Owner: -
--

CREATE TRIGGER evaluation_scores_final_is_final BEFORE DELETE OR UPDATE ON public.evaluation_scores FOR EACH ROW EXECUTE FUNCTION public.evaluations_final_is_final();


--
-- Name: evaluation_sheets evaluation_sheets_final_is_final; Type: TRIGGER; Schema: public; Owner: -
--

CREATE TRIGGER evaluation_sheets_final_is_final BEFORE DELETE OR UPDATE ON public.evaluation_sheets FOR EACH ROW EXECUTE FUNCTION public.evaluations_final_is_final();


--
-- Name: evaluations evaluations_final_is_final; Type: TRIGGER; Schema: public; Owner: -
--

CREATE TRIGGER evaluations_final_is_final BEFORE DELETE OR UPDATE ON public.evaluations FOR EACH ROW EXECUTE FUNCTION public.evaluations_final_is_final();


--
-- Name: experiences experiences_set_union_path; Type: TRIGGER; Schema: public; Owner: -
--

CREATE TRIGGER experiences_set_union_path BEFORE INSERT OR UPDATE OF union_id ON public.experiences FOR EACH ROW EXECUTE FUNCTION public.scoped_row_set_union_path();


--
-- Name: federation_members federation_members_region; Type: TRIGGER; Schema: public; Owner: -
--

CREATE TRIGGER federation_members_region BEFORE INSERT ON public.federation_members FOR EACH ROW EXECUTE FUNCTION public.federation_members_region();


--
-- Name: federations federations_parent_above; Type: TRIGGER; Schema: public; Owner: -
--

CREATE TRIGGER federations_parent_above AFTER INSERT OR UPDATE OF parent_id, union_id ON public.federations FOR EACH ROW EXECUTE FUNCTION public.federations_parent_above();


--
-- Name: federations federations_set_union_path; Type: TRIGGER; Schema: public; Owner: -
--

CREATE TRIGGER federations_set_union_path BEFORE INSERT OR UPDATE OF union_id ON public.federations FOR EACH ROW EXECUTE FUNCTION public.scoped_row_set_union_path();


--
-- Name: indicator_systems indicator_systems_frozen; Type: TRIGGER; Schema: public; Owner: -
--

CREATE TRIGGER indicator_systems_frozen BEFORE UPDATE ON public.indicator_systems FOR EACH ROW EXECUTE FUNCTION public.indicator_systems_frozen();


--
-- Name: indicator_systems indicator_systems_set_union_path; Type: TRIGGER; Schema: public; Owner: -
--

CREATE TRIGGER indicator_systems_set_union_path BEFORE INSERT OR UPDATE OF union_id ON public.indicator_systems FOR EACH ROW EXECUTE FUNCTION public.scoped_row_set_union_path();


--
-- Name: indicators indicators_only_in_drafts; Type: TRIGGER; Schema: public; Owner: -
--

CREATE TRIGGER indicators_only_in_drafts BEFORE INSERT OR DELETE OR UPDATE ON public.indicators FOR EACH ROW EXECUTE FUNCTION public.indicators_only_in_drafts();


--
-- Name: meeting_invitations meeting_invitations_guard; Type: TRIGGER; Schema: public; Owner: -
--

CREATE TRIGGER meeting_invitations_guard BEFORE UPDATE ON public.meeting_invitations FOR EACH ROW EXECUTE FUNCTION public.meeting_invitations_guard();


--
-- Name: meetings meetings_set_union_path; Type: TRIGGER; Schema: public; Owner: -
--

CREATE TRIGGER meetings_set_union_path BEFORE INSERT OR UPDATE OF union_id ON public.meetings FOR EACH ROW EXECUTE FUNCTION public.scoped_row_set_union_path();


--
-- Name: needs needs_set_union_path; Type: TRIGGER; Schema: public; Owner: -
--

CREATE TRIGGER needs_set_union_path BEFORE INSERT OR UPDATE OF union_id ON public.needs FOR EACH ROW EXECUTE FUNCTION public.scoped_row_set_union_path();


--
-- Name: org_imports org_imports_set_union_path; Type: TRIGGER; Schema: public; Owner: -
--

CREATE TRIGGER org_imports_set_union_path BEFORE INSERT ON public.org_imports FOR EACH ROW EXECUTE FUNCTION public.scoped_row_set_union_path();


--
-- Name: organization_contacts organization_contacts_changed; Type: TRIGGER; Schema: public; Owner: -
--

CREATE TRIGGER organization_contacts_changed AFTER INSERT ON public.organization_contacts FOR EACH ROW EXECUTE FUNCTION public.organization_history_changed();


--
-- Name: organization_contacts organization_contacts_removed; Type: TRIGGER; Schema: public; Owner: -
--

CREATE TRIGGER organization_contacts_removed AFTER DELETE ON public.organization_contacts FOR EACH ROW EXECUTE FUNCTION public.organization_history_changed();


--
-- Name: organization_contacts organization_contacts_set_union_path; Type: TRIGGER; Schema: public; Owner: -
--

CREATE TRIGGER organization_contacts_set_union_path BEFORE INSERT ON public.organization_contacts FOR EACH ROW EXECUTE FUNCTION public.organization_row_set_union_path();


--
-- Name: organization_ratings organization_ratings_changed; Type: TRIGGER; Schema: public; Owner: -
--

CREATE TRIGGER organization_ratings_changed AFTER INSERT OR UPDATE ON public.organization_ratings FOR EACH ROW EXECUTE FUNCTION public.organization_history_changed();


--
-- Name: organization_ratings organization_ratings_set_union_path; Type: TRIGGER; Schema: public; Owner: -
--

CREATE TRIGGER organization_ratings_set_union_path BEFORE INSERT ON public.organization_ratings FOR EACH ROW EXECUTE FUNCTION public.organization_row_set_union_path();


--
-- Name: organization_union_building organization_union_building_changed; Type: TRIGGER; Schema: public; Owner: -
--

CREATE TRIGGER organization_union_building_changed AFTER INSERT ON public.organization_union_building FOR EACH ROW EXECUTE FUNCTION public.organization_history_changed();


--
-- Name: organization_union_building organization_union_building_set_union_path; Type: TRIGGER; Schema: public; Owner: -
--

CREATE TRIGGER organization_union_building_set_union_path BEFORE INSERT ON public.organization_union_building FOR EACH ROW EXECUTE FUNCTION public.organization_row_set_union_path();


--
-- Name: organizations organizations_after_write; Type: TRIGGER; Schema: public; Owner: -
--

CREATE TRIGGER organizations_after_write AFTER INSERT OR UPDATE OF contact_interval_days, union_id ON public.organizations FOR EACH ROW EXECUTE FUNCTION public.organizations_after_write();


--
-- Name: organizations organizations_guard_org_account; Type: TRIGGER; Schema: public; Owner: -
--

CREATE TRIGGER organizations_guard_org_account BEFORE UPDATE ON public.organizations FOR EACH ROW EXECUTE FUNCTION public.organizations_guard_org_account();


--
-- Name: organizations organizations_registry_generation; Type: TRIGGER; Schema: public; Owner: -
--

CREATE CONSTRAINT TRIGGER organizations_registry_generation AFTER INSERT OR DELETE OR UPDATE ON public.organizations DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION public.registry_generation_bump();


--
-- Name: organizations organizations_set_union_path; Type: TRIGGER; Schema: public; Owner: -
--

CREATE TRIGGER organizations_set_union_path BEFORE INSERT OR UPDATE OF union_id ON public.organizations FOR EACH ROW EXECUTE FUNCTION public.scoped_row_set_union_path();


--
-- Name: partners partners_set_union_path; Type: TRIGGER; Schema: public; Owner: -
--

CREATE TRIGGER partners_set_union_path BEFORE INSERT OR UPDATE OF union_id ON public.partners FOR EACH ROW EXECUTE FUNCTION public.scoped_row_set_union_path();


--
-- Name: payments payments_within_contract; Type: TRIGGER; Schema: public; Owner: -
--

CREATE TRIGGER payments_within_contract BEFORE INSERT ON public.payments FOR EACH ROW EXECUTE FUNCTION public.payments_within_contract();


--
-- Name: pilots pilots_set_union_path; Type: TRIGGER; Schema: public; Owner: -
--

CREATE TRIGGER pilots_set_union_path BEFORE INSERT OR UPDATE OF union_id ON public.pilots FOR EACH ROW EXECUTE FUNCTION public.scoped_row_set_union_path();


--
-- Name: pilots pilots_within_limit; Type: TRIGGER; Schema: public; Owner: -
--

CREATE TRIGGER pilots_within_limit AFTER INSERT OR UPDATE OF union_id, status, exception_reason ON public.pilots FOR EACH ROW EXECUTE FUNCTION public.pilots_within_limit();


--
-- Name: project_events project_events_set_union_path; Type: TRIGGER; Schema: public; Owner: -
--

CREATE TRIGGER project_events_set_union_path BEFORE INSERT ON public.project_events FOR EACH ROW EXECUTE FUNCTION public.project_events_set_union_path();


--
-- Name: projects projects_generation; Type: TRIGGER; Schema: public; Owner: -
--

CREATE CONSTRAINT TRIGGER projects_generation AFTER INSERT OR DELETE OR UPDATE ON public.projects DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION public.project_generation_bump();


--
-- Name: projects projects_set_union_path; Type: TRIGGER; Schema: public; Owner: -
--

CREATE TRIGGER projects_set_union_path BEFORE INSERT OR UPDATE OF union_id ON public.projects FOR EACH ROW EXECUTE FUNCTION public.scoped_row_set_union_path();


--
-- Name: rectifications rectifications_guard; Type: TRIGGER; Schema: public; Owner: -
--

CREATE TRIGGER rectifications_guard BEFORE UPDATE ON public.rectifications FOR EACH ROW EXECUTE FUNCTION public.rectifications_guard();


--
-- Name: reports reports_guard; Type: TRIGGER; Schema: public; Owner: -
--

CREATE TRIGGER reports_guard BEFORE UPDATE ON public.reports FOR EACH ROW EXECUTE FUNCTION public.reports_guard();


--
-- Name: review_assignments review_assignments_guard_reviewer; Type: TRIGGER; Schema: public; Owner: -
--

CREATE TRIGGER review_assignments_guard_reviewer BEFORE UPDATE ON public.review_assignments FOR EACH ROW EXECUTE FUNCTION public.review_assignments_guard_reviewer();


--
-- Name: review_scores review_scores_set_union_path; Type: TRIGGER; Schema: public; Owner: -
--

CREATE TRIGGER review_scores_set_union_path BEFORE INSERT ON public.review_scores FOR EACH ROW EXECUTE FUNCTION public.review_scores_set_union_path();


--
-- Name: review_scores review_scores_while_scoring; Type: TRIGGER; Schema: public; Owner: -
--

CREATE TRIGGER review_scores_while_scoring BEFORE INSERT OR DELETE OR UPDATE ON public.review_scores FOR EACH ROW EXECUTE FUNCTION public.review_scores_while_scoring();


--
-- Name: service_sites service_sites_set_union_path; Type: TRIGGER; Schema: public; Owner: -
--

CREATE TRIGGER service_sites_set_union_path BEFORE INSERT OR UPDATE OF union_id ON public.service_sites FOR EACH ROW EXECUTE FUNCTION public.scoped_row_set_union_path();


--
-- Name: trainings trainings_set_union_path; Type: TRIGGER; Schema: public; Owner: -
--

CREATE TRIGGER trainings_set_union_path BEFORE INSERT OR UPDATE OF union_id ON public.trainings FOR EACH ROW EXECUTE FUNCTION public.scoped_row_set_union_path();


--
-- Name: unions unions_after_move; Type: TRIGGER; Schema: public; Owner: -
--

CREATE TRIGGER unions_after_move AFTER UPDATE OF parent_id ON public.unions FOR EACH ROW WHEN (((old.path)::text IS DISTINCT FROM (new.path)::text)) EXECUTE FUNCTION public.unions_after_move();


--
-- Name: unions unions_before_write; Type: TRIGGER; Schema: public; Owner: -
--

CREATE TRIGGER unions_before_write BEFORE INSERT OR UPDATE ON public.unions FOR EACH ROW EXECUTE FUNCTION public.unions_before_write();


--
-- Name: unions unions_generation; Type: TRIGGER; Schema: public; Owner: -
--

CREATE CONSTRAINT TRIGGER unions_generation AFTER INSERT OR DELETE OR UPDATE ON public.unions DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION public.union_generation_bump();


--
-- Name: unions unions_interval_changed; Type: TRIGGER; Schema: public; Owner: -
--

CREATE TRIGGER unions_interval_changed AFTER UPDATE OF contact_interval_days ON public.unions FOR EACH ROW WHEN ((old.contact_interval_days IS DISTINCT FROM new.contact_interval_days)) EXECUTE FUNCTION public.unions_interval_changed();


--
-- Name: users users_end_sessions; Type: TRIGGER; Schema: public; Owner: -
--

CREATE TRIGGER users_end_sessions AFTER UPDATE OF password_hash, disabled_at ON public.users FOR EACH ROW WHEN (((old.password_hash IS DISTINCT FROM new.password_hash) OR ((new.disabled_at IS NOT NULL) AND (old.disabled_at IS NULL)))) EXECUTE FUNCTION public.users_end_sessions();


--
-- Name: users users_guard_self; Type: TRIGGER; Schema: public; Owner: -
--

CREATE TRIGGER users_guard_self BEFORE UPDATE ON public.users FOR EACH ROW EXECUTE FUNCTION public.users_guard_self();


--
-- Name: users users_set_union_path; Type: TRIGGER; Schema: public; Owner: -
--

CREATE TRIGGER users_set_union_path BEFORE INSERT OR UPDATE OF union_id ON public.users FOR EACH ROW EXECUTE FUNCTION public.scoped_row_set_union_path();


--
-- Name: work_system_staff work_system_staff_set_union_path; Type: TRIGGER; Schema: public; Owner: -
--

CREATE TRIGGER work_system_staff_set_union_path BEFORE INSERT OR UPDATE OF union_id ON public.work_system_staff FOR EACH ROW EXECUTE FUNCTION public.scoped_row_set_union_path();


--
-- Name: work_systems work_systems_set_union_path; Type: TRIGGER; Schema: public; Owner: -
--

CREATE TRIGGER work_systems_set_union_path BEFORE INSERT OR UPDATE OF union_id ON public.work_systems FOR EACH ROW EXECUTE FUNCTION public.scoped_row_set_union_path();


--
-- Name: work_years work_years_set_union_path; Type: TRIGGER; Schema: public; Owner: -
--

CREATE TRIGGER work_years_set_union_path BEFORE INSERT OR UPDATE OF union_id ON public.work_years FOR EACH ROW EXECUTE FUNCTION public.scoped_row_set_union_path();


--
-- Name: applications applications_created_by_fkey; Type: FK CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.applications
    ADD CONSTRAINT applications_created_by_fkey FOREIGN KEY (created_by) REFERENCES public.users(id);


--
-- Name: applications applications_org_id_fkey; Type: FK CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.applications
    ADD CONSTRAINT applications_org_id_fkey FOREIGN KEY (org_id) REFERENCES public.organizations(id);


--
-- Name: applications applications_project_fk; Type: FK CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.applications
    ADD CONSTRAINT applications_project_fk FOREIGN KEY (project_id, union_path) REFERENCES public.projects(id, union_path) ON UPDATE CASCADE;


--
-- Name: calendar_feeds calendar_feeds_user_id_fkey; Type: FK CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.calendar_feeds
    ADD CONSTRAINT calendar_feeds_user_id_fkey FOREIGN KEY (user_id) REFERENCES public.users(id) ON DELETE CASCADE;


--
-- Name: contract_installments contract_installments_contract_id_fkey; Type: FK CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.contract_installments
    ADD CONSTRAINT contract_installments_contract_id_fkey FOREIGN KEY (contract_id) REFERENCES public.contracts(id) ON DELETE CASCADE;


--
-- Name: contracts contracts_application_id_fkey; Type: FK CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.contracts
    ADD CONSTRAINT contracts_application_id_fkey FOREIGN KEY (application_id) REFERENCES public.applications(id);


--
-- Name: contracts contracts_created_by_fkey; Type: FK CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.contracts
    ADD CONSTRAINT contracts_created_by_fkey FOREIGN KEY (created_by) REFERENCES public.users(id);


--
-- Name: contracts contracts_org_id_fkey; Type: FK CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.contracts
    ADD CONSTRAINT contracts_org_id_fkey FOREIGN KEY (org_id) REFERENCES public.organizations(id);


--
-- Name: contracts contracts_project_fk; Type: FK CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.contracts
    ADD CONSTRAINT contracts_project_fk FOREIGN KEY (project_id, union_path) REFERENCES public.projects(id, union_path) ON UPDATE CASCADE;


--
-- Name: contracts contracts_signed_file_id_fkey; Type: FK CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.contracts
    ADD CONSTRAINT contracts_signed_file_id_fkey FOREIGN KEY (signed_file_id) REFERENCES public.files(id);


--
-- Name: contracts contracts_supervisor_id_fkey; Type: FK CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.contracts
    ADD CONSTRAINT contracts_supervisor_id_fkey FOREIGN KEY (supervisor_id) REFERENCES public.users(id);


--
-- Name: evaluation_results evaluation_results_evaluation_id_fkey; Type: FK CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.evaluation_results
    ADD CONSTRAINT evaluation_results_evaluation_id_fkey FOREIGN KEY (evaluation_id) REFERENCES public.evaluations(id);


--
-- Name: evaluation_results evaluation_results_indicator_id_fkey; Type: FK CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.evaluation_results
    ADD CONSTRAINT evaluation_results_indicator_id_fkey FOREIGN KEY (indicator_id) REFERENCES public.indicators(id);


--
-- Name: evaluation_scores evaluation_scores_indicator_id_fkey; Type: FK CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.evaluation_scores
    ADD CONSTRAINT evaluation_scores_indicator_id_fkey FOREIGN KEY (indicator_id) REFERENCES public.indicators(id);


--
-- Name: evaluation_scores evaluation_scores_sheet_id_fkey; Type: FK CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.evaluation_scores
    ADD CONSTRAINT evaluation_scores_sheet_id_fkey FOREIGN KEY (sheet_id) REFERENCES public.evaluation_sheets(id);


--
-- Name: evaluation_sheets evaluation_sheets_evaluation_id_fkey; Type: FK CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.evaluation_sheets
    ADD CONSTRAINT evaluation_sheets_evaluation_id_fkey FOREIGN KEY (evaluation_id) REFERENCES public.evaluations(id);


--
-- Name: evaluation_sheets evaluation_sheets_evaluator_id_fkey; Type: FK CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.evaluation_sheets
    ADD CONSTRAINT evaluation_sheets_evaluator_id_fkey FOREIGN KEY (evaluator_id) REFERENCES public.users(id);


--
-- Name: evaluations evaluations_contract_id_fkey; Type: FK CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.evaluations
    ADD CONSTRAINT evaluations_contract_id_fkey FOREIGN KEY (contract_id) REFERENCES public.contracts(id);


--
-- Name: evaluations evaluations_finalized_by_fkey; Type: FK CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.evaluations
    ADD CONSTRAINT evaluations_finalized_by_fkey FOREIGN KEY (finalized_by) REFERENCES public.users(id);


--
-- Name: evaluations evaluations_system_id_fkey; Type: FK CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.evaluations
    ADD CONSTRAINT evaluations_system_id_fkey FOREIGN KEY (system_id) REFERENCES public.indicator_systems(id);


--
-- Name: experience_links experience_links_experience_fk; Type: FK CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.experience_links
    ADD CONSTRAINT experience_links_experience_fk FOREIGN KEY (experience_id, union_path) REFERENCES public.experiences(id, union_path) ON UPDATE CASCADE ON DELETE CASCADE;


--
-- Name: experiences experiences_created_by_fkey; Type: FK CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.experiences
    ADD CONSTRAINT experiences_created_by_fkey FOREIGN KEY (created_by) REFERENCES public.users(id);


--
-- Name: experiences experiences_published_by_fkey; Type: FK CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.experiences
    ADD CONSTRAINT experiences_published_by_fkey FOREIGN KEY (published_by) REFERENCES public.users(id);


--
-- Name: experiences experiences_union_fk; Type: FK CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.experiences
    ADD CONSTRAINT experiences_union_fk FOREIGN KEY (union_id, union_path) REFERENCES public.unions(id, path) ON UPDATE CASCADE;


--
-- Name: federation_members federation_members_created_by_fkey; Type: FK CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.federation_members
    ADD CONSTRAINT federation_members_created_by_fkey FOREIGN KEY (created_by) REFERENCES public.users(id);


--
-- Name: federation_members federation_members_federation_fk; Type: FK CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.federation_members
    ADD CONSTRAINT federation_members_federation_fk FOREIGN KEY (federation_id, union_path) REFERENCES public.federations(id, union_path) ON UPDATE CASCADE ON DELETE CASCADE;


--
-- Name: federation_members federation_members_org_fk; Type: FK CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.federation_members
    ADD CONSTRAINT federation_members_org_fk FOREIGN KEY (org_id, org_union_path) REFERENCES public.organizations(id, union_path) ON UPDATE CASCADE;


--
-- Name: federation_partners federation_partners_federation_fk; Type: FK CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.federation_partners
    ADD CONSTRAINT federation_partners_federation_fk FOREIGN KEY (federation_id, union_path) REFERENCES public.federations(id, union_path) ON UPDATE CASCADE ON DELETE CASCADE;


--
-- Name: federations federations_created_by_fkey; Type: FK CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.federations
    ADD CONSTRAINT federations_created_by_fkey FOREIGN KEY (created_by) REFERENCES public.users(id);


--
-- Name: federations federations_parent_fk; Type: FK CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.federations
    ADD CONSTRAINT federations_parent_fk FOREIGN KEY (parent_id) REFERENCES public.federations(id);


--
-- Name: federations federations_union_fk; Type: FK CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.federations
    ADD CONSTRAINT federations_union_fk FOREIGN KEY (union_id, union_path) REFERENCES public.unions(id, path) ON UPDATE CASCADE;


--
-- Name: files files_org_id_fkey; Type: FK CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.files
    ADD CONSTRAINT files_org_id_fkey FOREIGN KEY (org_id) REFERENCES public.organizations(id);


--
-- Name: files files_uploaded_by_fkey; Type: FK CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.files
    ADD CONSTRAINT files_uploaded_by_fkey FOREIGN KEY (uploaded_by) REFERENCES public.users(id);


--
-- Name: form_submissions form_submissions_user_id_fkey; Type: FK CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.form_submissions
    ADD CONSTRAINT form_submissions_user_id_fkey FOREIGN KEY (user_id) REFERENCES public.users(id) ON DELETE CASCADE;


--
-- Name: indicator_systems indicator_systems_union_fk; Type: FK CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.indicator_systems
    ADD CONSTRAINT indicator_systems_union_fk FOREIGN KEY (union_id, union_path) REFERENCES public.unions(id, path) ON UPDATE CASCADE;


--
-- Name: indicators indicators_parent_id_fkey; Type: FK CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.indicators
    ADD CONSTRAINT indicators_parent_id_fkey FOREIGN KEY (parent_id) REFERENCES public.indicators(id) ON DELETE CASCADE;


--
-- Name: indicators indicators_system_id_fkey; Type: FK CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.indicators
    ADD CONSTRAINT indicators_system_id_fkey FOREIGN KEY (system_id) REFERENCES public.indicator_systems(id) ON DELETE CASCADE;


--
-- Name: meeting_actions meeting_actions_created_by_fkey; Type: FK CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.meeting_actions
    ADD CONSTRAINT meeting_actions_created_by_fkey FOREIGN KEY (created_by) REFERENCES public.users(id);


--
-- Name: meeting_actions meeting_actions_meeting_fk; Type: FK CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.meeting_actions
    ADD CONSTRAINT meeting_actions_meeting_fk FOREIGN KEY (meeting_id, union_path) REFERENCES public.meetings(id, union_path) ON UPDATE CASCADE ON DELETE CASCADE;


--
-- Name: meeting_actions meeting_actions_responsible_user_id_fkey; Type: FK CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.meeting_actions
    ADD CONSTRAINT meeting_actions_responsible_user_id_fkey FOREIGN KEY (responsible_user_id) REFERENCES public.users(id);


--
-- Name: meeting_invitations meeting_invitations_meeting_fk; Type: FK CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.meeting_invitations
    ADD CONSTRAINT meeting_invitations_meeting_fk FOREIGN KEY (meeting_id, union_path) REFERENCES public.meetings(id, union_path) ON UPDATE CASCADE ON DELETE CASCADE;


--
-- Name: meeting_invitations meeting_invitations_org_id_fkey; Type: FK CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.meeting_invitations
    ADD CONSTRAINT meeting_invitations_org_id_fkey FOREIGN KEY (org_id) REFERENCES public.organizations(id);


--
-- Name: meetings meetings_created_by_fkey; Type: FK CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.meetings
    ADD CONSTRAINT meetings_created_by_fkey FOREIGN KEY (created_by) REFERENCES public.users(id);


--
-- Name: meetings meetings_union_fk; Type: FK CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.meetings
    ADD CONSTRAINT meetings_union_fk FOREIGN KEY (union_id, union_path) REFERENCES public.unions(id, path) ON UPDATE CASCADE;


--
-- Name: needs needs_project_fk; Type: FK CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.needs
    ADD CONSTRAINT needs_project_fk FOREIGN KEY (project_id) REFERENCES public.projects(id) ON DELETE SET NULL;


--
-- Name: needs needs_union_fk; Type: FK CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.needs
    ADD CONSTRAINT needs_union_fk FOREIGN KEY (union_id, union_path) REFERENCES public.unions(id, path) ON UPDATE CASCADE;


--
-- Name: notifications notifications_org_id_fkey; Type: FK CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.notifications
    ADD CONSTRAINT notifications_org_id_fkey FOREIGN KEY (org_id) REFERENCES public.organizations(id);


--
-- Name: org_imports org_imports_union_fk; Type: FK CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.org_imports
    ADD CONSTRAINT org_imports_union_fk FOREIGN KEY (union_id, union_path) REFERENCES public.unions(id, path) ON UPDATE CASCADE;


--
-- Name: org_imports org_imports_user_id_fkey; Type: FK CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.org_imports
    ADD CONSTRAINT org_imports_user_id_fkey FOREIGN KEY (user_id) REFERENCES public.users(id);


--
-- Name: organization_contacts organization_contacts_meeting_id_fkey; Type: FK CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.organization_contacts
    ADD CONSTRAINT organization_contacts_meeting_id_fkey FOREIGN KEY (meeting_id) REFERENCES public.meetings(id);


--
-- Name: organization_contacts organization_contacts_org_fk; Type: FK CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.organization_contacts
    ADD CONSTRAINT organization_contacts_org_fk FOREIGN KEY (org_id, union_path) REFERENCES public.organizations(id, union_path) ON UPDATE CASCADE;


--
-- Name: organization_ratings organization_ratings_org_fk; Type: FK CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.organization_ratings
    ADD CONSTRAINT organization_ratings_org_fk FOREIGN KEY (org_id, union_path) REFERENCES public.organizations(id, union_path) ON UPDATE CASCADE;


--
-- Name: organization_union_building organization_union_building_org_fk; Type: FK CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.organization_union_building
    ADD CONSTRAINT organization_union_building_org_fk FOREIGN KEY (org_id, union_path) REFERENCES public.organizations(id, union_path) ON UPDATE CASCADE;


--
-- Name: organizations organizations_union_fk; Type: FK CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.organizations
    ADD CONSTRAINT organizations_union_fk FOREIGN KEY (union_id, union_path) REFERENCES public.unions(id, path) ON UPDATE CASCADE;


--
-- Name: partner_projects partner_projects_created_by_fkey; Type: FK CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.partner_projects
    ADD CONSTRAINT partner_projects_created_by_fkey FOREIGN KEY (created_by) REFERENCES public.users(id);


--
-- Name: partner_projects partner_projects_partner_id_fkey; Type: FK CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.partner_projects
    ADD CONSTRAINT partner_projects_partner_id_fkey FOREIGN KEY (partner_id) REFERENCES public.partners(id) ON DELETE CASCADE;


--
-- Name: partner_projects partner_projects_project_fk; Type: FK CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.partner_projects
    ADD CONSTRAINT partner_projects_project_fk FOREIGN KEY (project_id, union_path) REFERENCES public.projects(id, union_path) ON UPDATE CASCADE ON DELETE CASCADE;


--
-- Name: partners partners_created_by_fkey; Type: FK CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.partners
    ADD CONSTRAINT partners_created_by_fkey FOREIGN KEY (created_by) REFERENCES public.users(id);


--
-- Name: partners partners_union_fk; Type: FK CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.partners
    ADD CONSTRAINT partners_union_fk FOREIGN KEY (union_id, union_path) REFERENCES public.unions(id, path) ON UPDATE CASCADE;


--
-- Name: payments payments_contract_id_fkey; Type: FK CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.payments
    ADD CONSTRAINT payments_contract_id_fkey FOREIGN KEY (contract_id) REFERENCES public.contracts(id);


--
-- Name: payments payments_decided_by_fkey; Type: FK CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.payments
    ADD CONSTRAINT payments_decided_by_fkey FOREIGN KEY (decided_by) REFERENCES public.users(id);


--
-- Name: payments payments_installment_fk; Type: FK CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.payments
    ADD CONSTRAINT payments_installment_fk FOREIGN KEY (contract_id, "position") REFERENCES public.contract_installments(contract_id, "position");


--
-- Name: pilot_milestones pilot_milestones_created_by_fkey; Type: FK CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.pilot_milestones
    ADD CONSTRAINT pilot_milestones_created_by_fkey FOREIGN KEY (created_by) REFERENCES public.users(id);


--
-- Name: pilot_milestones pilot_milestones_owner_user_id_fkey; Type: FK CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.pilot_milestones
    ADD CONSTRAINT pilot_milestones_owner_user_id_fkey FOREIGN KEY (owner_user_id) REFERENCES public.users(id);


--
-- Name: pilot_milestones pilot_milestones_pilot_fk; Type: FK CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.pilot_milestones
    ADD CONSTRAINT pilot_milestones_pilot_fk FOREIGN KEY (pilot_id, union_path) REFERENCES public.pilots(id, union_path) ON UPDATE CASCADE ON DELETE CASCADE;


--
-- Name: pilot_notes pilot_notes_author_id_fkey; Type: FK CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.pilot_notes
    ADD CONSTRAINT pilot_notes_author_id_fkey FOREIGN KEY (author_id) REFERENCES public.users(id);


--
-- Name: pilot_notes pilot_notes_pilot_fk; Type: FK CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.pilot_notes
    ADD CONSTRAINT pilot_notes_pilot_fk FOREIGN KEY (pilot_id, union_path) REFERENCES public.pilots(id, union_path) ON UPDATE CASCADE ON DELETE CASCADE;


--
-- Name: pilots pilots_designated_by_fkey; Type: FK CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.pilots
    ADD CONSTRAINT pilots_designated_by_fkey FOREIGN KEY (designated_by) REFERENCES public.users(id);


--
-- Name: pilots pilots_union_fk; Type: FK CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.pilots
    ADD CONSTRAINT pilots_union_fk FOREIGN KEY (union_id, union_path) REFERENCES public.unions(id, path) ON UPDATE CASCADE;


--
-- Name: project_closings project_closings_closed_by_fkey; Type: FK CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.project_closings
    ADD CONSTRAINT project_closings_closed_by_fkey FOREIGN KEY (closed_by) REFERENCES public.users(id);


--
-- Name: project_closings project_closings_project_fk; Type: FK CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.project_closings
    ADD CONSTRAINT project_closings_project_fk FOREIGN KEY (project_id, union_path) REFERENCES public.projects(id, union_path) ON UPDATE CASCADE;


--
-- Name: project_events project_events_actor_id_fkey; Type: FK CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.project_events
    ADD CONSTRAINT project_events_actor_id_fkey FOREIGN KEY (actor_id) REFERENCES public.users(id);


--
-- Name: project_events project_events_project_fk; Type: FK CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.project_events
    ADD CONSTRAINT project_events_project_fk FOREIGN KEY (project_id, union_path) REFERENCES public.projects(id, union_path) ON UPDATE CASCADE ON DELETE CASCADE;


--
-- Name: projects projects_commissioned_by_fk; Type: FK CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.projects
    ADD CONSTRAINT projects_commissioned_by_fk FOREIGN KEY (commissioned_by) REFERENCES public.federations(id);


--
-- Name: projects projects_created_by_fkey; Type: FK CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.projects
    ADD CONSTRAINT projects_created_by_fkey FOREIGN KEY (created_by) REFERENCES public.users(id);


--
-- Name: projects projects_midterm_system_id_fkey; Type: FK CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.projects
    ADD CONSTRAINT projects_midterm_system_id_fkey FOREIGN KEY (midterm_system_id) REFERENCES public.indicator_systems(id);


--
-- Name: projects projects_performance_system_id_fkey; Type: FK CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.projects
    ADD CONSTRAINT projects_performance_system_id_fkey FOREIGN KEY (performance_system_id) REFERENCES public.indicator_systems(id);


--
-- Name: projects projects_review_system_id_fkey; Type: FK CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.projects
    ADD CONSTRAINT projects_review_system_id_fkey FOREIGN KEY (review_system_id) REFERENCES public.indicator_systems(id);


--
-- Name: projects projects_union_fk; Type: FK CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.projects
    ADD CONSTRAINT projects_union_fk FOREIGN KEY (union_id, union_path) REFERENCES public.unions(id, path) ON UPDATE CASCADE;


--
-- Name: rectification_events rectification_events_actor_id_fkey; Type: FK CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.rectification_events
    ADD CONSTRAINT rectification_events_actor_id_fkey FOREIGN KEY (actor_id) REFERENCES public.users(id);


--
-- Name: rectification_events rectification_events_rectification_id_fkey; Type: FK CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.rectification_events
    ADD CONSTRAINT rectification_events_rectification_id_fkey FOREIGN KEY (rectification_id) REFERENCES public.rectifications(id);


--
-- Name: rectifications rectifications_contract_id_fkey; Type: FK CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.rectifications
    ADD CONSTRAINT rectifications_contract_id_fkey FOREIGN KEY (contract_id) REFERENCES public.contracts(id);


--
-- Name: rectifications rectifications_issued_by_fkey; Type: FK CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.rectifications
    ADD CONSTRAINT rectifications_issued_by_fkey FOREIGN KEY (issued_by) REFERENCES public.users(id);


--
-- Name: report_versions report_versions_report_id_fkey; Type: FK CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.report_versions
    ADD CONSTRAINT report_versions_report_id_fkey FOREIGN KEY (report_id) REFERENCES public.reports(id);


--
-- Name: reports reports_contract_id_fkey; Type: FK CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.reports
    ADD CONSTRAINT reports_contract_id_fkey FOREIGN KEY (contract_id) REFERENCES public.contracts(id);


--
-- Name: reports reports_org_id_fkey; Type: FK CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.reports
    ADD CONSTRAINT reports_org_id_fkey FOREIGN KEY (org_id) REFERENCES public.organizations(id);


--
-- Name: reports reports_project_fk; Type: FK CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.reports
    ADD CONSTRAINT reports_project_fk FOREIGN KEY (project_id, union_path) REFERENCES public.projects(id, union_path) ON UPDATE CASCADE;


--
-- Name: reports reports_reviewed_by_fkey; Type: FK CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.reports
    ADD CONSTRAINT reports_reviewed_by_fkey FOREIGN KEY (reviewed_by) REFERENCES public.users(id);


--
-- Name: reports reports_submitted_by_fkey; Type: FK CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.reports
    ADD CONSTRAINT reports_submitted_by_fkey FOREIGN KEY (submitted_by) REFERENCES public.users(id);


--
-- Name: reports reports_supervisor_id_fkey; Type: FK CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.reports
    ADD CONSTRAINT reports_supervisor_id_fkey FOREIGN KEY (supervisor_id) REFERENCES public.users(id);


--
-- Name: review_assignments review_assignments_application_id_fkey; Type: FK CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.review_assignments
    ADD CONSTRAINT review_assignments_application_id_fkey FOREIGN KEY (application_id) REFERENCES public.applications(id);


--
-- Name: review_assignments review_assignments_assigned_by_fkey; Type: FK CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.review_assignments
    ADD CONSTRAINT review_assignments_assigned_by_fkey FOREIGN KEY (assigned_by) REFERENCES public.users(id);


--
-- Name: review_assignments review_assignments_org_id_fkey; Type: FK CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.review_assignments
    ADD CONSTRAINT review_assignments_org_id_fkey FOREIGN KEY (org_id) REFERENCES public.organizations(id);


--
-- Name: review_assignments review_assignments_project_fk; Type: FK CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.review_assignments
    ADD CONSTRAINT review_assignments_project_fk FOREIGN KEY (project_id, union_path) REFERENCES public.projects(id, union_path) ON UPDATE CASCADE;


--
-- Name: review_assignments review_assignments_reviewer_id_fkey; Type: FK CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.review_assignments
    ADD CONSTRAINT review_assignments_reviewer_id_fkey FOREIGN KEY (reviewer_id) REFERENCES public.users(id);


--
-- Name: review_scores review_scores_assignment_id_fkey; Type: FK CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.review_scores
    ADD CONSTRAINT review_scores_assignment_id_fkey FOREIGN KEY (assignment_id, reviewer_id) REFERENCES public.review_assignments(id, reviewer_id) ON UPDATE CASCADE ON DELETE CASCADE;


--
-- Name: review_scores review_scores_indicator_id_fkey; Type: FK CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.review_scores
    ADD CONSTRAINT review_scores_indicator_id_fkey FOREIGN KEY (indicator_id) REFERENCES public.indicators(id);


--
-- Name: reviewer_links reviewer_links_created_by_fkey; Type: FK CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.reviewer_links
    ADD CONSTRAINT reviewer_links_created_by_fkey FOREIGN KEY (created_by) REFERENCES public.users(id);


--
-- Name: reviewer_links reviewer_links_org_id_fkey; Type: FK CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.reviewer_links
    ADD CONSTRAINT reviewer_links_org_id_fkey FOREIGN KEY (org_id) REFERENCES public.organizations(id);


--
-- Name: reviewer_links reviewer_links_reviewer_id_fkey; Type: FK CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.reviewer_links
    ADD CONSTRAINT reviewer_links_reviewer_id_fkey FOREIGN KEY (reviewer_id) REFERENCES public.users(id);


--
-- Name: service_sites service_sites_created_by_fkey; Type: FK CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.service_sites
    ADD CONSTRAINT service_sites_created_by_fkey FOREIGN KEY (created_by) REFERENCES public.users(id);


--
-- Name: service_sites service_sites_operator_org_id_fkey; Type: FK CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.service_sites
    ADD CONSTRAINT service_sites_operator_org_id_fkey FOREIGN KEY (operator_org_id) REFERENCES public.organizations(id);


--
-- Name: service_sites service_sites_union_fk; Type: FK CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.service_sites
    ADD CONSTRAINT service_sites_union_fk FOREIGN KEY (union_id, union_path) REFERENCES public.unions(id, path) ON UPDATE CASCADE;


--
-- Name: sessions sessions_user_id_fkey; Type: FK CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.sessions
    ADD CONSTRAINT sessions_user_id_fkey FOREIGN KEY (user_id) REFERENCES public.users(id) ON DELETE CASCADE;


--
-- Name: site_visits site_visits_contract_id_fkey; Type: FK CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.site_visits
    ADD CONSTRAINT site_visits_contract_id_fkey FOREIGN KEY (contract_id) REFERENCES public.contracts(id);


--
-- Name: site_visits site_visits_created_by_fkey; Type: FK CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.site_visits
    ADD CONSTRAINT site_visits_created_by_fkey FOREIGN KEY (created_by) REFERENCES public.users(id);


--
-- Name: stats_months stats_months_union_id_fkey; Type: FK CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.stats_months
    ADD CONSTRAINT stats_months_union_id_fkey FOREIGN KEY (union_id) REFERENCES public.unions(id) ON DELETE CASCADE;


--
-- Name: stats_snapshots stats_snapshots_union_id_fkey; Type: FK CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.stats_snapshots
    ADD CONSTRAINT stats_snapshots_union_id_fkey FOREIGN KEY (union_id) REFERENCES public.unions(id) ON DELETE CASCADE;


--
-- Name: training_attendees training_attendees_training_fk; Type: FK CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.training_attendees
    ADD CONSTRAINT training_attendees_training_fk FOREIGN KEY (training_id, union_path) REFERENCES public.trainings(id, union_path) ON UPDATE CASCADE ON DELETE CASCADE;


--
-- Name: training_attendees training_attendees_user_id_fkey; Type: FK CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.training_attendees
    ADD CONSTRAINT training_attendees_user_id_fkey FOREIGN KEY (user_id) REFERENCES public.users(id);


--
-- Name: trainings trainings_created_by_fkey; Type: FK CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.trainings
    ADD CONSTRAINT trainings_created_by_fkey FOREIGN KEY (created_by) REFERENCES public.users(id);


--
-- Name: trainings trainings_union_fk; Type: FK CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.trainings
    ADD CONSTRAINT trainings_union_fk FOREIGN KEY (union_id, union_path) REFERENCES public.unions(id, path) ON UPDATE CASCADE;


--
-- Name: unions unions_parent_id_fkey; Type: FK CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.unions
    ADD CONSTRAINT unions_parent_id_fkey FOREIGN KEY (parent_id) REFERENCES public.unions(id);


--
-- Name: users users_org_fk; Type: FK CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.users
    ADD CONSTRAINT users_org_fk FOREIGN KEY (org_id) REFERENCES public.organizations(id);


--
-- Name: users users_union_fk; Type: FK CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.users
    ADD CONSTRAINT users_union_fk FOREIGN KEY (union_id, union_path) REFERENCES public.unions(id, path) ON UPDATE CASCADE;


--
-- Name: work_system_staff work_system_staff_created_by_fkey; Type: FK CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.work_system_staff
    ADD CONSTRAINT work_system_staff_created_by_fkey FOREIGN KEY (created_by) REFERENCES public.users(id);


--
-- Name: work_system_staff work_system_staff_union_fk; Type: FK CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.work_system_staff
    ADD CONSTRAINT work_system_staff_union_fk FOREIGN KEY (union_id, union_path) REFERENCES public.unions(id, path) ON UPDATE CASCADE;


--
-- Name: work_system_staff work_system_staff_user_id_fkey; Type: FK CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.work_system_staff
    ADD CONSTRAINT work_system_staff_user_id_fkey FOREIGN KEY (user_id) REFERENCES public.users(id);


--
-- Name: work_systems work_systems_union_fk; Type: FK CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.work_systems
    ADD CONSTRAINT work_systems_union_fk FOREIGN KEY (union_id, union_path) REFERENCES public.unions(id, path) ON UPDATE CASCADE;


--
-- Name: work_systems work_systems_updated_by_fkey; Type: FK CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.work_systems
    ADD CONSTRAINT work_systems_updated_by_fkey FOREIGN KEY (updated_by) REFERENCES public.users(id);


--
-- Name: work_years work_years_union_fk; Type: FK CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.work_years
    ADD CONSTRAINT work_years_union_fk FOREIGN KEY (union_id, union_path) REFERENCES public.unions(id, path) ON UPDATE CASCADE;


--
-- Name: applications; Type: ROW SECURITY; Schema: public; Owner: -
--

ALTER TABLE public.applications ENABLE ROW LEVEL SECURITY;

--
-- Name: applications applications_decided_in_scope; Type: POLICY; Schema: public; Owner: -
--

CREATE POLICY applications_decided_in_scope ON public.applications FOR UPDATE USING ((union_path OPERATOR(public.<@) public.actor_scope())) WITH CHECK ((union_path OPERATOR(public.<@) public.actor_scope()));


--
-- Name: applications applications_in_scope; Type: POLICY; Schema: public; Owner: -
--

CREATE POLICY applications_in_scope ON public.applications FOR SELECT USING ((union_path OPERATOR(public.<@) public.actor_scope()));


--
-- Name: applications applications_own_insert; Type: POLICY; Schema: public; Owner: -
--

CREATE POLICY applications_own_insert ON public.applications FOR INSERT WITH CHECK (((org_id = ( SELECT public.actor_org_id() AS actor_org_id)) AND (EXISTS ( SELECT 1
   FROM (public.projects p
     JOIN public.organizations o ON ((o.id = ( SELECT public.actor_org_id() AS actor_org_id))))
  WHERE ((p.id = applications.project_id) AND (p.status = 'open'::text) AND (o.union_path OPERATOR(public.<@) p.union_path))))));


--
-- Name: applications applications_own_read; Type: POLICY; Schema: public; Owner: -
--

CREATE POLICY applications_own_read ON public.applications FOR SELECT USING ((org_id = ( SELECT public.actor_org_id() AS actor_org_id)));


--
-- Name: applications applications_own_update; Type: POLICY; Schema: public; Owner: -
--

CREATE POLICY applications_own_update ON public.applications FOR UPDATE USING ((org_id = ( SELECT public.actor_org_id() AS actor_org_id))) WITH CHECK ((org_id = ( SELECT public.actor_org_id() AS actor_org_id)));


--
-- Name: applications applications_partners; Type: POLICY; Schema: public; Owner: -
--

CREATE POLICY applications_partners ON public.applications FOR SELECT USING (((public.actor_scope() IS NULL) AND (public.actor_user_id() IS NOT NULL) AND public.application_seen_by_partner(id)));


--
-- Name: audit_log; Type: ROW SECURITY; Schema: public; Owner: -
--

ALTER TABLE public.audit_log ENABLE ROW LEVEL SECURITY;

--
-- Name: audit_log audit_log_insert; Type: POLICY; Schema: public; Owner: -
--

CREATE POLICY audit_log_insert ON public.audit_log FOR INSERT WITH CHECK (((actor_id = public.actor_user_id()) AND
CASE
    WHEN (public.actor_scope() IS NOT NULL) THEN (union_path OPERATOR(public.<@) public.actor_scope())
    ELSE (union_path OPERATOR(public.=) ( SELECT u.union_path
       FROM public.users u
      WHERE (u.id = public.actor_user_id())))
END));


--
-- Name: audit_log audit_log_read; Type: POLICY; Schema: public; Owner: -
--

CREATE POLICY audit_log_read ON public.audit_log FOR SELECT USING (((union_path OPERATOR(public.~) ((('*.'::text || (public.subpath(( SELECT public.actor_scope() AS actor_scope), '-1'::integer))::text) || '.*'::text))::public.lquery) OR ((union_path IS NULL) AND (public.nlevel(( SELECT public.actor_scope() AS actor_scope)) = 1)) OR (union_id IN ( SELECT u.id
   FROM public.unions u
  WHERE (u.path OPERATOR(public.<@) ( SELECT public.actor_scope() AS actor_scope))))));


--
-- Name: calendar_feeds; Type: ROW SECURITY; Schema: public; Owner: -
--

ALTER TABLE public.calendar_feeds ENABLE ROW LEVEL SECURITY;

--
-- Name: calendar_feeds calendar_feeds_own; Type: POLICY; Schema: public; Owner: -
--

CREATE POLICY calendar_feeds_own ON public.calendar_feeds USING ((user_id = ( SELECT public.actor_user_id() AS actor_user_id))) WITH CHECK ((user_id = ( SELECT public.actor_user_id() AS actor_user_id)));


--
-- Name: contract_installments; Type: ROW SECURITY; Schema: public; Owner: -
--

ALTER TABLE public.contract_installments ENABLE ROW LEVEL SECURITY;

--
-- Name: contract_installments contract_installments_in_scope; Type: POLICY; Schema: public; Owner: -
--

CREATE POLICY contract_installments_in_scope ON public.contract_installments USING ((union_path OPERATOR(public.<@) public.actor_scope())) WITH CHECK ((union_path OPERATOR(public.<@) public.actor_scope()));


--
-- Name: contract_installments contract_installments_readers; Type: POLICY; Schema: public; Owner: -
--

CREATE POLICY contract_installments_readers ON public.contract_installments FOR SELECT USING ((EXISTS ( SELECT 1
   FROM public.contracts c
  WHERE (c.id = contract_installments.contract_id))));


--
-- Name: contracts; Type: ROW SECURITY; Schema: public; Owner: -
--

ALTER TABLE public.contracts ENABLE ROW LEVEL SECURITY;

--
-- Name: contracts contracts_in_scope; Type: POLICY; Schema: public; Owner: -
--

CREATE POLICY contracts_in_scope ON public.contracts USING ((union_path OPERATOR(public.<@) public.actor_scope())) WITH CHECK ((union_path OPERATOR(public.<@) public.actor_scope()));


--
-- Name: contracts contracts_own_org; Type: POLICY; Schema: public; Owner: -
--

CREATE POLICY contracts_own_org ON public.contracts FOR SELECT USING ((org_id = public.actor_org_id()));


--
-- Name: contracts contracts_supervised; Type: POLICY; Schema: public; Owner: -
--

CREATE POLICY contracts_supervised ON public.contracts FOR SELECT USING ((supervisor_id = public.actor_user_id()));


--
-- Name: evaluation_results; Type: ROW SECURITY; Schema: public; Owner: -
--

ALTER TABLE public.evaluation_results ENABLE ROW LEVEL SECURITY;

--
-- Name: evaluation_results evaluation_results_in_scope; Type: POLICY; Schema: public; Owner: -
--

CREATE POLICY evaluation_results_in_scope ON public.evaluation_results USING ((union_path OPERATOR(public.<@) public.actor_scope())) WITH CHECK ((union_path OPERATOR(public.<@) public.actor_scope()));


--
-- Name: evaluation_results evaluation_results_own_org; Type: POLICY; Schema: public; Owner: -
--

CREATE POLICY evaluation_results_own_org ON public.evaluation_results FOR SELECT USING ((org_id = public.actor_org_id()));


--
-- Name: evaluation_results evaluation_results_supervised_read; Type: POLICY; Schema: public; Owner: -
--

CREATE POLICY evaluation_results_supervised_read ON public.evaluation_results FOR SELECT USING ((supervisor_id = ( SELECT public.actor_user_id() AS actor_user_id)));


--
-- Name: evaluation_scores; Type: ROW SECURITY; Schema: public; Owner: -
--

ALTER TABLE public.evaluation_scores ENABLE ROW LEVEL SECURITY;

--
-- Name: evaluation_scores evaluation_scores_in_scope; Type: POLICY; Schema: public; Owner: -
--

CREATE POLICY evaluation_scores_in_scope ON public.evaluation_scores USING ((union_path OPERATOR(public.<@) public.actor_scope())) WITH CHECK ((union_path OPERATOR(public.<@) public.actor_scope()));


--
-- Name: evaluation_scores evaluation_scores_supervised; Type: POLICY; Schema: public; Owner: -
--

CREATE POLICY evaluation_scores_supervised ON public.evaluation_scores USING ((supervisor_id = ( SELECT public.actor_user_id() AS actor_user_id))) WITH CHECK (((supervisor_id = ( SELECT public.actor_user_id() AS actor_user_id)) AND (EXISTS ( SELECT 1
   FROM public.evaluation_sheets s
  WHERE ((s.id = evaluation_scores.sheet_id) AND (s.supervisor_id = ( SELECT public.actor_user_id() AS actor_user_id)) AND (s.union_path OPERATOR(public.=) evaluation_scores.union_path))))));


--
-- Name: evaluation_sheets; Type: ROW SECURITY; Schema: public; Owner: -
--

ALTER TABLE public.evaluation_sheets ENABLE ROW LEVEL SECURITY;

--
-- Name: evaluation_sheets evaluation_sheets_in_scope; Type: POLICY; Schema: public; Owner: -
--

CREATE POLICY evaluation_sheets_in_scope ON public.evaluation_sheets USING ((union_path OPERATOR(public.<@) public.actor_scope())) WITH CHECK ((union_path OPERATOR(public.<@) public.actor_scope()));


--
-- Name: evaluation_sheets evaluation_sheets_supervised; Type: POLICY; Schema: public; Owner: -
--

CREATE POLICY evaluation_sheets_supervised ON public.evaluation_sheets USING ((supervisor_id = ( SELECT public.actor_user_id() AS actor_user_id))) WITH CHECK (((supervisor_id = ( SELECT public.actor_user_id() AS actor_user_id)) AND (EXISTS ( SELECT 1
   FROM public.evaluations e
  WHERE ((e.id = evaluation_sheets.evaluation_id) AND (e.supervisor_id = ( SELECT public.actor_user_id() AS actor_user_id)) AND (e.union_path OPERATOR(public.=) evaluation_sheets.union_path))))));


--
-- Name: evaluations; Type: ROW SECURITY; Schema: public; Owner: -
--

ALTER TABLE public.evaluations ENABLE ROW LEVEL SECURITY;

--
-- Name: evaluations evaluations_in_scope; Type: POLICY; Schema: public; Owner: -
--

CREATE POLICY evaluations_in_scope ON public.evaluations USING ((union_path OPERATOR(public.<@) public.actor_scope())) WITH CHECK ((union_path OPERATOR(public.<@) public.actor_scope()));


--
-- Name: evaluations evaluations_own_org_final; Type: POLICY; Schema: public; Owner: -
--

CREATE POLICY evaluations_own_org_final ON public.evaluations FOR SELECT USING (((org_id = public.actor_org_id()) AND (status = 'final'::text)));


--
-- Name: evaluations evaluations_supervised; Type: POLICY; Schema: public; Owner: -
--

CREATE POLICY evaluations_supervised ON public.evaluations USING ((supervisor_id = ( SELECT public.actor_user_id() AS actor_user_id))) WITH CHECK (((supervisor_id = ( SELECT public.actor_user_id() AS actor_user_id)) AND public.contract_supervised_as(contract_id, union_path, org_id)));


--
-- Name: experience_links; Type: ROW SECURITY; Schema: public; Owner: -
--

ALTER TABLE public.experience_links ENABLE ROW LEVEL SECURITY;

--
-- Name: experience_links experience_links_in_scope; Type: POLICY; Schema: public; Owner: -
--

CREATE POLICY experience_links_in_scope ON public.experience_links USING ((union_path OPERATOR(public.<@) ( SELECT public.actor_scope() AS actor_scope))) WITH CHECK ((union_path OPERATOR(public.<@) ( SELECT public.actor_scope() AS actor_scope)));


--
-- Name: experience_links experience_links_with_experience; Type: POLICY; Schema: public; Owner: -
--

CREATE POLICY experience_links_with_experience ON public.experience_links FOR SELECT USING ((EXISTS ( SELECT 1
   FROM public.experiences e
  WHERE (e.id = experience_links.experience_id))));


--
-- Name: experiences; Type: ROW SECURITY; Schema: public; Owner: -
--

ALTER TABLE public.experiences ENABLE ROW LEVEL SECURITY;

--
-- Name: experiences experiences_featured; Type: POLICY; Schema: public; Owner: -
--

CREATE POLICY experiences_featured ON public.experiences FOR SELECT USING ((featured AND (status = 'published'::text) AND (( SELECT public.actor_scope() AS actor_scope) IS NOT NULL)));


--
-- Name: experiences experiences_in_scope; Type: POLICY; Schema: public; Owner: -
--

CREATE POLICY experiences_in_scope ON public.experiences USING ((union_path OPERATOR(public.<@) ( SELECT public.actor_scope() AS actor_scope))) WITH CHECK ((union_path OPERATOR(public.<@) ( SELECT public.actor_scope() AS actor_scope)));


--
-- Name: federation_members; Type: ROW SECURITY; Schema: public; Owner: -
--

ALTER TABLE public.federation_members ENABLE ROW LEVEL SECURITY;

--
-- Name: federation_members federation_members_home_union; Type: POLICY; Schema: public; Owner: -
--

CREATE POLICY federation_members_home_union ON public.federation_members FOR SELECT USING ((org_union_path OPERATOR(public.<@) ( SELECT public.actor_scope() AS actor_scope)));


--
-- Name: federation_members federation_members_in_scope; Type: POLICY; Schema: public; Owner: -
--

CREATE POLICY federation_members_in_scope ON public.federation_members USING ((union_path OPERATOR(public.<@) ( SELECT public.actor_scope() AS actor_scope))) WITH CHECK ((union_path OPERATOR(public.<@) ( SELECT public.actor_scope() AS actor_scope)));


--
-- Name: federation_members federation_members_own_org; Type: POLICY; Schema: public; Owner: -
--

CREATE POLICY federation_members_own_org ON public.federation_members FOR SELECT USING ((org_id = ( SELECT public.actor_org_id() AS actor_org_id)));


--
-- Name: federation_partners; Type: ROW SECURITY; Schema: public; Owner: -
--

ALTER TABLE public.federation_partners ENABLE ROW LEVEL SECURITY;

--
-- Name: federation_partners federation_partners_in_scope; Type: POLICY; Schema: public; Owner: -
--

CREATE POLICY federation_partners_in_scope ON public.federation_partners USING ((union_path OPERATOR(public.<@) ( SELECT public.actor_scope() AS actor_scope))) WITH CHECK ((union_path OPERATOR(public.<@) ( SELECT public.actor_scope() AS actor_scope)));


--
-- Name: federations; Type: ROW SECURITY; Schema: public; Owner: -
--

ALTER TABLE public.federations ENABLE ROW LEVEL SECURITY;

--
-- Name: federations federations_in_scope; Type: POLICY; Schema: public; Owner: -
--

CREATE POLICY federations_in_scope ON public.federations USING ((union_path OPERATOR(public.<@) ( SELECT public.actor_scope() AS actor_scope))) WITH CHECK ((union_path OPERATOR(public.<@) ( SELECT public.actor_scope() AS actor_scope)));


--
-- Name: files; Type: ROW SECURITY; Schema: public; Owner: -
--

ALTER TABLE public.files ENABLE ROW LEVEL SECURITY;

--
-- Name: files files_experience_photos; Type: POLICY; Schema: public; Owner: -
--

CREATE POLICY files_experience_photos ON public.files FOR SELECT USING (((owner_kind = 'experience_photo'::text) AND (EXISTS ( SELECT 1
   FROM public.experiences e
  WHERE (e.id = files.owner_id)))));


--
-- Name: files files_in_scope; Type: POLICY; Schema: public; Owner: -
--

CREATE POLICY files_in_scope ON public.files USING ((union_path OPERATOR(public.<@) public.actor_scope())) WITH CHECK ((union_path OPERATOR(public.<@) public.actor_scope()));


--
-- Name: files files_own_org; Type: POLICY; Schema: public; Owner: -
--

CREATE POLICY files_own_org ON public.files USING ((org_id = ( SELECT public.actor_org_id() AS actor_org_id))) WITH CHECK (((org_id = ( SELECT public.actor_org_id() AS actor_org_id)) AND public.file_owner_is_actors_org(owner_kind, owner_id, union_path)));


--
-- Name: files files_project_documents; Type: POLICY; Schema: public; Owner: -
--

CREATE POLICY files_project_documents ON public.files FOR SELECT USING (((owner_kind = 'project_document'::text) AND (EXISTS ( SELECT 1
   FROM public.projects p
  WHERE (p.id = files.owner_id)))));


--
-- Name: files files_supervised; Type: POLICY; Schema: public; Owner: -
--

CREATE POLICY files_supervised ON public.files FOR SELECT USING (((public.actor_scope() IS NULL) AND (public.actor_user_id() IS NOT NULL) AND public.file_supervised_by_actor(owner_kind, owner_id)));


--
-- Name: files files_supervisor_visits; Type: POLICY; Schema: public; Owner: -
--

CREATE POLICY files_supervisor_visits ON public.files FOR INSERT WITH CHECK (((owner_kind = 'site_visit'::text) AND (org_id IS NULL) AND (EXISTS ( SELECT 1
   FROM public.site_visits v
  WHERE ((v.id = files.owner_id) AND (v.supervisor_id = public.actor_user_id()) AND (v.union_path OPERATOR(public.=) files.union_path))))));


--
-- Name: form_submissions; Type: ROW SECURITY; Schema: public; Owner: -
--

ALTER TABLE public.form_submissions ENABLE ROW LEVEL SECURITY;

--
-- Name: form_submissions form_submissions_own; Type: POLICY; Schema: public; Owner: -
--

CREATE POLICY form_submissions_own ON public.form_submissions USING ((user_id = ( SELECT public.actor_user_id() AS actor_user_id))) WITH CHECK ((user_id = ( SELECT public.actor_user_id() AS actor_user_id)));


--
-- Name: indicator_systems; Type: ROW SECURITY; Schema: public; Owner: -
--

ALTER TABLE public.indicator_systems ENABLE ROW LEVEL SECURITY;

--
-- Name: indicator_systems indicator_systems_delete; Type: POLICY; Schema: public; Owner: -
--

CREATE POLICY indicator_systems_delete ON public.indicator_systems FOR DELETE USING (((union_path OPERATOR(public.<@) public.actor_scope()) AND (status = 'draft'::text)));


--
-- Name: indicator_systems indicator_systems_read; Type: POLICY; Schema: public; Owner: -
--

CREATE POLICY indicator_systems_read ON public.indicator_systems FOR SELECT USING (((status <> 'draft'::text) OR (union_path OPERATOR(public.<@) public.actor_scope())));


--
-- Name: indicator_systems indicator_systems_update; Type: POLICY; Schema: public; Owner: -
--

CREATE POLICY indicator_systems_update ON public.indicator_systems FOR UPDATE USING ((union_path OPERATOR(public.<@) public.actor_scope())) WITH CHECK ((union_path OPERATOR(public.<@) public.actor_scope()));


--
-- Name: indicator_systems indicator_systems_write; Type: POLICY; Schema: public; Owner: -
--

CREATE POLICY indicator_systems_write ON public.indicator_systems FOR INSERT WITH CHECK ((union_path OPERATOR(public.<@) public.actor_scope()));


--
-- Name: indicators; Type: ROW SECURITY; Schema: public; Owner: -
--

ALTER TABLE public.indicators ENABLE ROW LEVEL SECURITY;

--
-- Name: indicators indicators_read; Type: POLICY; Schema: public; Owner: -
--

CREATE POLICY indicators_read ON public.indicators FOR SELECT USING ((EXISTS ( SELECT 1
   FROM public.indicator_systems s
  WHERE (s.id = indicators.system_id))));


--
-- Name: indicators indicators_write; Type: POLICY; Schema: public; Owner: -
--

CREATE POLICY indicators_write ON public.indicators USING ((EXISTS ( SELECT 1
   FROM public.indicator_systems s
  WHERE ((s.id = indicators.system_id) AND (s.union_path OPERATOR(public.<@) public.actor_scope()))))) WITH CHECK ((EXISTS ( SELECT 1
   FROM public.indicator_systems s
  WHERE ((s.id = indicators.system_id) AND (s.union_path OPERATOR(public.<@) public.actor_scope())))));


--
-- Name: meeting_actions; Type: ROW SECURITY; Schema: public; Owner: -
--

ALTER TABLE public.meeting_actions ENABLE ROW LEVEL SECURITY;

--
-- Name: meeting_actions meeting_actions_in_scope; Type: POLICY; Schema: public; Owner: -
--

CREATE POLICY meeting_actions_in_scope ON public.meeting_actions USING ((union_path OPERATOR(public.<@) ( SELECT public.actor_scope() AS actor_scope))) WITH CHECK ((union_path OPERATOR(public.<@) ( SELECT public.actor_scope() AS actor_scope)));


--
-- Name: meeting_actions meeting_actions_responsible_read; Type: POLICY; Schema: public; Owner: -
--

CREATE POLICY meeting_actions_responsible_read ON public.meeting_actions FOR SELECT USING ((responsible_user_id = ( SELECT public.actor_user_id() AS actor_user_id)));


--
-- Name: meeting_actions meeting_actions_responsible_update; Type: POLICY; Schema: public; Owner: -
--

CREATE POLICY meeting_actions_responsible_update ON public.meeting_actions FOR UPDATE USING ((responsible_user_id = ( SELECT public.actor_user_id() AS actor_user_id))) WITH CHECK ((responsible_user_id = ( SELECT public.actor_user_id() AS actor_user_id)));


--
-- Name: meeting_invitations; Type: ROW SECURITY; Schema: public; Owner: -
--

ALTER TABLE public.meeting_invitations ENABLE ROW LEVEL SECURITY;

--
-- Name: meeting_invitations meeting_invitations_in_scope; Type: POLICY; Schema: public; Owner: -
--

CREATE POLICY meeting_invitations_in_scope ON public.meeting_invitations USING ((union_path OPERATOR(public.<@) ( SELECT public.actor_scope() AS actor_scope))) WITH CHECK ((union_path OPERATOR(public.<@) ( SELECT public.actor_scope() AS actor_scope)));


--
-- Name: meeting_invitations meeting_invitations_own_read; Type: POLICY; Schema: public; Owner: -
--

CREATE POLICY meeting_invitations_own_read ON public.meeting_invitations FOR SELECT USING ((org_id = ( SELECT public.actor_org_id() AS actor_org_id)));


--
-- Name: meeting_invitations meeting_invitations_own_update; Type: POLICY; Schema: public; Owner: -
--

CREATE POLICY meeting_invitations_own_update ON public.meeting_invitations FOR UPDATE USING ((org_id = ( SELECT public.actor_org_id() AS actor_org_id))) WITH CHECK ((org_id = ( SELECT public.actor_org_id() AS actor_org_id)));


--
-- Name: meetings; Type: ROW SECURITY; Schema: public; Owner: -
--

ALTER TABLE public.meetings ENABLE ROW LEVEL SECURITY;

--
-- Name: meetings meetings_in_scope; Type: POLICY; Schema: public; Owner: -
--

CREATE POLICY meetings_in_scope ON public.meetings USING ((union_path OPERATOR(public.<@) ( SELECT public.actor_scope() AS actor_scope))) WITH CHECK ((union_path OPERATOR(public.<@) ( SELECT public.actor_scope() AS actor_scope)));


--
-- Name: meetings meetings_invited; Type: POLICY; Schema: public; Owner: -
--

CREATE POLICY meetings_invited ON public.meetings FOR SELECT USING ((EXISTS ( SELECT 1
   FROM public.meeting_invitations i
  WHERE ((i.meeting_id = meetings.id) AND (i.org_id = ( SELECT public.actor_org_id() AS actor_org_id))))));


--
-- Name: meetings meetings_of_responsible; Type: POLICY; Schema: public; Owner: -
--

CREATE POLICY meetings_of_responsible ON public.meetings FOR SELECT USING ((EXISTS ( SELECT 1
   FROM public.meeting_actions a
  WHERE ((a.meeting_id = meetings.id) AND (a.responsible_user_id = ( SELECT public.actor_user_id() AS actor_user_id))))));


--
-- Name: needs; Type: ROW SECURITY; Schema: public; Owner: -
--

ALTER TABLE public.needs ENABLE ROW LEVEL SECURITY;

--
-- Name: needs needs_in_scope; Type: POLICY; Schema: public; Owner: -
--

CREATE POLICY needs_in_scope ON public.needs USING ((union_path OPERATOR(public.<@) public.actor_scope())) WITH CHECK ((union_path OPERATOR(public.<@) public.actor_scope()));


--
-- Name: notifications; Type: ROW SECURITY; Schema: public; Owner: -
--

ALTER TABLE public.notifications ENABLE ROW LEVEL SECURITY;

--
-- Name: notifications notifications_in_scope; Type: POLICY; Schema: public; Owner: -
--

CREATE POLICY notifications_in_scope ON public.notifications FOR INSERT WITH CHECK ((union_path OPERATOR(public.<@) public.actor_scope()));


--
-- Name: notifications notifications_own_insert; Type: POLICY; Schema: public; Owner: -
--

CREATE POLICY notifications_own_insert ON public.notifications FOR INSERT WITH CHECK (((org_id = ( SELECT public.actor_org_id() AS actor_org_id)) AND (EXISTS ( SELECT 1
   FROM public.applications a
  WHERE ((a.org_id = ( SELECT public.actor_org_id() AS actor_org_id)) AND (a.project_id = notifications.project_id) AND (a.union_path OPERATOR(public.=) notifications.union_path))))));


--
-- Name: notifications notifications_own_read; Type: POLICY; Schema: public; Owner: -
--

CREATE POLICY notifications_own_read ON public.notifications FOR SELECT USING ((org_id = ( SELECT public.actor_org_id() AS actor_org_id)));


--
-- Name: notifications notifications_own_update; Type: POLICY; Schema: public; Owner: -
--

CREATE POLICY notifications_own_update ON public.notifications FOR UPDATE USING ((org_id = ( SELECT public.actor_org_id() AS actor_org_id))) WITH CHECK ((org_id = ( SELECT public.actor_org_id() AS actor_org_id)));


--
-- Name: notifications notifications_sent_in_scope; Type: POLICY; Schema: public; Owner: -
--

CREATE POLICY notifications_sent_in_scope ON public.notifications FOR SELECT USING ((union_path OPERATOR(public.<@) public.actor_scope()));


--
-- Name: org_imports; Type: ROW SECURITY; Schema: public; Owner: -
--

ALTER TABLE public.org_imports ENABLE ROW LEVEL SECURITY;

--
-- Name: org_imports org_imports_own; Type: POLICY; Schema: public; Owner: -
--

CREATE POLICY org_imports_own ON public.org_imports USING (((user_id = public.actor_user_id()) AND (union_path OPERATOR(public.<@) public.actor_scope()))) WITH CHECK (((user_id = public.actor_user_id()) AND (union_path OPERATOR(public.<@) public.actor_scope())));


--
-- Name: organization_contacts; Type: ROW SECURITY; Schema: public; Owner: -
--

ALTER TABLE public.organization_contacts ENABLE ROW LEVEL SECURITY;

--
-- Name: organization_contacts organization_contacts_delete_only_meetings; Type: POLICY; Schema: public; Owner: -
--

CREATE POLICY organization_contacts_delete_only_meetings ON public.organization_contacts AS RESTRICTIVE FOR DELETE USING ((meeting_id IS NOT NULL));


--
-- Name: organization_contacts organization_contacts_in_scope; Type: POLICY; Schema: public; Owner: -
--

CREATE POLICY organization_contacts_in_scope ON public.organization_contacts USING ((union_path OPERATOR(public.<@) public.actor_scope())) WITH CHECK ((union_path OPERATOR(public.<@) public.actor_scope()));


--
-- Name: organization_ratings; Type: ROW SECURITY; Schema: public; Owner: -
--

ALTER TABLE public.organization_ratings ENABLE ROW LEVEL SECURITY;

--
-- Name: organization_ratings organization_ratings_in_scope; Type: POLICY; Schema: public; Owner: -
--

CREATE POLICY organization_ratings_in_scope ON public.organization_ratings USING ((union_path OPERATOR(public.<@) public.actor_scope())) WITH CHECK ((union_path OPERATOR(public.<@) public.actor_scope()));


--
-- Name: organization_ratings organization_ratings_own; Type: POLICY; Schema: public; Owner: -
--

CREATE POLICY organization_ratings_own ON public.organization_ratings FOR SELECT USING ((org_id = public.actor_org_id()));


--
-- Name: organization_union_building; Type: ROW SECURITY; Schema: public; Owner: -
--

ALTER TABLE public.organization_union_building ENABLE ROW LEVEL SECURITY;

--
-- Name: organization_union_building organization_union_building_in_scope; Type: POLICY; Schema: public; Owner: -
--

CREATE POLICY organization_union_building_in_scope ON public.organization_union_building USING ((union_path OPERATOR(public.<@) public.actor_scope())) WITH CHECK ((union_path OPERATOR(public.<@) public.actor_scope()));


--
-- Name: organization_union_building organization_union_building_own; Type: POLICY; Schema: public; Owner: -
--

CREATE POLICY organization_union_building_own ON public.organization_union_building FOR SELECT USING ((org_id = public.actor_org_id()));


--
-- Name: organizations; Type: ROW SECURITY; Schema: public; Owner: -
--

ALTER TABLE public.organizations ENABLE ROW LEVEL SECURITY;

--
-- Name: organizations organizations_in_scope; Type: POLICY; Schema: public; Owner: -
--

CREATE POLICY organizations_in_scope ON public.organizations USING (
CASE public.nlevel(( SELECT public.actor_scope() AS actor_scope))
    WHEN 2 THEN (province = (( SELECT public.actor_scope() AS actor_scope))::text)
    WHEN 3 THEN (prefecture = (( SELECT public.actor_scope() AS actor_scope))::text)
    ELSE (union_path OPERATOR(public.<@) ( SELECT public.actor_scope() AS actor_scope))
END) WITH CHECK ((union_path OPERATOR(public.<@) ( SELECT public.actor_scope() AS actor_scope)));


--
-- Name: organizations organizations_own_read; Type: POLICY; Schema: public; Owner: -
--

CREATE POLICY organizations_own_read ON public.organizations FOR SELECT USING ((id = public.actor_org_id()));


--
-- Name: organizations organizations_own_update; Type: POLICY; Schema: public; Owner: -
--

CREATE POLICY organizations_own_update ON public.organizations FOR UPDATE USING ((id = public.actor_org_id())) WITH CHECK ((id = public.actor_org_id()));


--
-- Name: partner_projects; Type: ROW SECURITY; Schema: public; Owner: -
--

ALTER TABLE public.partner_projects ENABLE ROW LEVEL SECURITY;

--
-- Name: partner_projects partner_projects_in_scope; Type: POLICY; Schema: public; Owner: -
--

CREATE POLICY partner_projects_in_scope ON public.partner_projects USING ((union_path OPERATOR(public.<@) ( SELECT public.actor_scope() AS actor_scope))) WITH CHECK ((union_path OPERATOR(public.<@) ( SELECT public.actor_scope() AS actor_scope)));


--
-- Name: partners; Type: ROW SECURITY; Schema: public; Owner: -
--

ALTER TABLE public.partners ENABLE ROW LEVEL SECURITY;

--
-- Name: partners partners_in_scope; Type: POLICY; Schema: public; Owner: -
--

CREATE POLICY partners_in_scope ON public.partners USING ((union_path OPERATOR(public.<@) ( SELECT public.actor_scope() AS actor_scope))) WITH CHECK ((union_path OPERATOR(public.<@) ( SELECT public.actor_scope() AS actor_scope)));


--
-- Name: payments; Type: ROW SECURITY; Schema: public; Owner: -
--

ALTER TABLE public.payments ENABLE ROW LEVEL SECURITY;

--
-- Name: payments payments_in_scope; Type: POLICY; Schema: public; Owner: -
--

CREATE POLICY payments_in_scope ON public.payments USING ((union_path OPERATOR(public.<@) public.actor_scope())) WITH CHECK ((union_path OPERATOR(public.<@) public.actor_scope()));


--
-- Name: payments payments_own_org; Type: POLICY; Schema: public; Owner: -
--

CREATE POLICY payments_own_org ON public.payments FOR SELECT USING ((org_id = public.actor_org_id()));


--
-- Name: payments payments_supervised; Type: POLICY; Schema: public; Owner: -
--

CREATE POLICY payments_supervised ON public.payments FOR SELECT USING ((supervisor_id = public.actor_user_id()));


--
-- Name: pilot_milestones; Type: ROW SECURITY; Schema: public; Owner: -
--

ALTER TABLE public.pilot_milestones ENABLE ROW LEVEL SECURITY;

--
-- Name: pilot_milestones pilot_milestones_in_scope; Type: POLICY; Schema: public; Owner: -
--

CREATE POLICY pilot_milestones_in_scope ON public.pilot_milestones USING ((union_path OPERATOR(public.<@) ( SELECT public.actor_scope() AS actor_scope))) WITH CHECK ((union_path OPERATOR(public.<@) ( SELECT public.actor_scope() AS actor_scope)));


--
-- Name: pilot_notes; Type: ROW SECURITY; Schema: public; Owner: -
--

ALTER TABLE public.pilot_notes ENABLE ROW LEVEL SECURITY;

--
-- Name: pilot_notes pilot_notes_in_scope; Type: POLICY; Schema: public; Owner: -
--

CREATE POLICY pilot_notes_in_scope ON public.pilot_notes USING ((union_path OPERATOR(public.<@) ( SELECT public.actor_scope() AS actor_scope))) WITH CHECK ((union_path OPERATOR(public.<@) ( SELECT public.actor_scope() AS actor_scope)));


--
-- Name: pilots; Type: ROW SECURITY; Schema: public; Owner: -
--

ALTER TABLE public.pilots ENABLE ROW LEVEL SECURITY;

--
-- Name: pilots pilots_in_scope; Type: POLICY; Schema: public; Owner: -
--

CREATE POLICY pilots_in_scope ON public.pilots USING ((union_path OPERATOR(public.<@) ( SELECT public.actor_scope() AS actor_scope))) WITH CHECK ((union_path OPERATOR(public.<@) ( SELECT public.actor_scope() AS actor_scope)));


--
-- Name: project_closings; Type: ROW SECURITY; Schema: public; Owner: -
--

ALTER TABLE public.project_closings ENABLE ROW LEVEL SECURITY;

--
-- Name: project_closings project_closings_in_scope; Type: POLICY; Schema: public; Owner: -
--

CREATE POLICY project_closings_in_scope ON public.project_closings USING ((union_path OPERATOR(public.<@) public.actor_scope())) WITH CHECK ((union_path OPERATOR(public.<@) public.actor_scope()));


--
-- Name: project_closings project_closings_readers; Type: POLICY; Schema: public; Owner: -
--

CREATE POLICY project_closings_readers ON public.project_closings FOR SELECT USING ((EXISTS ( SELECT 1
   FROM public.projects p
  WHERE (p.id = project_closings.project_id))));


--
-- Name: project_events; Type: ROW SECURITY; Schema: public; Owner: -
--

ALTER TABLE public.project_events ENABLE ROW LEVEL SECURITY;

--
-- Name: project_events project_events_in_scope; Type: POLICY; Schema: public; Owner: -
--

CREATE POLICY project_events_in_scope ON public.project_events USING ((union_path OPERATOR(public.<@) public.actor_scope())) WITH CHECK ((union_path OPERATOR(public.<@) public.actor_scope()));


--
-- Name: projects; Type: ROW SECURITY; Schema: public; Owner: -
--

ALTER TABLE public.projects ENABLE ROW LEVEL SECURITY;

--
-- Name: projects projects_in_scope; Type: POLICY; Schema: public; Owner: -
--

CREATE POLICY projects_in_scope ON public.projects USING ((union_path OPERATOR(public.<@) ( SELECT public.actor_scope() AS actor_scope))) WITH CHECK ((union_path OPERATOR(public.<@) ( SELECT public.actor_scope() AS actor_scope)));


--
-- Name: projects projects_partners; Type: POLICY; Schema: public; Owner: -
--

CREATE POLICY projects_partners ON public.projects FOR SELECT USING (((( SELECT public.actor_scope() AS actor_scope) IS NULL) AND public.project_seen_by_partner(id, status, union_path)));


--
-- Name: rectification_events; Type: ROW SECURITY; Schema: public; Owner: -
--

ALTER TABLE public.rectification_events ENABLE ROW LEVEL SECURITY;

--
-- Name: rectification_events rectification_events_in_scope; Type: POLICY; Schema: public; Owner: -
--

CREATE POLICY rectification_events_in_scope ON public.rectification_events USING ((union_path OPERATOR(public.<@) public.actor_scope())) WITH CHECK ((union_path OPERATOR(public.<@) public.actor_scope()));


--
-- Name: rectification_events rectification_events_own_org; Type: POLICY; Schema: public; Owner: -
--

CREATE POLICY rectification_events_own_org ON public.rectification_events USING ((org_id = ( SELECT public.actor_org_id() AS actor_org_id))) WITH CHECK (((org_id = ( SELECT public.actor_org_id() AS actor_org_id)) AND (EXISTS ( SELECT 1
   FROM public.rectifications r
  WHERE ((r.id = rectification_events.rectification_id) AND (r.org_id = ( SELECT public.actor_org_id() AS actor_org_id)) AND (r.union_path OPERATOR(public.=) rectification_events.union_path) AND (NOT (r.supervisor_id IS DISTINCT FROM rectification_events.supervisor_id)))))));


--
-- Name: rectification_events rectification_events_supervised; Type: POLICY; Schema: public; Owner: -
--

CREATE POLICY rectification_events_supervised ON public.rectification_events USING ((supervisor_id = ( SELECT public.actor_user_id() AS actor_user_id))) WITH CHECK (((supervisor_id = ( SELECT public.actor_user_id() AS actor_user_id)) AND (EXISTS ( SELECT 1
   FROM public.rectifications r
  WHERE ((r.id = rectification_events.rectification_id) AND (r.supervisor_id = ( SELECT public.actor_user_id() AS actor_user_id)) AND (r.union_path OPERATOR(public.=) rectification_events.union_path) AND (r.org_id = rectification_events.org_id))))));


--
-- Name: rectifications; Type: ROW SECURITY; Schema: public; Owner: -
--

ALTER TABLE public.rectifications ENABLE ROW LEVEL SECURITY;

--
-- Name: rectifications rectifications_in_scope; Type: POLICY; Schema: public; Owner: -
--

CREATE POLICY rectifications_in_scope ON public.rectifications USING ((union_path OPERATOR(public.<@) public.actor_scope())) WITH CHECK ((union_path OPERATOR(public.<@) public.actor_scope()));


--
-- Name: rectifications rectifications_own_org_read; Type: POLICY; Schema: public; Owner: -
--

CREATE POLICY rectifications_own_org_read ON public.rectifications FOR SELECT USING ((org_id = ( SELECT public.actor_org_id() AS actor_org_id)));


--
-- Name: rectifications rectifications_own_org_update; Type: POLICY; Schema: public; Owner: -
--

CREATE POLICY rectifications_own_org_update ON public.rectifications FOR UPDATE USING ((org_id = ( SELECT public.actor_org_id() AS actor_org_id))) WITH CHECK ((org_id = ( SELECT public.actor_org_id() AS actor_org_id)));


--
-- Name: rectifications rectifications_supervised; Type: POLICY; Schema: public; Owner: -
--

CREATE POLICY rectifications_supervised ON public.rectifications USING ((supervisor_id = ( SELECT public.actor_user_id() AS actor_user_id))) WITH CHECK (((supervisor_id = ( SELECT public.actor_user_id() AS actor_user_id)) AND public.contract_supervised_as(contract_id, union_path, org_id)));


--
-- Name: report_versions; Type: ROW SECURITY; Schema: public; Owner: -
--

ALTER TABLE public.report_versions ENABLE ROW LEVEL SECURITY;

--
-- Name: report_versions report_versions_in_scope; Type: POLICY; Schema: public; Owner: -
--

CREATE POLICY report_versions_in_scope ON public.report_versions FOR SELECT USING ((union_path OPERATOR(public.<@) public.actor_scope()));


--
-- Name: report_versions report_versions_own_org; Type: POLICY; Schema: public; Owner: -
--

CREATE POLICY report_versions_own_org ON public.report_versions FOR SELECT USING ((org_id = public.actor_org_id()));


--
-- Name: report_versions report_versions_supervised; Type: POLICY; Schema: public; Owner: -
--

CREATE POLICY report_versions_supervised ON public.report_versions FOR SELECT USING ((supervisor_id = public.actor_user_id()));


--
-- Name: reports; Type: ROW SECURITY; Schema: public; Owner: -
--

ALTER TABLE public.reports ENABLE ROW LEVEL SECURITY;

--
-- Name: reports reports_in_scope; Type: POLICY; Schema: public; Owner: -
--

CREATE POLICY reports_in_scope ON public.reports USING ((union_path OPERATOR(public.<@) ( SELECT public.actor_scope() AS actor_scope))) WITH CHECK ((union_path OPERATOR(public.<@) ( SELECT public.actor_scope() AS actor_scope)));


--
-- Name: reports reports_own_org_read; Type: POLICY; Schema: public; Owner: -
--

CREATE POLICY reports_own_org_read ON public.reports FOR SELECT USING ((org_id = ( SELECT public.actor_org_id() AS actor_org_id)));


--
-- Name: reports reports_own_org_update; Type: POLICY; Schema: public; Owner: -
--

CREATE POLICY reports_own_org_update ON public.reports FOR UPDATE USING ((org_id = ( SELECT public.actor_org_id() AS actor_org_id))) WITH CHECK ((org_id = ( SELECT public.actor_org_id() AS actor_org_id)));


--
-- Name: reports reports_supervised; Type: POLICY; Schema: public; Owner: -
--

CREATE POLICY reports_supervised ON public.reports USING ((supervisor_id = ( SELECT public.actor_user_id() AS actor_user_id))) WITH CHECK (((supervisor_id = ( SELECT public.actor_user_id() AS actor_user_id)) AND public.contract_supervised_as(contract_id, union_path, org_id)));


--
-- Name: review_assignments; Type: ROW SECURITY; Schema: public; Owner: -
--

ALTER TABLE public.review_assignments ENABLE ROW LEVEL SECURITY;

--
-- Name: review_assignments review_assignments_in_scope; Type: POLICY; Schema: public; Owner: -
--

CREATE POLICY review_assignments_in_scope ON public.review_assignments USING ((union_path OPERATOR(public.<@) public.actor_scope())) WITH CHECK ((union_path OPERATOR(public.<@) public.actor_scope()));


--
-- Name: review_assignments review_assignments_own_read; Type: POLICY; Schema: public; Owner: -
--

CREATE POLICY review_assignments_own_read ON public.review_assignments FOR SELECT USING ((reviewer_id = ( SELECT public.actor_user_id() AS actor_user_id)));


--
-- Name: review_assignments review_assignments_own_update; Type: POLICY; Schema: public; Owner: -
--

CREATE POLICY review_assignments_own_update ON public.review_assignments FOR UPDATE USING ((reviewer_id = ( SELECT public.actor_user_id() AS actor_user_id))) WITH CHECK ((reviewer_id = ( SELECT public.actor_user_id() AS actor_user_id)));


--
-- Name: review_scores; Type: ROW SECURITY; Schema: public; Owner: -
--

ALTER TABLE public.review_scores ENABLE ROW LEVEL SECURITY;

--
-- Name: review_scores review_scores_in_scope; Type: POLICY; Schema: public; Owner: -
--

CREATE POLICY review_scores_in_scope ON public.review_scores USING ((union_path OPERATOR(public.<@) public.actor_scope())) WITH CHECK ((union_path OPERATOR(public.<@) public.actor_scope()));


--
-- Name: review_scores review_scores_own; Type: POLICY; Schema: public; Owner: -
--

CREATE POLICY review_scores_own ON public.review_scores USING (((public.actor_scope() IS NULL) AND (reviewer_id = public.actor_user_id()))) WITH CHECK (((public.actor_scope() IS NULL) AND (reviewer_id = public.actor_user_id())));


--
-- Name: reviewer_links; Type: ROW SECURITY; Schema: public; Owner: -
--

ALTER TABLE public.reviewer_links ENABLE ROW LEVEL SECURITY;

--
-- Name: reviewer_links reviewer_links_in_scope; Type: POLICY; Schema: public; Owner: -
--

CREATE POLICY reviewer_links_in_scope ON public.reviewer_links USING ((union_path OPERATOR(public.<@) public.actor_scope())) WITH CHECK ((union_path OPERATOR(public.<@) public.actor_scope()));


--
-- Name: reviewer_links reviewer_links_own; Type: POLICY; Schema: public; Owner: -
--

CREATE POLICY reviewer_links_own ON public.reviewer_links USING ((reviewer_id = ( SELECT public.actor_user_id() AS actor_user_id))) WITH CHECK (((reviewer_id = ( SELECT public.actor_user_id() AS actor_user_id)) AND (EXISTS ( SELECT 1
   FROM public.review_assignments ra
  WHERE ((ra.reviewer_id = ( SELECT public.actor_user_id() AS actor_user_id)) AND (ra.org_id = reviewer_links.org_id) AND (ra.union_path OPERATOR(public.=) reviewer_links.union_path))))));


--
-- Name: server_secrets; Type: ROW SECURITY; Schema: public; Owner: -
--

ALTER TABLE public.server_secrets ENABLE ROW LEVEL SECURITY;

--
-- Name: service_sites; Type: ROW SECURITY; Schema: public; Owner: -
--

ALTER TABLE public.service_sites ENABLE ROW LEVEL SECURITY;

--
-- Name: service_sites service_sites_in_scope; Type: POLICY; Schema: public; Owner: -
--

CREATE POLICY service_sites_in_scope ON public.service_sites USING ((union_path OPERATOR(public.<@) ( SELECT public.actor_scope() AS actor_scope))) WITH CHECK ((union_path OPERATOR(public.<@) ( SELECT public.actor_scope() AS actor_scope)));


--
-- Name: site_visits; Type: ROW SECURITY; Schema: public; Owner: -
--

ALTER TABLE public.site_visits ENABLE ROW LEVEL SECURITY;

--
-- Name: site_visits site_visits_in_scope; Type: POLICY; Schema: public; Owner: -
--

CREATE POLICY site_visits_in_scope ON public.site_visits USING ((union_path OPERATOR(public.<@) public.actor_scope())) WITH CHECK ((union_path OPERATOR(public.<@) public.actor_scope()));


--
-- Name: site_visits site_visits_supervised; Type: POLICY; Schema: public; Owner: -
--

CREATE POLICY site_visits_supervised ON public.site_visits USING ((supervisor_id = ( SELECT public.actor_user_id() AS actor_user_id))) WITH CHECK (((supervisor_id = ( SELECT public.actor_user_id() AS actor_user_id)) AND public.contract_supervised_as(contract_id, union_path, org_id)));


--
-- Name: stats_months; Type: ROW SECURITY; Schema: public; Owner: -
--

ALTER TABLE public.stats_months ENABLE ROW LEVEL SECURITY;

--
-- Name: stats_months stats_months_in_scope; Type: POLICY; Schema: public; Owner: -
--

CREATE POLICY stats_months_in_scope ON public.stats_months FOR SELECT USING ((union_path OPERATOR(public.<@) ( SELECT public.actor_scope() AS actor_scope)));


--
-- Name: stats_snapshots; Type: ROW SECURITY; Schema: public; Owner: -
--

ALTER TABLE public.stats_snapshots ENABLE ROW LEVEL SECURITY;

--
-- Name: stats_snapshots stats_snapshots_in_scope; Type: POLICY; Schema: public; Owner: -
--

CREATE POLICY stats_snapshots_in_scope ON public.stats_snapshots FOR SELECT USING ((union_path OPERATOR(public.<@) ( SELECT public.actor_scope() AS actor_scope)));


--
-- Name: training_attendees; Type: ROW SECURITY; Schema: public; Owner: -
--

ALTER TABLE public.training_attendees ENABLE ROW LEVEL SECURITY;

--
-- Name: training_attendees training_attendees_in_scope; Type: POLICY; Schema: public; Owner: -
--

CREATE POLICY training_attendees_in_scope ON public.training_attendees USING ((union_path OPERATOR(public.<@) ( SELECT public.actor_scope() AS actor_scope))) WITH CHECK ((union_path OPERATOR(public.<@) ( SELECT public.actor_scope() AS actor_scope)));


--
-- Name: trainings; Type: ROW SECURITY; Schema: public; Owner: -
--

ALTER TABLE public.trainings ENABLE ROW LEVEL SECURITY;

--
-- Name: trainings trainings_in_scope; Type: POLICY; Schema: public; Owner: -
--

CREATE POLICY trainings_in_scope ON public.trainings USING ((union_path OPERATOR(public.<@) ( SELECT public.actor_scope() AS actor_scope))) WITH CHECK ((union_path OPERATOR(public.<@) ( SELECT public.actor_scope() AS actor_scope)));


--
-- Name: unions; Type: ROW SECURITY; Schema: public; Owner: -
--

ALTER TABLE public.unions ENABLE ROW LEVEL SECURITY;

--
-- Name: unions unions_home_of_own_org; Type: POLICY; Schema: public; Owner: -
--

CREATE POLICY unions_home_of_own_org ON public.unions FOR SELECT USING ((id IN ( SELECT o.union_id
   FROM public.organizations o
  WHERE (o.id = ( SELECT public.actor_org_id() AS actor_org_id)))));


--
-- Name: unions unions_in_scope; Type: POLICY; Schema: public; Owner: -
--

CREATE POLICY unions_in_scope ON public.unions USING ((path OPERATOR(public.<@) ( SELECT public.actor_scope() AS actor_scope))) WITH CHECK ((path OPERATOR(public.<@) ( SELECT public.actor_scope() AS actor_scope)));


--
-- Name: users; Type: ROW SECURITY; Schema: public; Owner: -
--

ALTER TABLE public.users ENABLE ROW LEVEL SECURITY;

--
-- Name: users users_insert; Type: POLICY; Schema: public; Owner: -
--

CREATE POLICY users_insert ON public.users FOR INSERT WITH CHECK ((union_path OPERATOR(public.<@) public.actor_scope()));


--
-- Name: users users_read; Type: POLICY; Schema: public; Owner: -
--

CREATE POLICY users_read ON public.users FOR SELECT USING (((union_path OPERATOR(public.<@) public.actor_scope()) OR (id = public.actor_user_id())));


--
-- Name: users users_update_in_scope; Type: POLICY; Schema: public; Owner: -
--

CREATE POLICY users_update_in_scope ON public.users FOR UPDATE USING ((union_path OPERATOR(public.<@) public.actor_scope())) WITH CHECK ((union_path OPERATOR(public.<@) public.actor_scope()));


--
-- Name: users users_update_self; Type: POLICY; Schema: public; Owner: -
--

CREATE POLICY users_update_self ON public.users FOR UPDATE USING ((id = public.actor_user_id())) WITH CHECK ((id = public.actor_user_id()));


--
-- Name: work_system_staff; Type: ROW SECURITY; Schema: public; Owner: -
--

ALTER TABLE public.work_system_staff ENABLE ROW LEVEL SECURITY;

--
-- Name: work_system_staff work_system_staff_in_scope; Type: POLICY; Schema: public; Owner: -
--

CREATE POLICY work_system_staff_in_scope ON public.work_system_staff USING ((union_path OPERATOR(public.<@) ( SELECT public.actor_scope() AS actor_scope))) WITH CHECK ((union_path OPERATOR(public.<@) ( SELECT public.actor_scope() AS actor_scope)));


--
-- Name: work_systems; Type: ROW SECURITY; Schema: public; Owner: -
--

ALTER TABLE public.work_systems ENABLE ROW LEVEL SECURITY;

--
-- Name: work_systems work_systems_in_scope; Type: POLICY; Schema: public; Owner: -
--

CREATE POLICY work_systems_in_scope ON public.work_systems USING ((union_path OPERATOR(public.<@) ( SELECT public.actor_scope() AS actor_scope))) WITH CHECK ((union_path OPERATOR(public.<@) ( SELECT public.actor_scope() AS actor_scope)));


--
-- Name: work_years; Type: ROW SECURITY; Schema: public; Owner: -
--

ALTER TABLE public.work_years ENABLE ROW LEVEL SECURITY;

--
-- Name: work_years work_years_in_scope; Type: POLICY; Schema: public; Owner: -
--

CREATE POLICY work_years_in_scope ON public.work_years USING ((union_path OPERATOR(public.<@) ( SELECT public.actor_scope() AS actor_scope))) WITH CHECK ((union_path OPERATOR(public.<@) ( SELECT public.actor_scope() AS actor_scope)));


--
-- Name: SCHEMA public; Type: ACL; Schema: -; Owner: -
--

GRANT USAGE ON SCHEMA public TO niudai_app;


--
-- Name: FUNCTION actor_org_id(); Type: ACL; Schema: public; Owner: -
--

REVOKE ALL ON FUNCTION public.actor_org_id() FROM PUBLIC;
GRANT ALL ON FUNCTION public.actor_org_id() TO niudai_app;


--
-- Name: FUNCTION actor_scope(); Type: ACL; Schema: public; Owner: -
--

REVOKE ALL ON FUNCTION public.actor_scope() FROM PUBLIC;
GRANT ALL ON FUNCTION public.actor_scope() TO niudai_app;


--
-- Name: FUNCTION actor_user_id(); Type: ACL; Schema: public; Owner: -
--

REVOKE ALL ON FUNCTION public.actor_user_id() FROM PUBLIC;
GRANT ALL ON FUNCTION public.actor_user_id() TO niudai_app;


--
-- Name: FUNCTION application_scores_for_applicant(p_application_id uuid); Type: ACL; Schema: public; Owner: -
--

REVOKE ALL ON FUNCTION public.application_scores_for_applicant(p_application_id uuid) FROM PUBLIC;
GRANT ALL ON FUNCTION public.application_scores_for_applicant(p_application_id uuid) TO niudai_app;


--
-- Name: FUNCTION application_seen_by_partner(p_id uuid); Type: ACL; Schema: public; Owner: -
--

REVOKE ALL ON FUNCTION public.application_seen_by_partner(p_id uuid) FROM PUBLIC;
GRANT ALL ON FUNCTION public.application_seen_by_partner(p_id uuid) TO niudai_app;


--
-- Name: FUNCTION applications_commission_members(); Type: ACL; Schema: public; Owner: -
--

REVOKE ALL ON FUNCTION public.applications_commission_members() FROM PUBLIC;


--
-- Name: FUNCTION applications_guard_org_account(); Type: ACL; Schema: public; Owner: -
--

REVOKE ALL ON FUNCTION public.applications_guard_org_account() FROM PUBLIC;


--
-- Name: FUNCTION applications_set_union_path(); Type: ACL; Schema: public; Owner: -
--

REVOKE ALL ON FUNCTION public.applications_set_union_path() FROM PUBLIC;


--
-- Name: FUNCTION audit_log_refuse_change(); Type: ACL; Schema: public; Owner: -
--

REVOKE ALL ON FUNCTION public.audit_log_refuse_change() FROM PUBLIC;


--
-- Name: FUNCTION auth_login(p_username text, p_candidate text, p_ip inet, p_user_agent text, p_token_hash bytea, p_csrf_token text, p_max_failures integer, p_lock_for interval); Type: ACL; Schema: public; Owner: -
--

REVOKE ALL ON FUNCTION public.auth_login(p_username text, p_candidate text, p_ip inet, p_user_agent text, p_token_hash bytea, p_csrf_token text, p_max_failures integer, p_lock_for interval) FROM PUBLIC;
GRANT ALL ON FUNCTION public.auth_login(p_username text, p_candidate text, p_ip inet, p_user_agent text, p_token_hash bytea, p_csrf_token text, p_max_failures integer, p_lock_for interval) TO niudai_app;


--
-- Name: FUNCTION auth_login_settings(p_username text, p_default text); Type: ACL; Schema: public; Owner: -
--

REVOKE ALL ON FUNCTION public.auth_login_settings(p_username text, p_default text) FROM PUBLIC;
GRANT ALL ON FUNCTION public.auth_login_settings(p_username text, p_default text) TO niudai_app;


--
-- Name: FUNCTION auth_own_password_matches(p_candidate text); Type: ACL; Schema: public; Owner: -
--

REVOKE ALL ON FUNCTION public.auth_own_password_matches(p_candidate text) FROM PUBLIC;
GRANT ALL ON FUNCTION public.auth_own_password_matches(p_candidate text) TO niudai_app;


--
-- Name: FUNCTION auth_own_password_settings(); Type: ACL; Schema: public; Owner: -
--

REVOKE ALL ON FUNCTION public.auth_own_password_settings() FROM PUBLIC;
GRANT ALL ON FUNCTION public.auth_own_password_settings() TO niudai_app;


--
-- Name: FUNCTION auth_session_end(p_token_hash bytea); Type: ACL; Schema: public; Owner: -
--

REVOKE ALL ON FUNCTION public.auth_session_end(p_token_hash bytea) FROM PUBLIC;
GRANT ALL ON FUNCTION public.auth_session_end(p_token_hash bytea) TO niudai_app;


--
-- Name: FUNCTION auth_session_resolve(p_token_hash bytea, p_idle interval, p_absolute interval); Type: ACL; Schema: public; Owner: -
--

REVOKE ALL ON FUNCTION public.auth_session_resolve(p_token_hash bytea, p_idle interval, p_absolute interval) FROM PUBLIC;
GRANT ALL ON FUNCTION public.auth_session_resolve(p_token_hash bytea, p_idle interval, p_absolute interval) TO niudai_app;


--
-- Name: FUNCTION auth_sessions_expire(p_idle interval, p_absolute interval); Type: ACL; Schema: public; Owner: -
--

REVOKE ALL ON FUNCTION public.auth_sessions_expire(p_idle interval, p_absolute interval) FROM PUBLIC;
GRANT ALL ON FUNCTION public.auth_sessions_expire(p_idle interval, p_absolute interval) TO niudai_app;


--
-- Name: FUNCTION calendar_feed_resolve(p_token_hash bytea); Type: ACL; Schema: public; Owner: -
--

REVOKE ALL ON FUNCTION public.calendar_feed_resolve(p_token_hash bytea) FROM PUBLIC;
GRANT ALL ON FUNCTION public.calendar_feed_resolve(p_token_hash bytea) TO niudai_app;


--
-- Name: FUNCTION commission_admits(p_project_id uuid, p_org_id uuid); Type: ACL; Schema: public; Owner: -
--

REVOKE ALL ON FUNCTION public.commission_admits(p_project_id uuid, p_org_id uuid) FROM PUBLIC;
GRANT ALL ON FUNCTION public.commission_admits(p_project_id uuid, p_org_id uuid) TO niudai_app;


--
-- Name: FUNCTION contract_installments_sum_check(); Type: ACL; Schema: public; Owner: -
--

REVOKE ALL ON FUNCTION public.contract_installments_sum_check() FROM PUBLIC;


--
-- Name: FUNCTION contract_supervised_as(p_contract uuid, p_path public.ltree, p_org uuid); Type: ACL; Schema: public; Owner: -
--

REVOKE ALL ON FUNCTION public.contract_supervised_as(p_contract uuid, p_path public.ltree, p_org uuid) FROM PUBLIC;
GRANT ALL ON FUNCTION public.contract_supervised_as(p_contract uuid, p_path public.ltree, p_org uuid) TO niudai_app;


--
-- Name: FUNCTION contracts_schedule_reports(); Type: ACL; Schema: public; Owner: -
--

REVOKE ALL ON FUNCTION public.contracts_schedule_reports() FROM PUBLIC;


--
-- Name: FUNCTION evaluations_final_is_final(); Type: ACL; Schema: public; Owner: -
--

REVOKE ALL ON FUNCTION public.evaluations_final_is_final() FROM PUBLIC;


--
-- Name: FUNCTION evaluator_pool(p_path public.ltree); Type: ACL; Schema: public; Owner: -
--

REVOKE ALL ON FUNCTION public.evaluator_pool(p_path public.ltree) FROM PUBLIC;
GRANT ALL ON FUNCTION public.evaluator_pool(p_path public.ltree) TO niudai_app;


--
-- Name: FUNCTION federation_member_orgs(p_federation_id uuid); Type: ACL; Schema: public; Owner: -
--

REVOKE ALL ON FUNCTION public.federation_member_orgs(p_federation_id uuid) FROM PUBLIC;
GRANT ALL ON FUNCTION public.federation_member_orgs(p_federation_id uuid) TO niudai_app;


--
-- Name: FUNCTION federation_members_region(); Type: ACL; Schema: public; Owner: -
--

REVOKE ALL ON FUNCTION public.federation_members_region() FROM PUBLIC;


--
-- Name: FUNCTION federation_public_name(p_id uuid); Type: ACL; Schema: public; Owner: -
--

REVOKE ALL ON FUNCTION public.federation_public_name(p_id uuid) FROM PUBLIC;
GRANT ALL ON FUNCTION public.federation_public_name(p_id uuid) TO niudai_app;


--
-- Name: FUNCTION federations_parent_above(); Type: ACL; Schema: public; Owner: -
--

REVOKE ALL ON FUNCTION public.federations_parent_above() FROM PUBLIC;


--
-- Name: FUNCTION file_owner_is_actors_org(p_kind text, p_owner uuid, p_path public.ltree); Type: ACL; Schema: public; Owner: -
--

REVOKE ALL ON FUNCTION public.file_owner_is_actors_org(p_kind text, p_owner uuid, p_path public.ltree) FROM PUBLIC;
GRANT ALL ON FUNCTION public.file_owner_is_actors_org(p_kind text, p_owner uuid, p_path public.ltree) TO niudai_app;


--
-- Name: FUNCTION file_supervised_by_actor(p_kind text, p_owner uuid); Type: ACL; Schema: public; Owner: -
--

REVOKE ALL ON FUNCTION public.file_supervised_by_actor(p_kind text, p_owner uuid) FROM PUBLIC;
GRANT ALL ON FUNCTION public.file_supervised_by_actor(p_kind text, p_owner uuid) TO niudai_app;


--
-- Name: FUNCTION form_submissions_forget(p_after interval); Type: ACL; Schema: public; Owner: -
--

REVOKE ALL ON FUNCTION public.form_submissions_forget(p_after interval) FROM PUBLIC;
GRANT ALL ON FUNCTION public.form_submissions_forget(p_after interval) TO niudai_app;


--
-- Name: FUNCTION indicator_systems_frozen(); Type: ACL; Schema: public; Owner: -
--

REVOKE ALL ON FUNCTION public.indicator_systems_frozen() FROM PUBLIC;


--
-- Name: FUNCTION indicators_only_in_drafts(); Type: ACL; Schema: public; Owner: -
--

REVOKE ALL ON FUNCTION public.indicators_only_in_drafts() FROM PUBLIC;


--
-- Name: FUNCTION meeting_invitations_guard(); Type: ACL; Schema: public; Owner: -
--

REVOKE ALL ON FUNCTION public.meeting_invitations_guard() FROM PUBLIC;


--
-- Name: FUNCTION needs_titled_like(p_pattern text, p_limit integer); Type: ACL; Schema: public; Owner: -
--

REVOKE ALL ON FUNCTION public.needs_titled_like(p_pattern text, p_limit integer) FROM PUBLIC;
GRANT ALL ON FUNCTION public.needs_titled_like(p_pattern text, p_limit integer) TO niudai_app;


--
-- Name: FUNCTION only_union_path_changed(p_old jsonb, p_new jsonb); Type: ACL; Schema: public; Owner: -
--

REVOKE ALL ON FUNCTION public.only_union_path_changed(p_old jsonb, p_new jsonb) FROM PUBLIC;
GRANT ALL ON FUNCTION public.only_union_path_changed(p_old jsonb, p_new jsonb) TO niudai_app;


--
-- Name: FUNCTION org_imports_fail_stalled(p_after interval); Type: ACL; Schema: public; Owner: -
--

REVOKE ALL ON FUNCTION public.org_imports_fail_stalled(p_after interval) FROM PUBLIC;
GRANT ALL ON FUNCTION public.org_imports_fail_stalled(p_after interval) TO niudai_app;


--
-- Name: FUNCTION organization_credit_code_holder(p_credit_code text); Type: ACL; Schema: public; Owner: -
--

REVOKE ALL ON FUNCTION public.organization_credit_code_holder(p_credit_code text) FROM PUBLIC;
GRANT ALL ON FUNCTION public.organization_credit_code_holder(p_credit_code text) TO niudai_app;


--
-- Name: FUNCTION organization_credit_code_holders(p_codes text[]); Type: ACL; Schema: public; Owner: -
--

REVOKE ALL ON FUNCTION public.organization_credit_code_holders(p_codes text[]) FROM PUBLIC;
GRANT ALL ON FUNCTION public.organization_credit_code_holders(p_codes text[]) TO niudai_app;


--
-- Name: FUNCTION organization_history_changed(); Type: ACL; Schema: public; Owner: -
--

REVOKE ALL ON FUNCTION public.organization_history_changed() FROM PUBLIC;


--
-- Name: FUNCTION organization_public_name(p_org_id uuid); Type: ACL; Schema: public; Owner: -
--

REVOKE ALL ON FUNCTION public.organization_public_name(p_org_id uuid) FROM PUBLIC;
GRANT ALL ON FUNCTION public.organization_public_name(p_org_id uuid) TO niudai_app;


--
-- Name: FUNCTION organization_refresh(p_org_id uuid); Type: ACL; Schema: public; Owner: -
--

REVOKE ALL ON FUNCTION public.organization_refresh(p_org_id uuid) FROM PUBLIC;


--
-- Name: FUNCTION organization_row_set_union_path(); Type: ACL; Schema: public; Owner: -
--

REVOKE ALL ON FUNCTION public.organization_row_set_union_path() FROM PUBLIC;


--
-- Name: FUNCTION organization_track_record(p_org_id uuid); Type: ACL; Schema: public; Owner: -
--

REVOKE ALL ON FUNCTION public.organization_track_record(p_org_id uuid) FROM PUBLIC;
GRANT ALL ON FUNCTION public.organization_track_record(p_org_id uuid) TO niudai_app;


--
-- Name: FUNCTION organizations_after_write(); Type: ACL; Schema: public; Owner: -
--

REVOKE ALL ON FUNCTION public.organizations_after_write() FROM PUBLIC;


--
-- Name: FUNCTION organizations_guard_org_account(); Type: ACL; Schema: public; Owner: -
--

REVOKE ALL ON FUNCTION public.organizations_guard_org_account() FROM PUBLIC;


--
-- Name: FUNCTION organizations_named_like(p_pattern text); Type: ACL; Schema: public; Owner: -
--

REVOKE ALL ON FUNCTION public.organizations_named_like(p_pattern text) FROM PUBLIC;
GRANT ALL ON FUNCTION public.organizations_named_like(p_pattern text) TO niudai_app;


--
-- Name: FUNCTION organizations_named_like(p_pattern text, p_limit integer); Type: ACL; Schema: public; Owner: -
--

REVOKE ALL ON FUNCTION public.organizations_named_like(p_pattern text, p_limit integer) FROM PUBLIC;
GRANT ALL ON FUNCTION public.organizations_named_like(p_pattern text, p_limit integer) TO niudai_app;


--
-- Name: FUNCTION payments_within_contract(); Type: ACL; Schema: public; Owner: -
--

REVOKE ALL ON FUNCTION public.payments_within_contract() FROM PUBLIC;


--
-- Name: FUNCTION pilots_within_limit(); Type: ACL; Schema: public; Owner: -
--

REVOKE ALL ON FUNCTION public.pilots_within_limit() FROM PUBLIC;


--
-- Name: FUNCTION project_approval_threshold(p_union_path public.ltree); Type: ACL; Schema: public; Owner: -
--

REVOKE ALL ON FUNCTION public.project_approval_threshold(p_union_path public.ltree) FROM PUBLIC;
GRANT ALL ON FUNCTION public.project_approval_threshold(p_union_path public.ltree) TO niudai_app;


--
-- Name: FUNCTION project_code_next(p_union_id bigint); Type: ACL; Schema: public; Owner: -
--

REVOKE ALL ON FUNCTION public.project_code_next(p_union_id bigint) FROM PUBLIC;
GRANT ALL ON FUNCTION public.project_code_next(p_union_id bigint) TO niudai_app;


--
-- Name: FUNCTION project_delivery_advance(p_project_id uuid); Type: ACL; Schema: public; Owner: -
--

REVOKE ALL ON FUNCTION public.project_delivery_advance(p_project_id uuid) FROM PUBLIC;
GRANT ALL ON FUNCTION public.project_delivery_advance(p_project_id uuid) TO niudai_app;


--
-- Name: FUNCTION project_events_set_union_path(); Type: ACL; Schema: public; Owner: -
--

REVOKE ALL ON FUNCTION public.project_events_set_union_path() FROM PUBLIC;


--
-- Name: FUNCTION project_generation_bump(); Type: ACL; Schema: public; Owner: -
--

REVOKE ALL ON FUNCTION public.project_generation_bump() FROM PUBLIC;


--
-- Name: FUNCTION project_seen_by_partner(p_id uuid, p_status text, p_path public.ltree); Type: ACL; Schema: public; Owner: -
--

REVOKE ALL ON FUNCTION public.project_seen_by_partner(p_id uuid, p_status text, p_path public.ltree) FROM PUBLIC;
GRANT ALL ON FUNCTION public.project_seen_by_partner(p_id uuid, p_status text, p_path public.ltree) TO niudai_app;


--
-- Name: FUNCTION projects_titled_like(p_pattern text, p_limit integer); Type: ACL; Schema: public; Owner: -
--

REVOKE ALL ON FUNCTION public.projects_titled_like(p_pattern text, p_limit integer) FROM PUBLIC;
GRANT ALL ON FUNCTION public.projects_titled_like(p_pattern text, p_limit integer) TO niudai_app;


--
-- Name: FUNCTION public_call_document(p_file_id uuid); Type: ACL; Schema: public; Owner: -
--

REVOKE ALL ON FUNCTION public.public_call_document(p_file_id uuid) FROM PUBLIC;
GRANT ALL ON FUNCTION public.public_call_document(p_file_id uuid) TO niudai_app;


--
-- Name: FUNCTION public_call_documents(p_project_ids uuid[]); Type: ACL; Schema: public; Owner: -
--

REVOKE ALL ON FUNCTION public.public_call_documents(p_project_ids uuid[]) FROM PUBLIC;
GRANT ALL ON FUNCTION public.public_call_documents(p_project_ids uuid[]) TO niudai_app;


--
-- Name: FUNCTION public_open_calls(p_province text, p_domain text, p_after_closes date, p_after_code text, p_limit integer); Type: ACL; Schema: public; Owner: -
--

REVOKE ALL ON FUNCTION public.public_open_calls(p_province text, p_domain text, p_after_closes date, p_after_code text, p_limit integer) FROM PUBLIC;
GRANT ALL ON FUNCTION public.public_open_calls(p_province text, p_domain text, p_after_closes date, p_after_code text, p_limit integer) TO niudai_app;


--
-- Name: FUNCTION public_provinces(); Type: ACL; Schema: public; Owner: -
--

REVOKE ALL ON FUNCTION public.public_provinces() FROM PUBLIC;
GRANT ALL ON FUNCTION public.public_provinces() TO niudai_app;


--
-- Name: FUNCTION rectifications_guard(); Type: ACL; Schema: public; Owner: -
--

REVOKE ALL ON FUNCTION public.rectifications_guard() FROM PUBLIC;


--
-- Name: FUNCTION registry_generation_bump(); Type: ACL; Schema: public; Owner: -
--

REVOKE ALL ON FUNCTION public.registry_generation_bump() FROM PUBLIC;


--
-- Name: FUNCTION reports_guard(); Type: ACL; Schema: public; Owner: -
--

REVOKE ALL ON FUNCTION public.reports_guard() FROM PUBLIC;


--
-- Name: FUNCTION review_assignments_guard_reviewer(); Type: ACL; Schema: public; Owner: -
--

REVOKE ALL ON FUNCTION public.review_assignments_guard_reviewer() FROM PUBLIC;


--
-- Name: FUNCTION review_scores_set_union_path(); Type: ACL; Schema: public; Owner: -
--

REVOKE ALL ON FUNCTION public.review_scores_set_union_path() FROM PUBLIC;


--
-- Name: FUNCTION review_scores_while_scoring(); Type: ACL; Schema: public; Owner: -
--

REVOKE ALL ON FUNCTION public.review_scores_while_scoring() FROM PUBLIC;


--
-- Name: FUNCTION reviewer_display_name(p_id uuid); Type: ACL; Schema: public; Owner: -
--

REVOKE ALL ON FUNCTION public.reviewer_display_name(p_id uuid) FROM PUBLIC;
GRANT ALL ON FUNCTION public.reviewer_display_name(p_id uuid) TO niudai_app;


--
-- Name: FUNCTION reviewer_linked(p_reviewer_id uuid, p_org_id uuid); Type: ACL; Schema: public; Owner: -
--

REVOKE ALL ON FUNCTION public.reviewer_linked(p_reviewer_id uuid, p_org_id uuid) FROM PUBLIC;
GRANT ALL ON FUNCTION public.reviewer_linked(p_reviewer_id uuid, p_org_id uuid) TO niudai_app;


--
-- Name: FUNCTION reviewer_pool(p_path public.ltree); Type: ACL; Schema: public; Owner: -
--

REVOKE ALL ON FUNCTION public.reviewer_pool(p_path public.ltree) FROM PUBLIC;
GRANT ALL ON FUNCTION public.reviewer_pool(p_path public.ltree) TO niudai_app;


--
-- Name: FUNCTION scoped_row_set_union_path(); Type: ACL; Schema: public; Owner: -
--

REVOKE ALL ON FUNCTION public.scoped_row_set_union_path() FROM PUBLIC;


--
-- Name: FUNCTION search_like_operator(p_pattern text); Type: ACL; Schema: public; Owner: -
--

REVOKE ALL ON FUNCTION public.search_like_operator(p_pattern text) FROM PUBLIC;


--
-- Name: FUNCTION search_scope_condition(p_scope public.ltree); Type: ACL; Schema: public; Owner: -
--

REVOKE ALL ON FUNCTION public.search_scope_condition(p_scope public.ltree) FROM PUBLIC;


--
-- Name: FUNCTION stats_figures_federations(); Type: ACL; Schema: public; Owner: -
--

REVOKE ALL ON FUNCTION public.stats_figures_federations() FROM PUBLIC;


--
-- Name: FUNCTION stats_figures_meetings(); Type: ACL; Schema: public; Owner: -
--

REVOKE ALL ON FUNCTION public.stats_figures_meetings() FROM PUBLIC;


--
-- Name: FUNCTION stats_figures_partners(); Type: ACL; Schema: public; Owner: -
--

REVOKE ALL ON FUNCTION public.stats_figures_partners() FROM PUBLIC;


--
-- Name: FUNCTION stats_figures_sites(); Type: ACL; Schema: public; Owner: -
--

REVOKE ALL ON FUNCTION public.stats_figures_sites() FROM PUBLIC;


--
-- Name: FUNCTION stats_freshness(OUT refreshed_at timestamp with time zone, OUT took_ms integer); Type: ACL; Schema: public; Owner: -
--

REVOKE ALL ON FUNCTION public.stats_freshness(OUT refreshed_at timestamp with time zone, OUT took_ms integer) FROM PUBLIC;
GRANT ALL ON FUNCTION public.stats_freshness(OUT refreshed_at timestamp with time zone, OUT took_ms integer) TO niudai_app;


--
-- Name: FUNCTION stats_refresh(); Type: ACL; Schema: public; Owner: -
--

REVOKE ALL ON FUNCTION public.stats_refresh() FROM PUBLIC;
GRANT ALL ON FUNCTION public.stats_refresh() TO niudai_app;


--
-- Name: FUNCTION stats_registry(scope public.ltree, org_type text, domain text, rating text, category text, relationship text, union_building text, status text, division text, overdue boolean); Type: ACL; Schema: public; Owner: -
--

REVOKE ALL ON FUNCTION public.stats_registry(scope public.ltree, org_type text, domain text, rating text, category text, relationship text, union_building text, status text, division text, overdue boolean) FROM PUBLIC;
GRANT ALL ON FUNCTION public.stats_registry(scope public.ltree, org_type text, domain text, rating text, category text, relationship text, union_building text, status text, division text, overdue boolean) TO niudai_app;


--
-- Name: FUNCTION union_generation_bump(); Type: ACL; Schema: public; Owner: -
--

REVOKE ALL ON FUNCTION public.union_generation_bump() FROM PUBLIC;


--
-- Name: FUNCTION union_level_rank(level text); Type: ACL; Schema: public; Owner: -
--

REVOKE ALL ON FUNCTION public.union_level_rank(level text) FROM PUBLIC;
GRANT ALL ON FUNCTION public.union_level_rank(level text) TO niudai_app;


--
-- Name: FUNCTION union_path_copies(); Type: ACL; Schema: public; Owner: -
--

REVOKE ALL ON FUNCTION public.union_path_copies() FROM PUBLIC;


--
-- Name: FUNCTION union_public_name(p_union_id bigint); Type: ACL; Schema: public; Owner: -
--

REVOKE ALL ON FUNCTION public.union_public_name(p_union_id bigint) FROM PUBLIC;
GRANT ALL ON FUNCTION public.union_public_name(p_union_id bigint) TO niudai_app;


--
-- Name: FUNCTION union_subtree_unions(p_path public.ltree); Type: ACL; Schema: public; Owner: -
--

REVOKE ALL ON FUNCTION public.union_subtree_unions(p_path public.ltree) FROM PUBLIC;
GRANT ALL ON FUNCTION public.union_subtree_unions(p_path public.ltree) TO niudai_app;


--
-- Name: FUNCTION union_subtree_users(p_path public.ltree); Type: ACL; Schema: public; Owner: -
--

REVOKE ALL ON FUNCTION public.union_subtree_users(p_path public.ltree) FROM PUBLIC;
GRANT ALL ON FUNCTION public.union_subtree_users(p_path public.ltree) TO niudai_app;


--
-- Name: FUNCTION unions_after_move(); Type: ACL; Schema: public; Owner: -
--

REVOKE ALL ON FUNCTION public.unions_after_move() FROM PUBLIC;


--
-- Name: FUNCTION unions_before_write(); Type: ACL; Schema: public; Owner: -
--

REVOKE ALL ON FUNCTION public.unions_before_write() FROM PUBLIC;


--
-- Name: FUNCTION unions_interval_changed(); Type: ACL; Schema: public; Owner: -
--

REVOKE ALL ON FUNCTION public.unions_interval_changed() FROM PUBLIC;


--
-- Name: FUNCTION users_end_sessions(); Type: ACL; Schema: public; Owner: -
--

REVOKE ALL ON FUNCTION public.users_end_sessions() FROM PUBLIC;


--
-- Name: FUNCTION users_guard_self(); Type: ACL; Schema: public; Owner: -
--

REVOKE ALL ON FUNCTION public.users_guard_self() FROM PUBLIC;


--
-- Name: TABLE applications; Type: ACL; Schema: public; Owner: -
--

GRANT SELECT ON TABLE public.applications TO niudai_app;


--
-- Name: COLUMN applications.project_id; Type: ACL; Schema: public; Owner: -
--

GRANT INSERT(project_id) ON TABLE public.applications TO niudai_app;


--
-- Name: COLUMN applications.org_id; Type: ACL; Schema: public; Owner: -
--

GRANT INSERT(org_id) ON TABLE public.applications TO niudai_app;


--
-- Name: COLUMN applications.status; Type: ACL; Schema: public; Owner: -
--

GRANT UPDATE(status) ON TABLE public.applications TO niudai_app;


--
-- Name: COLUMN applications.proposal; Type: ACL; Schema: public; Owner: -
--

GRANT INSERT(proposal),UPDATE(proposal) ON TABLE public.applications TO niudai_app;


--
-- Name: COLUMN applications.needs_analysis; Type: ACL; Schema: public; Owner: -
--

GRANT INSERT(needs_analysis),UPDATE(needs_analysis) ON TABLE public.applications TO niudai_app;


--
-- Name: COLUMN applications.objectives; Type: ACL; Schema: public; Owner: -
--

GRANT INSERT(objectives),UPDATE(objectives) ON TABLE public.applications TO niudai_app;


--
-- Name: COLUMN applications.activities_plan; Type: ACL; Schema: public; Owner: -
--

GRANT INSERT(activities_plan),UPDATE(activities_plan) ON TABLE public.applications TO niudai_app;


--
-- Name: COLUMN applications.team; Type: ACL; Schema: public; Owner: -
--

GRANT INSERT(team),UPDATE(team) ON TABLE public.applications TO niudai_app;


--
-- Name: COLUMN applications.performance_targets; Type: ACL; Schema: public; Owner: -
--

GRANT INSERT(performance_targets),UPDATE(performance_targets) ON TABLE public.applications TO niudai_app;


--
-- Name: COLUMN applications.requested_fen; Type: ACL; Schema: public; Owner: -
--

GRANT INSERT(requested_fen),UPDATE(requested_fen) ON TABLE public.applications TO niudai_app;


--
-- Name: COLUMN applications.personnel_fen; Type: ACL; Schema: public; Owner: -
--

GRANT INSERT(personnel_fen),UPDATE(personnel_fen) ON TABLE public.applications TO niudai_app;


--
-- Name: COLUMN applications.activities_fen; Type: ACL; Schema: public; Owner: -
--

GRANT INSERT(activities_fen),UPDATE(activities_fen) ON TABLE public.applications TO niudai_app;


--
-- Name: COLUMN applications.publicity_fen; Type: ACL; Schema: public; Owner: -
--

GRANT INSERT(publicity_fen),UPDATE(publicity_fen) ON TABLE public.applications TO niudai_app;


--
-- Name: COLUMN applications.transport_fen; Type: ACL; Schema: public; Owner: -
--

GRANT INSERT(transport_fen),UPDATE(transport_fen) ON TABLE public.applications TO niudai_app;


--
-- Name: COLUMN applications.office_fen; Type: ACL; Schema: public; Owner: -
--

GRANT INSERT(office_fen),UPDATE(office_fen) ON TABLE public.applications TO niudai_app;


--
-- Name: COLUMN applications.experts_fen; Type: ACL; Schema: public; Owner: -
--

GRANT INSERT(experts_fen),UPDATE(experts_fen) ON TABLE public.applications TO niudai_app;


--
-- Name: COLUMN applications.management_fen; Type: ACL; Schema: public; Owner: -
--

GRANT INSERT(management_fen),UPDATE(management_fen) ON TABLE public.applications TO niudai_app;


--
-- Name: COLUMN applications.evaluation_fen; Type: ACL; Schema: public; Owner: -
--

GRANT INSERT(evaluation_fen),UPDATE(evaluation_fen) ON TABLE public.applications TO niudai_app;


--
-- Name: COLUMN applications.submitted_at; Type: ACL; Schema: public; Owner: -
--

GRANT UPDATE(submitted_at) ON TABLE public.applications TO niudai_app;


--
-- Name: COLUMN applications.decided_at; Type: ACL; Schema: public; Owner: -
--

GRANT UPDATE(decided_at) ON TABLE public.applications TO niudai_app;


--
-- Name: COLUMN applications.decision_reason; Type: ACL; Schema: public; Owner: -
--

GRANT UPDATE(decision_reason) ON TABLE public.applications TO niudai_app;


--
-- Name: COLUMN applications.created_by; Type: ACL; Schema: public; Owner: -
--

GRANT INSERT(created_by) ON TABLE public.applications TO niudai_app;


--
-- Name: COLUMN applications.updated_at; Type: ACL; Schema: public; Owner: -
--

GRANT UPDATE(updated_at) ON TABLE public.applications TO niudai_app;


--
-- Name: COLUMN applications.version; Type: ACL; Schema: public; Owner: -
--

GRANT UPDATE(version) ON TABLE public.applications TO niudai_app;


--
-- Name: TABLE audit_log; Type: ACL; Schema: public; Owner: -
--

GRANT SELECT ON TABLE public.audit_log TO niudai_app;


--
-- Name: COLUMN audit_log.actor_id; Type: ACL; Schema: public; Owner: -
--

GRANT INSERT(actor_id) ON TABLE public.audit_log TO niudai_app;


--
-- Name: COLUMN audit_log.actor_username; Type: ACL; Schema: public; Owner: -
--

GRANT INSERT(actor_username) ON TABLE public.audit_log TO niudai_app;


--
-- Name: COLUMN audit_log.union_id; Type: ACL; Schema: public; Owner: -
--

GRANT INSERT(union_id) ON TABLE public.audit_log TO niudai_app;


--
-- Name: COLUMN audit_log.union_path; Type: ACL; Schema: public; Owner: -
--

GRANT INSERT(union_path) ON TABLE public.audit_log TO niudai_app;


--
-- Name: COLUMN audit_log.action; Type: ACL; Schema: public; Owner: -
--

GRANT INSERT(action) ON TABLE public.audit_log TO niudai_app;


--
-- Name: COLUMN audit_log.entity_type; Type: ACL; Schema: public; Owner: -
--

GRANT INSERT(entity_type) ON TABLE public.audit_log TO niudai_app;


--
-- Name: COLUMN audit_log.entity_id; Type: ACL; Schema: public; Owner: -
--

GRANT INSERT(entity_id) ON TABLE public.audit_log TO niudai_app;


--
-- Name: COLUMN audit_log.changes; Type: ACL; Schema: public; Owner: -
--

GRANT INSERT(changes) ON TABLE public.audit_log TO niudai_app;


--
-- Name: COLUMN audit_log.ip; Type: ACL; Schema: public; Owner: -
--

GRANT INSERT(ip) ON TABLE public.audit_log TO niudai_app;


--
-- Name: TABLE calendar_feeds; Type: ACL; Schema: public; Owner: -
--

GRANT SELECT,INSERT,DELETE ON TABLE public.calendar_feeds TO niudai_app;


--
-- Name: TABLE contract_installments; Type: ACL; Schema: public; Owner: -
--

GRANT SELECT ON TABLE public.contract_installments TO niudai_app;


--
-- Name: COLUMN contract_installments.contract_id; Type: ACL; Schema: public; Owner: -
--

GRANT INSERT(contract_id) ON TABLE public.contract_installments TO niudai_app;


--
-- Name: COLUMN contract_installments.union_path; Type: ACL; Schema: public; Owner: -
--

GRANT INSERT(union_path) ON TABLE public.contract_installments TO niudai_app;


--
-- Name: COLUMN contract_installments."position"; Type: ACL; Schema: public; Owner: -
--

GRANT INSERT("position") ON TABLE public.contract_installments TO niudai_app;


--
-- Name: COLUMN contract_installments.percent; Type: ACL; Schema: public; Owner: -
--

GRANT INSERT(percent) ON TABLE public.contract_installments TO niudai_app;


--
-- Name: COLUMN contract_installments.condition; Type: ACL; Schema: public; Owner: -
--

GRANT INSERT(condition) ON TABLE public.contract_installments TO niudai_app;


--
-- Name: TABLE contracts; Type: ACL; Schema: public; Owner: -
--

GRANT SELECT ON TABLE public.contracts TO niudai_app;


--
-- Name: COLUMN contracts.id; Type: ACL; Schema: public; Owner: -
--

GRANT INSERT(id) ON TABLE public.contracts TO niudai_app;


--
-- Name: COLUMN contracts.project_id; Type: ACL; Schema: public; Owner: -
--

GRANT INSERT(project_id) ON TABLE public.contracts TO niudai_app;


--
-- Name: COLUMN contracts.union_path; Type: ACL; Schema: public; Owner: -
--

GRANT INSERT(union_path) ON TABLE public.contracts TO niudai_app;


--
-- Name: COLUMN contracts.application_id; Type: ACL; Schema: public; Owner: -
--

GRANT INSERT(application_id) ON TABLE public.contracts TO niudai_app;


--
-- Name: COLUMN contracts.org_id; Type: ACL; Schema: public; Owner: -
--

GRANT INSERT(org_id) ON TABLE public.contracts TO niudai_app;


--
-- Name: COLUMN contracts.amount_fen; Type: ACL; Schema: public; Owner: -
--

GRANT INSERT(amount_fen) ON TABLE public.contracts TO niudai_app;


--
-- Name: COLUMN contracts.service_starts_on; Type: ACL; Schema: public; Owner: -
--

GRANT INSERT(service_starts_on) ON TABLE public.contracts TO niudai_app;


--
-- Name: COLUMN contracts.service_ends_on; Type: ACL; Schema: public; Owner: -
--

GRANT INSERT(service_ends_on) ON TABLE public.contracts TO niudai_app;


--
-- Name: COLUMN contracts.supervisor_id; Type: ACL; Schema: public; Owner: -
--

GRANT INSERT(supervisor_id) ON TABLE public.contracts TO niudai_app;


--
-- Name: COLUMN contracts.report_cycle; Type: ACL; Schema: public; Owner: -
--

GRANT INSERT(report_cycle) ON TABLE public.contracts TO niudai_app;


--
-- Name: COLUMN contracts.signed_on; Type: ACL; Schema: public; Owner: -
--

GRANT INSERT(signed_on) ON TABLE public.contracts TO niudai_app;


--
-- Name: COLUMN contracts.signed_file_id; Type: ACL; Schema: public; Owner: -
--

GRANT INSERT(signed_file_id) ON TABLE public.contracts TO niudai_app;


--
-- Name: COLUMN contracts.created_by; Type: ACL; Schema: public; Owner: -
--

GRANT INSERT(created_by) ON TABLE public.contracts TO niudai_app;


--
-- Name: TABLE evaluation_results; Type: ACL; Schema: public; Owner: -
--

GRANT SELECT ON TABLE public.evaluation_results TO niudai_app;


--
-- Name: COLUMN evaluation_results.evaluation_id; Type: ACL; Schema: public; Owner: -
--

GRANT INSERT(evaluation_id) ON TABLE public.evaluation_results TO niudai_app;


--
-- Name: COLUMN evaluation_results.indicator_id; Type: ACL; Schema: public; Owner: -
--

GRANT INSERT(indicator_id) ON TABLE public.evaluation_results TO niudai_app;


--
-- Name: COLUMN evaluation_results.union_path; Type: ACL; Schema: public; Owner: -
--

GRANT INSERT(union_path) ON TABLE public.evaluation_results TO niudai_app;


--
-- Name: COLUMN evaluation_results.org_id; Type: ACL; Schema: public; Owner: -
--

GRANT INSERT(org_id) ON TABLE public.evaluation_results TO niudai_app;


--
-- Name: COLUMN evaluation_results.supervisor_id; Type: ACL; Schema: public; Owner: -
--

GRANT INSERT(supervisor_id) ON TABLE public.evaluation_results TO niudai_app;


--
-- Name: COLUMN evaluation_results.mean_hundredths; Type: ACL; Schema: public; Owner: -
--

GRANT INSERT(mean_hundredths) ON TABLE public.evaluation_results TO niudai_app;


--
-- Name: TABLE evaluation_scores; Type: ACL; Schema: public; Owner: -
--

GRANT SELECT,DELETE ON TABLE public.evaluation_scores TO niudai_app;


--
-- Name: COLUMN evaluation_scores.sheet_id; Type: ACL; Schema: public; Owner: -
--

GRANT INSERT(sheet_id) ON TABLE public.evaluation_scores TO niudai_app;


--
-- Name: COLUMN evaluation_scores.indicator_id; Type: ACL; Schema: public; Owner: -
--

GRANT INSERT(indicator_id) ON TABLE public.evaluation_scores TO niudai_app;


--
-- Name: COLUMN evaluation_scores.union_path; Type: ACL; Schema: public; Owner: -
--

GRANT INSERT(union_path) ON TABLE public.evaluation_scores TO niudai_app;


--
-- Name: COLUMN evaluation_scores.supervisor_id; Type: ACL; Schema: public; Owner: -
--

GRANT INSERT(supervisor_id) ON TABLE public.evaluation_scores TO niudai_app;


--
-- Name: COLUMN evaluation_scores.score_tenths; Type: ACL; Schema: public; Owner: -
--

GRANT INSERT(score_tenths),UPDATE(score_tenths) ON TABLE public.evaluation_scores TO niudai_app;


--
-- Name: COLUMN evaluation_scores.comment; Type: ACL; Schema: public; Owner: -
--

GRANT INSERT(comment),UPDATE(comment) ON TABLE public.evaluation_scores TO niudai_app;


--
-- Name: TABLE evaluation_sheets; Type: ACL; Schema: public; Owner: -
--

GRANT SELECT ON TABLE public.evaluation_sheets TO niudai_app;


--
-- Name: COLUMN evaluation_sheets.evaluation_id; Type: ACL; Schema: public; Owner: -
--

GRANT INSERT(evaluation_id) ON TABLE public.evaluation_sheets TO niudai_app;


--
-- Name: COLUMN evaluation_sheets.union_path; Type: ACL; Schema: public; Owner: -
--

GRANT INSERT(union_path) ON TABLE public.evaluation_sheets TO niudai_app;


--
-- Name: COLUMN evaluation_sheets.supervisor_id; Type: ACL; Schema: public; Owner: -
--

GRANT INSERT(supervisor_id) ON TABLE public.evaluation_sheets TO niudai_app;


--
-- Name: COLUMN evaluation_sheets.evaluator_id; Type: ACL; Schema: public; Owner: -
--

GRANT INSERT(evaluator_id) ON TABLE public.evaluation_sheets TO niudai_app;


--
-- Name: COLUMN evaluation_sheets.evaluator_name; Type: ACL; Schema: public; Owner: -
--

GRANT INSERT(evaluator_name) ON TABLE public.evaluation_sheets TO niudai_app;


--
-- Name: COLUMN evaluation_sheets.status; Type: ACL; Schema: public; Owner: -
--

GRANT UPDATE(status) ON TABLE public.evaluation_sheets TO niudai_app;


--
-- Name: COLUMN evaluation_sheets.evidence; Type: ACL; Schema: public; Owner: -
--

GRANT UPDATE(evidence) ON TABLE public.evaluation_sheets TO niudai_app;


--
-- Name: COLUMN evaluation_sheets.comment; Type: ACL; Schema: public; Owner: -
--

GRANT UPDATE(comment) ON TABLE public.evaluation_sheets TO niudai_app;


--
-- Name: COLUMN evaluation_sheets.total_tenths; Type: ACL; Schema: public; Owner: -
--

GRANT UPDATE(total_tenths) ON TABLE public.evaluation_sheets TO niudai_app;


--
-- Name: COLUMN evaluation_sheets.submitted_at; Type: ACL; Schema: public; Owner: -
--

GRANT UPDATE(submitted_at) ON TABLE public.evaluation_sheets TO niudai_app;


--
-- Name: TABLE evaluations; Type: ACL; Schema: public; Owner: -
--

GRANT SELECT ON TABLE public.evaluations TO niudai_app;


--
-- Name: COLUMN evaluations.contract_id; Type: ACL; Schema: public; Owner: -
--

GRANT INSERT(contract_id) ON TABLE public.evaluations TO niudai_app;


--
-- Name: COLUMN evaluations.project_id; Type: ACL; Schema: public; Owner: -
--

GRANT INSERT(project_id) ON TABLE public.evaluations TO niudai_app;


--
-- Name: COLUMN evaluations.union_path; Type: ACL; Schema: public; Owner: -
--

GRANT INSERT(union_path) ON TABLE public.evaluations TO niudai_app;


--
-- Name: COLUMN evaluations.org_id; Type: ACL; Schema: public; Owner: -
--

GRANT INSERT(org_id) ON TABLE public.evaluations TO niudai_app;


--
-- Name: COLUMN evaluations.supervisor_id; Type: ACL; Schema: public; Owner: -
--

GRANT INSERT(supervisor_id) ON TABLE public.evaluations TO niudai_app;


--
-- Name: COLUMN evaluations.kind; Type: ACL; Schema: public; Owner: -
--

GRANT INSERT(kind) ON TABLE public.evaluations TO niudai_app;


--
-- Name: COLUMN evaluations.system_id; Type: ACL; Schema: public; Owner: -
--

GRANT INSERT(system_id) ON TABLE public.evaluations TO niudai_app;


--
-- Name: COLUMN evaluations.status; Type: ACL; Schema: public; Owner: -
--

GRANT UPDATE(status) ON TABLE public.evaluations TO niudai_app;


--
-- Name: COLUMN evaluations.total_hundredths; Type: ACL; Schema: public; Owner: -
--

GRANT UPDATE(total_hundredths) ON TABLE public.evaluations TO niudai_app;


--
-- Name: COLUMN evaluations.grade; Type: ACL; Schema: public; Owner: -
--

GRANT UPDATE(grade) ON TABLE public.evaluations TO niudai_app;


--
-- Name: COLUMN evaluations.conclusion; Type: ACL; Schema: public; Owner: -
--

GRANT UPDATE(conclusion) ON TABLE public.evaluations TO niudai_app;


--
-- Name: COLUMN evaluations.finalized_by; Type: ACL; Schema: public; Owner: -
--

GRANT UPDATE(finalized_by) ON TABLE public.evaluations TO niudai_app;


--
-- Name: COLUMN evaluations.finalized_at; Type: ACL; Schema: public; Owner: -
--

GRANT UPDATE(finalized_at) ON TABLE public.evaluations TO niudai_app;


--
-- Name: TABLE experience_links; Type: ACL; Schema: public; Owner: -
--

GRANT SELECT,DELETE ON TABLE public.experience_links TO niudai_app;


--
-- Name: COLUMN experience_links.experience_id; Type: ACL; Schema: public; Owner: -
--

GRANT INSERT(experience_id) ON TABLE public.experience_links TO niudai_app;


--
-- Name: COLUMN experience_links.union_path; Type: ACL; Schema: public; Owner: -
--

GRANT INSERT(union_path) ON TABLE public.experience_links TO niudai_app;


--
-- Name: COLUMN experience_links.target_kind; Type: ACL; Schema: public; Owner: -
--

GRANT INSERT(target_kind) ON TABLE public.experience_links TO niudai_app;


--
-- Name: COLUMN experience_links.target_id; Type: ACL; Schema: public; Owner: -
--

GRANT INSERT(target_id) ON TABLE public.experience_links TO niudai_app;


--
-- Name: COLUMN experience_links.target_key; Type: ACL; Schema: public; Owner: -
--

GRANT INSERT(target_key) ON TABLE public.experience_links TO niudai_app;


--
-- Name: COLUMN experience_links.label; Type: ACL; Schema: public; Owner: -
--

GRANT INSERT(label) ON TABLE public.experience_links TO niudai_app;


--
-- Name: TABLE experiences; Type: ACL; Schema: public; Owner: -
--

GRANT SELECT ON TABLE public.experiences TO niudai_app;


--
-- Name: COLUMN experiences.union_id; Type: ACL; Schema: public; Owner: -
--

GRANT INSERT(union_id),UPDATE(union_id) ON TABLE public.experiences TO niudai_app;


--
-- Name: COLUMN experiences.union_name; Type: ACL; Schema: public; Owner: -
--

GRANT INSERT(union_name),UPDATE(union_name) ON TABLE public.experiences TO niudai_app;


--
-- Name: COLUMN experiences.kind; Type: ACL; Schema: public; Owner: -
--

GRANT INSERT(kind),UPDATE(kind) ON TABLE public.experiences TO niudai_app;


--
-- Name: COLUMN experiences.title; Type: ACL; Schema: public; Owner: -
--

GRANT INSERT(title),UPDATE(title) ON TABLE public.experiences TO niudai_app;


--
-- Name: COLUMN experiences.summary; Type: ACL; Schema: public; Owner: -
--

GRANT INSERT(summary),UPDATE(summary) ON TABLE public.experiences TO niudai_app;


--
-- Name: COLUMN experiences.body; Type: ACL; Schema: public; Owner: -
--

GRANT INSERT(body),UPDATE(body) ON TABLE public.experiences TO niudai_app;


--
-- Name: COLUMN experiences.status; Type: ACL; Schema: public; Owner: -
--

GRANT UPDATE(status) ON TABLE public.experiences TO niudai_app;


--
-- Name: COLUMN experiences.featured; Type: ACL; Schema: public; Owner: -
--

GRANT UPDATE(featured) ON TABLE public.experiences TO niudai_app;


--
-- Name: COLUMN experiences.featured_at; Type: ACL; Schema: public; Owner: -
--

GRANT UPDATE(featured_at) ON TABLE public.experiences TO niudai_app;


--
-- Name: COLUMN experiences.submitted_at; Type: ACL; Schema: public; Owner: -
--

GRANT UPDATE(submitted_at) ON TABLE public.experiences TO niudai_app;


--
-- Name: COLUMN experiences.published_at; Type: ACL; Schema: public; Owner: -
--

GRANT UPDATE(published_at) ON TABLE public.experiences TO niudai_app;


--
-- Name: COLUMN experiences.published_by; Type: ACL; Schema: public; Owner: -
--

GRANT UPDATE(published_by) ON TABLE public.experiences TO niudai_app;


--
-- Name: COLUMN experiences.created_by; Type: ACL; Schema: public; Owner: -
--

GRANT INSERT(created_by) ON TABLE public.experiences TO niudai_app;


--
-- Name: COLUMN experiences.updated_at; Type: ACL; Schema: public; Owner: -
--

GRANT UPDATE(updated_at) ON TABLE public.experiences TO niudai_app;


--
-- Name: COLUMN experiences.version; Type: ACL; Schema: public; Owner: -
--

GRANT UPDATE(version) ON TABLE public.experiences TO niudai_app;


--
-- Name: TABLE federation_members; Type: ACL; Schema: public; Owner: -
--

GRANT SELECT ON TABLE public.federation_members TO niudai_app;


--
-- Name: COLUMN federation_members.federation_id; Type: ACL; Schema: public; Owner: -
--

GRANT INSERT(federation_id) ON TABLE public.federation_members TO niudai_app;


--
-- Name: COLUMN federation_members.union_path; Type: ACL; Schema: public; Owner: -
--

GRANT INSERT(union_path) ON TABLE public.federation_members TO niudai_app;


--
-- Name: COLUMN federation_members.org_id; Type: ACL; Schema: public; Owner: -
--

GRANT INSERT(org_id) ON TABLE public.federation_members TO niudai_app;


--
-- Name: COLUMN federation_members.org_union_path; Type: ACL; Schema: public; Owner: -
--

GRANT INSERT(org_union_path) ON TABLE public.federation_members TO niudai_app;


--
-- Name: COLUMN federation_members.role; Type: ACL; Schema: public; Owner: -
--

GRANT INSERT(role),UPDATE(role) ON TABLE public.federation_members TO niudai_app;


--
-- Name: COLUMN federation_members.joined_on; Type: ACL; Schema: public; Owner: -
--

GRANT INSERT(joined_on) ON TABLE public.federation_members TO niudai_app;


--
-- Name: COLUMN federation_members.left_on; Type: ACL; Schema: public; Owner: -
--

GRANT UPDATE(left_on) ON TABLE public.federation_members TO niudai_app;


--
-- Name: COLUMN federation_members.leave_reason; Type: ACL; Schema: public; Owner: -
--

GRANT UPDATE(leave_reason) ON TABLE public.federation_members TO niudai_app;


--
-- Name: COLUMN federation_members.cross_region; Type: ACL; Schema: public; Owner: -
--

GRANT INSERT(cross_region) ON TABLE public.federation_members TO niudai_app;


--
-- Name: COLUMN federation_members.cross_region_reason; Type: ACL; Schema: public; Owner: -
--

GRANT INSERT(cross_region_reason) ON TABLE public.federation_members TO niudai_app;


--
-- Name: COLUMN federation_members.created_by; Type: ACL; Schema: public; Owner: -
--

GRANT INSERT(created_by) ON TABLE public.federation_members TO niudai_app;


--
-- Name: COLUMN federation_members.updated_at; Type: ACL; Schema: public; Owner: -
--

GRANT UPDATE(updated_at) ON TABLE public.federation_members TO niudai_app;


--
-- Name: COLUMN federation_members.version; Type: ACL; Schema: public; Owner: -
--

GRANT UPDATE(version) ON TABLE public.federation_members TO niudai_app;


--
-- Name: TABLE federation_partners; Type: ACL; Schema: public; Owner: -
--

GRANT SELECT,DELETE ON TABLE public.federation_partners TO niudai_app;


--
-- Name: COLUMN federation_partners.federation_id; Type: ACL; Schema: public; Owner: -
--

GRANT INSERT(federation_id) ON TABLE public.federation_partners TO niudai_app;


--
-- Name: COLUMN federation_partners.union_path; Type: ACL; Schema: public; Owner: -
--

GRANT INSERT(union_path) ON TABLE public.federation_partners TO niudai_app;


--
-- Name: COLUMN federation_partners.kind; Type: ACL; Schema: public; Owner: -
--

GRANT INSERT(kind) ON TABLE public.federation_partners TO niudai_app;


--
-- Name: COLUMN federation_partners.unit_name; Type: ACL; Schema: public; Owner: -
--

GRANT INSERT(unit_name) ON TABLE public.federation_partners TO niudai_app;


--
-- Name: TABLE federations; Type: ACL; Schema: public; Owner: -
--

GRANT SELECT ON TABLE public.federations TO niudai_app;


--
-- Name: COLUMN federations.union_id; Type: ACL; Schema: public; Owner: -
--

GRANT INSERT(union_id),UPDATE(union_id) ON TABLE public.federations TO niudai_app;


--
-- Name: COLUMN federations.kind; Type: ACL; Schema: public; Owner: -
--

GRANT INSERT(kind),UPDATE(kind) ON TABLE public.federations TO niudai_app;


--
-- Name: COLUMN federations.name; Type: ACL; Schema: public; Owner: -
--

GRANT INSERT(name),UPDATE(name) ON TABLE public.federations TO niudai_app;


--
-- Name: COLUMN federations.credit_code; Type: ACL; Schema: public; Owner: -
--

GRANT INSERT(credit_code),UPDATE(credit_code) ON TABLE public.federations TO niudai_app;


--
-- Name: COLUMN federations.parent_id; Type: ACL; Schema: public; Owner: -
--

GRANT INSERT(parent_id),UPDATE(parent_id) ON TABLE public.federations TO niudai_app;


--
-- Name: COLUMN federations.founded_on; Type: ACL; Schema: public; Owner: -
--

GRANT INSERT(founded_on),UPDATE(founded_on) ON TABLE public.federations TO niudai_app;


--
-- Name: COLUMN federations.charter; Type: ACL; Schema: public; Owner: -
--

GRANT INSERT(charter),UPDATE(charter) ON TABLE public.federations TO niudai_app;


--
-- Name: COLUMN federations.chair; Type: ACL; Schema: public; Owner: -
--

GRANT INSERT(chair),UPDATE(chair) ON TABLE public.federations TO niudai_app;


--
-- Name: COLUMN federations.vice_chairs; Type: ACL; Schema: public; Owner: -
--

GRANT INSERT(vice_chairs),UPDATE(vice_chairs) ON TABLE public.federations TO niudai_app;


--
-- Name: COLUMN federations.secretary_general; Type: ACL; Schema: public; Owner: -
--

GRANT INSERT(secretary_general),UPDATE(secretary_general) ON TABLE public.federations TO niudai_app;


--
-- Name: COLUMN federations.council_size; Type: ACL; Schema: public; Owner: -
--

GRANT INSERT(council_size),UPDATE(council_size) ON TABLE public.federations TO niudai_app;


--
-- Name: COLUMN federations.status; Type: ACL; Schema: public; Owner: -
--

GRANT INSERT(status),UPDATE(status) ON TABLE public.federations TO niudai_app;


--
-- Name: COLUMN federations.created_by; Type: ACL; Schema: public; Owner: -
--

GRANT INSERT(created_by) ON TABLE public.federations TO niudai_app;


--
-- Name: COLUMN federations.updated_at; Type: ACL; Schema: public; Owner: -
--

GRANT UPDATE(updated_at) ON TABLE public.federations TO niudai_app;


--
-- Name: COLUMN federations.version; Type: ACL; Schema: public; Owner: -
--

GRANT UPDATE(version) ON TABLE public.federations TO niudai_app;


--
-- Name: TABLE files; Type: ACL; Schema: public; Owner: -
--

GRANT SELECT,DELETE ON TABLE public.files TO niudai_app;


--
-- Name: COLUMN files.union_path; Type: ACL; Schema: public; Owner: -
--

GRANT INSERT(union_path) ON TABLE public.files TO niudai_app;


--
-- Name: COLUMN files.org_id; Type: ACL; Schema: public; Owner: -
--

GRANT INSERT(org_id) ON TABLE public.files TO niudai_app;


--
-- Name: COLUMN files.owner_kind; Type: ACL; Schema: public; Owner: -
--

GRANT INSERT(owner_kind) ON TABLE public.files TO niudai_app;


--
-- Name: COLUMN files.owner_id; Type: ACL; Schema: public; Owner: -
--

GRANT INSERT(owner_id) ON TABLE public.files TO niudai_app;


--
-- Name: COLUMN files.label; Type: ACL; Schema: public; Owner: -
--

GRANT INSERT(label) ON TABLE public.files TO niudai_app;


--
-- Name: COLUMN files.file_name; Type: ACL; Schema: public; Owner: -
--

GRANT INSERT(file_name) ON TABLE public.files TO niudai_app;


--
-- Name: COLUMN files.content_type; Type: ACL; Schema: public; Owner: -
--

GRANT INSERT(content_type) ON TABLE public.files TO niudai_app;


--
-- Name: COLUMN files.size_bytes; Type: ACL; Schema: public; Owner: -
--

GRANT INSERT(size_bytes) ON TABLE public.files TO niudai_app;


--
-- Name: COLUMN files.sha256; Type: ACL; Schema: public; Owner: -
--

GRANT INSERT(sha256) ON TABLE public.files TO niudai_app;


--
-- Name: COLUMN files.storage_key; Type: ACL; Schema: public; Owner: -
--

GRANT INSERT(storage_key) ON TABLE public.files TO niudai_app;


--
-- Name: COLUMN files.uploaded_by; Type: ACL; Schema: public; Owner: -
--

GRANT INSERT(uploaded_by) ON TABLE public.files TO niudai_app;


--
-- Name: TABLE form_submissions; Type: ACL; Schema: public; Owner: -
--

GRANT SELECT,INSERT ON TABLE public.form_submissions TO niudai_app;


--
-- Name: TABLE indicator_systems; Type: ACL; Schema: public; Owner: -
--

GRANT SELECT,DELETE ON TABLE public.indicator_systems TO niudai_app;


--
-- Name: COLUMN indicator_systems.id; Type: ACL; Schema: public; Owner: -
--

GRANT INSERT(id) ON TABLE public.indicator_systems TO niudai_app;


--
-- Name: COLUMN indicator_systems.union_id; Type: ACL; Schema: public; Owner: -
--

GRANT INSERT(union_id) ON TABLE public.indicator_systems TO niudai_app;


--
-- Name: COLUMN indicator_systems.kind; Type: ACL; Schema: public; Owner: -
--

GRANT INSERT(kind) ON TABLE public.indicator_systems TO niudai_app;


--
-- Name: COLUMN indicator_systems.name; Type: ACL; Schema: public; Owner: -
--

GRANT INSERT(name),UPDATE(name) ON TABLE public.indicator_systems TO niudai_app;


--
-- Name: COLUMN indicator_systems.lineage; Type: ACL; Schema: public; Owner: -
--

GRANT INSERT(lineage) ON TABLE public.indicator_systems TO niudai_app;


--
-- Name: COLUMN indicator_systems.version; Type: ACL; Schema: public; Owner: -
--

GRANT INSERT(version) ON TABLE public.indicator_systems TO niudai_app;


--
-- Name: COLUMN indicator_systems.status; Type: ACL; Schema: public; Owner: -
--

GRANT UPDATE(status) ON TABLE public.indicator_systems TO niudai_app;


--
-- Name: COLUMN indicator_systems.excellent_min; Type: ACL; Schema: public; Owner: -
--

GRANT INSERT(excellent_min),UPDATE(excellent_min) ON TABLE public.indicator_systems TO niudai_app;


--
-- Name: COLUMN indicator_systems.good_min; Type: ACL; Schema: public; Owner: -
--

GRANT INSERT(good_min),UPDATE(good_min) ON TABLE public.indicator_systems TO niudai_app;


--
-- Name: COLUMN indicator_systems.pass_min; Type: ACL; Schema: public; Owner: -
--

GRANT INSERT(pass_min),UPDATE(pass_min) ON TABLE public.indicator_systems TO niudai_app;


--
-- Name: COLUMN indicator_systems.published_at; Type: ACL; Schema: public; Owner: -
--

GRANT UPDATE(published_at) ON TABLE public.indicator_systems TO niudai_app;


--
-- Name: COLUMN indicator_systems.created_by; Type: ACL; Schema: public; Owner: -
--

GRANT INSERT(created_by) ON TABLE public.indicator_systems TO niudai_app;


--
-- Name: TABLE indicators; Type: ACL; Schema: public; Owner: -
--

GRANT SELECT,INSERT,DELETE,UPDATE ON TABLE public.indicators TO niudai_app;


--
-- Name: TABLE meeting_actions; Type: ACL; Schema: public; Owner: -
--

GRANT SELECT ON TABLE public.meeting_actions TO niudai_app;


--
-- Name: COLUMN meeting_actions.meeting_id; Type: ACL; Schema: public; Owner: -
--

GRANT INSERT(meeting_id) ON TABLE public.meeting_actions TO niudai_app;


--
-- Name: COLUMN meeting_actions.union_path; Type: ACL; Schema: public; Owner: -
--

GRANT INSERT(union_path) ON TABLE public.meeting_actions TO niudai_app;


--
-- Name: COLUMN meeting_actions.title; Type: ACL; Schema: public; Owner: -
--

GRANT INSERT(title) ON TABLE public.meeting_actions TO niudai_app;


--
-- Name: COLUMN meeting_actions.responsible_user_id; Type: ACL; Schema: public; Owner: -
--

GRANT INSERT(responsible_user_id) ON TABLE public.meeting_actions TO niudai_app;


--
-- Name: COLUMN meeting_actions.due_on; Type: ACL; Schema: public; Owner: -
--

GRANT INSERT(due_on) ON TABLE public.meeting_actions TO niudai_app;


--
-- Name: COLUMN meeting_actions.done_on; Type: ACL; Schema: public; Owner: -
--

GRANT UPDATE(done_on) ON TABLE public.meeting_actions TO niudai_app;


--
-- Name: COLUMN meeting_actions.created_by; Type: ACL; Schema: public; Owner: -
--

GRANT INSERT(created_by) ON TABLE public.meeting_actions TO niudai_app;


--
-- Name: COLUMN meeting_actions.updated_at; Type: ACL; Schema: public; Owner: -
--

GRANT UPDATE(updated_at) ON TABLE public.meeting_actions TO niudai_app;


--
-- Name: TABLE meeting_invitations; Type: ACL; Schema: public; Owner: -
--

GRANT SELECT,DELETE ON TABLE public.meeting_invitations TO niudai_app;


--
-- Name: COLUMN meeting_invitations.meeting_id; Type: ACL; Schema: public; Owner: -
--

GRANT INSERT(meeting_id) ON TABLE public.meeting_invitations TO niudai_app;


--
-- Name: COLUMN meeting_invitations.union_path; Type: ACL; Schema: public; Owner: -
--

GRANT INSERT(union_path) ON TABLE public.meeting_invitations TO niudai_app;


--
-- Name: COLUMN meeting_invitations.org_id; Type: ACL; Schema: public; Owner: -
--

GRANT INSERT(org_id) ON TABLE public.meeting_invitations TO niudai_app;


--
-- Name: COLUMN meeting_invitations.response; Type: ACL; Schema: public; Owner: -
--

GRANT UPDATE(response) ON TABLE public.meeting_invitations TO niudai_app;


--
-- Name: COLUMN meeting_invitations.response_note; Type: ACL; Schema: public; Owner: -
--

GRANT UPDATE(response_note) ON TABLE public.meeting_invitations TO niudai_app;


--
-- Name: COLUMN meeting_invitations.responded_at; Type: ACL; Schema: public; Owner: -
--

GRANT UPDATE(responded_at) ON TABLE public.meeting_invitations TO niudai_app;


--
-- Name: COLUMN meeting_invitations.attended; Type: ACL; Schema: public; Owner: -
--

GRANT UPDATE(attended) ON TABLE public.meeting_invitations TO niudai_app;


--
-- Name: TABLE meetings; Type: ACL; Schema: public; Owner: -
--

GRANT SELECT ON TABLE public.meetings TO niudai_app;


--
-- Name: COLUMN meetings.union_id; Type: ACL; Schema: public; Owner: -
--

GRANT INSERT(union_id),UPDATE(union_id) ON TABLE public.meetings TO niudai_app;


--
-- Name: COLUMN meetings.kind; Type: ACL; Schema: public; Owner: -
--

GRANT INSERT(kind),UPDATE(kind) ON TABLE public.meetings TO niudai_app;


--
-- Name: COLUMN meetings.title; Type: ACL; Schema: public; Owner: -
--

GRANT INSERT(title),UPDATE(title) ON TABLE public.meetings TO niudai_app;


--
-- Name: COLUMN meetings.held_on; Type: ACL; Schema: public; Owner: -
--

GRANT INSERT(held_on),UPDATE(held_on) ON TABLE public.meetings TO niudai_app;


--
-- Name: COLUMN meetings.place; Type: ACL; Schema: public; Owner: -
--

GRANT INSERT(place),UPDATE(place) ON TABLE public.meetings TO niudai_app;


--
-- Name: COLUMN meetings.agenda; Type: ACL; Schema: public; Owner: -
--

GRANT INSERT(agenda),UPDATE(agenda) ON TABLE public.meetings TO niudai_app;


--
-- Name: COLUMN meetings.minutes; Type: ACL; Schema: public; Owner: -
--

GRANT INSERT(minutes),UPDATE(minutes) ON TABLE public.meetings TO niudai_app;


--
-- Name: COLUMN meetings.decisions; Type: ACL; Schema: public; Owner: -
--

GRANT INSERT(decisions),UPDATE(decisions) ON TABLE public.meetings TO niudai_app;


--
-- Name: COLUMN meetings.status; Type: ACL; Schema: public; Owner: -
--

GRANT INSERT(status),UPDATE(status) ON TABLE public.meetings TO niudai_app;


--
-- Name: COLUMN meetings.created_by; Type: ACL; Schema: public; Owner: -
--

GRANT INSERT(created_by) ON TABLE public.meetings TO niudai_app;


--
-- Name: COLUMN meetings.updated_at; Type: ACL; Schema: public; Owner: -
--

GRANT UPDATE(updated_at) ON TABLE public.meetings TO niudai_app;


--
-- Name: COLUMN meetings.version; Type: ACL; Schema: public; Owner: -
--

GRANT UPDATE(version) ON TABLE public.meetings TO niudai_app;


--
-- Name: TABLE needs; Type: ACL; Schema: public; Owner: -
--

GRANT SELECT,DELETE ON TABLE public.needs TO niudai_app;


--
-- Name: COLUMN needs.union_id; Type: ACL; Schema: public; Owner: -
--

GRANT INSERT(union_id),UPDATE(union_id) ON TABLE public.needs TO niudai_app;


--
-- Name: COLUMN needs.title; Type: ACL; Schema: public; Owner: -
--

GRANT INSERT(title),UPDATE(title) ON TABLE public.needs TO niudai_app;


--
-- Name: COLUMN needs.domain; Type: ACL; Schema: public; Owner: -
--

GRANT INSERT(domain),UPDATE(domain) ON TABLE public.needs TO niudai_app;


--
-- Name: COLUMN needs.description; Type: ACL; Schema: public; Owner: -
--

GRANT INSERT(description),UPDATE(description) ON TABLE public.needs TO niudai_app;


--
-- Name: COLUMN needs.source; Type: ACL; Schema: public; Owner: -
--

GRANT INSERT(source),UPDATE(source) ON TABLE public.needs TO niudai_app;


--
-- Name: COLUMN needs.workers_affected; Type: ACL; Schema: public; Owner: -
--

GRANT INSERT(workers_affected),UPDATE(workers_affected) ON TABLE public.needs TO niudai_app;


--
-- Name: COLUMN needs.collected_on; Type: ACL; Schema: public; Owner: -
--

GRANT INSERT(collected_on),UPDATE(collected_on) ON TABLE public.needs TO niudai_app;


--
-- Name: COLUMN needs.priority; Type: ACL; Schema: public; Owner: -
--

GRANT INSERT(priority),UPDATE(priority) ON TABLE public.needs TO niudai_app;


--
-- Name: COLUMN needs.suitable_for_purchase; Type: ACL; Schema: public; Owner: -
--

GRANT INSERT(suitable_for_purchase),UPDATE(suitable_for_purchase) ON TABLE public.needs TO niudai_app;


--
-- Name: COLUMN needs.suitability_reason; Type: ACL; Schema: public; Owner: -
--

GRANT INSERT(suitability_reason),UPDATE(suitability_reason) ON TABLE public.needs TO niudai_app;


--
-- Name: COLUMN needs.project_id; Type: ACL; Schema: public; Owner: -
--

GRANT UPDATE(project_id) ON TABLE public.needs TO niudai_app;


--
-- Name: COLUMN needs.created_by; Type: ACL; Schema: public; Owner: -
--

GRANT INSERT(created_by) ON TABLE public.needs TO niudai_app;


--
-- Name: COLUMN needs.updated_at; Type: ACL; Schema: public; Owner: -
--

GRANT UPDATE(updated_at) ON TABLE public.needs TO niudai_app;


--
-- Name: COLUMN needs.version; Type: ACL; Schema: public; Owner: -
--

GRANT UPDATE(version) ON TABLE public.needs TO niudai_app;


--
-- Name: COLUMN needs.addressed; Type: ACL; Schema: public; Owner: -
--

GRANT UPDATE(addressed) ON TABLE public.needs TO niudai_app;


--
-- Name: COLUMN needs.addressed_note; Type: ACL; Schema: public; Owner: -
--

GRANT UPDATE(addressed_note) ON TABLE public.needs TO niudai_app;


--
-- Name: TABLE notifications; Type: ACL; Schema: public; Owner: -
--

GRANT SELECT ON TABLE public.notifications TO niudai_app;


--
-- Name: COLUMN notifications.org_id; Type: ACL; Schema: public; Owner: -
--

GRANT INSERT(org_id) ON TABLE public.notifications TO niudai_app;


--
-- Name: COLUMN notifications.union_path; Type: ACL; Schema: public; Owner: -
--

GRANT INSERT(union_path) ON TABLE public.notifications TO niudai_app;


--
-- Name: COLUMN notifications.project_id; Type: ACL; Schema: public; Owner: -
--

GRANT INSERT(project_id) ON TABLE public.notifications TO niudai_app;


--
-- Name: COLUMN notifications.message_key; Type: ACL; Schema: public; Owner: -
--

GRANT INSERT(message_key) ON TABLE public.notifications TO niudai_app;


--
-- Name: COLUMN notifications.arg; Type: ACL; Schema: public; Owner: -
--

GRANT INSERT(arg) ON TABLE public.notifications TO niudai_app;


--
-- Name: COLUMN notifications.read_at; Type: ACL; Schema: public; Owner: -
--

GRANT UPDATE(read_at) ON TABLE public.notifications TO niudai_app;


--
-- Name: TABLE org_imports; Type: ACL; Schema: public; Owner: -
--

GRANT SELECT ON TABLE public.org_imports TO niudai_app;


--
-- Name: COLUMN org_imports.union_id; Type: ACL; Schema: public; Owner: -
--

GRANT INSERT(union_id) ON TABLE public.org_imports TO niudai_app;


--
-- Name: COLUMN org_imports.user_id; Type: ACL; Schema: public; Owner: -
--

GRANT INSERT(user_id) ON TABLE public.org_imports TO niudai_app;


--
-- Name: COLUMN org_imports.file_name; Type: ACL; Schema: public; Owner: -
--

GRANT INSERT(file_name) ON TABLE public.org_imports TO niudai_app;


--
-- Name: COLUMN org_imports.content; Type: ACL; Schema: public; Owner: -
--

GRANT INSERT(content),UPDATE(content) ON TABLE public.org_imports TO niudai_app;


--
-- Name: COLUMN org_imports.status; Type: ACL; Schema: public; Owner: -
--

GRANT UPDATE(status) ON TABLE public.org_imports TO niudai_app;


--
-- Name: COLUMN org_imports.mode; Type: ACL; Schema: public; Owner: -
--

GRANT UPDATE(mode) ON TABLE public.org_imports TO niudai_app;


--
-- Name: COLUMN org_imports.rows_read; Type: ACL; Schema: public; Owner: -
--

GRANT UPDATE(rows_read) ON TABLE public.org_imports TO niudai_app;


--
-- Name: COLUMN org_imports.rows_validated; Type: ACL; Schema: public; Owner: -
--

GRANT UPDATE(rows_validated) ON TABLE public.org_imports TO niudai_app;


--
-- Name: COLUMN org_imports.rows_written; Type: ACL; Schema: public; Owner: -
--

GRANT UPDATE(rows_written) ON TABLE public.org_imports TO niudai_app;


--
-- Name: COLUMN org_imports.rows_total; Type: ACL; Schema: public; Owner: -
--

GRANT UPDATE(rows_total) ON TABLE public.org_imports TO niudai_app;


--
-- Name: COLUMN org_imports.rows_new; Type: ACL; Schema: public; Owner: -
--

GRANT UPDATE(rows_new) ON TABLE public.org_imports TO niudai_app;


--
-- Name: COLUMN org_imports.rows_updated; Type: ACL; Schema: public; Owner: -
--

GRANT UPDATE(rows_updated) ON TABLE public.org_imports TO niudai_app;


--
-- Name: COLUMN org_imports.rows_invalid; Type: ACL; Schema: public; Owner: -
--

GRANT UPDATE(rows_invalid) ON TABLE public.org_imports TO niudai_app;


--
-- Name: COLUMN org_imports.errors; Type: ACL; Schema: public; Owner: -
--

GRANT UPDATE(errors) ON TABLE public.org_imports TO niudai_app;


--
-- Name: COLUMN org_imports.changes; Type: ACL; Schema: public; Owner: -
--

GRANT UPDATE(changes) ON TABLE public.org_imports TO niudai_app;


--
-- Name: COLUMN org_imports.failure; Type: ACL; Schema: public; Owner: -
--

GRANT UPDATE(failure) ON TABLE public.org_imports TO niudai_app;


--
-- Name: COLUMN org_imports.updated_at; Type: ACL; Schema: public; Owner: -
--

GRANT UPDATE(updated_at) ON TABLE public.org_imports TO niudai_app;


--
-- Name: TABLE organization_contacts; Type: ACL; Schema: public; Owner: -
--

GRANT SELECT,DELETE ON TABLE public.organization_contacts TO niudai_app;


--
-- Name: COLUMN organization_contacts.org_id; Type: ACL; Schema: public; Owner: -
--

GRANT INSERT(org_id) ON TABLE public.organization_contacts TO niudai_app;


--
-- Name: COLUMN organization_contacts.contacted_on; Type: ACL; Schema: public; Owner: -
--

GRANT INSERT(contacted_on) ON TABLE public.organization_contacts TO niudai_app;


--
-- Name: COLUMN organization_contacts.method; Type: ACL; Schema: public; Owner: -
--

GRANT INSERT(method) ON TABLE public.organization_contacts TO niudai_app;


--
-- Name: COLUMN organization_contacts.cadre; Type: ACL; Schema: public; Owner: -
--

GRANT INSERT(cadre) ON TABLE public.organization_contacts TO niudai_app;


--
-- Name: COLUMN organization_contacts.summary; Type: ACL; Schema: public; Owner: -
--

GRANT INSERT(summary) ON TABLE public.organization_contacts TO niudai_app;


--
-- Name: COLUMN organization_contacts.issues; Type: ACL; Schema: public; Owner: -
--

GRANT INSERT(issues) ON TABLE public.organization_contacts TO niudai_app;


--
-- Name: COLUMN organization_contacts.follow_up; Type: ACL; Schema: public; Owner: -
--

GRANT INSERT(follow_up) ON TABLE public.organization_contacts TO niudai_app;


--
-- Name: COLUMN organization_contacts.next_due; Type: ACL; Schema: public; Owner: -
--

GRANT INSERT(next_due) ON TABLE public.organization_contacts TO niudai_app;


--
-- Name: COLUMN organization_contacts.created_by; Type: ACL; Schema: public; Owner: -
--

GRANT INSERT(created_by) ON TABLE public.organization_contacts TO niudai_app;


--
-- Name: COLUMN organization_contacts.meeting_id; Type: ACL; Schema: public; Owner: -
--

GRANT INSERT(meeting_id) ON TABLE public.organization_contacts TO niudai_app;


--
-- Name: TABLE organization_ratings; Type: ACL; Schema: public; Owner: -
--

GRANT SELECT ON TABLE public.organization_ratings TO niudai_app;


--
-- Name: COLUMN organization_ratings.org_id; Type: ACL; Schema: public; Owner: -
--

GRANT INSERT(org_id) ON TABLE public.organization_ratings TO niudai_app;


--
-- Name: COLUMN organization_ratings.level; Type: ACL; Schema: public; Owner: -
--

GRANT INSERT(level) ON TABLE public.organization_ratings TO niudai_app;


--
-- Name: COLUMN organization_ratings.rated_on; Type: ACL; Schema: public; Owner: -
--

GRANT INSERT(rated_on) ON TABLE public.organization_ratings TO niudai_app;


--
-- Name: COLUMN organization_ratings.authority; Type: ACL; Schema: public; Owner: -
--

GRANT INSERT(authority) ON TABLE public.organization_ratings TO niudai_app;


--
-- Name: COLUMN organization_ratings.certificate_no; Type: ACL; Schema: public; Owner: -
--

GRANT INSERT(certificate_no) ON TABLE public.organization_ratings TO niudai_app;


--
-- Name: COLUMN organization_ratings.revoked_at; Type: ACL; Schema: public; Owner: -
--

GRANT UPDATE(revoked_at) ON TABLE public.organization_ratings TO niudai_app;


--
-- Name: COLUMN organization_ratings.revoke_reason; Type: ACL; Schema: public; Owner: -
--

GRANT UPDATE(revoke_reason) ON TABLE public.organization_ratings TO niudai_app;


--
-- Name: COLUMN organization_ratings.created_by; Type: ACL; Schema: public; Owner: -
--

GRANT INSERT(created_by) ON TABLE public.organization_ratings TO niudai_app;


--
-- Name: TABLE organization_union_building; Type: ACL; Schema: public; Owner: -
--

GRANT SELECT ON TABLE public.organization_union_building TO niudai_app;


--
-- Name: COLUMN organization_union_building.org_id; Type: ACL; Schema: public; Owner: -
--

GRANT INSERT(org_id) ON TABLE public.organization_union_building TO niudai_app;


--
-- Name: COLUMN organization_union_building.status; Type: ACL; Schema: public; Owner: -
--

GRANT INSERT(status) ON TABLE public.organization_union_building TO niudai_app;


--
-- Name: COLUMN organization_union_building.founded_on; Type: ACL; Schema: public; Owner: -
--

GRANT INSERT(founded_on) ON TABLE public.organization_union_building TO niudai_app;


--
-- Name: COLUMN organization_union_building.members; Type: ACL; Schema: public; Owner: -
--

GRANT INSERT(members) ON TABLE public.organization_union_building TO niudai_app;


--
-- Name: COLUMN organization_union_building.employees; Type: ACL; Schema: public; Owner: -
--

GRANT INSERT(employees) ON TABLE public.organization_union_building TO niudai_app;


--
-- Name: COLUMN organization_union_building.chair; Type: ACL; Schema: public; Owner: -
--

GRANT INSERT(chair) ON TABLE public.organization_union_building TO niudai_app;


--
-- Name: COLUMN organization_union_building.changed_on; Type: ACL; Schema: public; Owner: -
--

GRANT INSERT(changed_on) ON TABLE public.organization_union_building TO niudai_app;


--
-- Name: COLUMN organization_union_building.created_by; Type: ACL; Schema: public; Owner: -
--

GRANT INSERT(created_by) ON TABLE public.organization_union_building TO niudai_app;


--
-- Name: TABLE organizations; Type: ACL; Schema: public; Owner: -
--

GRANT SELECT ON TABLE public.organizations TO niudai_app;


--
-- Name: COLUMN organizations.union_id; Type: ACL; Schema: public; Owner: -
--

GRANT INSERT(union_id),UPDATE(union_id) ON TABLE public.organizations TO niudai_app;


--
-- Name: COLUMN organizations.name; Type: ACL; Schema: public; Owner: -
--

GRANT INSERT(name),UPDATE(name) ON TABLE public.organizations TO niudai_app;


--
-- Name: COLUMN organizations.credit_code; Type: ACL; Schema: public; Owner: -
--

GRANT INSERT(credit_code),UPDATE(credit_code) ON TABLE public.organizations TO niudai_app;


--
-- Name: COLUMN organizations.org_type; Type: ACL; Schema: public; Owner: -
--

GRANT INSERT(org_type),UPDATE(org_type) ON TABLE public.organizations TO niudai_app;


--
-- Name: COLUMN organizations.registration_level; Type: ACL; Schema: public; Owner: -
--

GRANT INSERT(registration_level),UPDATE(registration_level) ON TABLE public.organizations TO niudai_app;


--
-- Name: COLUMN organizations.registered_on; Type: ACL; Schema: public; Owner: -
--

GRANT INSERT(registered_on),UPDATE(registered_on) ON TABLE public.organizations TO niudai_app;


--
-- Name: COLUMN organizations.supervising_unit; Type: ACL; Schema: public; Owner: -
--

GRANT INSERT(supervising_unit),UPDATE(supervising_unit) ON TABLE public.organizations TO niudai_app;


--
-- Name: COLUMN organizations.direct_registration; Type: ACL; Schema: public; Owner: -
--

GRANT INSERT(direct_registration),UPDATE(direct_registration) ON TABLE public.organizations TO niudai_app;


--
-- Name: COLUMN organizations.address; Type: ACL; Schema: public; Owner: -
--

GRANT INSERT(address),UPDATE(address) ON TABLE public.organizations TO niudai_app;


--
-- Name: COLUMN organizations.division_code; Type: ACL; Schema: public; Owner: -
--

GRANT INSERT(division_code),UPDATE(division_code) ON TABLE public.organizations TO niudai_app;


--
-- Name: COLUMN organizations.legal_representative; Type: ACL; Schema: public; Owner: -
--

GRANT INSERT(legal_representative),UPDATE(legal_representative) ON TABLE public.organizations TO niudai_app;


--
-- Name: COLUMN organizations.contact_person; Type: ACL; Schema: public; Owner: -
--

GRANT INSERT(contact_person),UPDATE(contact_person) ON TABLE public.organizations TO niudai_app;


--
-- Name: COLUMN organizations.contact_phone; Type: ACL; Schema: public; Owner: -
--

GRANT INSERT(contact_phone),UPDATE(contact_phone) ON TABLE public.organizations TO niudai_app;


--
-- Name: COLUMN organizations.contact_email; Type: ACL; Schema: public; Owner: -
--

GRANT INSERT(contact_email),UPDATE(contact_email) ON TABLE public.organizations TO niudai_app;


--
-- Name: COLUMN organizations.service_domains; Type: ACL; Schema: public; Owner: -
--

GRANT INSERT(service_domains),UPDATE(service_domains) ON TABLE public.organizations TO niudai_app;


--
-- Name: COLUMN organizations.industry; Type: ACL; Schema: public; Owner: -
--

GRANT INSERT(industry),UPDATE(industry) ON TABLE public.organizations TO niudai_app;


--
-- Name: COLUMN organizations.fulltime_staff; Type: ACL; Schema: public; Owner: -
--

GRANT INSERT(fulltime_staff),UPDATE(fulltime_staff) ON TABLE public.organizations TO niudai_app;


--
-- Name: COLUMN organizations.volunteers; Type: ACL; Schema: public; Owner: -
--

GRANT INSERT(volunteers),UPDATE(volunteers) ON TABLE public.organizations TO niudai_app;


--
-- Name: COLUMN organizations.social_workers; Type: ACL; Schema: public; Owner: -
--

GRANT INSERT(social_workers),UPDATE(social_workers) ON TABLE public.organizations TO niudai_app;


--
-- Name: COLUMN organizations.annual_revenue_fen; Type: ACL; Schema: public; Owner: -
--

GRANT INSERT(annual_revenue_fen),UPDATE(annual_revenue_fen) ON TABLE public.organizations TO niudai_app;


--
-- Name: COLUMN organizations.funding_sources; Type: ACL; Schema: public; Owner: -
--

GRANT INSERT(funding_sources),UPDATE(funding_sources) ON TABLE public.organizations TO niudai_app;


--
-- Name: COLUMN organizations.activities; Type: ACL; Schema: public; Owner: -
--

GRANT INSERT(activities),UPDATE(activities) ON TABLE public.organizations TO niudai_app;


--
-- Name: COLUMN organizations.working_methods; Type: ACL; Schema: public; Owner: -
--

GRANT INSERT(working_methods),UPDATE(working_methods) ON TABLE public.organizations TO niudai_app;


--
-- Name: COLUMN organizations.guidance_category; Type: ACL; Schema: public; Owner: -
--

GRANT INSERT(guidance_category),UPDATE(guidance_category) ON TABLE public.organizations TO niudai_app;


--
-- Name: COLUMN organizations.relationship; Type: ACL; Schema: public; Owner: -
--

GRANT INSERT(relationship),UPDATE(relationship) ON TABLE public.organizations TO niudai_app;


--
-- Name: COLUMN organizations.status; Type: ACL; Schema: public; Owner: -
--

GRANT INSERT(status),UPDATE(status) ON TABLE public.organizations TO niudai_app;


--
-- Name: COLUMN organizations.status_reason; Type: ACL; Schema: public; Owner: -
--

GRANT INSERT(status_reason),UPDATE(status_reason) ON TABLE public.organizations TO niudai_app;


--
-- Name: COLUMN organizations.abnormal_operation; Type: ACL; Schema: public; Owner: -
--

GRANT INSERT(abnormal_operation),UPDATE(abnormal_operation) ON TABLE public.organizations TO niudai_app;


--
-- Name: COLUMN organizations.serious_violation; Type: ACL; Schema: public; Owner: -
--

GRANT INSERT(serious_violation),UPDATE(serious_violation) ON TABLE public.organizations TO niudai_app;


--
-- Name: COLUMN organizations.tags; Type: ACL; Schema: public; Owner: -
--

GRANT INSERT(tags),UPDATE(tags) ON TABLE public.organizations TO niudai_app;


--
-- Name: COLUMN organizations.notes; Type: ACL; Schema: public; Owner: -
--

GRANT INSERT(notes),UPDATE(notes) ON TABLE public.organizations TO niudai_app;


--
-- Name: COLUMN organizations.contact_interval_days; Type: ACL; Schema: public; Owner: -
--

GRANT INSERT(contact_interval_days),UPDATE(contact_interval_days) ON TABLE public.organizations TO niudai_app;


--
-- Name: COLUMN organizations.updated_at; Type: ACL; Schema: public; Owner: -
--

GRANT UPDATE(updated_at) ON TABLE public.organizations TO niudai_app;


--
-- Name: COLUMN organizations.version; Type: ACL; Schema: public; Owner: -
--

GRANT UPDATE(version) ON TABLE public.organizations TO niudai_app;


--
-- Name: TABLE partner_projects; Type: ACL; Schema: public; Owner: -
--

GRANT SELECT,DELETE ON TABLE public.partner_projects TO niudai_app;


--
-- Name: COLUMN partner_projects.partner_id; Type: ACL; Schema: public; Owner: -
--

GRANT INSERT(partner_id) ON TABLE public.partner_projects TO niudai_app;


--
-- Name: COLUMN partner_projects.project_id; Type: ACL; Schema: public; Owner: -
--

GRANT INSERT(project_id) ON TABLE public.partner_projects TO niudai_app;


--
-- Name: COLUMN partner_projects.union_path; Type: ACL; Schema: public; Owner: -
--

GRANT INSERT(union_path) ON TABLE public.partner_projects TO niudai_app;


--
-- Name: COLUMN partner_projects.partner_name; Type: ACL; Schema: public; Owner: -
--

GRANT INSERT(partner_name) ON TABLE public.partner_projects TO niudai_app;


--
-- Name: COLUMN partner_projects.amount_fen; Type: ACL; Schema: public; Owner: -
--

GRANT INSERT(amount_fen) ON TABLE public.partner_projects TO niudai_app;


--
-- Name: COLUMN partner_projects.created_by; Type: ACL; Schema: public; Owner: -
--

GRANT INSERT(created_by) ON TABLE public.partner_projects TO niudai_app;


--
-- Name: TABLE partners; Type: ACL; Schema: public; Owner: -
--

GRANT SELECT ON TABLE public.partners TO niudai_app;


--
-- Name: COLUMN partners.union_id; Type: ACL; Schema: public; Owner: -
--

GRANT INSERT(union_id),UPDATE(union_id) ON TABLE public.partners TO niudai_app;


--
-- Name: COLUMN partners.name; Type: ACL; Schema: public; Owner: -
--

GRANT INSERT(name),UPDATE(name) ON TABLE public.partners TO niudai_app;


--
-- Name: COLUMN partners.kind; Type: ACL; Schema: public; Owner: -
--

GRANT INSERT(kind),UPDATE(kind) ON TABLE public.partners TO niudai_app;


--
-- Name: COLUMN partners.brings; Type: ACL; Schema: public; Owner: -
--

GRANT INSERT(brings),UPDATE(brings) ON TABLE public.partners TO niudai_app;


--
-- Name: COLUMN partners.contact_name; Type: ACL; Schema: public; Owner: -
--

GRANT INSERT(contact_name),UPDATE(contact_name) ON TABLE public.partners TO niudai_app;


--
-- Name: COLUMN partners.contact_phone; Type: ACL; Schema: public; Owner: -
--

GRANT INSERT(contact_phone),UPDATE(contact_phone) ON TABLE public.partners TO niudai_app;


--
-- Name: COLUMN partners.contact_email; Type: ACL; Schema: public; Owner: -
--

GRANT INSERT(contact_email),UPDATE(contact_email) ON TABLE public.partners TO niudai_app;


--
-- Name: COLUMN partners.description; Type: ACL; Schema: public; Owner: -
--

GRANT INSERT(description),UPDATE(description) ON TABLE public.partners TO niudai_app;


--
-- Name: COLUMN partners.created_by; Type: ACL; Schema: public; Owner: -
--

GRANT INSERT(created_by) ON TABLE public.partners TO niudai_app;


--
-- Name: COLUMN partners.updated_at; Type: ACL; Schema: public; Owner: -
--

GRANT UPDATE(updated_at) ON TABLE public.partners TO niudai_app;


--
-- Name: COLUMN partners.version; Type: ACL; Schema: public; Owner: -
--

GRANT UPDATE(version) ON TABLE public.partners TO niudai_app;


--
-- Name: TABLE payments; Type: ACL; Schema: public; Owner: -
--

GRANT SELECT ON TABLE public.payments TO niudai_app;


--
-- Name: COLUMN payments.id; Type: ACL; Schema: public; Owner: -
--

GRANT INSERT(id) ON TABLE public.payments TO niudai_app;


--
-- Name: COLUMN payments.contract_id; Type: ACL; Schema: public; Owner: -
--

GRANT INSERT(contract_id) ON TABLE public.payments TO niudai_app;


--
-- Name: COLUMN payments.union_path; Type: ACL; Schema: public; Owner: -
--

GRANT INSERT(union_path) ON TABLE public.payments TO niudai_app;


--
-- Name: COLUMN payments.org_id; Type: ACL; Schema: public; Owner: -
--

GRANT INSERT(org_id) ON TABLE public.payments TO niudai_app;


--
-- Name: COLUMN payments.supervisor_id; Type: ACL; Schema: public; Owner: -
--

GRANT INSERT(supervisor_id) ON TABLE public.payments TO niudai_app;


--
-- Name: COLUMN payments."position"; Type: ACL; Schema: public; Owner: -
--

GRANT INSERT("position") ON TABLE public.payments TO niudai_app;


--
-- Name: COLUMN payments.decision; Type: ACL; Schema: public; Owner: -
--

GRANT INSERT(decision) ON TABLE public.payments TO niudai_app;


--
-- Name: COLUMN payments.amount_fen; Type: ACL; Schema: public; Owner: -
--

GRANT INSERT(amount_fen) ON TABLE public.payments TO niudai_app;


--
-- Name: COLUMN payments.paid_on; Type: ACL; Schema: public; Owner: -
--

GRANT INSERT(paid_on) ON TABLE public.payments TO niudai_app;


--
-- Name: COLUMN payments.voucher_file_id; Type: ACL; Schema: public; Owner: -
--

GRANT INSERT(voucher_file_id) ON TABLE public.payments TO niudai_app;


--
-- Name: COLUMN payments.reason; Type: ACL; Schema: public; Owner: -
--

GRANT INSERT(reason) ON TABLE public.payments TO niudai_app;


--
-- Name: COLUMN payments.decided_by; Type: ACL; Schema: public; Owner: -
--

GRANT INSERT(decided_by) ON TABLE public.payments TO niudai_app;


--
-- Name: TABLE pilot_milestones; Type: ACL; Schema: public; Owner: -
--

GRANT SELECT ON TABLE public.pilot_milestones TO niudai_app;


--
-- Name: COLUMN pilot_milestones.pilot_id; Type: ACL; Schema: public; Owner: -
--

GRANT INSERT(pilot_id) ON TABLE public.pilot_milestones TO niudai_app;


--
-- Name: COLUMN pilot_milestones.union_path; Type: ACL; Schema: public; Owner: -
--

GRANT INSERT(union_path) ON TABLE public.pilot_milestones TO niudai_app;


--
-- Name: COLUMN pilot_milestones.title; Type: ACL; Schema: public; Owner: -
--

GRANT INSERT(title),UPDATE(title) ON TABLE public.pilot_milestones TO niudai_app;


--
-- Name: COLUMN pilot_milestones.due_on; Type: ACL; Schema: public; Owner: -
--

GRANT INSERT(due_on),UPDATE(due_on) ON TABLE public.pilot_milestones TO niudai_app;


--
-- Name: COLUMN pilot_milestones.owner_name; Type: ACL; Schema: public; Owner: -
--

GRANT INSERT(owner_name),UPDATE(owner_name) ON TABLE public.pilot_milestones TO niudai_app;


--
-- Name: COLUMN pilot_milestones.owner_user_id; Type: ACL; Schema: public; Owner: -
--

GRANT INSERT(owner_user_id),UPDATE(owner_user_id) ON TABLE public.pilot_milestones TO niudai_app;


--
-- Name: COLUMN pilot_milestones.status; Type: ACL; Schema: public; Owner: -
--

GRANT INSERT(status),UPDATE(status) ON TABLE public.pilot_milestones TO niudai_app;


--
-- Name: COLUMN pilot_milestones.done_on; Type: ACL; Schema: public; Owner: -
--

GRANT INSERT(done_on),UPDATE(done_on) ON TABLE public.pilot_milestones TO niudai_app;


--
-- Name: COLUMN pilot_milestones.created_by; Type: ACL; Schema: public; Owner: -
--

GRANT INSERT(created_by) ON TABLE public.pilot_milestones TO niudai_app;


--
-- Name: COLUMN pilot_milestones.updated_at; Type: ACL; Schema: public; Owner: -
--

GRANT UPDATE(updated_at) ON TABLE public.pilot_milestones TO niudai_app;


--
-- Name: COLUMN pilot_milestones.version; Type: ACL; Schema: public; Owner: -
--

GRANT UPDATE(version) ON TABLE public.pilot_milestones TO niudai_app;


--
-- Name: TABLE pilot_notes; Type: ACL; Schema: public; Owner: -
--

GRANT SELECT ON TABLE public.pilot_notes TO niudai_app;


--
-- Name: COLUMN pilot_notes.id; Type: ACL; Schema: public; Owner: -
--

GRANT INSERT(id) ON TABLE public.pilot_notes TO niudai_app;


--
-- Name: COLUMN pilot_notes.pilot_id; Type: ACL; Schema: public; Owner: -
--

GRANT INSERT(pilot_id) ON TABLE public.pilot_notes TO niudai_app;


--
-- Name: COLUMN pilot_notes.union_path; Type: ACL; Schema: public; Owner: -
--

GRANT INSERT(union_path) ON TABLE public.pilot_notes TO niudai_app;


--
-- Name: COLUMN pilot_notes.body; Type: ACL; Schema: public; Owner: -
--

GRANT INSERT(body) ON TABLE public.pilot_notes TO niudai_app;


--
-- Name: COLUMN pilot_notes.author_id; Type: ACL; Schema: public; Owner: -
--

GRANT INSERT(author_id) ON TABLE public.pilot_notes TO niudai_app;


--
-- Name: COLUMN pilot_notes.author_name; Type: ACL; Schema: public; Owner: -
--

GRANT INSERT(author_name) ON TABLE public.pilot_notes TO niudai_app;


--
-- Name: TABLE pilots; Type: ACL; Schema: public; Owner: -
--

GRANT SELECT ON TABLE public.pilots TO niudai_app;


--
-- Name: COLUMN pilots.union_id; Type: ACL; Schema: public; Owner: -
--

GRANT INSERT(union_id),UPDATE(union_id) ON TABLE public.pilots TO niudai_app;


--
-- Name: COLUMN pilots.title; Type: ACL; Schema: public; Owner: -
--

GRANT INSERT(title),UPDATE(title) ON TABLE public.pilots TO niudai_app;


--
-- Name: COLUMN pilots.goals; Type: ACL; Schema: public; Owner: -
--

GRANT INSERT(goals),UPDATE(goals) ON TABLE public.pilots TO niudai_app;


--
-- Name: COLUMN pilots.starts_on; Type: ACL; Schema: public; Owner: -
--

GRANT INSERT(starts_on),UPDATE(starts_on) ON TABLE public.pilots TO niudai_app;


--
-- Name: COLUMN pilots.planned_end_on; Type: ACL; Schema: public; Owner: -
--

GRANT INSERT(planned_end_on),UPDATE(planned_end_on) ON TABLE public.pilots TO niudai_app;


--
-- Name: COLUMN pilots.status; Type: ACL; Schema: public; Owner: -
--

GRANT UPDATE(status) ON TABLE public.pilots TO niudai_app;


--
-- Name: COLUMN pilots.summary; Type: ACL; Schema: public; Owner: -
--

GRANT UPDATE(summary) ON TABLE public.pilots TO niudai_app;


--
-- Name: COLUMN pilots.ended_on; Type: ACL; Schema: public; Owner: -
--

GRANT UPDATE(ended_on) ON TABLE public.pilots TO niudai_app;


--
-- Name: COLUMN pilots.exception_reason; Type: ACL; Schema: public; Owner: -
--

GRANT INSERT(exception_reason),UPDATE(exception_reason) ON TABLE public.pilots TO niudai_app;


--
-- Name: COLUMN pilots.designated_by; Type: ACL; Schema: public; Owner: -
--

GRANT INSERT(designated_by) ON TABLE public.pilots TO niudai_app;


--
-- Name: COLUMN pilots.updated_at; Type: ACL; Schema: public; Owner: -
--

GRANT UPDATE(updated_at) ON TABLE public.pilots TO niudai_app;


--
-- Name: COLUMN pilots.version; Type: ACL; Schema: public; Owner: -
--

GRANT UPDATE(version) ON TABLE public.pilots TO niudai_app;


--
-- Name: TABLE project_closings; Type: ACL; Schema: public; Owner: -
--

GRANT SELECT ON TABLE public.project_closings TO niudai_app;


--
-- Name: COLUMN project_closings.project_id; Type: ACL; Schema: public; Owner: -
--

GRANT INSERT(project_id) ON TABLE public.project_closings TO niudai_app;


--
-- Name: COLUMN project_closings.union_path; Type: ACL; Schema: public; Owner: -
--

GRANT INSERT(union_path) ON TABLE public.project_closings TO niudai_app;


--
-- Name: COLUMN project_closings.people_served; Type: ACL; Schema: public; Owner: -
--

GRANT INSERT(people_served) ON TABLE public.project_closings TO niudai_app;


--
-- Name: COLUMN project_closings.activities_held; Type: ACL; Schema: public; Owner: -
--

GRANT INSERT(activities_held) ON TABLE public.project_closings TO niudai_app;


--
-- Name: COLUMN project_closings.service_hours; Type: ACL; Schema: public; Owner: -
--

GRANT INSERT(service_hours) ON TABLE public.project_closings TO niudai_app;


--
-- Name: COLUMN project_closings.score_hundredths; Type: ACL; Schema: public; Owner: -
--

GRANT INSERT(score_hundredths) ON TABLE public.project_closings TO niudai_app;


--
-- Name: COLUMN project_closings.grade; Type: ACL; Schema: public; Owner: -
--

GRANT INSERT(grade) ON TABLE public.project_closings TO niudai_app;


--
-- Name: COLUMN project_closings.outcomes; Type: ACL; Schema: public; Owner: -
--

GRANT INSERT(outcomes) ON TABLE public.project_closings TO niudai_app;


--
-- Name: COLUMN project_closings.lessons; Type: ACL; Schema: public; Owner: -
--

GRANT INSERT(lessons) ON TABLE public.project_closings TO niudai_app;


--
-- Name: COLUMN project_closings.closed_by; Type: ACL; Schema: public; Owner: -
--

GRANT INSERT(closed_by) ON TABLE public.project_closings TO niudai_app;


--
-- Name: TABLE project_events; Type: ACL; Schema: public; Owner: -
--

GRANT SELECT ON TABLE public.project_events TO niudai_app;


--
-- Name: COLUMN project_events.project_id; Type: ACL; Schema: public; Owner: -
--

GRANT INSERT(project_id) ON TABLE public.project_events TO niudai_app;


--
-- Name: COLUMN project_events.from_status; Type: ACL; Schema: public; Owner: -
--

GRANT INSERT(from_status) ON TABLE public.project_events TO niudai_app;


--
-- Name: COLUMN project_events.to_status; Type: ACL; Schema: public; Owner: -
--

GRANT INSERT(to_status) ON TABLE public.project_events TO niudai_app;


--
-- Name: COLUMN project_events.actor_id; Type: ACL; Schema: public; Owner: -
--

GRANT INSERT(actor_id) ON TABLE public.project_events TO niudai_app;


--
-- Name: COLUMN project_events.actor_name; Type: ACL; Schema: public; Owner: -
--

GRANT INSERT(actor_name) ON TABLE public.project_events TO niudai_app;


--
-- Name: COLUMN project_events.comment; Type: ACL; Schema: public; Owner: -
--

GRANT INSERT(comment) ON TABLE public.project_events TO niudai_app;


--
-- Name: SEQUENCE project_generation; Type: ACL; Schema: public; Owner: -
--

GRANT SELECT ON SEQUENCE public.project_generation TO niudai_app;


--
-- Name: TABLE projects; Type: ACL; Schema: public; Owner: -
--

GRANT SELECT ON TABLE public.projects TO niudai_app;


--
-- Name: COLUMN projects.union_id; Type: ACL; Schema: public; Owner: -
--

GRANT INSERT(union_id) ON TABLE public.projects TO niudai_app;


--
-- Name: COLUMN projects.code; Type: ACL; Schema: public; Owner: -
--

GRANT INSERT(code) ON TABLE public.projects TO niudai_app;


--
-- Name: COLUMN projects.title; Type: ACL; Schema: public; Owner: -
--

GRANT INSERT(title),UPDATE(title) ON TABLE public.projects TO niudai_app;


--
-- Name: COLUMN projects.domain; Type: ACL; Schema: public; Owner: -
--

GRANT INSERT(domain),UPDATE(domain) ON TABLE public.projects TO niudai_app;


--
-- Name: COLUMN projects.description; Type: ACL; Schema: public; Owner: -
--

GRANT INSERT(description),UPDATE(description) ON TABLE public.projects TO niudai_app;


--
-- Name: COLUMN projects.target_group; Type: ACL; Schema: public; Owner: -
--

GRANT INSERT(target_group),UPDATE(target_group) ON TABLE public.projects TO niudai_app;


--
-- Name: COLUMN projects.target_people; Type: ACL; Schema: public; Owner: -
--

GRANT INSERT(target_people),UPDATE(target_people) ON TABLE public.projects TO niudai_app;


--
-- Name: COLUMN projects.target_activities; Type: ACL; Schema: public; Owner: -
--

GRANT INSERT(target_activities),UPDATE(target_activities) ON TABLE public.projects TO niudai_app;


--
-- Name: COLUMN projects.target_service_hours; Type: ACL; Schema: public; Owner: -
--

GRANT INSERT(target_service_hours),UPDATE(target_service_hours) ON TABLE public.projects TO niudai_app;


--
-- Name: COLUMN projects.budget_fen; Type: ACL; Schema: public; Owner: -
--

GRANT INSERT(budget_fen),UPDATE(budget_fen) ON TABLE public.projects TO niudai_app;


--
-- Name: COLUMN projects.union_funds_fen; Type: ACL; Schema: public; Owner: -
--

GRANT INSERT(union_funds_fen),UPDATE(union_funds_fen) ON TABLE public.projects TO niudai_app;


--
-- Name: COLUMN projects.fiscal_funds_fen; Type: ACL; Schema: public; Owner: -
--

GRANT INSERT(fiscal_funds_fen),UPDATE(fiscal_funds_fen) ON TABLE public.projects TO niudai_app;


--
-- Name: COLUMN projects.crowdfunding_fen; Type: ACL; Schema: public; Owner: -
--

GRANT INSERT(crowdfunding_fen),UPDATE(crowdfunding_fen) ON TABLE public.projects TO niudai_app;


--
-- Name: COLUMN projects.other_funds_fen; Type: ACL; Schema: public; Owner: -
--

GRANT INSERT(other_funds_fen),UPDATE(other_funds_fen) ON TABLE public.projects TO niudai_app;


--
-- Name: COLUMN projects.eligible_types; Type: ACL; Schema: public; Owner: -
--

GRANT INSERT(eligible_types),UPDATE(eligible_types) ON TABLE public.projects TO niudai_app;


--
-- Name: COLUMN projects.min_rating; Type: ACL; Schema: public; Owner: -
--

GRANT INSERT(min_rating),UPDATE(min_rating) ON TABLE public.projects TO niudai_app;


--
-- Name: COLUMN projects.min_years; Type: ACL; Schema: public; Owner: -
--

GRANT INSERT(min_years),UPDATE(min_years) ON TABLE public.projects TO niudai_app;


--
-- Name: COLUMN projects.apply_opens_on; Type: ACL; Schema: public; Owner: -
--

GRANT INSERT(apply_opens_on),UPDATE(apply_opens_on) ON TABLE public.projects TO niudai_app;


--
-- Name: COLUMN projects.apply_closes_on; Type: ACL; Schema: public; Owner: -
--

GRANT INSERT(apply_closes_on),UPDATE(apply_closes_on) ON TABLE public.projects TO niudai_app;


--
-- Name: COLUMN projects.service_starts_on; Type: ACL; Schema: public; Owner: -
--

GRANT INSERT(service_starts_on),UPDATE(service_starts_on) ON TABLE public.projects TO niudai_app;


--
-- Name: COLUMN projects.service_ends_on; Type: ACL; Schema: public; Owner: -
--

GRANT INSERT(service_ends_on),UPDATE(service_ends_on) ON TABLE public.projects TO niudai_app;


--
-- Name: COLUMN projects.review_system_id; Type: ACL; Schema: public; Owner: -
--

GRANT INSERT(review_system_id),UPDATE(review_system_id) ON TABLE public.projects TO niudai_app;


--
-- Name: COLUMN projects.midterm_system_id; Type: ACL; Schema: public; Owner: -
--

GRANT INSERT(midterm_system_id),UPDATE(midterm_system_id) ON TABLE public.projects TO niudai_app;


--
-- Name: COLUMN projects.performance_system_id; Type: ACL; Schema: public; Owner: -
--

GRANT INSERT(performance_system_id),UPDATE(performance_system_id) ON TABLE public.projects TO niudai_app;


--
-- Name: COLUMN projects.status; Type: ACL; Schema: public; Owner: -
--

GRANT UPDATE(status) ON TABLE public.projects TO niudai_app;


--
-- Name: COLUMN projects.cancel_reason; Type: ACL; Schema: public; Owner: -
--

GRANT UPDATE(cancel_reason) ON TABLE public.projects TO niudai_app;


--
-- Name: COLUMN projects.created_by; Type: ACL; Schema: public; Owner: -
--

GRANT INSERT(created_by) ON TABLE public.projects TO niudai_app;


--
-- Name: COLUMN projects.updated_at; Type: ACL; Schema: public; Owner: -
--

GRANT UPDATE(updated_at) ON TABLE public.projects TO niudai_app;


--
-- Name: COLUMN projects.version; Type: ACL; Schema: public; Owner: -
--

GRANT UPDATE(version) ON TABLE public.projects TO niudai_app;


--
-- Name: COLUMN projects.commissioned_by; Type: ACL; Schema: public; Owner: -
--

GRANT INSERT(commissioned_by),UPDATE(commissioned_by) ON TABLE public.projects TO niudai_app;


--
-- Name: TABLE rectification_events; Type: ACL; Schema: public; Owner: -
--

GRANT SELECT ON TABLE public.rectification_events TO niudai_app;


--
-- Name: COLUMN rectification_events.rectification_id; Type: ACL; Schema: public; Owner: -
--

GRANT INSERT(rectification_id) ON TABLE public.rectification_events TO niudai_app;


--
-- Name: COLUMN rectification_events.union_path; Type: ACL; Schema: public; Owner: -
--

GRANT INSERT(union_path) ON TABLE public.rectification_events TO niudai_app;


--
-- Name: COLUMN rectification_events.org_id; Type: ACL; Schema: public; Owner: -
--

GRANT INSERT(org_id) ON TABLE public.rectification_events TO niudai_app;


--
-- Name: COLUMN rectification_events.supervisor_id; Type: ACL; Schema: public; Owner: -
--

GRANT INSERT(supervisor_id) ON TABLE public.rectification_events TO niudai_app;


--
-- Name: COLUMN rectification_events.kind; Type: ACL; Schema: public; Owner: -
--

GRANT INSERT(kind) ON TABLE public.rectification_events TO niudai_app;


--
-- Name: COLUMN rectification_events.body; Type: ACL; Schema: public; Owner: -
--

GRANT INSERT(body) ON TABLE public.rectification_events TO niudai_app;


--
-- Name: COLUMN rectification_events.actor_id; Type: ACL; Schema: public; Owner: -
--

GRANT INSERT(actor_id) ON TABLE public.rectification_events TO niudai_app;


--
-- Name: COLUMN rectification_events.actor_name; Type: ACL; Schema: public; Owner: -
--

GRANT INSERT(actor_name) ON TABLE public.rectification_events TO niudai_app;


--
-- Name: TABLE rectifications; Type: ACL; Schema: public; Owner: -
--

GRANT SELECT ON TABLE public.rectifications TO niudai_app;


--
-- Name: COLUMN rectifications.contract_id; Type: ACL; Schema: public; Owner: -
--

GRANT INSERT(contract_id) ON TABLE public.rectifications TO niudai_app;


--
-- Name: COLUMN rectifications.project_id; Type: ACL; Schema: public; Owner: -
--

GRANT INSERT(project_id) ON TABLE public.rectifications TO niudai_app;


--
-- Name: COLUMN rectifications.union_path; Type: ACL; Schema: public; Owner: -
--

GRANT INSERT(union_path) ON TABLE public.rectifications TO niudai_app;


--
-- Name: COLUMN rectifications.org_id; Type: ACL; Schema: public; Owner: -
--

GRANT INSERT(org_id) ON TABLE public.rectifications TO niudai_app;


--
-- Name: COLUMN rectifications.supervisor_id; Type: ACL; Schema: public; Owner: -
--

GRANT INSERT(supervisor_id) ON TABLE public.rectifications TO niudai_app;


--
-- Name: COLUMN rectifications.problem; Type: ACL; Schema: public; Owner: -
--

GRANT INSERT(problem) ON TABLE public.rectifications TO niudai_app;


--
-- Name: COLUMN rectifications.requirement; Type: ACL; Schema: public; Owner: -
--

GRANT INSERT(requirement) ON TABLE public.rectifications TO niudai_app;


--
-- Name: COLUMN rectifications.deadline; Type: ACL; Schema: public; Owner: -
--

GRANT INSERT(deadline) ON TABLE public.rectifications TO niudai_app;


--
-- Name: COLUMN rectifications.status; Type: ACL; Schema: public; Owner: -
--

GRANT UPDATE(status) ON TABLE public.rectifications TO niudai_app;


--
-- Name: COLUMN rectifications.answer; Type: ACL; Schema: public; Owner: -
--

GRANT UPDATE(answer) ON TABLE public.rectifications TO niudai_app;


--
-- Name: COLUMN rectifications.issued_by; Type: ACL; Schema: public; Owner: -
--

GRANT INSERT(issued_by) ON TABLE public.rectifications TO niudai_app;


--
-- Name: COLUMN rectifications.closed_at; Type: ACL; Schema: public; Owner: -
--

GRANT UPDATE(closed_at) ON TABLE public.rectifications TO niudai_app;


--
-- Name: SEQUENCE registry_generation; Type: ACL; Schema: public; Owner: -
--

GRANT SELECT ON SEQUENCE public.registry_generation TO niudai_app;


--
-- Name: TABLE report_versions; Type: ACL; Schema: public; Owner: -
--

GRANT SELECT ON TABLE public.report_versions TO niudai_app;


--
-- Name: TABLE reports; Type: ACL; Schema: public; Owner: -
--

GRANT SELECT ON TABLE public.reports TO niudai_app;


--
-- Name: COLUMN reports.contract_id; Type: ACL; Schema: public; Owner: -
--

GRANT INSERT(contract_id) ON TABLE public.reports TO niudai_app;


--
-- Name: COLUMN reports.project_id; Type: ACL; Schema: public; Owner: -
--

GRANT INSERT(project_id) ON TABLE public.reports TO niudai_app;


--
-- Name: COLUMN reports.union_path; Type: ACL; Schema: public; Owner: -
--

GRANT INSERT(union_path) ON TABLE public.reports TO niudai_app;


--
-- Name: COLUMN reports.org_id; Type: ACL; Schema: public; Owner: -
--

GRANT INSERT(org_id) ON TABLE public.reports TO niudai_app;


--
-- Name: COLUMN reports.supervisor_id; Type: ACL; Schema: public; Owner: -
--

GRANT INSERT(supervisor_id) ON TABLE public.reports TO niudai_app;


--
-- Name: COLUMN reports.kind; Type: ACL; Schema: public; Owner: -
--

GRANT INSERT(kind) ON TABLE public.reports TO niudai_app;


--
-- Name: COLUMN reports.period_starts_on; Type: ACL; Schema: public; Owner: -
--

GRANT INSERT(period_starts_on) ON TABLE public.reports TO niudai_app;


--
-- Name: COLUMN reports.period_ends_on; Type: ACL; Schema: public; Owner: -
--

GRANT INSERT(period_ends_on) ON TABLE public.reports TO niudai_app;


--
-- Name: COLUMN reports.due_on; Type: ACL; Schema: public; Owner: -
--

GRANT INSERT(due_on) ON TABLE public.reports TO niudai_app;


--
-- Name: COLUMN reports.status; Type: ACL; Schema: public; Owner: -
--

GRANT UPDATE(status) ON TABLE public.reports TO niudai_app;


--
-- Name: COLUMN reports.people_served; Type: ACL; Schema: public; Owner: -
--

GRANT UPDATE(people_served) ON TABLE public.reports TO niudai_app;


--
-- Name: COLUMN reports.activities_held; Type: ACL; Schema: public; Owner: -
--

GRANT UPDATE(activities_held) ON TABLE public.reports TO niudai_app;


--
-- Name: COLUMN reports.service_hours; Type: ACL; Schema: public; Owner: -
--

GRANT UPDATE(service_hours) ON TABLE public.reports TO niudai_app;


--
-- Name: COLUMN reports.volunteer_hours; Type: ACL; Schema: public; Owner: -
--

GRANT UPDATE(volunteer_hours) ON TABLE public.reports TO niudai_app;


--
-- Name: COLUMN reports.personnel_fen; Type: ACL; Schema: public; Owner: -
--

GRANT UPDATE(personnel_fen) ON TABLE public.reports TO niudai_app;


--
-- Name: COLUMN reports.activities_fen; Type: ACL; Schema: public; Owner: -
--

GRANT UPDATE(activities_fen) ON TABLE public.reports TO niudai_app;


--
-- Name: COLUMN reports.publicity_fen; Type: ACL; Schema: public; Owner: -
--

GRANT UPDATE(publicity_fen) ON TABLE public.reports TO niudai_app;


--
-- Name: COLUMN reports.transport_fen; Type: ACL; Schema: public; Owner: -
--

GRANT UPDATE(transport_fen) ON TABLE public.reports TO niudai_app;


--
-- Name: COLUMN reports.office_fen; Type: ACL; Schema: public; Owner: -
--

GRANT UPDATE(office_fen) ON TABLE public.reports TO niudai_app;


--
-- Name: COLUMN reports.experts_fen; Type: ACL; Schema: public; Owner: -
--

GRANT UPDATE(experts_fen) ON TABLE public.reports TO niudai_app;


--
-- Name: COLUMN reports.management_fen; Type: ACL; Schema: public; Owner: -
--

GRANT UPDATE(management_fen) ON TABLE public.reports TO niudai_app;


--
-- Name: COLUMN reports.evaluation_fen; Type: ACL; Schema: public; Owner: -
--

GRANT UPDATE(evaluation_fen) ON TABLE public.reports TO niudai_app;


--
-- Name: COLUMN reports.narrative; Type: ACL; Schema: public; Owner: -
--

GRANT UPDATE(narrative) ON TABLE public.reports TO niudai_app;


--
-- Name: COLUMN reports.problems; Type: ACL; Schema: public; Owner: -
--

GRANT UPDATE(problems) ON TABLE public.reports TO niudai_app;


--
-- Name: COLUMN reports.submitted_by; Type: ACL; Schema: public; Owner: -
--

GRANT UPDATE(submitted_by) ON TABLE public.reports TO niudai_app;


--
-- Name: COLUMN reports.reviewed_at; Type: ACL; Schema: public; Owner: -
--

GRANT UPDATE(reviewed_at) ON TABLE public.reports TO niudai_app;


--
-- Name: COLUMN reports.reviewed_by; Type: ACL; Schema: public; Owner: -
--

GRANT UPDATE(reviewed_by) ON TABLE public.reports TO niudai_app;


--
-- Name: COLUMN reports.review_comment; Type: ACL; Schema: public; Owner: -
--

GRANT UPDATE(review_comment) ON TABLE public.reports TO niudai_app;


--
-- Name: COLUMN reports.updated_at; Type: ACL; Schema: public; Owner: -
--

GRANT UPDATE(updated_at) ON TABLE public.reports TO niudai_app;


--
-- Name: TABLE review_assignments; Type: ACL; Schema: public; Owner: -
--

GRANT SELECT ON TABLE public.review_assignments TO niudai_app;


--
-- Name: COLUMN review_assignments.application_id; Type: ACL; Schema: public; Owner: -
--

GRANT INSERT(application_id) ON TABLE public.review_assignments TO niudai_app;


--
-- Name: COLUMN review_assignments.org_id; Type: ACL; Schema: public; Owner: -
--

GRANT INSERT(org_id) ON TABLE public.review_assignments TO niudai_app;


--
-- Name: COLUMN review_assignments.project_id; Type: ACL; Schema: public; Owner: -
--

GRANT INSERT(project_id) ON TABLE public.review_assignments TO niudai_app;


--
-- Name: COLUMN review_assignments.union_path; Type: ACL; Schema: public; Owner: -
--

GRANT INSERT(union_path) ON TABLE public.review_assignments TO niudai_app;


--
-- Name: COLUMN review_assignments.reviewer_id; Type: ACL; Schema: public; Owner: -
--

GRANT INSERT(reviewer_id) ON TABLE public.review_assignments TO niudai_app;


--
-- Name: COLUMN review_assignments.status; Type: ACL; Schema: public; Owner: -
--

GRANT UPDATE(status) ON TABLE public.review_assignments TO niudai_app;


--
-- Name: COLUMN review_assignments.conflict_note; Type: ACL; Schema: public; Owner: -
--

GRANT UPDATE(conflict_note) ON TABLE public.review_assignments TO niudai_app;


--
-- Name: COLUMN review_assignments.declared_at; Type: ACL; Schema: public; Owner: -
--

GRANT UPDATE(declared_at) ON TABLE public.review_assignments TO niudai_app;


--
-- Name: COLUMN review_assignments.submitted_at; Type: ACL; Schema: public; Owner: -
--

GRANT UPDATE(submitted_at) ON TABLE public.review_assignments TO niudai_app;


--
-- Name: COLUMN review_assignments.assigned_by; Type: ACL; Schema: public; Owner: -
--

GRANT INSERT(assigned_by) ON TABLE public.review_assignments TO niudai_app;


--
-- Name: COLUMN review_assignments.version; Type: ACL; Schema: public; Owner: -
--

GRANT UPDATE(version) ON TABLE public.review_assignments TO niudai_app;


--
-- Name: TABLE review_scores; Type: ACL; Schema: public; Owner: -
--

GRANT SELECT,DELETE ON TABLE public.review_scores TO niudai_app;


--
-- Name: COLUMN review_scores.assignment_id; Type: ACL; Schema: public; Owner: -
--

GRANT INSERT(assignment_id) ON TABLE public.review_scores TO niudai_app;


--
-- Name: COLUMN review_scores.indicator_id; Type: ACL; Schema: public; Owner: -
--

GRANT INSERT(indicator_id) ON TABLE public.review_scores TO niudai_app;


--
-- Name: COLUMN review_scores.score_tenths; Type: ACL; Schema: public; Owner: -
--

GRANT INSERT(score_tenths),UPDATE(score_tenths) ON TABLE public.review_scores TO niudai_app;


--
-- Name: COLUMN review_scores.comment; Type: ACL; Schema: public; Owner: -
--

GRANT INSERT(comment),UPDATE(comment) ON TABLE public.review_scores TO niudai_app;


--
-- Name: TABLE reviewer_links; Type: ACL; Schema: public; Owner: -
--

GRANT SELECT ON TABLE public.reviewer_links TO niudai_app;


--
-- Name: COLUMN reviewer_links.reviewer_id; Type: ACL; Schema: public; Owner: -
--

GRANT INSERT(reviewer_id) ON TABLE public.reviewer_links TO niudai_app;


--
-- Name: COLUMN reviewer_links.org_id; Type: ACL; Schema: public; Owner: -
--

GRANT INSERT(org_id) ON TABLE public.reviewer_links TO niudai_app;


--
-- Name: COLUMN reviewer_links.union_path; Type: ACL; Schema: public; Owner: -
--

GRANT INSERT(union_path) ON TABLE public.reviewer_links TO niudai_app;


--
-- Name: COLUMN reviewer_links.relation; Type: ACL; Schema: public; Owner: -
--

GRANT INSERT(relation) ON TABLE public.reviewer_links TO niudai_app;


--
-- Name: COLUMN reviewer_links.created_by; Type: ACL; Schema: public; Owner: -
--

GRANT INSERT(created_by) ON TABLE public.reviewer_links TO niudai_app;


--
-- Name: TABLE service_sites; Type: ACL; Schema: public; Owner: -
--

GRANT SELECT ON TABLE public.service_sites TO niudai_app;


--
-- Name: COLUMN service_sites.union_id; Type: ACL; Schema: public; Owner: -
--

GRANT INSERT(union_id),UPDATE(union_id) ON TABLE public.service_sites TO niudai_app;


--
-- Name: COLUMN service_sites.kind; Type: ACL; Schema: public; Owner: -
--

GRANT INSERT(kind),UPDATE(kind) ON TABLE public.service_sites TO niudai_app;


--
-- Name: COLUMN service_sites.name; Type: ACL; Schema: public; Owner: -
--

GRANT INSERT(name),UPDATE(name) ON TABLE public.service_sites TO niudai_app;


--
-- Name: COLUMN service_sites.address; Type: ACL; Schema: public; Owner: -
--

GRANT INSERT(address),UPDATE(address) ON TABLE public.service_sites TO niudai_app;


--
-- Name: COLUMN service_sites.division_code; Type: ACL; Schema: public; Owner: -
--

GRANT INSERT(division_code),UPDATE(division_code) ON TABLE public.service_sites TO niudai_app;


--
-- Name: COLUMN service_sites.latitude; Type: ACL; Schema: public; Owner: -
--

GRANT INSERT(latitude),UPDATE(latitude) ON TABLE public.service_sites TO niudai_app;


--
-- Name: COLUMN service_sites.longitude; Type: ACL; Schema: public; Owner: -
--

GRANT INSERT(longitude),UPDATE(longitude) ON TABLE public.service_sites TO niudai_app;


--
-- Name: COLUMN service_sites.datum; Type: ACL; Schema: public; Owner: -
--

GRANT INSERT(datum),UPDATE(datum) ON TABLE public.service_sites TO niudai_app;


--
-- Name: COLUMN service_sites.opening_hours; Type: ACL; Schema: public; Owner: -
--

GRANT INSERT(opening_hours),UPDATE(opening_hours) ON TABLE public.service_sites TO niudai_app;


--
-- Name: COLUMN service_sites.services; Type: ACL; Schema: public; Owner: -
--

GRANT INSERT(services),UPDATE(services) ON TABLE public.service_sites TO niudai_app;


--
-- Name: COLUMN service_sites.operator_org_id; Type: ACL; Schema: public; Owner: -
--

GRANT INSERT(operator_org_id),UPDATE(operator_org_id) ON TABLE public.service_sites TO niudai_app;


--
-- Name: COLUMN service_sites.opened_on; Type: ACL; Schema: public; Owner: -
--

GRANT INSERT(opened_on),UPDATE(opened_on) ON TABLE public.service_sites TO niudai_app;


--
-- Name: COLUMN service_sites.closed_on; Type: ACL; Schema: public; Owner: -
--

GRANT INSERT(closed_on),UPDATE(closed_on) ON TABLE public.service_sites TO niudai_app;


--
-- Name: COLUMN service_sites.contact_name; Type: ACL; Schema: public; Owner: -
--

GRANT INSERT(contact_name),UPDATE(contact_name) ON TABLE public.service_sites TO niudai_app;


--
-- Name: COLUMN service_sites.contact_phone; Type: ACL; Schema: public; Owner: -
--

GRANT INSERT(contact_phone),UPDATE(contact_phone) ON TABLE public.service_sites TO niudai_app;


--
-- Name: COLUMN service_sites.created_by; Type: ACL; Schema: public; Owner: -
--

GRANT INSERT(created_by) ON TABLE public.service_sites TO niudai_app;


--
-- Name: COLUMN service_sites.updated_at; Type: ACL; Schema: public; Owner: -
--

GRANT UPDATE(updated_at) ON TABLE public.service_sites TO niudai_app;


--
-- Name: COLUMN service_sites.version; Type: ACL; Schema: public; Owner: -
--

GRANT UPDATE(version) ON TABLE public.service_sites TO niudai_app;


--
-- Name: TABLE site_visits; Type: ACL; Schema: public; Owner: -
--

GRANT SELECT ON TABLE public.site_visits TO niudai_app;


--
-- Name: COLUMN site_visits.contract_id; Type: ACL; Schema: public; Owner: -
--

GRANT INSERT(contract_id) ON TABLE public.site_visits TO niudai_app;


--
-- Name: COLUMN site_visits.union_path; Type: ACL; Schema: public; Owner: -
--

GRANT INSERT(union_path) ON TABLE public.site_visits TO niudai_app;


--
-- Name: COLUMN site_visits.org_id; Type: ACL; Schema: public; Owner: -
--

GRANT INSERT(org_id) ON TABLE public.site_visits TO niudai_app;


--
-- Name: COLUMN site_visits.supervisor_id; Type: ACL; Schema: public; Owner: -
--

GRANT INSERT(supervisor_id) ON TABLE public.site_visits TO niudai_app;


--
-- Name: COLUMN site_visits.visited_on; Type: ACL; Schema: public; Owner: -
--

GRANT INSERT(visited_on) ON TABLE public.site_visits TO niudai_app;


--
-- Name: COLUMN site_visits.findings; Type: ACL; Schema: public; Owner: -
--

GRANT INSERT(findings) ON TABLE public.site_visits TO niudai_app;


--
-- Name: COLUMN site_visits.created_by; Type: ACL; Schema: public; Owner: -
--

GRANT INSERT(created_by) ON TABLE public.site_visits TO niudai_app;


--
-- Name: COLUMN site_visits.created_by_name; Type: ACL; Schema: public; Owner: -
--

GRANT INSERT(created_by_name) ON TABLE public.site_visits TO niudai_app;


--
-- Name: TABLE stats_months; Type: ACL; Schema: public; Owner: -
--

GRANT SELECT ON TABLE public.stats_months TO niudai_app;


--
-- Name: TABLE stats_snapshots; Type: ACL; Schema: public; Owner: -
--

GRANT SELECT ON TABLE public.stats_snapshots TO niudai_app;


--
-- Name: TABLE training_attendees; Type: ACL; Schema: public; Owner: -
--

GRANT SELECT,DELETE ON TABLE public.training_attendees TO niudai_app;


--
-- Name: COLUMN training_attendees.training_id; Type: ACL; Schema: public; Owner: -
--

GRANT INSERT(training_id) ON TABLE public.training_attendees TO niudai_app;


--
-- Name: COLUMN training_attendees.union_path; Type: ACL; Schema: public; Owner: -
--

GRANT INSERT(union_path) ON TABLE public.training_attendees TO niudai_app;


--
-- Name: COLUMN training_attendees.user_id; Type: ACL; Schema: public; Owner: -
--

GRANT INSERT(user_id) ON TABLE public.training_attendees TO niudai_app;


--
-- Name: TABLE trainings; Type: ACL; Schema: public; Owner: -
--

GRANT SELECT,DELETE ON TABLE public.trainings TO niudai_app;


--
-- Name: COLUMN trainings.union_id; Type: ACL; Schema: public; Owner: -
--

GRANT INSERT(union_id),UPDATE(union_id) ON TABLE public.trainings TO niudai_app;


--
-- Name: COLUMN trainings.held_on; Type: ACL; Schema: public; Owner: -
--

GRANT INSERT(held_on),UPDATE(held_on) ON TABLE public.trainings TO niudai_app;


--
-- Name: COLUMN trainings.kind; Type: ACL; Schema: public; Owner: -
--

GRANT INSERT(kind),UPDATE(kind) ON TABLE public.trainings TO niudai_app;


--
-- Name: COLUMN trainings.topic; Type: ACL; Schema: public; Owner: -
--

GRANT INSERT(topic),UPDATE(topic) ON TABLE public.trainings TO niudai_app;


--
-- Name: COLUMN trainings.hours_tenths; Type: ACL; Schema: public; Owner: -
--

GRANT INSERT(hours_tenths),UPDATE(hours_tenths) ON TABLE public.trainings TO niudai_app;


--
-- Name: COLUMN trainings.external_attendees; Type: ACL; Schema: public; Owner: -
--

GRANT INSERT(external_attendees),UPDATE(external_attendees) ON TABLE public.trainings TO niudai_app;


--
-- Name: COLUMN trainings.notes; Type: ACL; Schema: public; Owner: -
--

GRANT INSERT(notes),UPDATE(notes) ON TABLE public.trainings TO niudai_app;


--
-- Name: COLUMN trainings.created_by; Type: ACL; Schema: public; Owner: -
--

GRANT INSERT(created_by) ON TABLE public.trainings TO niudai_app;


--
-- Name: COLUMN trainings.updated_at; Type: ACL; Schema: public; Owner: -
--

GRANT UPDATE(updated_at) ON TABLE public.trainings TO niudai_app;


--
-- Name: COLUMN trainings.version; Type: ACL; Schema: public; Owner: -
--

GRANT UPDATE(version) ON TABLE public.trainings TO niudai_app;


--
-- Name: SEQUENCE union_generation; Type: ACL; Schema: public; Owner: -
--

GRANT SELECT ON SEQUENCE public.union_generation TO niudai_app;


--
-- Name: TABLE unions; Type: ACL; Schema: public; Owner: -
--

GRANT SELECT ON TABLE public.unions TO niudai_app;


--
-- Name: COLUMN unions.parent_id; Type: ACL; Schema: public; Owner: -
--

GRANT INSERT(parent_id),UPDATE(parent_id) ON TABLE public.unions TO niudai_app;


--
-- Name: COLUMN unions.level; Type: ACL; Schema: public; Owner: -
--

GRANT INSERT(level),UPDATE(level) ON TABLE public.unions TO niudai_app;


--
-- Name: COLUMN unions.name; Type: ACL; Schema: public; Owner: -
--

GRANT INSERT(name),UPDATE(name) ON TABLE public.unions TO niudai_app;


--
-- Name: COLUMN unions.division_code; Type: ACL; Schema: public; Owner: -
--

GRANT INSERT(division_code),UPDATE(division_code) ON TABLE public.unions TO niudai_app;


--
-- Name: COLUMN unions.updated_at; Type: ACL; Schema: public; Owner: -
--

GRANT UPDATE(updated_at) ON TABLE public.unions TO niudai_app;


--
-- Name: COLUMN unions.version; Type: ACL; Schema: public; Owner: -
--

GRANT UPDATE(version) ON TABLE public.unions TO niudai_app;


--
-- Name: COLUMN unions.contact_interval_days; Type: ACL; Schema: public; Owner: -
--

GRANT UPDATE(contact_interval_days) ON TABLE public.unions TO niudai_app;


--
-- Name: COLUMN unions.approval_threshold_fen; Type: ACL; Schema: public; Owner: -
--

GRANT UPDATE(approval_threshold_fen) ON TABLE public.unions TO niudai_app;


--
-- Name: COLUMN users.id; Type: ACL; Schema: public; Owner: -
--

GRANT SELECT(id) ON TABLE public.users TO niudai_app;


--
-- Name: COLUMN users.union_id; Type: ACL; Schema: public; Owner: -
--

GRANT SELECT(union_id),INSERT(union_id),UPDATE(union_id) ON TABLE public.users TO niudai_app;


--
-- Name: COLUMN users.union_path; Type: ACL; Schema: public; Owner: -
--

GRANT SELECT(union_path) ON TABLE public.users TO niudai_app;


--
-- Name: COLUMN users.org_id; Type: ACL; Schema: public; Owner: -
--

GRANT SELECT(org_id),INSERT(org_id) ON TABLE public.users TO niudai_app;


--
-- Name: COLUMN users.username; Type: ACL; Schema: public; Owner: -
--

GRANT SELECT(username),INSERT(username) ON TABLE public.users TO niudai_app;


--
-- Name: COLUMN users.display_name; Type: ACL; Schema: public; Owner: -
--

GRANT SELECT(display_name),INSERT(display_name),UPDATE(display_name) ON TABLE public.users TO niudai_app;


--
-- Name: COLUMN users.role; Type: ACL; Schema: public; Owner: -
--

GRANT SELECT(role),INSERT(role),UPDATE(role) ON TABLE public.users TO niudai_app;


--
-- Name: COLUMN users.locale; Type: ACL; Schema: public; Owner: -
--

GRANT SELECT(locale),INSERT(locale),UPDATE(locale) ON TABLE public.users TO niudai_app;


--
-- Name: COLUMN users.password_hash; Type: ACL; Schema: public; Owner: -
--

GRANT INSERT(password_hash),UPDATE(password_hash) ON TABLE public.users TO niudai_app;


--
-- Name: COLUMN users.must_change_password; Type: ACL; Schema: public; Owner: -
--

GRANT SELECT(must_change_password),INSERT(must_change_password),UPDATE(must_change_password) ON TABLE public.users TO niudai_app;


--
-- Name: COLUMN users.failed_logins; Type: ACL; Schema: public; Owner: -
--

GRANT SELECT(failed_logins),UPDATE(failed_logins) ON TABLE public.users TO niudai_app;


--
-- Name: COLUMN users.locked_until; Type: ACL; Schema: public; Owner: -
--

GRANT SELECT(locked_until),UPDATE(locked_until) ON TABLE public.users TO niudai_app;


--
-- Name: COLUMN users.disabled_at; Type: ACL; Schema: public; Owner: -
--

GRANT SELECT(disabled_at),UPDATE(disabled_at) ON TABLE public.users TO niudai_app;


--
-- Name: COLUMN users.last_login_at; Type: ACL; Schema: public; Owner: -
--

GRANT SELECT(last_login_at) ON TABLE public.users TO niudai_app;


--
-- Name: COLUMN users.created_at; Type: ACL; Schema: public; Owner: -
--

GRANT SELECT(created_at) ON TABLE public.users TO niudai_app;


--
-- Name: COLUMN users.updated_at; Type: ACL; Schema: public; Owner: -
--

GRANT SELECT(updated_at),UPDATE(updated_at) ON TABLE public.users TO niudai_app;


--
-- Name: COLUMN users.version; Type: ACL; Schema: public; Owner: -
--

GRANT SELECT(version),UPDATE(version) ON TABLE public.users TO niudai_app;


--
-- Name: TABLE work_system_staff; Type: ACL; Schema: public; Owner: -
--

GRANT SELECT,DELETE ON TABLE public.work_system_staff TO niudai_app;


--
-- Name: COLUMN work_system_staff.union_id; Type: ACL; Schema: public; Owner: -
--

GRANT INSERT(union_id) ON TABLE public.work_system_staff TO niudai_app;


--
-- Name: COLUMN work_system_staff.name; Type: ACL; Schema: public; Owner: -
--

GRANT INSERT(name) ON TABLE public.work_system_staff TO niudai_app;


--
-- Name: COLUMN work_system_staff.duty; Type: ACL; Schema: public; Owner: -
--

GRANT INSERT(duty) ON TABLE public.work_system_staff TO niudai_app;


--
-- Name: COLUMN work_system_staff.phone; Type: ACL; Schema: public; Owner: -
--

GRANT INSERT(phone) ON TABLE public.work_system_staff TO niudai_app;


--
-- Name: COLUMN work_system_staff.user_id; Type: ACL; Schema: public; Owner: -
--

GRANT INSERT(user_id) ON TABLE public.work_system_staff TO niudai_app;


--
-- Name: COLUMN work_system_staff.created_by; Type: ACL; Schema: public; Owner: -
--

GRANT INSERT(created_by) ON TABLE public.work_system_staff TO niudai_app;


--
-- Name: TABLE work_systems; Type: ACL; Schema: public; Owner: -
--

GRANT SELECT ON TABLE public.work_systems TO niudai_app;


--
-- Name: COLUMN work_systems.union_id; Type: ACL; Schema: public; Owner: -
--

GRANT INSERT(union_id) ON TABLE public.work_systems TO niudai_app;


--
-- Name: COLUMN work_systems.leader_name; Type: ACL; Schema: public; Owner: -
--

GRANT INSERT(leader_name),UPDATE(leader_name) ON TABLE public.work_systems TO niudai_app;


--
-- Name: COLUMN work_systems.leader_title; Type: ACL; Schema: public; Owner: -
--

GRANT INSERT(leader_title),UPDATE(leader_title) ON TABLE public.work_systems TO niudai_app;


--
-- Name: COLUMN work_systems.department; Type: ACL; Schema: public; Owner: -
--

GRANT INSERT(department),UPDATE(department) ON TABLE public.work_systems TO niudai_app;


--
-- Name: COLUMN work_systems.updated_by; Type: ACL; Schema: public; Owner: -
--

GRANT INSERT(updated_by),UPDATE(updated_by) ON TABLE public.work_systems TO niudai_app;


--
-- Name: COLUMN work_systems.updated_at; Type: ACL; Schema: public; Owner: -
--

GRANT UPDATE(updated_at) ON TABLE public.work_systems TO niudai_app;


--
-- Name: COLUMN work_systems.version; Type: ACL; Schema: public; Owner: -
--

GRANT UPDATE(version) ON TABLE public.work_systems TO niudai_app;


--
-- Name: TABLE work_years; Type: ACL; Schema: public; Owner: -
--

GRANT SELECT ON TABLE public.work_years TO niudai_app;


--
-- Name: COLUMN work_years.union_id; Type: ACL; Schema: public; Owner: -
--

GRANT INSERT(union_id) ON TABLE public.work_years TO niudai_app;


--
-- Name: COLUMN work_years.year; Type: ACL; Schema: public; Owner: -
--

GRANT INSERT(year) ON TABLE public.work_years TO niudai_app;


--
-- Name: COLUMN work_years.funding_fen; Type: ACL; Schema: public; Owner: -
--

GRANT INSERT(funding_fen),UPDATE(funding_fen) ON TABLE public.work_years TO niudai_app;


--
-- Name: COLUMN work_years.funding_note; Type: ACL; Schema: public; Owner: -
--

GRANT INSERT(funding_note),UPDATE(funding_note) ON TABLE public.work_years TO niudai_app;


--
-- Name: COLUMN work_years.updated_at; Type: ACL; Schema: public; Owner: -
--

GRANT UPDATE(updated_at) ON TABLE public.work_years TO niudai_app;


--
-- Name: DEFAULT PRIVILEGES FOR FUNCTIONS; Type: DEFAULT ACL; Schema: -; Owner: -
--

ALTER DEFAULT PRIVILEGES FOR ROLE owner REVOKE ALL ON FUNCTIONS  FROM PUBLIC;


--
-- PostgreSQL database dump complete
--
