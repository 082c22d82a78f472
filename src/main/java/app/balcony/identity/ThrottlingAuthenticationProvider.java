package app.balcony.identity;

import java.time.format.DateTimeFormatter;

import org.springframework.security.authentication.AuthenticationProvider;
import org.springframework.security.authentication.BadCredentialsException;
import org.springframework.security.authentication.LockedException;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.authentication.dao.DaoAuthenticationProvider;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.AuthenticationException;

/**
 * Password sign-in that refuses a locked username before checking the password, and
 * records each failure and success with {@link LoginThrottle}.
 */
class ThrottlingAuthenticationProvider implements AuthenticationProvider {

	private final DaoAuthenticationProvider delegate;

	private final LoginThrottle throttle;

	private final AuditLog audit;

	ThrottlingAuthenticationProvider(DaoAuthenticationProvider delegate, LoginThrottle throttle, AuditLog audit) {
		this.delegate = delegate;
		this.throttle = throttle;
		this.audit = audit;
	}

	@Override
	public Authentication authenticate(Authentication authentication) throws AuthenticationException {
		String username = TenantAccounts.normalise(authentication.getName());
		var lockedUntil = this.throttle.lockedUntil(username);
		if (lockedUntil.isPresent()) {
			this.audit.record(null, username, "SIGN_IN_LOCKED", username, null);
			throw new LockedException("Too many failed attempts to sign in as this user. Try again after "
					+ lockedUntil.get().format(DateTimeFormatter.ofPattern("HH:mm:ss")) + ".");
		}
		try {
			Authentication result = this.delegate.authenticate(authentication);
			this.throttle.recordSuccess(username);
			if (result.getPrincipal() instanceof BalconyUser user) {
				this.audit.record(user.tenantId(), user.getUsername(), "SIGN_IN", user.getUsername(), null);
			}
			return result;
		}
		catch (BadCredentialsException ex) {
			this.throttle.recordFailure(username);
			this.audit.record(null, username, "SIGN_IN_FAILED", username, null);
			throw ex;
		}
	}

	@Override
	public boolean supports(Class<?> authentication) {
		return UsernamePasswordAuthenticationToken.class.isAssignableFrom(authentication);
	}

}
