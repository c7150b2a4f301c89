-- The same refused input seen again (a poll's overlap, a channel's webhook retry) is one error-store entry that
-- counts how often it came, not a new entry each time.
ALTER TABLE error_store ADD COLUMN payload_hash VARCHAR(64);
ALTER TABLE error_store ADD COLUMN occurrences INTEGER DEFAULT 1 NOT NULL;
ALTER TABLE error_store ADD COLUMN last_seen_at TIMESTAMP WITH TIME ZONE;
CREATE INDEX ix_errors_payload ON error_store (payload_hash, replay_state);
