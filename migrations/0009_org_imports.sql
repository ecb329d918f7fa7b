-- Spreadsheet imports into the registry. The uploaded file is kept until the
-- import ends, so that what was validated is exactly what gets written; the
-- progress counters let the browser show how far a large import has come.

create table org_imports (
    id uuid primary key default gen_random_uuid(),
    union_id bigint not null,
    union_path ltree not null,
    user_id uuid not null references users (id),
    file_name text not null,
    content bytea,
    status text not null default 'validating',
    mode text,
    rows_read int not null default 0,
    rows_validated int not null default 0,
    rows_written int not null default 0,
    rows_total int,
    rows_new int,
    rows_updated int,
    rows_invalid int,
    errors jsonb not null default '[]',
    changes jsonb not null default '[]',
    failure text,
    created_at timestamptz not null default now(),
    updated_at timestamptz not null default now(),
    constraint org_imports_union_fk foreign key (union_id, union_path)
        references unions (id, path) on update cascade,
    constraint org_imports_status_check
        check (status in ('validating', 'validated', 'writing', 'done', 'failed')),
    constraint org_imports_mode_check check (mode in ('all', 'valid_only'))
);

create index org_imports_user_idx on org_imports (user_id, created_at desc);

create trigger org_imports_set_union_path
    before insert on org_imports
    for each row execute function scoped_row_set_union_path();

alter table org_imports enable row level security;
alter table org_imports force row level security;

-- An import is its importer's, inside the importer's scope.
create policy org_imports_own on org_imports
    using (user_id = actor_user_id() and union_path <@ actor_scope())
    with check (user_id = actor_user_id() and union_path <@ actor_scope());

grant select on org_imports to niudai_app;
grant insert (union_id, user_id, file_name, content) on org_imports to niudai_app;
grant update (content, status, mode, rows_read, rows_validated, rows_written, rows_total, rows_new,
              rows_updated, rows_invalid, errors, changes, failure, updated_at)
    on org_imports to niudai_app;

-- For an import's many credit codes at once: the union holding each code that
-- is registered anywhere (see organization_credit_code_holder for why this
-- single look across tenants exists).
create function organization_credit_code_holders(p_codes text[])
    returns table (credit_code text, union_name text)
    language sql stable security definer
    set search_path = public, pg_temp
    as $$
        select o.credit_code, u.name
          from organizations o
          join unions u on u.id = o.union_id
         where o.credit_code = any(p_codes)
    $$;

revoke all on function organization_credit_code_holders(text[]) from public;
grant execute on function organization_credit_code_holders(text[]) to niudai_app;
