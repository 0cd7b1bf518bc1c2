-- Incident reports and their reviews join the events that set state: the
-- Security Official's dashboard counts incidents not yet closed on its
-- overview, beside the compliance matrix, and without them in the index it
-- walked every sign-in of every kiosk to find the few incidents. They are
-- rare, so the index stays small. The predicate lists the kinds in the
-- order store/record_kinds.h writes them into queries.
DROP INDEX events_setting_state;
CREATE INDEX events_setting_state ON events(device_id, seq)
  WHERE kind IN ('ModuleCompleted', 'PolicyAttested', 'IncidentReported', 'IncidentReviewed',
                 'PolicyReviewed', 'RosterChanged', 'SecurityOfficialDesignated',
                 'PrivacyOfficialDesignated', 'PolicyPublished');
