-- Submitted answers wait here, sealed, until their campaign or 360 closes; then they are
-- moved to campaign_response / feedback_response in one transaction, in random order, with
-- the closing day as their only date, and deleted here. So nothing in the stored
-- responses (row version, physical order, time) ties one to the invitation claimed in
-- the submission's transaction.
create table response_ballot (
    id         varchar(36)  primary key,
    tenant_id  bigint       not null references tenant (id),
    kind       varchar(10)  not null,
    parent_id  bigint       not null,
    body       text         not null,
    constraint response_ballot_kind_ck check (kind in ('CAMPAIGN', 'FEEDBACK'))
);
create index response_ballot_parent_ix on response_ballot (kind, parent_id);

-- The day an invitation or rater link was used is not kept: with responses it would
-- narrow who gave which answers.
update campaign_invitation set submitted_on = null
    where campaign_id in (select id from campaign where anonymous);
update feedback_rater set submitted_on = null;

-- Responses stored before this change keep no finer date than their campaign's close (and
-- this update gives them all one new row version, which also breaks the old link).
update campaign_response set submitted_on = coalesce(
        (select c.closed_on from campaign c where c.id = campaign_response.campaign_id), submitted_on)
    where campaign_id in (select id from campaign where anonymous);
