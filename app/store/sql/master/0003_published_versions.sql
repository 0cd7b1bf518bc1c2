-- Policy versions published at the office PC (`attest policy publish`) and
-- the local date each is in force from. The record is the PolicyPublished
-- event on the server's chain, whose sealed body the server cannot read;
-- this copy goes down to kiosks so staff sign the version in force.
CREATE TABLE published_versions (
  policy_id TEXT NOT NULL,
  version TEXT NOT NULL,
  effective TEXT NOT NULL,  -- YYYY-MM-DD
  PRIMARY KEY (policy_id, version)
) WITHOUT ROWID;
