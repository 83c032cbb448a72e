-- Campaigns: an optimal assignment of a cohort of merchants to providers, proposed as engagements.
create table campaign (
    id               uuid primary key,
    status           text        not null check (status in ('RUNNING', 'COMPLETED', 'FAILED')),
    cohort           text        not null check (cohort in ('STALLED', 'LIST')),
    earlier          text,
    later            text,
    term_months      integer     not null,
    commission_bps   integer     not null,
    requested_by     text        not null,
    requested_at     timestamptz not null,
    completed_at     timestamptz,
    cohort_size      integer,
    assigned_count   integer,
    unassigned_count integer,
    -- sum of the assigned scores, in millionths (exact)
    objective        bigint,
    solver           jsonb,
    failure          text
);

-- The merchants of a campaign left without a provider, and why.
create table campaign_unassigned (
    campaign_id uuid not null references campaign (id),
    merchant_id uuid not null,
    reason      text not null,
    primary key (campaign_id, merchant_id)
);

-- A campaign's assignments are the engagements it proposed, with the score they were chosen on (millionths).
alter table engagement add column campaign_score bigint;
create index engagement_by_campaign on engagement (campaign_id, merchant_id) where campaign_id is not null;
