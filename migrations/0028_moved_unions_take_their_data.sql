-- A moved union takes its data along. Until now a move rewrote the unions and,
-- through foreign keys that cascade, the rows whose (id, union_path) point at
-- a union, an organization or a project; every other copy of a path (files,
-- payments, evaluations and their sheets and scores, rectifications and their
-- events, site visits, report versions, installments, review scores, reviewer
-- links, notifications) stayed behind, readable by the old province and not
-- by the new one.
--
-- Now the move rewrites every `union_path` column of the schema that no
-- foreign key carries along, found in the catalog at the time of the move, so
-- a table added later is covered without being named here. The audit log is
-- the exception: it is append-only and keeps the path each entry was written
-- under. Who reads a moved union's history is decided by `union_moves`
-- below: the new parent reads all of it, the old parent what happened while
-- the union was its own (entries written after the move carry the new path).

create table union_moves (
    id bigint generated always as identity primary key,
    union_id bigint not null references unions (id),
    -- Where the union was: its history before the move lies under this path.
    -- A record of the past, never rewritten.
    old_path ltree not null,
    moved_at timestamptz not null default now()
);

create index union_moves_union_idx on union_moves (union_id);

alter table union_moves enable row level security;
alter table union_moves force row level security;

-- A move is seen by whoever now holds the union.
create policy union_moves_in_scope on union_moves for select
    using (exists (select 1 from unions u
                    where u.id = union_moves.union_id and u.path <@ (select actor_scope())));

grant select on union_moves to niudai_app;

-- The tables whose union_path a move rewrites by hand: every table with such
-- a column, except the audit log and those a cascading foreign key rewrites.
create function union_path_copies() returns setof regclass
    language sql stable
    set search_path = public, pg_temp
    as $$
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

create or replace function unions_after_move() returns trigger
    language plpgsql security definer
    set search_path = public, pg_temp
    as $$
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
    insert into union_moves (union_id, old_path) values (new.id, old.path);
    return null;
end
$$;

-- The guards of records that are final let a move through: a change of the
-- union path alone is not a change of the record.
create function only_union_path_changed(p_old jsonb, p_new jsonb) returns boolean
    language sql immutable
    as $$ select (p_old - 'union_path') = (p_new - 'union_path') $$;

create or replace function evaluations_final_is_final() returns trigger
    language plpgsql
    as $$
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

create or replace function rectifications_guard() returns trigger
    language plpgsql
    as $$
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

create or replace function review_scores_while_scoring() returns trigger
    language plpgsql
    as $$
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

-- A union's history is read by whoever holds the union now, and by whoever
-- held it while it happened.
alter policy audit_log_read on audit_log
    using (union_path <@ (select actor_scope())
           or (union_path is null and nlevel((select actor_scope())) = 1)
           or union_path <@ any (array (select m.old_path from union_moves m)));
