-- A dump of the database restores: `niudai restore`, a plain pg_restore, and
-- pg_upgrade, which carries the schema over the same way.
--
-- pg_dump prints a trigger's WHEN clause for an empty search_path, naming the
-- schema of every operator it prints, but not the operator behind
-- `is distinct from`. On ltree, whose `=` lives in public, the restore then
-- stops at the trigger of 0002 that carries a moved union's subtree along:
-- "operator does not exist: public.ltree = public.ltree". Comparing the paths
-- as text is the same test (two paths are equal exactly when their text is),
-- with operators pg_catalog holds.

drop trigger unions_after_move on unions;

create trigger unions_after_move
    after update of parent_id on unions
    for each row when (old.path::text is distinct from new.path::text)
    execute function unions_after_move();
