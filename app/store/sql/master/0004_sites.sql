-- Sites: a practice group's locations. Each site has its own office
-- server, with its own server key (kiosks pin the key of the server they
-- pair with); every device belongs to the site whose server paired it, and
-- each office server's own chain to its site. A store made before sites
-- existed becomes one site, "main", with the server it was made with.
CREATE TABLE sites (
  site_id TEXT PRIMARY KEY,
  name TEXT NOT NULL,
  server_public_key BLOB NOT NULL UNIQUE,
  created_utc_ms INTEGER NOT NULL
);
INSERT INTO sites(site_id, name, server_public_key, created_utc_ms)
  SELECT 'main', 'Main office', server_public_key, created_utc_ms FROM practice;

ALTER TABLE devices ADD COLUMN site_id TEXT REFERENCES sites(site_id);
UPDATE devices SET site_id = 'main';

-- A pairing code works only at the site whose server made it.
ALTER TABLE pairing_codes ADD COLUMN site_id TEXT REFERENCES sites(site_id);
UPDATE pairing_codes SET site_id = 'main';
