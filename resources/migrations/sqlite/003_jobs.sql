-- The transcription job queue (invariants 3 and 11): a per-job attempt limit, the outcome of a
-- done job, and the index a claim scans. States: pending, running (leased), done, dead.
ALTER TABLE jobs ADD COLUMN max_attempts INTEGER NOT NULL DEFAULT 5;
ALTER TABLE jobs ADD COLUMN outcome TEXT;

-- Running jobs whose lease ran out are taken over: a claim looks them up by lease expiry.
CREATE INDEX jobs_leases ON jobs (state, lease_expires_at);
CREATE INDEX jobs_created ON jobs (created_at);
