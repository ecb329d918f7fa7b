-- Worker needs (职工需求): what a union hears from workers, classified and
-- judged fit (or not) for purchase from a social organization. A need belongs
-- to the union that collected it and is seen in that union's scope; once a
-- project is drafted from it, the need points at that project (the foreign key
-- is added with the projects table).

create table needs (
    id uuid primary key default gen_random_uuid(),
    union_id bigint not null,
    union_path ltree not null,
    title text not null,
    domain text not null,
    description text,
    source text not null,
    workers_affected int not null default 0,
    collected_on date not null,
    priority text not null default 'medium',
    suitable_for_purchase boolean not null,
    suitability_reason text,
    project_id uuid,
    created_by uuid,
    created_at timestamptz not null default now(),
    updated_at timestamptz not null default now(),
    version int not null default 1,
    constraint needs_union_fk foreign key (union_id, union_path)
        references unions (id, path) on update cascade,
    constraint needs_title_check check (length(btrim(title)) between 2 and 200),
    constraint needs_domain_check check (domain in (
        'employment', 'skills_training', 'income_distribution', 'social_security', 'safety_health',
        'democratic_rights', 'culture', 'legal_aid', 'psychological_support', 'outdoor_workers', 'other')),
    constraint needs_source_check
        check (source in ('survey', 'hotline', 'visit', 'grassroots_report', 'online')),
    constraint needs_workers_check check (workers_affected >= 0),
    constraint needs_priority_check check (priority in ('high', 'medium', 'low'))
);

create index needs_union_path_gist on needs using gist (union_path);
create index needs_collected_idx on needs (collected_on desc, id);
create index needs_project_idx on needs (project_id) where project_id is not null;

create trigger needs_set_union_path
    before insert or update of union_id on needs
    for each row execute function scoped_row_set_union_path();

alter table needs enable row level security;
alter table needs force row level security;
create policy needs_in_scope on needs
    using (union_path <@ actor_scope())
    with check (union_path <@ actor_scope());

grant select, delete on needs to niudai_app;
grant insert (union_id, title, domain, description, source, workers_affected, collected_on,
              priority, suitable_for_purchase, suitability_reason, created_by)
    on needs to niudai_app;
grant update (union_id, title, domain, description, source, workers_affected, collected_on,
              priority, suitable_for_purchase, suitability_reason, project_id, updated_at, version)
    on needs to niudai_app;
