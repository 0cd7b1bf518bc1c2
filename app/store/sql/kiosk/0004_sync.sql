-- The kiosk's side of sync: which office server it is paired with (and the
-- server key it pinned), how far down-sync has come, and the completions
-- other kiosks recorded, so a person's training shows as done everywhere.

CREATE TABLE server_link (
  id INTEGER PRIMARY KEY CHECK (id = 1),
  url TEXT NOT NULL,
  server_public_key BLOB NOT NULL,
  practice_name TEXT NOT NULL,
  paired_utc_ms INTEGER NOT NULL
);

CREATE TABLE sync_cursor (
  id INTEGER PRIMARY KEY CHECK (id = 1),
  roster_version INTEGER NOT NULL,
  completions_through INTEGER NOT NULL,
  last_success_utc_ms INTEGER
);
INSERT INTO sync_cursor(id, roster_version, completions_through) VALUES (1, 0, 0);

CREATE TABLE remote_completions (
  person_id TEXT NOT NULL,
  kind TEXT NOT NULL,
  item_id TEXT NOT NULL,
  version TEXT NOT NULL,
  utc_ms INTEGER NOT NULL,
  offset_minutes INTEGER NOT NULL,
  PRIMARY KEY (person_id, kind, item_id, version, utc_ms)
) WITHOUT ROWID;
