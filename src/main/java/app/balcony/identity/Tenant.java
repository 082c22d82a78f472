package app.balcony.identity;

/**
 * One integrated care system using Balcony; every piece of data belongs to exactly one
 * tenant.
 */
public record Tenant(long id, String slug, String name) {
}
