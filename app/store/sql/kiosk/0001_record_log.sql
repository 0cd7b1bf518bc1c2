-- The kiosk's record log: one row per event, the outbox beside it, and the
-- device's signed chain head.

-- Who this store belongs to. Exactly one row.
CREATE TABLE device (
  id INTEGER PRIMARY KEY CHECK (id = 1),
  device_id BLOB NOT NULL,            -- fingerprint of public_key
  public_key BLOB NOT NULL,           -- Ed25519, verifies every signature
  practice_public_key BLOB NOT NULL,  -- X25519, bodies are sealed to it
  created_utc_ms INTEGER NOT NULL
);

-- Immutable: rows are only ever inserted. header_box is nonce ||
-- XChaCha20-Poly1305(canonical header) under the device storage key with
-- associated data device_id || seq, so a header cannot be read, changed or
-- moved to another position without the key.
CREATE TABLE events (
  seq INTEGER PRIMARY KEY,
  device_id BLOB NOT NULL,
  header_box BLOB NOT NULL,
  sealed_body BLOB NOT NULL,
  hash BLOB NOT NULL,
  signature BLOB NOT NULL
);

-- "My chain ends at seq N with link L", signed by the device key and
-- rewritten in the same transaction as every append, so removing the newest
-- events is detectable even though nothing after them links to them.
CREATE TABLE chain_head (
  id INTEGER PRIMARY KEY CHECK (id = 1),
  seq INTEGER NOT NULL,
  link BLOB NOT NULL,
  signature BLOB NOT NULL
);

-- Sync state, beside the events and never inside them: one mark per event,
-- written with it; acked once a server receipt covers it.
CREATE TABLE outbox (
  seq INTEGER PRIMARY KEY,
  acked_utc_ms INTEGER,
  receipt BLOB
);
