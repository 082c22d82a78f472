-- A coding the analyst made from a suggestion after changing its span or codes.
alter table evidence_coding drop constraint evidence_coding_origin_ck;
alter table evidence_coding add constraint evidence_coding_origin_ck
    check (origin in ('MANUAL', 'SUGGESTION', 'EDITED', 'IMPORT'));
