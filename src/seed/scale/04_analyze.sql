-- Scale seed, step 4: fresh planner statistics for the tables the seed filled (after
-- a million rows the autovacuum daemon may not have caught up yet). Reads no settings
-- and no temporary tables; run it once after the last batch of step 3.

analyze unions;
analyze organizations;
analyze organization_ratings;
analyze organization_union_building;
analyze organization_contacts;
