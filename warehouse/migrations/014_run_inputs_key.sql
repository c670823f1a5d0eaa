-- What a successful run read, as one key (flows/inputs.py): the current pages' checksums, the
-- registry, the as-of date, the run's filters and the code of every stage. A run whose key equals
-- the last successful run's has nothing new to judge, check or publish: it keeps that run's gap
-- mart, gate result and report (README "Reruns"). Runs before this migration have none.
ALTER TABLE run_log ADD COLUMN inputs_key VARCHAR;
