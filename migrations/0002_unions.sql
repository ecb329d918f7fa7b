-- The union tree: the tenants. Each union's `path` is its ancestry as an ltree
-- (`cn` for the national union, `cn.u7.u42` below it); a user's scope is the
-- subtree under their union's path. Scoped rows elsewhere carry
-- (union_id, union_path) with a foreign key to (id, path) ON UPDATE CASCADE, so
-- moving a union rewrites every path below it in the same transaction.

create function union_level_rank(level text) returns int
    language sql immutable strict
    as $$
        select case level
            when 'national' then 1
            when 'provincial' then 2
            when 'municipal' then 3
            when 'county' then 4
            when 'grassroots' then 5
        end
    $$;

create table unions (
    id bigint generated always as identity primary key,
    parent_id bigint references unions (id),
    level text not null,
    name text not null,
    division_code text,
    path ltree not null,
    created_at timestamptz not null default now(),
    updated_at timestamptz not null default now(),
    version int not null default 1,
    constraint unions_level_check check (union_level_rank(level) is not null),
    constraint unions_name_check check (length(btrim(name)) between 1 and 100),
    constraint unions_division_code_check check (division_code ~ '^[0-9]{6}$'),
    constraint unions_root_check check ((parent_id is null) = (level = 'national')),
    constraint unions_id_path_key unique (id, path)
);

create unique index unions_path_key on unions (path);
create index unions_path_gist on unions using gist (path);
create index unions_parent_idx on unions (parent_id);
create unique index unions_single_root on unions ((true)) where parent_id is null;
-- One union per administrative division; grassroots unions share their county's code.
-- Being national, this key tells an admin that a code is taken elsewhere: division
-- codes and the unions named after them are public, so nothing private leaks.
create unique index unions_division_code_key on unions (division_code)
    where level <> 'grassroots';

-- Computes the path on insert and when the parent changes, and enforces that
-- levels nest downward and that a union never moves under its own subtree.
create function unions_before_write() returns trigger
    language plpgsql
    as $$
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

create trigger unions_before_write
    before insert or update on unions
    for each row execute function unions_before_write();

-- After a move, carry the union's descendants along. It runs as the owner because
-- the serving role may not write `path` itself; the caller has already moved the
-- union, so the whole subtree was in the caller's scope.
create function unions_after_move() returns trigger
    language plpgsql security definer
    set search_path = public, pg_temp
    as $$
begin
    update unions
       set path = new.path || subpath(path, nlevel(old.path))
     where path <@ old.path and id <> new.id;
    return null;
end
$$;

create trigger unions_after_move
    after update of parent_id on unions
    for each row when (old.path is distinct from new.path)
    execute function unions_after_move();

alter table unions enable row level security;
alter table unions force row level security;

create policy unions_in_scope on unions
    using (path <@ actor_scope())
    with check (path <@ actor_scope());

grant select on unions to niudai_app;
grant insert (parent_id, level, name, division_code) on unions to niudai_app;
grant update (parent_id, level, name, division_code, updated_at, version) on unions to niudai_app;

-- Fills union_path from union_id on scoped rows, so callers only name the union.
-- Under the caller's row-level security, a union outside the scope is "not found".
create function scoped_row_set_union_path() returns trigger
    language plpgsql
    as $$
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
