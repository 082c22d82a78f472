-- MAXQDA and NVivo export codes whose names are whole category paths: names up to 1,000
-- characters (keys stay short: they are derived and cut to fit).
alter table evidence_code alter column name set data type varchar(1000);
