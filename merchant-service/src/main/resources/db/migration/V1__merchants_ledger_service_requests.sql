create table merchant (
    id               uuid primary key,
    name             text        not null,
    kind             text        not null check (kind in ('BRAND', 'INDUSTRIAL_BELT', 'CREATOR')),
    category         text        not null,
    region           text        not null,
    followers        bigint      not null check (followers >= 0),
    trust_rights     boolean     not null,
    repurchase_rate  numeric(5, 4) check (repurchase_rate between 0 and 1),
    stage            text        not null check (stage in ('NEW', 'GROWING', 'STALLED', 'DECLINING')),
    created_at       timestamptz not null,
    updated_at       timestamptz not null,
    version          bigint      not null
);
create index merchant_filters on merchant (kind, category, region, stage);

-- The GMV ledger: one row per recorded entry; a source id is recorded once per merchant.
create table gmv_entry (
    id          bigserial primary key,
    merchant_id uuid          not null references merchant (id),
    entry_date  date          not null,
    gmv         numeric(18, 2) not null check (gmv >= 0),
    orders      integer       not null check (orders >= 0),
    source_id   text          not null,
    recorded_at timestamptz   not null default now(),
    unique (merchant_id, source_id)
);
create index gmv_entry_by_merchant_date on gmv_entry (merchant_id, entry_date);
create index gmv_entry_by_date on gmv_entry (entry_date, merchant_id);

create table service_request (
    id             uuid primary key,
    merchant_id    uuid           not null references merchant (id),
    needs          text           not null,
    monthly_budget numeric(18, 2) not null check (monthly_budget >= 0),
    gmv_target     numeric(18, 2) not null check (gmv_target >= 0),
    notes          text,
    status         text           not null,
    created_at     timestamptz    not null,
    version        bigint         not null
);
create index service_request_by_merchant on service_request (merchant_id, created_at);
