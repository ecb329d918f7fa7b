-- Partners' policies as one function each (projects, applications), and the
-- project list's kept count.
--
-- Row-level security combines a table's permissive policies with OR, and the
-- planner plans every one of them into every query on the table. Projects had
-- four partner policies with a subquery each (open calls and applications for
-- organizations, reviews for reviewers, supervision for evaluators), planned —
-- with their own nested policies — into each of a cadre's many project
-- queries, though a cadre is never a partner: 2-6 ms of planning per query,
-- ten queries per project page. Here each table gets one partner policy,
-- guarded by `actor_scope() is null` (false for every cadre, so the rest is
-- never evaluated for them) and calling a security-definer function that the
-- planner does not inline. The function asks exactly what the policies asked,
-- for the actor set on the transaction; it is PL/pgSQL so that its plans are
-- kept for the connection rather than made again for every query. A
-- reviewer's scores are checked the same way.

create function project_seen_by_partner(p_id uuid, p_status text, p_path ltree) returns boolean
    language plpgsql stable security definer
    set search_path = public, pg_temp
    as $$
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
grant execute on function project_seen_by_partner(uuid, text, ltree) to niudai_app;

drop policy projects_open_to_org on projects;
drop policy projects_applied_by_org on projects;
drop policy projects_assigned_to_reviewer on projects;
drop policy projects_supervised on projects;
create policy projects_partners on projects for select
    using (actor_scope() is null and project_seen_by_partner(id, status, union_path));

-- A reviewer reads the applications it scores; a supervisor the application
-- behind a contract it supervises (its budget lines are what spending is
-- checked against).
create function application_seen_by_partner(p_id uuid) returns boolean
    language plpgsql stable security definer
    set search_path = public, pg_temp
    as $$
begin
    return exists (select 1 from review_assignments ra
                    where ra.application_id = p_id and ra.reviewer_id = actor_user_id()
                      and ra.status in ('scoring', 'submitted'))
        or exists (select 1 from contracts c
                    where c.application_id = p_id and c.supervisor_id = actor_user_id());
end
$$;
grant execute on function application_seen_by_partner(uuid) to niudai_app;

drop policy applications_assigned_to_reviewer on applications;
create policy applications_partners on applications for select
    using (actor_scope() is null and actor_user_id() is not null and application_seen_by_partner(id));

create function assignment_of_actor(p_assignment uuid) returns boolean
    language plpgsql stable security definer
    set search_path = public, pg_temp
    as $$
begin
    return exists (select 1 from review_assignments
                    where id = p_assignment and reviewer_id = actor_user_id());
end
$$;
grant execute on function assignment_of_actor(uuid) to niudai_app;

drop policy review_scores_own on review_scores;
create policy review_scores_own on review_scores
    using (actor_scope() is null and assignment_of_actor(assignment_id))
    with check (actor_scope() is null and assignment_of_actor(assignment_id));

-- The project list's count, kept by the server between writes to projects
-- (src/db/counts.rs), as the registry's is (migration 0010).
create sequence project_generation;
grant select on project_generation to niudai_app;

create function project_generation_bump() returns trigger
    language plpgsql security definer
    set search_path = public, pg_temp
    as $$
begin
    perform nextval('project_generation');
    return null;
end
$$;

create constraint trigger projects_generation
    after insert or update or delete on projects
    deferrable initially deferred
    for each row execute function project_generation_bump();
