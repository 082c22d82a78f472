package app.balcony.system;

/**
 * Published after a change to a tenant's system model has committed (an import, renamed
 * levels): people may now belong to other organisations, sectors, places or levels, or
 * groups may have other names. Caches of anything computed from people's groups listen
 * and drop the tenant's entries; {@link app.balcony.system.directory.Directory#version}
 * tells every instance (not only the one that made the change) that it happened.
 *
 * @param tenantId the tenant whose model changed
 * @param version its version from now on
 */
public record SystemModelChanged(long tenantId, long version) {
}
