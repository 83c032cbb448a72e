-- What the test consumer applies: one row per applied event.
create table test_effect (
    id       bigserial primary key,
    event_id text not null,
    source   text not null,
    note     text
);
