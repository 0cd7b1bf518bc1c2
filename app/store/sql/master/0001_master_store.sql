-- The practice's master record store on the office server: every device's
-- chain as received, plus what the server needs to run sync. Events are
-- only ever inserted; a conflicting copy goes to quarantine, never over an
-- existing row.

-- This practice and the server's identity. Exactly one row.
CREATE TABLE practice (
  id INTEGER PRIMARY KEY CHECK (id = 1),
  name TEXT NOT NULL,
  server_public_key BLOB NOT NULL,    -- Ed25519; kiosks pin it at pairing
  practice_public_key BLOB NOT NULL,  -- X25519; bodies are sealed to it
  created_utc_ms INTEGER NOT NULL
);

-- Enrolled kiosks. A revoked device stays listed: its records remain
-- evidence, it just may not write any more.
CREATE TABLE devices (
  device_id BLOB PRIMARY KEY,
  public_key BLOB NOT NULL,
  name TEXT NOT NULL,
  enrolled_utc_ms INTEGER NOT NULL,
  revoked_utc_ms INTEGER,
  last_seen_utc_ms INTEGER
);

-- Where each device's stored chain ends; moved in the same transaction as
-- the events it covers.
CREATE TABLE chains (
  device_id BLOB PRIMARY KEY REFERENCES devices(device_id),
  seq INTEGER NOT NULL,
  link BLOB NOT NULL
);

-- The events, exactly as the device signed them (canonical header, sealed
-- body, hash, signature), with a few header fields copied out so reports
-- can select without decoding every header.
CREATE TABLE events (
  id INTEGER PRIMARY KEY,
  device_id BLOB NOT NULL,
  seq INTEGER NOT NULL,
  kind TEXT NOT NULL,
  person_id TEXT NOT NULL,
  subject_id TEXT NOT NULL,
  subject_version TEXT NOT NULL,
  utc_ms INTEGER NOT NULL,
  offset_minutes INTEGER NOT NULL,
  canonical_header BLOB NOT NULL,
  sealed_body BLOB NOT NULL,
  hash BLOB NOT NULL,
  signature BLOB NOT NULL,
  received_utc_ms INTEGER NOT NULL,
  UNIQUE (device_id, seq)
);
CREATE INDEX events_by_person ON events(person_id, kind);

-- Uploads that conflicted with a stored event (forks). Kept for the
-- Security Official; never merged into events.
CREATE TABLE quarantine (
  id INTEGER PRIMARY KEY,
  device_id BLOB NOT NULL,
  seq INTEGER NOT NULL,
  canonical_header BLOB NOT NULL,
  sealed_body BLOB NOT NULL,
  signature BLOB NOT NULL,
  reason TEXT NOT NULL,
  received_utc_ms INTEGER NOT NULL
);

-- Things the Security Official must look at: forks, pairing abuse.
CREATE TABLE alerts (
  id INTEGER PRIMARY KEY,
  utc_ms INTEGER NOT NULL,
  kind TEXT NOT NULL,
  device_id BLOB,
  detail TEXT NOT NULL
);

-- One-time pairing codes, stored as their pairing key (a hash of the code).
CREATE TABLE pairing_codes (
  code_key BLOB PRIMARY KEY,
  created_utc_ms INTEGER NOT NULL,
  expires_utc_ms INTEGER NOT NULL,
  used_utc_ms INTEGER,
  device_id BLOB
);

-- Request nonces seen within the accepted clock window, so a captured
-- request cannot be replayed, even across a server restart.
CREATE TABLE nonces (
  device_id BLOB NOT NULL,
  nonce BLOB NOT NULL,
  request_utc_ms INTEGER NOT NULL,
  PRIMARY KEY (device_id, nonce)
) WITHOUT ROWID;
CREATE INDEX nonces_by_time ON nonces(request_utc_ms);

-- The staff roster every kiosk receives. version increases on every change,
-- so kiosks can ask for what changed since they last looked.
CREATE TABLE people (
  person_id TEXT PRIMARY KEY,
  name TEXT NOT NULL,
  role TEXT NOT NULL,
  hired TEXT NOT NULL,
  active INTEGER NOT NULL DEFAULT 1,
  pin_verifier TEXT NOT NULL DEFAULT '',
  version INTEGER NOT NULL
);

CREATE TABLE counters (
  name TEXT PRIMARY KEY,
  value INTEGER NOT NULL
);
INSERT INTO counters(name, value) VALUES ('roster_version', 0), ('pairing_failures', 0);
