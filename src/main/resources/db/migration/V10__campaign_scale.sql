-- assessment: the response scale a campaign uses (agreement 1-5, frequency 1-5, agreement 1-7).
alter table campaign add column scale_key varchar(20) default 'agree5' not null;
