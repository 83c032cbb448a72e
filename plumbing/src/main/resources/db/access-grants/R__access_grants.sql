-- Access grants (plumbing's AccessGrants): which provider may read which merchant's data, kept from
-- engagement-events by every service that serves a merchant's data to providers. A repeatable migration of
-- its own location (add db/access-grants to quarkus.flyway.locations): applied after a service's versioned
-- migrations, whatever their numbers; it must stay idempotent.
create table if not exists access_grant (
    engagement_id uuid        primary key,
    merchant_id   uuid        not null,
    provider_id   uuid        not null,
    status        text        not null,
    version       bigint      not null,
    updated_at    timestamptz not null default now()
);
create index if not exists access_grant_active on access_grant (merchant_id, provider_id) where status = 'ACTIVE';
