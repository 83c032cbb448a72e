-- The audit trail is ordered by a database sequence, not by timestamps from a JVM clock: several
-- replicas share this database, and two decisions of one request (appeal granted, then reinstated)
-- must keep their order whichever replica wrote them. Existing rows are numbered in their old order.
alter table provider_decision add column seq bigint;
update provider_decision d set seq = o.n
from (select id, row_number() over (order by decided_at, id) as n from provider_decision) o
where o.id = d.id;
create sequence provider_decision_seq_seq owned by provider_decision.seq;
select setval('provider_decision_seq_seq', coalesce((select max(seq) from provider_decision), 0) + 1, false);
alter table provider_decision alter column seq set default nextval('provider_decision_seq_seq');
alter table provider_decision alter column seq set not null;
alter table provider_decision add constraint provider_decision_seq_unique unique (seq);
drop index provider_decision_by_provider;
create index provider_decision_by_provider on provider_decision (provider_id, seq);
