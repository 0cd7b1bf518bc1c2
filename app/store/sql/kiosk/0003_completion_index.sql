-- The completion index (store/completion_index.h): every module completion
-- and policy attestation in the log, found by person, so the home screen
-- need not decrypt the whole log at each sign-in. A cache of the log, never
-- evidence: it is rebuilt from the events whenever it is in doubt.
--
-- Encrypted like the headers it comes from: each row is sealed under a key
-- derived from the device storage key and found by keyed hashes, so a copy
-- of this file does not say who completed what, or when.
CREATE TABLE completion_index (
  tag BLOB PRIMARY KEY,      -- keyed hash of the whole completion: one row each
  person_tag BLOB NOT NULL,  -- keyed hash of the person id
  box BLOB NOT NULL          -- nonce || XChaCha20-Poly1305(kind, item, version, date)
) WITHOUT ROWID;
CREATE INDEX completion_index_by_person ON completion_index(person_tag);

-- The index holds every completion in the events with seq <= through_seq.
-- It only moves forward, in the same transaction as the rows it covers.
CREATE TABLE completion_index_state (
  id INTEGER PRIMARY KEY CHECK (id = 1),
  through_seq INTEGER NOT NULL
);
INSERT INTO completion_index_state(id, through_seq) VALUES (1, 0);
