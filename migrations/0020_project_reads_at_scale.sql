-- Project reads at 100,000 projects.
--
-- 1. No JIT for the serving role. Row-level security adds a subplan per policy
--    to every query on projects (scope, open calls, applications, reviews,
--    supervision), which lifts the planner's cost estimate over jit_above_cost;
--    compiling then took ~0.7 s of a 20 ms count. The application runs short
--    queries only, for which JIT never pays.
alter role niudai_app set jit = off;

-- 2. As for organizations (migration 0010), the province leads the list
--    indexes: a provincial user's list walks its own province's projects in
--    the list's order, and its count reads the index alone (the columns the
--    policies look at are included).
alter table projects
    add column province text generated always as
        (subltree(union_path, 0, least(nlevel(union_path), 2))::text) stored;
create index projects_province_created_idx on projects (province, created_at desc, id desc);
create index projects_province_status_idx on projects (province, status, created_at desc, id desc)
    include (union_path);
create index projects_status_created_idx on projects (status, created_at desc, id desc);
