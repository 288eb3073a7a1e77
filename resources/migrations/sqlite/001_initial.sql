-- Switchboard schema, SQLite dialect. Times are epoch milliseconds (BIGINT) in both dialects.
-- Keep in step with ../postgresql/001_initial.sql: same tables, columns and indexes.

CREATE TABLE businesses (
    id INTEGER PRIMARY KEY,
    name TEXT NOT NULL,
    caller_number TEXT,
    prompt TEXT,
    created_at BIGINT NOT NULL
);

INSERT INTO businesses (id, name, caller_number, prompt, created_at)
VALUES (1, 'Default', NULL, NULL, CAST(strftime('%s', 'now') AS INTEGER) * 1000);

CREATE TABLE calls (
    id INTEGER PRIMARY KEY,
    call_sid TEXT UNIQUE,
    dedup_key TEXT,
    to_number TEXT NOT NULL,
    from_number TEXT NOT NULL,
    business_id BIGINT NOT NULL REFERENCES businesses (id),
    lead_id TEXT,
    direction TEXT NOT NULL,
    status TEXT NOT NULL,
    status_rank BIGINT NOT NULL DEFAULT 0,
    duration_sec INTEGER,
    answered_by TEXT,
    recording_mode TEXT NOT NULL DEFAULT 'OFF',
    recording_sid TEXT,
    recording_url TEXT,
    recording_status TEXT,
    recording_count INTEGER NOT NULL DEFAULT 0,
    stream_sid TEXT,
    stream_started_at BIGINT,
    stream_ended_at BIGINT,
    stream_duration_sec DOUBLE PRECISION NOT NULL DEFAULT 0,
    stream_connect_count INTEGER NOT NULL DEFAULT 0,
    transcription TEXT,
    final_transcript TEXT,
    transcript_source TEXT,
    webhook_retry_count INTEGER NOT NULL DEFAULT 0,
    webhook_11205_count INTEGER NOT NULL DEFAULT 0,
    estimated_cost_bucket TEXT NOT NULL DEFAULT 'LOW',
    estimated_cost DOUBLE PRECISION NOT NULL DEFAULT 0,
    cost_indicators TEXT NOT NULL DEFAULT '[]',
    created_at BIGINT NOT NULL,
    updated_at BIGINT NOT NULL
);

CREATE INDEX calls_business_to_created ON calls (business_id, to_number, created_at);
CREATE INDEX calls_status ON calls (status);
CREATE INDEX calls_created ON calls (created_at);

CREATE TABLE call_events (
    id INTEGER PRIMARY KEY,
    call_id BIGINT NOT NULL REFERENCES calls (id),
    call_sid TEXT,
    at BIGINT NOT NULL,
    kind TEXT NOT NULL,
    source TEXT NOT NULL,
    detail TEXT NOT NULL DEFAULT '{}'
);

CREATE INDEX call_events_call ON call_events (call_id, id);

CREATE TABLE recordings (
    id INTEGER PRIMARY KEY,
    call_id BIGINT NOT NULL REFERENCES calls (id),
    recording_sid TEXT NOT NULL,
    status TEXT,
    url TEXT,
    created_at BIGINT NOT NULL,
    updated_at BIGINT NOT NULL,
    UNIQUE (call_id, recording_sid)
);

CREATE TABLE jobs (
    id INTEGER PRIMARY KEY,
    call_id BIGINT NOT NULL REFERENCES calls (id),
    kind TEXT NOT NULL DEFAULT 'transcription',
    state TEXT NOT NULL DEFAULT 'pending',
    attempts INTEGER NOT NULL DEFAULT 0,
    run_at BIGINT NOT NULL,
    lease_owner TEXT,
    lease_expires_at BIGINT,
    last_error TEXT,
    forced INTEGER NOT NULL DEFAULT 0,
    requested_by TEXT,
    created_at BIGINT NOT NULL,
    updated_at BIGINT NOT NULL
);

-- At most one active job per call (invariant 3): the database enforces it, not the callers.
CREATE UNIQUE INDEX jobs_one_active_per_call ON jobs (call_id) WHERE state IN ('pending', 'running');
CREATE INDEX jobs_runnable ON jobs (state, run_at);

CREATE TABLE dedup_decisions (
    id INTEGER PRIMARY KEY,
    at BIGINT NOT NULL,
    business_id BIGINT NOT NULL,
    number TEXT NOT NULL,
    dedup_key TEXT,
    layer TEXT,
    outcome TEXT NOT NULL,
    call_id BIGINT
);

CREATE INDEX dedup_decisions_at ON dedup_decisions (at);

CREATE TABLE webhook_receipts (
    id INTEGER PRIMARY KEY,
    idempotency_key TEXT NOT NULL UNIQUE,
    kind TEXT NOT NULL,
    call_sid TEXT,
    received_at BIGINT NOT NULL
);

CREATE INDEX webhook_receipts_received ON webhook_receipts (received_at);
