-- A campaign left RUNNING by a replica that died is run again by another (CampaignService.recoverInterrupted): a list
-- campaign keeps its merchants for that (null for a cohort campaign, and for list campaigns recorded before this).
alter table campaign add column merchant_ids uuid[];
create index campaign_running on campaign (requested_at) where status = 'RUNNING';
