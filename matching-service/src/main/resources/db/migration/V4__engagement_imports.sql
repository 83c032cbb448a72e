-- Engagements recorded after the fact: served before the platform used this suite, imported by platform staff.
-- The engagement row is an ordinary COMPLETED engagement (its outcome measured from the ledger like a live one),
-- marked with the source reference it was imported from.
alter table engagement add column import_reference text;

-- The audit of every import (who imported what, when, from which source reference), one row per source reference:
-- a retry with the same reference finds its row and creates nothing. Written only by EngagementService, in the
-- transaction that writes the engagement and its events.
create table engagement_import (
    source_reference    text primary key,
    engagement_id       uuid           not null unique references engagement (id),
    merchant_id         uuid           not null,
    provider_id         uuid           not null,
    served_from         date           not null,
    served_to           date           not null check (served_to >= served_from),
    -- the request in a canonical form: the same import sent again is recognised, another one under the same reference is refused
    fingerprint         text           not null,
    reported_gmv_before numeric(18, 2),
    reported_gmv_during numeric(18, 2),
    reported_leap       boolean,
    imported_by         text           not null,
    imported_at         timestamptz    not null
);
create index engagement_import_by_time on engagement_import (imported_at, source_reference);
create index engagement_import_by_merchant on engagement_import (merchant_id, imported_at);
create index engagement_import_by_provider on engagement_import (provider_id, imported_at);
