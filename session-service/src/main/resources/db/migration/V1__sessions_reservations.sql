-- Live sessions (直播场次): the aggregate of session-service. One writer: SessionService (row lock,
-- versioned update, outbox event in the same transaction).
create table live_session (
    id                          uuid          primary key,
    merchant_id                 uuid          not null,
    provider_id                 uuid,
    operator_id                 uuid,
    title                       text          not null,
    scheduled_start             timestamptz   not null,
    planned_minutes             integer       not null check (planned_minutes > 0),
    gmv_target                  numeric(18,2) not null check (gmv_target >= 0),
    ad_budget_paid_promotion    numeric(18,2) not null check (ad_budget_paid_promotion >= 0),
    ad_budget_fan_boost         numeric(18,2) not null check (ad_budget_fan_boost >= 0),
    status                      text          not null,
    started_at                  timestamptz,
    ended_at                    timestamptz,
    cancelled_at                timestamptz,
    -- after the allowed lateness: the close marker went into session-telemetry (the stream's last word on it)
    close_requested_at          timestamptz,
    -- the stream closed the session: its final KPIs are here, and SessionEnded is in the outbox
    finalized_at                timestamptz,
    final_gmv                   numeric(18,2),
    final_kpis                  jsonb,
    created_at                  timestamptz   not null,
    updated_at                  timestamptz   not null,
    version                     bigint        not null,
    check (operator_id is null or provider_id is not null)
);
create index live_session_merchant on live_session (merchant_id, created_at);
create index live_session_provider on live_session (provider_id, created_at) where provider_id is not null;
create index live_session_operator on live_session (operator_id, created_at) where operator_id is not null;
create index live_session_to_close on live_session (ended_at) where status = 'ENDED' and finalized_at is null;
-- the merchant's baseline: its ended sessions' GMV
create index live_session_baseline on live_session (merchant_id, ended_at) where finalized_at is not null;

-- Reservations (预约) of a session, one per viewer.
create table session_reservation (
    session_id   uuid        not null references live_session (id),
    viewer_id    text        not null,
    reserved_at  timestamptz not null,
    primary key (session_id, viewer_id)
);
