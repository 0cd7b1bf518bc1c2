-- Who confirmed which security reminder, on which local date, so the home
-- screen asks once a week without reading the log. The record is the
-- ReminderAcknowledged event written with each row; a row lost to a crash
-- between the two only means the person is asked again.
CREATE TABLE reminder_acks (
  person_id TEXT NOT NULL,
  reminder_id TEXT NOT NULL,
  version TEXT NOT NULL,
  acked_on TEXT NOT NULL,  -- YYYY-MM-DD, the kiosk's local date
  PRIMARY KEY (person_id, reminder_id, version, acked_on)
) WITHOUT ROWID;
