-- Anonymity against a determined insider (issue 15).

-- Thresholds are frozen per campaign and per 360 when they open: lowering the tenant's
-- thresholds later changes nothing already open or closed.
alter table campaign add column min_cell integer;
alter table campaign add column min_comments integer;
alter table campaign add column min_rater_group integer;
alter table feedback add column min_cell integer;
alter table feedback add column min_comments integer;
alter table feedback add column min_rater_group integer;

update campaign set
    min_cell = coalesce((select s.min_cell from privacy_settings s where s.tenant_id = campaign.tenant_id), 5),
    min_comments = coalesce((select s.min_comments from privacy_settings s where s.tenant_id = campaign.tenant_id), 10),
    min_rater_group = coalesce((select s.min_rater_group from privacy_settings s where s.tenant_id = campaign.tenant_id), 3)
where status <> 'DRAFT';
update feedback set
    min_cell = coalesce((select s.min_cell from privacy_settings s where s.tenant_id = feedback.tenant_id), 5),
    min_comments = coalesce((select s.min_comments from privacy_settings s where s.tenant_id = feedback.tenant_id), 10),
    min_rater_group = coalesce((select s.min_rater_group from privacy_settings s where s.tenant_id = feedback.tenant_id), 3);

-- The data a scope's history was released from: reports stop if it ever changes.
alter table privacy_history_lock add column data_version varchar(100);

-- Links handed out by hand (a CSV download) are an explicit, audited decision, shown
-- with the results.
alter table campaign add column links_handed_out_by varchar(254);
alter table campaign add column links_handed_out_on date;
alter table campaign add column links_handed_out_reason varchar(500);
alter table feedback add column links_handed_out_by varchar(254);
alter table feedback add column links_handed_out_on date;
alter table feedback add column links_handed_out_reason varchar(500);

-- First-open binding: the first browser or client to open a link gets a secret (only
-- its hash is kept); drafts and submission need it. Opening elsewhere and starting
-- again discards the draft and is counted.
alter table campaign_invitation add column bound_key_hash varchar(64);
alter table campaign_invitation add column bound_at timestamp;
alter table campaign_invitation add column rebound integer default 0 not null;
alter table feedback_rater add column bound_key_hash varchar(64);
alter table feedback_rater add column bound_at timestamp;
alter table feedback_rater add column rebound integer default 0 not null;

-- 360 raters reached by Balcony: each rater has an address (a person in the system model
-- where the address is theirs), and is mailed their link by the server.
alter table feedback_rater add column person_id bigint references person (id);
alter table feedback_rater add column mailed_on date;
