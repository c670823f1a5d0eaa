-- Which extractor read each page version (a fingerprint of transform/'s rules and dictionary):
-- a page whose bytes and extractor are unchanged is neither parsed nor reloaded by the next run.
ALTER TABLE stg_pages ADD COLUMN extracted_by VARCHAR;
