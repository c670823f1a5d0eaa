-- Each expectation's severity (critical stops publication, warning is recorded and shown) and,
-- when it failed, the one-line reason the gate gave (naming the page, the table and the
-- expectation), so analysts read in the warehouse what the run printed. Rows recorded before
-- this migration keep NULL in both: their severity and reason were not stored.
ALTER TABLE dq_results ADD COLUMN severity VARCHAR;
ALTER TABLE dq_results ADD COLUMN reason VARCHAR;
