-- Hardening (issue 22): the tenant wall for accounts, and sign-in throttling that holds
-- under concurrency.

-- An account is enabled or disabled per ICS: an admin of one ICS can no longer lock a
-- person out of another. (account.enabled stays for the operator's CLI: off everywhere.)
alter table tenant_role add column enabled boolean default true not null;
update tenant_role set enabled = (select a.enabled from account a where a.id = tenant_role.account_id);

-- A password check claims the username first (checking_until), so a burst of guesses is
-- checked one at a time and the failure count cannot be lost between them.
alter table login_throttle add column checking_until timestamp;
alter table login_throttle alter column last_failure drop not null;

-- Failed sign-ins per client address (kept only as a keyed hash), against one address
-- trying many usernames.
create table login_client_throttle (
    client_hash   varchar(64) primary key,
    window_start  timestamp   not null,
    failures      int         not null
);
