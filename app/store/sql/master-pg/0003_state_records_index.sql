-- The events that set state, indexed by device and sequence number, as
-- sql/master/0005_state_records_index.sql does for SQLite: the compliance
-- matrix over ten million records reads these alone.
CREATE INDEX events_setting_state ON events(device_id, seq)
  WHERE kind IN ('ModuleCompleted', 'PolicyAttested', 'PolicyReviewed', 'RosterChanged',
                 'SecurityOfficialDesignated', 'PrivacyOfficialDesignated', 'PolicyPublished');
