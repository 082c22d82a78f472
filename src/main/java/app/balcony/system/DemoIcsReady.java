package app.balcony.system;

import app.balcony.identity.Tenant;

/**
 * Published on start, when the demo is on, once the demo ICS exists: each module that has
 * demo data (relationships, evidence, surveys and 360s) listens and adds its own, in the
 * order of their listeners' {@code @Order}.
 *
 * @param tenant the demo tenant
 */
public record DemoIcsReady(Tenant tenant) {
}
