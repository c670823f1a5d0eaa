-- Where a page's bytes came from after redirects (extract/http.py follows them only within the
-- hosts the registry allows for the page). `url` stays the registry's address, the page's key;
-- `final_url` equals it when nothing redirected. Pages archived before this migration keep NULL:
-- their final address was not recorded.
ALTER TABLE raw_pages ADD COLUMN final_url VARCHAR;
