-- Operator session statistics count each live session once, by its session id: a republished
-- SessionEnded (a new event id for the same fact) changes nothing, as the merchant ledger does with
-- source id session:<sessionId>.
create table operator_session (
    session_id  uuid           primary key,
    operator_id uuid           not null references operator (id),
    provider_id uuid           not null,
    gmv         numeric(18, 2) not null,
    ad_spend    numeric(18, 2) not null,
    event_id    text           not null,
    counted_at  timestamptz    not null
);
create index operator_session_by_operator on operator_session (operator_id);
