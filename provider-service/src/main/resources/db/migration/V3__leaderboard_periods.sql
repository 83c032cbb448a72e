-- The periods whose leaderboards were computed (also those with no entry), so that GET /leaderboards
-- without a period answers the latest one.
create table leaderboard_period (
    period      text        primary key,
    computed_at timestamptz not null
);
insert into leaderboard_period (period, computed_at)
select distinct period, now() from leaderboard_entry;

-- Recomputing a period reads the probations of the period before and after it.
create index probation_by_period on probation (period);
