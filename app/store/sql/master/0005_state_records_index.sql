-- The events that set state (the roster, completions, attestations, policy
-- versions, designations), indexed by device and sequence number. The
-- compliance matrix reads only these, a few in a hundred of a practice's
-- records; the index holds nothing for the sign-ins that are the rest, so
-- storing them costs the same as before. The predicate is written as
-- store/record_kinds.h writes it into queries.
CREATE INDEX events_setting_state ON events(device_id, seq)
  WHERE kind IN ('ModuleCompleted', 'PolicyAttested', 'PolicyReviewed', 'RosterChanged',
                 'SecurityOfficialDesignated', 'PrivacyOfficialDesignated', 'PolicyPublished');
