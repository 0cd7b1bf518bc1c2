-- The events that set state (the roster, completions, attestations, policy
-- versions, designations), indexed by device and sequence number, and
-- those of them the office records. The compliance matrix reads only
-- these, a few in a hundred of a practice's records; the indexes hold
-- nothing for the sign-ins that are the rest, so storing them costs the
-- same as before. The predicates are written as store/record_kinds.h
-- writes them into queries.
CREATE INDEX events_setting_state ON events(device_id, seq)
  WHERE kind IN ('ModuleCompleted', 'PolicyAttested', 'PolicyReviewed', 'RosterChanged',
                 'SecurityOfficialDesignated', 'PrivacyOfficialDesignated', 'PolicyPublished');
CREATE INDEX events_of_the_office ON events(device_id, seq)
  WHERE kind IN ('PolicyReviewed', 'RosterChanged', 'SecurityOfficialDesignated',
                 'PrivacyOfficialDesignated', 'PolicyPublished');
