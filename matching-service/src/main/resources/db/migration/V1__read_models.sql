-- Read models of merchants and providers, built only from merchant-events and provider-events
-- (never written by anything else). Every row records the transaction that last changed it
-- (changed_xid), so each replica's in-memory index can pick up what changed since it last looked.

create function mark_changed() returns trigger language plpgsql as $$
begin
    new.changed_xid := pg_current_xact_id();
    return new;
end
$$;

-- A merchant as far as matching needs it. A row may exist before its MerchantRegistered (a ledger or
-- growth event came first): profile_version -1 until the profile arrives. Profile fields follow the
-- highest MerchantRegistered/MerchantUpdated version; the stage follows the highest version of any
-- event carrying one (several events of one write share a version and the same stage).
create table merchant_view (
    id                 uuid primary key,
    name               text,
    kind               text,
    category           text,
    region             text,
    followers          bigint,
    profile_version    bigint      not null default -1,
    stage              text,
    stage_version      bigint      not null default -1,
    -- the needs of the merchant's latest service request (by its createdAt), empty when none
    needs              text[]      not null default '{}',
    needs_request_id   uuid,
    needs_requested_at timestamptz,
    registered_at      timestamptz,
    changed_xid        xid8        not null default pg_current_xact_id()
);
create index merchant_view_changed on merchant_view (changed_xid);
create trigger merchant_view_changed before insert or update on merchant_view
    for each row execute function mark_changed();

-- The merchant's GMV ledger as published (MerchantGmvRecorded): an entry once per source id.
create table merchant_gmv (
    merchant_id uuid           not null,
    source_id   text           not null,
    entry_date  date           not null,
    gmv         numeric(18, 2) not null,
    primary key (merchant_id, source_id)
);
create index merchant_gmv_by_merchant_date on merchant_gmv (merchant_id, entry_date);
create index merchant_gmv_by_date on merchant_gmv (entry_date, merchant_id);

-- Service requests as published (ServiceRequested), once per request id.
create table service_request_view (
    id          uuid primary key,
    merchant_id uuid        not null,
    needs       text[]      not null,
    created_at  timestamptz not null
);
create index service_request_view_by_merchant on service_request_view (merchant_id, created_at);

-- A provider as published on provider-events (every type carries the provider after the change):
-- the highest version wins.
create table provider_view (
    id              uuid primary key,
    name            text           not null,
    type            text           not null,
    categories      text[]         not null,
    regions         text[]         not null,
    capabilities    text[]         not null,
    capacity        integer        not null,
    status          text           not null,
    admission       text           not null,
    suspended       boolean        not null,
    tier            text           not null,
    badge           text           not null,
    served_gmv_12m  numeric(18, 2) not null,
    merchants_leapt integer        not null,
    version         bigint         not null,
    changed_xid     xid8           not null default pg_current_xact_id()
);
create index provider_view_changed on provider_view (changed_xid);
create trigger provider_view_changed before insert or update on provider_view
    for each row execute function mark_changed();
