-- One-time enrollment codes: `attest roster import` gives each new person
-- one; at any kiosk they enter it once and choose a PIN, whose verifier
-- then goes to every kiosk with the roster. Stored as a hash of the code.
CREATE TABLE enrollment_codes (
  code_key BLOB PRIMARY KEY,
  person_id TEXT NOT NULL REFERENCES people(person_id),
  created_utc_ms INTEGER NOT NULL,
  expires_utc_ms INTEGER NOT NULL,
  used_utc_ms INTEGER,
  device_id BLOB
);
