-- The search box (src/search/): organizations, projects and worker needs found
-- by name, title or code in a bounded number of index reads, at a million
-- records.
--
-- 1. Names and titles, as the owner. Under row security a LIKE runs after the
-- policy and cannot use a trigram index (`organizations_named_like(text)` says
-- why), so, as the registry does, the owner's functions find the ids of the
-- actor's rows whose text matches, keeping to the actor's scope themselves,
-- and the caller reads those rows under the policies. Unlike the registry's
-- function, these stop after `p_limit` ids: the search box shows a handful
-- and counts to a cap. Each pattern is planned for itself (EXECUTE): a common
-- word walks the scope's name index and stops at the limit, a rare one asks
-- the trigram index. Never by reading the table from its start, which a LIMIT
-- would otherwise tempt the planner into: cheap for a common word, a million
-- rows for a rare one.

-- The actor's scope on a table with `province` and `union_path`, the scope
-- being the query's third parameter: the province first, which the indexes
-- lead with.
create function search_scope_condition(p_scope ltree) returns text
    language sql immutable
    as $$
        select case when p_scope is null then 'false'
                    when nlevel(p_scope) = 1 then 'true'
                    when nlevel(p_scope) = 2 then 'province = $3::text'
                    else 'province = subltree($3, 0, 2)::text and union_path <@ $3'
               end
    $$;

-- LIKE where the pattern has no letter whose case could differ (Chinese,
-- digits): it reads a name about twice as fast as ILIKE, and the trigram
-- indexes serve both.
create function search_like_operator(p_pattern text) returns text
    language sql immutable
    as $$ select case when lower(p_pattern) = upper(p_pattern) then 'like' else 'ilike' end $$;

create function organizations_named_like(p_pattern text, p_limit integer) returns setof uuid
    language plpgsql stable security definer
    set search_path = public, pg_temp
    set enable_seqscan = off
    as $$
declare
    scope ltree := actor_scope();
begin
    return query execute format('select id from organizations where %s and name %s $1 limit $2',
                                search_scope_condition(scope), search_like_operator(p_pattern))
        using p_pattern, p_limit, scope;
end
$$;
revoke all on function organizations_named_like(text, integer) from public;
grant execute on function organizations_named_like(text, integer) to niudai_app;

-- Project titles: the trigram index leads with the province, as the
-- registry's does, so that a province's search reads its own matches only.
create index projects_province_title_trgm on projects using gin (province, title gin_trgm_ops);

create function projects_titled_like(p_pattern text, p_limit integer) returns setof uuid
    language plpgsql stable security definer
    set search_path = public, pg_temp
    set enable_seqscan = off
    as $$
declare
    scope ltree := actor_scope();
begin
    return query execute format('select id from projects where %s and title %s $1 limit $2',
                                search_scope_condition(scope), search_like_operator(p_pattern))
        using p_pattern, p_limit, scope;
end
$$;
revoke all on function projects_titled_like(text, integer) from public;
grant execute on function projects_titled_like(text, integer) to niudai_app;

-- Needs carry no province: the scope is their path (its GiST index), the
-- title its trigram index; a union's needs are few, so a one- or
-- two-character title, which no trigram can find, reads the scope's needs.
create index needs_title_trgm on needs using gin (title gin_trgm_ops);

create function needs_titled_like(p_pattern text, p_limit integer) returns setof uuid
    language plpgsql stable security definer
    set search_path = public, pg_temp
    set enable_seqscan = off
    as $$
declare
    scope ltree := actor_scope();
begin
    return query execute format('select id from needs where union_path <@ $3 and title %s $1 limit $2',
                                search_like_operator(p_pattern))
        using p_pattern, p_limit, scope;
end
$$;
revoke all on function needs_titled_like(text, integer) from public;
grant execute on function needs_titled_like(text, integer) to niudai_app;

-- 2. Codes by prefix, within a province. `starts_with` is leakproof, so these
-- indexes serve it under the policies; leading with the province, they keep a
-- provincial reader (and one below, told its province) to the province's
-- codes, where the national code indexes would walk every other province's
-- codes that share the prefix. A national reader's codes are all in scope: the
-- national index serves them (the registry's for credit codes).
create index organizations_province_credit_code on organizations
    (province, credit_code text_pattern_ops);
create index projects_code_prefix on projects (code text_pattern_ops);
create index projects_province_code on projects (province, code text_pattern_ops);

-- 3. A short title, found by reading the scope's projects newest first until
-- enough match: these carry the title (and what the policies read), so that
-- the walk reads the index alone, as the registry's name indexes let a short
-- name be found.
create index projects_province_created_titles on projects
    (province, created_at desc, id desc) include (title, union_path, status);
create index projects_created_titles on projects
    (created_at desc, id desc) include (title, union_path, status);
