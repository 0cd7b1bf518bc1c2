-- The name this kiosk was paired under, as the office server lists it, so
-- the pairing page can show it. Kiosks paired before this keep '' (the name
-- is also in their DeviceEnrolled record, sealed).
ALTER TABLE server_link ADD COLUMN device_name TEXT NOT NULL DEFAULT '';
