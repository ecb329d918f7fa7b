-- Attachments, one service for the whole application: the bytes live in the
-- file store (a folder under the data directory) under a generated key; their
-- name, type (decided by content), size, sha256 and owner live here. A file
-- belongs to a record (`owner_kind`, `owner_id`) and is seen by whoever sees
-- that record: the owning scope, the organization it came from, and, for a
-- call's documents, everyone the call is open to.

create table files (
    id uuid primary key default gen_random_uuid(),
    union_path ltree not null,
    org_id uuid references organizations (id),
    owner_kind text not null,
    owner_id uuid not null,
    label text not null default 'other',
    file_name text not null,
    content_type text not null,
    size_bytes bigint not null,
    sha256 text not null,
    storage_key text not null,
    uploaded_by uuid references users (id),
    created_at timestamptz not null default now(),
    constraint files_storage_key_key unique (storage_key),
    constraint files_owner_kind_check
        check (owner_kind in ('project_document', 'application_attachment', 'contract')),
    constraint files_size_check check (size_bytes > 0),
    constraint files_sha256_check check (sha256 ~ '^[0-9a-f]{64}$'),
    constraint files_name_check check (length(file_name) between 1 and 120)
);
create index files_owner_idx on files (owner_kind, owner_id, created_at);
create index files_union_path_gist on files using gist (union_path);

alter table files enable row level security;
alter table files force row level security;

create policy files_in_scope on files
    using (union_path <@ actor_scope())
    with check (union_path <@ actor_scope());
create policy files_own_org on files
    using (org_id = actor_org_id())
    with check (org_id = actor_org_id());
-- A call's documents are read by whoever reads the call.
create policy files_project_documents on files for select
    using (owner_kind = 'project_document'
           and exists (select 1 from projects p where p.id = owner_id));

grant select, delete on files to niudai_app;
grant insert (union_path, org_id, owner_kind, owner_id, label, file_name, content_type,
              size_bytes, sha256, storage_key, uploaded_by)
    on files to niudai_app;

-- A document of an open call, for the public call page (no login).
create function public_call_document(p_file_id uuid)
    returns table (file_name text, content_type text, storage_key text)
    language sql stable security definer
    set search_path = public, pg_temp
    as $$
        select f.file_name, f.content_type, f.storage_key
          from files f join projects p on p.id = f.owner_id
         where f.id = p_file_id and f.owner_kind = 'project_document' and p.status = 'open'
    $$;
grant execute on function public_call_document(uuid) to niudai_app;

-- The documents of the open calls, listed on the public call page.
create function public_call_documents()
    returns table (id uuid, project_id uuid, file_name text)
    language sql stable security definer
    set search_path = public, pg_temp
    as $$
        select f.id, f.owner_id, f.file_name
          from files f join projects p on p.id = f.owner_id
         where f.owner_kind = 'project_document' and p.status = 'open'
         order by f.created_at
    $$;
grant execute on function public_call_documents() to niudai_app;
