-- Expert review (评审): staff of the purchasing scope assign reviewer accounts
-- to submitted applications; each reviewer declares whether they have a conflict
-- of interest before seeing the proposal, then scores every leaf indicator of
-- the project's approval-review system and submits. A submitted review is final
-- unless staff reopen it. Known links between reviewers and organizations are
-- recorded, and an assignment to a linked organization's application is refused.

create table reviewer_links (
    reviewer_id uuid not null references users (id),
    org_id uuid not null references organizations (id),
    union_path ltree not null,
    relation text not null,
    created_by uuid references users (id),
    created_at timestamptz not null default now(),
    primary key (reviewer_id, org_id),
    constraint reviewer_links_relation_check check (length(btrim(relation)) between 1 and 200)
);
create index reviewer_links_union_path_gist on reviewer_links using gist (union_path);

create table review_assignments (
    id uuid primary key default gen_random_uuid(),
    application_id uuid not null references applications (id),
    -- The applicant, named to the reviewer before the proposal is shown, so
    -- that they can declare a conflict.
    org_id uuid not null references organizations (id),
    project_id uuid not null,
    union_path ltree not null,
    reviewer_id uuid not null references users (id),
    status text not null default 'assigned',
    conflict_note text,
    declared_at timestamptz,
    submitted_at timestamptz,
    assigned_by uuid references users (id),
    created_at timestamptz not null default now(),
    version int not null default 1,
    constraint review_assignments_project_fk foreign key (project_id, union_path)
        references projects (id, union_path) on update cascade,
    constraint review_assignments_once unique (application_id, reviewer_id),
    constraint review_assignments_status_check
        check (status in ('assigned', 'scoring', 'submitted', 'conflict'))
);
create index review_assignments_reviewer_idx on review_assignments (reviewer_id, status);
create index review_assignments_project_idx on review_assignments (project_id);
create index review_assignments_union_path_gist on review_assignments using gist (union_path);

-- A score in tenths of a point: 0 to ten times the indicator's weight.
create table review_scores (
    assignment_id uuid not null references review_assignments (id) on delete cascade,
    -- The assignment's path, so that the purchaser's scope reads scores without
    -- a join (millions of rows at scale).
    union_path ltree not null,
    indicator_id uuid not null references indicators (id),
    score_tenths int not null,
    comment text,
    primary key (assignment_id, indicator_id),
    constraint review_scores_range_check check (score_tenths >= 0)
);

alter table reviewer_links enable row level security;
alter table reviewer_links force row level security;
alter table review_assignments enable row level security;
alter table review_assignments force row level security;
alter table review_scores enable row level security;
alter table review_scores force row level security;

create policy reviewer_links_in_scope on reviewer_links
    using (union_path <@ actor_scope()) with check (union_path <@ actor_scope());
-- A reviewer's own declaration of a conflict records the link as well.
create policy reviewer_links_own on reviewer_links
    using (reviewer_id = actor_user_id()) with check (reviewer_id = actor_user_id());

create policy review_assignments_in_scope on review_assignments
    using (union_path <@ actor_scope()) with check (union_path <@ actor_scope());
create policy review_assignments_own on review_assignments
    using (reviewer_id = actor_user_id()) with check (reviewer_id = actor_user_id());

create index review_scores_union_path_gist on review_scores using gist (union_path);

-- A score takes its assignment's path.
create function review_scores_set_union_path() returns trigger
    language plpgsql
    as $$
begin
    select union_path into new.union_path from review_assignments where id = new.assignment_id;
    if not found then
        raise exception 'review assignment % not found', new.assignment_id
            using errcode = 'foreign_key_violation', constraint = 'review_scores_assignment_id_fkey';
    end if;
    return new;
end
$$;
create trigger review_scores_set_union_path
    before insert on review_scores
    for each row execute function review_scores_set_union_path();

create policy review_scores_in_scope on review_scores
    using (union_path <@ actor_scope()) with check (union_path <@ actor_scope());
create policy review_scores_own on review_scores
    using (exists (select 1 from review_assignments a
                    where a.id = assignment_id and a.reviewer_id = actor_user_id()))
    with check (exists (select 1 from review_assignments a
                         where a.id = assignment_id and a.reviewer_id = actor_user_id()));

-- A reviewer reads the applications assigned to them once they declared no
-- conflict, and the projects those belong to.
create policy applications_assigned_to_reviewer on applications for select
    using (exists (select 1 from review_assignments ra
                    where ra.application_id = applications.id and ra.reviewer_id = actor_user_id()
                      and ra.status in ('scoring', 'submitted')));
create policy projects_assigned_to_reviewer on projects for select
    using (exists (select 1 from review_assignments ra
                    where ra.project_id = projects.id and ra.reviewer_id = actor_user_id()));

-- A reviewer's own moves: declaring (assigned → scoring or conflict) and
-- submitting (scoring → submitted); reopening is the purchaser's.
create function review_assignments_guard_reviewer() returns trigger
    language plpgsql
    as $$
begin
    if actor_scope() is null and not (
        (old.status = 'assigned' and new.status in ('scoring', 'conflict'))
        or (old.status = 'scoring' and new.status in ('scoring', 'submitted'))
    ) then
        raise exception 'a reviewer cannot make this move'
            using errcode = 'insufficient_privilege';
    end if;
    return new;
end
$$;
create trigger review_assignments_guard_reviewer
    before update on review_assignments
    for each row execute function review_assignments_guard_reviewer();

-- Scores change only while their review is being scored.
create function review_scores_while_scoring() returns trigger
    language plpgsql
    as $$
begin
    if not exists (select 1 from review_assignments
                    where id = coalesce(new.assignment_id, old.assignment_id) and status = 'scoring') then
        raise exception 'a submitted review is final'
            using errcode = 'check_violation', constraint = 'review_scores_final';
    end if;
    return coalesce(new, old);
end
$$;
create trigger review_scores_while_scoring
    before insert or update or delete on review_scores
    for each row execute function review_scores_while_scoring();

-- The name of an organization, for those who read its application without
-- seeing its record (reviewers): registered names are public.
create function organization_public_name(p_org_id uuid) returns text
    language sql stable security definer
    set search_path = public, pg_temp
    as $$ select name from organizations where id = p_org_id $$;
grant execute on function organization_public_name(uuid) to niudai_app;

-- Whether a reviewer has a known link to an organization, recorded by any
-- union: a link is a fact about the two, wherever it was learned.
create function reviewer_linked(p_reviewer_id uuid, p_org_id uuid) returns boolean
    language sql stable security definer
    set search_path = public, pg_temp
    as $$ select exists (select 1 from reviewer_links where reviewer_id = p_reviewer_id and org_id = p_org_id) $$;
grant execute on function reviewer_linked(uuid, uuid) to niudai_app;

-- The expert pool of a project at `p_path`: reviewer accounts of its union,
-- the unions above it (a province keeps the pool its cities draw on) and the
-- unions below it. Read as the owner, since a city's cadres do not see their
-- province's accounts.
create function reviewer_pool(p_path ltree)
    returns table (id uuid, display_name text, union_name text)
    language sql stable security definer
    set search_path = public, pg_temp
    as $$
        select u.id, u.display_name, n.name
          from users u join unions n on n.id = u.union_id
         where u.role = 'reviewer' and u.disabled_at is null
           and (u.union_path @> p_path or u.union_path <@ p_path)
         order by u.display_name, u.id
    $$;
grant execute on function reviewer_pool(ltree) to niudai_app;

-- A reviewer's name, for the staff who assigned them.
create function reviewer_display_name(p_id uuid) returns text
    language sql stable security definer
    set search_path = public, pg_temp
    as $$ select display_name from users where id = p_id and role = 'reviewer' $$;
grant execute on function reviewer_display_name(uuid) to niudai_app;

grant select, insert (reviewer_id, org_id, union_path, relation, created_by) on reviewer_links to niudai_app;
grant select, insert (application_id, org_id, project_id, union_path, reviewer_id, assigned_by) on review_assignments to niudai_app;
grant update (status, conflict_note, declared_at, submitted_at, version) on review_assignments to niudai_app;
grant select, insert (assignment_id, indicator_id, score_tenths, comment), update (score_tenths, comment), delete
    on review_scores to niudai_app;
