-- Safe retries (plumbing's Idempotency): the first answer to a create sent with an Idempotency-Key, per caller and key,
-- written in the same transaction as what the create wrote; purged after 24 h (IdempotencyRetention). A repeatable
-- migration of its own location (add db/idempotency to quarkus.flyway.locations): applied after a service's versioned
-- migrations, whatever their numbers; it must stay idempotent.
create table if not exists idempotency_key (
    subject      text        not null,
    idem_key     text        not null,
    request_hash text        not null,
    status       integer     not null default 0,
    location     text,
    body         text,
    created_at   timestamptz not null default now(),
    primary key (subject, idem_key)
);
create index if not exists idempotency_key_created_at on idempotency_key (created_at);
