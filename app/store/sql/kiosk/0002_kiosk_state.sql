-- The kiosk's working state beside the record log. None of this is the
-- record: every change here is also an event (RosterChanged, SignInFailed,
-- ...), so these tables can be rebuilt and are never exported as evidence.

-- Who may sign in at this kiosk, with their PIN verifier (Argon2id).
CREATE TABLE people (
  person_id TEXT PRIMARY KEY,
  name TEXT NOT NULL,
  role TEXT NOT NULL,
  hired TEXT NOT NULL,            -- YYYY-MM-DD
  active INTEGER NOT NULL DEFAULT 1,
  pin_verifier TEXT NOT NULL
);

-- Wrong-PIN counters and lockouts (log-in monitoring).
CREATE TABLE pin_state (
  person_id TEXT PRIMARY KEY,
  failures INTEGER NOT NULL,
  locked_until_ms INTEGER NOT NULL,
  lockouts INTEGER NOT NULL
);

-- Where each person stopped reading each module, so they can resume.
CREATE TABLE module_progress (
  person_id TEXT NOT NULL,
  module_id TEXT NOT NULL,
  page INTEGER NOT NULL,
  updated_utc_ms INTEGER NOT NULL,
  PRIMARY KEY (person_id, module_id)
);
