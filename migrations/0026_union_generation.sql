-- The registry list's union picker is kept by the server between writes to
-- the unions (src/unions/picker.rs, src/db/kept.rs), under a generation that
-- every committed write moves, as for the registry's and the projects' counts.
create sequence union_generation;
grant select on union_generation to niudai_app;

create function union_generation_bump() returns trigger
    language plpgsql security definer
    set search_path = public, pg_temp
    as $$
begin
    perform nextval('union_generation');
    return null;
end
$$;

create constraint trigger unions_generation
    after insert or update or delete on unions
    deferrable initially deferred
    for each row execute function union_generation_bump();
