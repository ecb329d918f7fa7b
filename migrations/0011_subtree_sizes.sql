-- Sizes of union subtrees, for the union pages and the home page's summary.
--
-- Under row security a query's own `path <@ …` is not leakproof, so it cannot
-- use the GiST index: each subtree was counted by reading every union (5 ms at
-- 12,000 unions, and a province's home page counts one subtree per prefecture).
-- As the owner the index serves. Each function answers for a subtree inside the
-- actor's scope, which the policies would have shown whole, and 0 otherwise.
create function union_subtree_unions(p_path ltree) returns bigint
    language sql stable security definer
    set search_path = public, pg_temp
    as $$
        select count(*) from unions where path <@ p_path and p_path <@ actor_scope()
    $$;

create function union_subtree_users(p_path ltree) returns bigint
    language sql stable security definer
    set search_path = public, pg_temp
    as $$
        select count(*) from users where union_path <@ p_path and p_path <@ actor_scope()
    $$;

grant execute on function union_subtree_unions(ltree), union_subtree_users(ltree) to niudai_app;
