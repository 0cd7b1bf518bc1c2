-- How far this kiosk has read each device's completions from the office
-- server, by (device, seq): an event's name that stays the same when the
-- server is restored from a backup and refilled, unlike the server's row
-- numbers, which sync_cursor.completions_through held (no longer used).
CREATE TABLE down_positions (
  device_id TEXT PRIMARY KEY,  -- hex
  seq INTEGER NOT NULL
);
