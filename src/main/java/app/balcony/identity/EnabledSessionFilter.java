package app.balcony.identity;

import java.io.IOException;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpSession;

import org.springframework.http.MediaType;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Ends a signed-in session at its next request once its account, or its role in the ICS
 * the session acts in, has been disabled or removed: disabling someone takes effect at
 * once, on every instance, not when their session would have expired.
 */
class EnabledSessionFilter extends OncePerRequestFilter {

	private final TenantAccounts accounts;

	EnabledSessionFilter(TenantAccounts accounts) {
		this.accounts = accounts;
	}

	@Override
	protected boolean shouldNotFilter(HttpServletRequest request) {
		String path = request.getRequestURI().substring(request.getContextPath().length());
		return ApiTokenFilter.hasBearer(request) || path.startsWith("/css/") || path.startsWith("/js/")
				|| path.startsWith("/assets/") || path.equals("/favicon.ico");
	}

	@Override
	protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
			throws ServletException, IOException {
		Authentication auth = SecurityContextHolder.getContext().getAuthentication();
		if (auth != null && auth.getPrincipal() instanceof BalconyUser user
				&& !this.accounts.stillEnabled(user.accountId(), user.tenantId())) {
			SecurityContextHolder.clearContext();
			HttpSession session = request.getSession(false);
			if (session != null) {
				session.invalidate();
			}
			String path = request.getRequestURI().substring(request.getContextPath().length());
			if (path.startsWith("/api/")) {
				response.setStatus(401);
				response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
				response.getWriter()
					.write("{\"title\":\"Unauthorized\",\"status\":401,\"detail\":\"This account has been disabled\"}");
			}
			else {
				response.sendRedirect(request.getContextPath() + "/login?disabled");
			}
			return;
		}
		chain.doFilter(request, response);
	}

}
