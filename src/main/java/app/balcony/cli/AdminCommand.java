package app.balcony.cli;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.Callable;

import app.balcony.identity.Role;
import app.balcony.identity.Tenant;
import app.balcony.identity.TenantAccounts;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Unmatched;

/**
 * {@code balcony admin …}: the first admin, password resets and API tokens, from the
 * command line.
 */
@Command(name = "admin", mixinStandardHelpOptions = true, description = "Manage tenants, accounts and API tokens.",
		subcommands = { AdminCommand.CreateAdmin.class, AdminCommand.ResetPassword.class,
				AdminCommand.CreateToken.class })
class AdminCommand {

	abstract static class Base implements Callable<Integer> {

		@Spec
		CommandSpec spec;

		@Option(names = "--password-stdin", description = "Read the password from standard input")
		boolean passwordStdin;

		@Option(names = "--password", interactive = true, arity = "0..1",
				description = "The password (prompted for when given without a value)")
		char[] password;

		@Unmatched
		List<String> springArgs = new java.util.ArrayList<>();

		String password() throws IOException {
			if (this.passwordStdin) {
				var reader = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
				String line = reader.readLine();
				return line == null ? "" : line.strip();
			}
			if (this.password != null) {
				return new String(this.password);
			}
			String env = System.getenv("BALCONY_ADMIN_PASSWORD");
			return env == null ? "" : env;
		}

		@Override
		public Integer call() throws Exception {
			try (var context = BalconyCommand.startHeadless(this.springArgs)) {
				return run(context.getBean(TenantAccounts.class));
			}
			catch (IllegalArgumentException ex) {
				this.spec.commandLine().getErr().println(ex.getMessage());
				return 1;
			}
		}

		abstract int run(TenantAccounts accounts) throws IOException;

	}

	@Command(name = "create-admin", mixinStandardHelpOptions = true,
			description = "Create an admin account (and the tenant, if it does not exist yet).")
	static class CreateAdmin extends Base {

		@Option(names = "--tenant", required = true, description = "Tenant slug, e.g. my-ics")
		String tenant;

		@Option(names = "--tenant-name", description = "Name of a new tenant, e.g. 'Northvale ICS'")
		String tenantName;

		@Option(names = "--username", required = true, description = "Username (an e-mail address works)")
		String username;

		@Option(names = "--name", description = "The person's name", defaultValue = "Administrator")
		String name;

		@Override
		int run(TenantAccounts accounts) throws IOException {
			Tenant tenant = accounts.findTenant(this.tenant)
				.orElseGet(() -> accounts.createTenant(this.tenant,
						this.tenantName == null ? this.tenant : this.tenantName));
			// The operator may give an existing account a role in a further ICS (its
			// password is kept); tenant admins cannot.
			accounts.createAccount(tenant.id(), this.username, this.name, password(), Role.ADMIN, "cli", true);
			this.spec.commandLine()
				.getOut()
				.println("Created admin '" + this.username.trim().toLowerCase() + "' in tenant '" + tenant.slug()
						+ "'.");
			return 0;
		}

	}

	@Command(name = "reset-password", mixinStandardHelpOptions = true,
			description = "Set a new password for an account.")
	static class ResetPassword extends Base {

		@Option(names = "--username", required = true)
		String username;

		@Override
		int run(TenantAccounts accounts) throws IOException {
			accounts.resetPassword(this.username, password(), "cli");
			this.spec.commandLine().getOut().println("Password changed for '" + this.username + "'.");
			return 0;
		}

	}

	@Command(name = "create-token", mixinStandardHelpOptions = true,
			description = "Issue an API token for an account in a tenant; the token is printed once.")
	static class CreateToken extends Base {

		@Option(names = "--tenant", required = true)
		String tenant;

		@Option(names = "--username", required = true)
		String username;

		@Option(names = "--name", required = true, description = "What the token is for, e.g. 'nightly export'")
		String name;

		@Override
		int run(TenantAccounts accounts) {
			Tenant tenant = accounts.findTenant(this.tenant)
				.orElseThrow(() -> new IllegalArgumentException("No tenant '" + this.tenant + "'"));
			this.spec.commandLine()
				.getOut()
				.println(accounts.createApiToken(tenant.id(), this.username, this.name, "cli"));
			return 0;
		}

	}

}
