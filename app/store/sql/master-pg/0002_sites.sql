-- Sites: a practice group's locations (see sql/master/0004_sites.sql).
-- Each site has its own office server and server key; every device
-- belongs to the site whose server paired it. A store made before sites
-- existed becomes one site, "main", with the server it was made with.
CREATE TABLE sites (
  site_id TEXT PRIMARY KEY CHECK (site_id ~ '^[a-z0-9][a-z0-9-]{0,31}$'),
  name TEXT NOT NULL CHECK (name <> ''),
  server_public_key BYTEA NOT NULL UNIQUE CHECK (length(server_public_key) = 32),
  created_utc_ms BIGINT NOT NULL
);
INSERT INTO sites(site_id, name, server_public_key, created_utc_ms)
  SELECT 'main', 'Main office', server_public_key, created_utc_ms FROM practice;

ALTER TABLE devices ADD COLUMN site_id TEXT REFERENCES sites(site_id);
UPDATE devices SET site_id = 'main';
ALTER TABLE devices ALTER COLUMN site_id SET NOT NULL;

-- A pairing code works only at the site whose server made it.
ALTER TABLE pairing_codes ADD COLUMN site_id TEXT REFERENCES sites(site_id);
UPDATE pairing_codes SET site_id = 'main';
ALTER TABLE pairing_codes ALTER COLUMN site_id SET NOT NULL;
