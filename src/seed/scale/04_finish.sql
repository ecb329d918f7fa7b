-- Scale seed, step 4: after the last batch of step 3, rebuild the indexes step 2
-- dropped (if it dropped any: their definitions are in the temporary table
-- seed_dropped_indexes, so this runs on the connection, and preferably in the
-- transaction, of steps 2 and 3), then refresh the planner statistics of the tables the
-- seed filled. Reads no settings.

set local maintenance_work_mem = '256MB';

do $$
declare
    r record;
begin
    if to_regclass('pg_temp.seed_dropped_indexes') is null then
        return;
    end if;
    for r in execute 'delete from pg_temp.seed_dropped_indexes returning table_name, index_name, definition' loop
        execute r.definition;
    end loop;
end
$$;

analyze unions;
analyze organizations;
analyze organization_ratings;
analyze organization_union_building;
analyze organization_contacts;
