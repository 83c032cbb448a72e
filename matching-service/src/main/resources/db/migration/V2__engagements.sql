-- Engagements: contracts between a merchant and a provider, with their lifecycle, terms and outcome.
-- Written only by EngagementService (entity + outbox event in one transaction).
create table engagement (
    id                     uuid primary key,
    merchant_id            uuid           not null,
    provider_id            uuid           not null,
    status                 text           not null check (status in ('PROPOSED', 'ACCEPTED', 'ACTIVE', 'COMPLETED', 'TERMINATED')),
    needs                  text           not null,
    term_months            integer        not null check (term_months > 0),
    kpi_gmv_target         numeric(18, 2) check (kpi_gmv_target >= 0),
    commission_bps         integer        not null check (commission_bps between 0 and 10000),
    campaign_id            uuid,
    proposed_by            text           not null,
    proposed_at            timestamptz    not null,
    accepted_at            timestamptz,
    activated_at           timestamptz,
    ends_on                date,
    completed_at           timestamptz,
    terminated_at          timestamptz,
    terminated_from        text,
    termination_reason     text,
    rating_results         integer check (rating_results between 1 and 5),
    rating_communication   integer check (rating_communication between 1 and 5),
    rating_professionalism integer check (rating_professionalism between 1 and 5),
    gmv_before             numeric(18, 2),
    gmv_during             numeric(18, 2),
    uplift                 numeric(14, 4),
    kpi_commitment_met     boolean,
    leap                   boolean,
    leap_prior_gmv         numeric(18, 2),
    leap_trailing_gmv      numeric(18, 2),
    band_before            integer,
    band_after             integer,
    version                bigint         not null,
    changed_xid            xid8           not null default pg_current_xact_id()
);
-- At most one open engagement between a merchant and a provider, whatever runs concurrently.
create unique index engagement_one_open_per_pair on engagement (merchant_id, provider_id)
    where status in ('PROPOSED', 'ACCEPTED', 'ACTIVE');
create index engagement_by_merchant on engagement (merchant_id, proposed_at);
create index engagement_by_provider on engagement (provider_id, status);
create index engagement_by_status on engagement (status, proposed_at);
create index engagement_changed on engagement (changed_xid);
create trigger engagement_changed before insert or update on engagement
    for each row execute function mark_changed();
