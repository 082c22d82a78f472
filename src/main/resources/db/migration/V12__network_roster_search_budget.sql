-- Roster searches made with each network survey link, per day: a link may search the
-- system's roster only so often (balcony.network.roster-searches-per-day), so a leaked
-- link cannot list the whole directory. Counted in the database, so the budget holds
-- across application instances.
create table network_roster_search (
    invitation_id bigint not null references campaign_invitation (id),
    search_day    date   not null,
    searches      int    not null,
    primary key (invitation_id, search_day)
);
