package app.balcony;

import org.junit.jupiter.api.Test;

import org.springframework.modulith.core.ApplicationModules;

/**
 * Each feature is a module; modules may use each other's API (root package) only, and
 * never in a cycle.
 */
class ModularityTests {

	@Test
	void modulesRespectTheirBoundaries() {
		ApplicationModules.of(BalconyApplication.class).verify();
	}

}
