-- Plumbing tables shared by every service (each service has its own database).

-- Transactional outbox: written in the same transaction as the state change it reports,
-- relayed to Kafka by OutboxRelay, which marks each row sent once the broker acknowledged it.
create table outbox_event (
    seq          bigserial primary key,
    id           uuid        not null unique,
    topic        text        not null,
    event_key    text        not null,
    type         text        not null,
    source       text        not null,
    subject      text,
    occurred_at  timestamptz not null,
    payload      jsonb       not null,
    sent_at      timestamptz,
    attempts     integer     not null default 0,
    last_error   text
);
create index outbox_event_unsent on outbox_event (seq) where sent_at is null;

-- Idempotent consumption: the id of every event a consumer applied, recorded in the same
-- transaction as the effect, so a redelivered event changes nothing.
create table processed_event (
    consumer     text        not null,
    event_id     text        not null,
    processed_at timestamptz not null default now(),
    primary key (consumer, event_id)
);
