-- The transcription job queue (invariants 3 and 11): a per-job attempt limit, the outcome of a
-- done job, and the indexes a claim and the job list use. States: pending, running (leased),
-- done, dead. Keep in step with ../postgresql/003_jobs.sql.
ALTER TABLE jobs ADD COLUMN max_attempts INTEGER NOT NULL DEFAULT 5;
ALTER TABLE jobs ADD COLUMN outcome TEXT;

-- A claim looks for pending jobs that are due (jobs_runnable) and for running jobs whose lease
-- ran out: only running jobs are indexed by lease, so done history does not slow claims.
CREATE INDEX jobs_leases ON jobs (lease_expires_at) WHERE state = 'running';
CREATE INDEX jobs_call ON jobs (call_id, id);
