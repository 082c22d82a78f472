package app.balcony.system;

import java.util.ArrayList;
import java.util.List;

import app.balcony.identity.AuditLog;
import app.balcony.identity.Role;
import app.balcony.identity.Tenant;
import app.balcony.identity.TenantAccounts;
import app.balcony.jobs.Progress;
import app.balcony.system.demo.DemoIcsGenerator;

import org.springframework.stereotype.Service;

/**
 * Creates the demo tenant "Northvale" with its generated ICS and one demo account per
 * role. Does nothing if the tenant exists already, so starting the demo twice keeps its
 * data.
 */
@Service
public class DemoIcs {

	public static final String SLUG = "northvale";

	public static final String NAME = "Northvale Integrated Care System (demo)";

	/**
	 * A demo sign-in. The passwords are public: the demo tenant holds only invented data.
	 */
	public record DemoAccount(String username, String password, Role role, String name) {
	}

	public static final List<DemoAccount> ACCOUNTS = List.of(
			new DemoAccount("admin@northvale.example", "northvale-admin", Role.ADMIN, "Demo Admin"),
			new DemoAccount("analyst@northvale.example", "northvale-analyst", Role.ANALYST, "Demo Analyst"),
			new DemoAccount("facilitator@northvale.example", "northvale-facilitator", Role.FACILITATOR,
					"Demo Facilitator"),
			new DemoAccount("member@northvale.example", "northvale-member", Role.MEMBER, "Demo Member"));

	private final TenantAccounts accounts;

	private final SystemImport imports;

	private final AuditLog audit;

	DemoIcs(TenantAccounts accounts, SystemImport imports, AuditLog audit) {
		this.accounts = accounts;
		this.imports = imports;
		this.audit = audit;
	}

	/**
	 * Returns the demo tenant, creating and filling it first when it does not exist.
	 * @throws IllegalStateException if the generated data fails validation (a bug in the
	 * generator)
	 */
	@org.springframework.transaction.annotation.Transactional
	public synchronized Tenant ensure(long seed, int people, Progress listener) {
		var existing = this.accounts.findTenant(SLUG);
		if (existing.isPresent()) {
			return existing.get();
		}
		Tenant tenant = this.accounts.createTenant(SLUG, NAME);
		load(tenant.id(), seed, people, listener);
		for (DemoAccount account : ACCOUNTS) {
			this.accounts.createAccount(tenant.id(), account.username(), account.name(), account.password(),
					account.role(), "demo");
		}
		return tenant;
	}

	/**
	 * Generates the demo ICS into an existing tenant (used by benchmarks for other
	 * sizes).
	 */
	public ImportReport load(long tenantId, long seed, int people, Progress listener) {
		var batch = new DemoIcsGenerator(seed, people).generate();
		List<ImportError> errors = new ArrayList<>();
		ImportReport report = this.imports.apply(tenantId, batch, DemoIcsGenerator.ICS_START, errors, listener);
		if (!report.applied()) {
			throw new IllegalStateException("The demo ICS did not validate: " + report.errors());
		}
		this.audit.record(tenantId, "demo", "DEMO_LOADED", "seed " + seed, report.summary());
		return report;
	}

}
