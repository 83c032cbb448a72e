-- Scheduled jobs run once per period across replicas: the first replica to claim (job, period)
-- runs it; the lease (database time) lets another replica take over when the runner died.
create table job_run (
    job         text        not null,
    period      text        not null,
    claimed_by  text        not null,
    claimed_at  timestamptz not null,
    lease_until timestamptz not null,
    attempts    integer     not null default 1,
    done_at     timestamptz,
    last_error  text,
    primary key (job, period)
);

-- The relay claims the unsent rows of one key at a time (advisory lock on the key's hash).
create index outbox_event_unsent_by_key on outbox_event (event_key, seq) where sent_at is null;
create index outbox_event_sent_at on outbox_event (sent_at) where sent_at is not null;

-- An event id is unique per source (CloudEvents: id + source), not across sources.
alter table processed_event add column source text not null default '';
alter table processed_event drop constraint processed_event_pkey;
alter table processed_event add primary key (consumer, source, event_id);
create index processed_event_processed_at on processed_event (processed_at);
