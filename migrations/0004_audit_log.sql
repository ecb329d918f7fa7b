-- The append-only audit log: who did what to which record, when, from where, with
-- the change. Written in the same transaction as the change it records. Rows keep
-- the union path they were written under: moving a union later does not move its
-- history (the log is never updated).

create table audit_log (
    id bigint generated always as identity primary key,
    occurred_at timestamptz not null default now(),
    actor_id uuid,
    actor_username text,
    union_id bigint,
    union_path ltree,
    action text not null,
    entity_type text not null,
    entity_id text,
    changes jsonb not null default '{}',
    ip inet,
    constraint audit_log_action_check check (action ~ '^[a-z_]+\.[a-z_]+$')
);

create index audit_log_union_path_gist on audit_log using gist (union_path);
create index audit_log_occurred_idx on audit_log (occurred_at desc, id desc);
create index audit_log_entity_idx on audit_log (entity_type, entity_id, occurred_at desc);
create index audit_log_actor_idx on audit_log (actor_id, occurred_at desc);

create function audit_log_refuse_change() returns trigger
    language plpgsql
    as $$
begin
    raise exception 'the audit log is append-only' using errcode = 'insufficient_privilege';
end
$$;

create trigger audit_log_append_only
    before update or delete on audit_log
    for each row execute function audit_log_refuse_change();

create trigger audit_log_no_truncate
    before truncate on audit_log
    for each statement execute function audit_log_refuse_change();

alter table audit_log enable row level security;
alter table audit_log force row level security;

-- Entries are read within scope; failed logins for unknown usernames belong to no
-- union and are read by the national scope alone.
create policy audit_log_read on audit_log for select
    using (union_path <@ actor_scope() or (union_path is null and nlevel(actor_scope()) = 1));

-- The application writes entries only as the current actor: a scoped actor inside
-- its scope, an actor without one (reviewer, evaluator, organization) at its own
-- union. Login events are written by the auth functions, as the owner.
create policy audit_log_insert on audit_log for insert
    with check (
        actor_id = actor_user_id()
        and case
            when actor_scope() is not null then union_path <@ actor_scope()
            else union_path = (select u.union_path from users u where u.id = actor_user_id())
        end
    );

grant select on audit_log to niudai_app;
grant insert (actor_id, actor_username, union_id, union_path, action, entity_type, entity_id,
              changes, ip) on audit_log to niudai_app;
