-- Policy versions the Security Official published in admin mode on this
-- kiosk, and the local date each is in force from, so staff are trained on
-- the version in force without the practice key: the PolicyPublished event
-- written with each row holds the date in its sealed body. The latest
-- publication of a version wins, as in the reports.
CREATE TABLE published_versions (
  policy_id TEXT NOT NULL,
  version TEXT NOT NULL,
  effective TEXT NOT NULL,  -- YYYY-MM-DD
  PRIMARY KEY (policy_id, version)
) WITHOUT ROWID;
