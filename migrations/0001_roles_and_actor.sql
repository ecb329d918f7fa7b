-- The serving role and the actor settings every policy reads.
--
-- Migrations run as the owner, who must be a superuser or hold BYPASSRLS: the few
-- SECURITY DEFINER functions that bootstrap a request (login, session lookup) read
-- users before any actor exists. The server itself serves as `niudai_app`, which is
-- neither superuser, nor owner, nor BYPASSRLS; it takes that role with SET ROLE right
-- after connecting and checks it in the catalog before serving.

do $$
begin
    if not exists (select 1 from pg_roles where rolname = 'niudai_app') then
        create role niudai_app nologin noinherit;
    end if;
    if not (select rolsuper or rolbypassrls from pg_roles where rolname = current_user) then
        raise exception 'niudai migrations must run as a superuser or a role with BYPASSRLS (connected as %)', current_user;
    end if;
    if not (select rolsuper from pg_roles where rolname = current_user) then
        execute format('grant niudai_app to %I', current_user);
    end if;
end
$$;

create extension if not exists ltree;

-- Nobody but the owner creates objects in the schema (PostgreSQL 15's default,
-- stated here so that an older or altered cluster cannot differ).
revoke create on schema public from public;
grant usage on schema public to niudai_app;

-- The actor of the current transaction, set with set_config(..., true) by the server
-- before any tenant data is read. Empty or missing settings read as null, and a null
-- scope matches no row.
create function actor_scope() returns ltree
    language sql stable
    as $$ select nullif(current_setting('niudai.scope', true), '')::ltree $$;

create function actor_user_id() returns uuid
    language sql stable
    as $$ select nullif(current_setting('niudai.user_id', true), '')::uuid $$;

create function actor_org_id() returns uuid
    language sql stable
    as $$ select nullif(current_setting('niudai.org_id', true), '')::uuid $$;

grant execute on function actor_scope(), actor_user_id(), actor_org_id() to niudai_app;
