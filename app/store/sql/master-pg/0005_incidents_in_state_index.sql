-- Incident reports and their reviews join the events that set state, as
-- sql/master/0006 does for SQLite: the dashboard's overview counts
-- incidents not yet closed beside the compliance matrix.
DROP INDEX events_setting_state;
CREATE INDEX events_setting_state ON events(device_id, seq)
  INCLUDE (kind, canonical_header, hash, signature, received_utc_ms)
  WHERE kind IN ('ModuleCompleted', 'PolicyAttested', 'IncidentReported', 'IncidentReviewed',
                 'PolicyReviewed', 'RosterChanged', 'SecurityOfficialDesignated',
                 'PrivacyOfficialDesignated', 'PolicyPublished');
