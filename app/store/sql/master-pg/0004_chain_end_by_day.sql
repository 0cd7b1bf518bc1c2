-- Where a device's chain ends on a day (the last event whose local date is
-- on or before it: MasterStore::last_event_through) is found by walking
-- the (device_id, seq) key back from the end. Carrying each event's time
-- in the key's index lets that walk read the index alone, not every
-- event's table page: a report or bundle as of a day years back went from
-- minutes to about a second on ten million events. The chains table's
-- foreign key rests on the key, so it goes and comes back with it.
ALTER TABLE chains DROP CONSTRAINT chains_device_id_seq_fkey;
ALTER TABLE events DROP CONSTRAINT events_pkey;
ALTER TABLE events ADD PRIMARY KEY (device_id, seq) INCLUDE (utc_ms, offset_minutes);
ALTER TABLE chains ADD CONSTRAINT chains_device_id_seq_fkey
  FOREIGN KEY (device_id, seq) REFERENCES events(device_id, seq);
