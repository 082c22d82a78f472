package app.balcony.identity;

import java.io.Serializable;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Optional;

import jakarta.servlet.http.HttpServletRequest;

import org.springframework.security.authentication.AuthenticationDetailsSource;
import org.springframework.security.authentication.AuthenticationProvider;
import org.springframework.security.authentication.BadCredentialsException;
import org.springframework.security.authentication.DisabledException;
import org.springframework.security.authentication.LockedException;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.authentication.dao.DaoAuthenticationProvider;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.AuthenticationException;

/**
 * Password sign-in. The username is claimed with {@link LoginThrottle} before its
 * password is looked at (refused while locked, while another check of it is in flight, or
 * when the client's address has failed too often), every outcome is written to the audit
 * log of each ICS the account belongs to, and the session acts in one ICS chosen
 * explicitly when the account belongs to more than one.
 */
class ThrottlingAuthenticationProvider implements AuthenticationProvider {

	private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("HH:mm:ss");

	private final DaoAuthenticationProvider delegate;

	private final LoginThrottle throttle;

	private final AuditLog audit;

	private final TenantAccounts accounts;

	ThrottlingAuthenticationProvider(DaoAuthenticationProvider delegate, LoginThrottle throttle, AuditLog audit,
			TenantAccounts accounts) {
		this.delegate = delegate;
		this.throttle = throttle;
		this.audit = audit;
		this.accounts = accounts;
	}

	/** What the sign-in form sends besides the username and password. */
	record SignInDetails(String clientKey, String ics) implements Serializable {

		static AuthenticationDetailsSource<HttpServletRequest, SignInDetails> SOURCE = request -> new SignInDetails(
				TenantAccounts.sha256("client:" + request.getRemoteAddr()), blankToNull(request.getParameter("ics")));

		private static String blankToNull(String text) {
			return text == null || text.isBlank() ? null : text.trim().toLowerCase(java.util.Locale.ROOT);
		}

	}

	@Override
	public Authentication authenticate(Authentication authentication) throws AuthenticationException {
		String username = TenantAccounts.normalise(authentication.getName());
		SignInDetails details = authentication.getDetails() instanceof SignInDetails d ? d
				: new SignInDetails(null, null);
		List<BalconyUser> memberships = this.accounts.memberships(username);
		Optional<LoginThrottle.Refusal> refusal = this.throttle.claim(username, details.clientKey());
		if (refusal.isPresent()) {
			record(memberships, username, "SIGN_IN_REFUSED", refusal.get().getClass().getSimpleName());
			throw new LockedException(message(refusal.get()));
		}
		boolean counted = false;
		try {
			this.delegate.authenticate(authentication);
			this.throttle.recordSuccess(username);
			counted = true;
		}
		catch (BadCredentialsException ex) {
			this.throttle.recordFailure(username, details.clientKey());
			counted = true;
			record(memberships, username, "SIGN_IN_FAILED", null);
			throw ex;
		}
		finally {
			if (!counted) {
				this.throttle.release(username);
			}
		}
		BalconyUser user = choose(username, memberships, details.ics());
		this.audit.record(user.tenantId(), user.getUsername(), "SIGN_IN", user.getUsername(), null);
		return UsernamePasswordAuthenticationToken.authenticated(user, null, user.getAuthorities());
	}

	private static String message(LoginThrottle.Refusal refusal) {
		if (refusal instanceof LoginThrottle.Locked locked) {
			return "Too many failed attempts to sign in as this user. Try again after " + locked.until().format(TIME)
					+ ".";
		}
		if (refusal instanceof LoginThrottle.ClientBlocked blocked) {
			return "Too many failed sign-ins from your network. Try again after " + blocked.until().format(TIME) + ".";
		}
		return "Another sign-in as this user is being checked. Try again in a moment.";
	}

	/** The ICS this session acts in, after a correct password. */
	private BalconyUser choose(String username, List<BalconyUser> memberships, String ics) {
		List<BalconyUser> enabled = memberships.stream().filter(BalconyUser::isEnabled).toList();
		if (ics != null) {
			BalconyUser chosen = memberships.stream()
				.filter(m -> m.tenantSlug().equals(ics))
				.findFirst()
				.orElseThrow(() -> new SignInChoice("Your account does not belong to that ICS. Choose one of yours.",
						username, tenants(enabled)));
			if (!chosen.isEnabled()) {
				this.audit.record(chosen.tenantId(), username, "SIGN_IN_DISABLED", username, null);
				throw new DisabledException("disabled");
			}
			return chosen;
		}
		if (enabled.isEmpty()) {
			record(memberships, username, "SIGN_IN_DISABLED", null);
			throw new DisabledException("disabled");
		}
		if (enabled.size() > 1) {
			throw new SignInChoice("Your account belongs to more than one ICS. Choose which one to sign in to.",
					username, tenants(enabled));
		}
		return enabled.get(0);
	}

	private static List<SignInChoice.Choice> tenants(List<BalconyUser> users) {
		return users.stream().map(u -> new SignInChoice.Choice(u.tenantSlug(), u.tenantName())).toList();
	}

	/**
	 * An entry in the audit log of every ICS the account belongs to (or none, if
	 * unknown).
	 */
	private void record(List<BalconyUser> memberships, String username, String action, String detail) {
		if (memberships.isEmpty()) {
			this.audit.record(null, username, action, username, detail);
		}
		for (BalconyUser m : memberships) {
			this.audit.record(m.tenantId(), username, action, username, detail);
		}
	}

	@Override
	public boolean supports(Class<?> authentication) {
		return UsernamePasswordAuthenticationToken.class.isAssignableFrom(authentication);
	}

}
