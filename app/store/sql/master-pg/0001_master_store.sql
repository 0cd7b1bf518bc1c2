-- The practice's master record store on PostgreSQL, for a practice group
-- whose sites' office servers share one database: the same tables as the
-- SQLite store (sql/master), with what keeps two servers from disagreeing
-- enforced by the database itself. Events are only ever inserted.

CREATE TABLE practice (
  id INTEGER PRIMARY KEY CHECK (id = 1),
  name TEXT NOT NULL,
  server_public_key BYTEA NOT NULL,
  practice_public_key BYTEA NOT NULL,
  created_utc_ms BIGINT NOT NULL
);

CREATE TABLE devices (
  device_id BYTEA PRIMARY KEY CHECK (length(device_id) = 16),
  public_key BYTEA NOT NULL CHECK (length(public_key) = 32),
  name TEXT NOT NULL,
  enrolled_utc_ms BIGINT NOT NULL,
  revoked_utc_ms BIGINT,
  last_seen_utc_ms BIGINT
);

-- Events are only ever inserted, and each continues its device's chain:
-- (device_id, seq) is unique, and a trigger run once per INSERT or COPY
-- statement refuses any new event whose prev_link is not the link (hash of
-- hash and signature) of the stored event before it of the same device,
-- or, for the first, all zero. So two servers that take different uploads
-- for one kiosk at once cannot both store them: whichever commits second
-- breaks the unique key and stores nothing. Another trigger refuses every
-- UPDATE and DELETE. (A foreign key from each event to the one before did
-- the same at half the rate: it locks the row it refers to.)
CREATE TABLE events (
  device_id BYTEA NOT NULL REFERENCES devices(device_id),
  seq BIGINT NOT NULL CHECK (seq >= 1),
  prev_link BYTEA NOT NULL CHECK (length(prev_link) = 32),
  link BYTEA NOT NULL CHECK (length(link) = 32),
  kind TEXT NOT NULL,
  person_id TEXT NOT NULL,
  subject_id TEXT NOT NULL,
  subject_version TEXT NOT NULL,
  utc_ms BIGINT NOT NULL,
  offset_minutes INTEGER NOT NULL,
  canonical_header BYTEA NOT NULL,
  sealed_body BYTEA NOT NULL,
  hash BYTEA NOT NULL CHECK (length(hash) = 32),
  signature BYTEA NOT NULL CHECK (length(signature) = 64),
  received_utc_ms BIGINT NOT NULL,
  PRIMARY KEY (device_id, seq),
  CHECK (seq > 1 OR prev_link = decode(repeat('00', 32), 'hex'))
);

CREATE FUNCTION events_continue_chains() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF EXISTS (
    SELECT 1 FROM new_events n
    LEFT JOIN events p ON p.device_id = n.device_id AND p.seq = n.seq - 1
    WHERE n.seq > 1 AND (p.link IS NULL OR p.link <> n.prev_link)) THEN
    RAISE EXCEPTION 'an event does not continue its device''s chain'
      USING ERRCODE = 'foreign_key_violation';
  END IF;
  RETURN NULL;
END $$;
CREATE TRIGGER events_continue_chains AFTER INSERT ON events
  REFERENCING NEW TABLE AS new_events
  FOR EACH STATEMENT EXECUTE FUNCTION events_continue_chains();

CREATE FUNCTION events_are_kept() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION 'stored events are never changed or deleted'
    USING ERRCODE = 'integrity_constraint_violation';
END $$;
CREATE TRIGGER events_are_kept BEFORE UPDATE OR DELETE ON events
  FOR EACH ROW EXECUTE FUNCTION events_are_kept();

-- Where each device's stored chain ends: always a stored event.
CREATE TABLE chains (
  device_id BYTEA PRIMARY KEY REFERENCES devices(device_id),
  seq BIGINT NOT NULL,
  link BYTEA NOT NULL,
  FOREIGN KEY (device_id, seq) REFERENCES events(device_id, seq)
);

CREATE TABLE quarantine (
  id BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  device_id BYTEA NOT NULL,
  seq BIGINT NOT NULL,
  canonical_header BYTEA NOT NULL,
  sealed_body BYTEA NOT NULL,
  signature BYTEA NOT NULL,
  reason TEXT NOT NULL,
  received_utc_ms BIGINT NOT NULL
);

CREATE TABLE alerts (
  id BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  utc_ms BIGINT NOT NULL,
  kind TEXT NOT NULL,
  device_id BYTEA,
  detail TEXT NOT NULL
);

CREATE TABLE pairing_codes (
  code_key BYTEA PRIMARY KEY,
  created_utc_ms BIGINT NOT NULL,
  expires_utc_ms BIGINT NOT NULL,
  used_utc_ms BIGINT,
  device_id BYTEA
);

CREATE TABLE nonces (
  device_id BYTEA NOT NULL,
  nonce BYTEA NOT NULL,
  request_utc_ms BIGINT NOT NULL,
  PRIMARY KEY (device_id, nonce)
);
CREATE INDEX nonces_by_time ON nonces(request_utc_ms);

CREATE TABLE people (
  person_id TEXT PRIMARY KEY,
  name TEXT NOT NULL,
  role TEXT NOT NULL,
  hired TEXT NOT NULL,
  active BOOLEAN NOT NULL DEFAULT TRUE,
  pin_verifier TEXT NOT NULL DEFAULT '',
  version BIGINT NOT NULL
);

CREATE TABLE counters (
  name TEXT PRIMARY KEY,
  value BIGINT NOT NULL
);
INSERT INTO counters(name, value) VALUES ('roster_version', 0), ('pairing_failures', 0);

CREATE TABLE enrollment_codes (
  code_key BYTEA PRIMARY KEY,
  person_id TEXT NOT NULL REFERENCES people(person_id),
  created_utc_ms BIGINT NOT NULL,
  expires_utc_ms BIGINT NOT NULL,
  used_utc_ms BIGINT,
  device_id BYTEA
);

CREATE TABLE published_versions (
  policy_id TEXT NOT NULL,
  version TEXT NOT NULL,
  effective TEXT NOT NULL,
  PRIMARY KEY (policy_id, version)
);
