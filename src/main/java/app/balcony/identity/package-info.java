/**
 * Identity: tenants (one per ICS), accounts and their role in each tenant, sign-in with
 * throttling, API tokens, and the audit log of sign-ins, imports, changes and access to
 * identifiable data.
 */
@org.springframework.modulith.ApplicationModule(allowedDependencies = { "shared" })
package app.balcony.identity;
