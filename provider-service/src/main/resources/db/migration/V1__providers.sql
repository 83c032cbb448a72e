create table provider (
    id                   uuid primary key,
    name                 text           not null,
    type                 text           not null check (type in ('MCN', 'INDUSTRIAL_BELT', 'BRAND')),
    categories           text           not null,
    regions              text           not null,
    capabilities         text           not null,
    capacity             integer        not null check (capacity >= 0),
    declared_served_gmv  numeric(18, 2) not null check (declared_served_gmv >= 0),
    admission            text           not null check (admission in ('APPLIED', 'ADMITTED', 'REJECTED')),
    suspended            boolean        not null default false,
    suspension_proposed  boolean        not null default false,
    tier                 text           not null default 'NONE' check (tier in ('NONE', 'HUNDRED_MILLION', 'BILLION')),
    badge                text           not null default 'NONE' check (badge in ('NONE', 'INCUBATOR_20', 'INCUBATOR_50')),
    served_gmv_12m       numeric(18, 2) not null default 0,
    merchants_leapt      integer        not null default 0,
    created_at           timestamptz    not null,
    updated_at           timestamptz    not null,
    version              bigint         not null
);
create index provider_filters on provider (type, admission, suspended, tier);

-- 操盘手: the provider's operators, with the statistics of the live sessions they ran.
create table operator (
    id           uuid primary key,
    provider_id  uuid           not null references provider (id),
    name         text           not null,
    specialties  text           not null,
    certified    boolean        not null,
    sessions_run integer        not null default 0,
    session_gmv  numeric(18, 2) not null default 0,
    ad_spend     numeric(18, 2) not null default 0,
    created_at   timestamptz    not null,
    version      bigint         not null
);
create index operator_by_provider on operator (provider_id);

-- The audit trail: every admission decision, suspension, reinstatement, appeal and probation.
create table provider_decision (
    id          uuid primary key,
    provider_id uuid        not null references provider (id),
    action      text        not null,
    reasons     text        not null,
    actor       text        not null,
    decided_at  timestamptz not null
);
create index provider_decision_by_provider on provider_decision (provider_id, decided_at);

-- One appeal per rejection or suspension decision.
create table appeal (
    id              uuid primary key,
    provider_id     uuid        not null references provider (id),
    decision_id     uuid        not null unique references provider_decision (id),
    against         text        not null check (against in ('REJECTION', 'SUSPENSION')),
    reason          text        not null,
    status          text        not null check (status in ('PENDING', 'GRANTED', 'DENIED')),
    decided_by      text,
    decision_reason text,
    created_at      timestamptz not null,
    decided_at      timestamptz,
    version         bigint      not null
);

-- Track record: completed engagements, from engagement-events (applied once per event id).
create table engagement_outcome (
    engagement_id uuid primary key,
    provider_id   uuid           not null,
    merchant_id   uuid           not null,
    completed_on  date           not null,
    gmv_before    numeric(18, 2) not null,
    gmv_during    numeric(18, 2) not null,
    rating        numeric(4, 3),
    leap          boolean        not null
);
create index engagement_outcome_by_provider on engagement_outcome (provider_id, completed_on);
create index engagement_outcome_by_date on engagement_outcome (completed_on);

-- Horse racing: a period's leaderboards (recomputing a period replaces them) and probations.
create table leaderboard_entry (
    period        text           not null,
    provider_type text           not null,
    category      text           not null,
    provider_id   uuid           not null,
    rank          integer        not null,
    score         numeric(9, 6)  not null,
    components    text           not null,
    probation     boolean        not null,
    primary key (period, provider_type, category, provider_id)
);
create table probation (
    provider_id         uuid    not null,
    period              text    not null,
    suspension_proposed boolean not null default false,
    primary key (provider_id, period)
);
