-- A tenant's system model changes (an import, renamed levels): its version goes up, so that
-- views computed from people's groups on any instance are not served from before the change.
create table system_model_version (
    tenant_id bigint primary key references tenant (id),
    version bigint not null,
    changed_at timestamp not null
);
