-- assessment: when each invitation was first e-mailed (reminders use reminded_on).
alter table campaign_invitation add column mailed_on date;
