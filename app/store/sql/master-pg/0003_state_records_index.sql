-- The events that set state (the roster, completions, attestations, policy
-- versions, designations), indexed by device and sequence number, and
-- those of them the office records, as sql/master/0005 does for SQLite:
-- the compliance matrix over ten million records reads these alone. The
-- first carries what a report reads of each but its sealed body, so the
-- completions and attestations (nearly all of them) come from the index
-- alone; the second finds the few whose bodies a report opens.
CREATE INDEX events_setting_state ON events(device_id, seq)
  INCLUDE (kind, canonical_header, hash, signature, received_utc_ms)
  WHERE kind IN ('ModuleCompleted', 'PolicyAttested', 'PolicyReviewed', 'RosterChanged',
                 'SecurityOfficialDesignated', 'PrivacyOfficialDesignated', 'PolicyPublished');
CREATE INDEX events_of_the_office ON events(device_id, seq)
  WHERE kind IN ('PolicyReviewed', 'RosterChanged', 'SecurityOfficialDesignated',
                 'PrivacyOfficialDesignated', 'PolicyPublished');
