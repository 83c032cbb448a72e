-- A hot session's telemetry is spread over this many sub-keys (partitions) and merged (telemetry/SubKeys). Fixed when
-- the session is scheduled: the same event must always go to the same sub-key, whatever batch a writer resends it in.
alter table live_session add column telemetry_sub_keys integer not null default 1
    check (telemetry_sub_keys between 1 and 64);
