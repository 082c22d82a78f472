package app.balcony.shared;

import java.io.IOException;
import java.sql.SQLTransientConnectionException;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Sheds load instead of stalling: a request that waited its limit for a database
 * connection (all of them busy) is answered 503 with {@code Retry-After}, from wherever
 * it was (a filter, a controller, a view), rather than a 500 or an endless wait.
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE + 10)
class OverloadFilter extends OncePerRequestFilter {

	private static final Logger log = LoggerFactory.getLogger(OverloadFilter.class);

	@Override
	protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
			throws ServletException, IOException {
		try {
			chain.doFilter(request, response);
		}
		catch (ServletException | RuntimeException ex) {
			if (!overloaded(ex) || response.isCommitted()) {
				throw ex;
			}
			log.warn("Busy: no database connection for {} {} in time ({})", request.getMethod(),
					request.getRequestURI(), cause(ex));
			response.resetBuffer();
			response.setStatus(503);
			response.setHeader("Retry-After", "5");
			boolean api = request.getRequestURI().startsWith(request.getContextPath() + "/api/");
			response.setContentType(api ? "application/problem+json" : "text/plain;charset=UTF-8");
			response.getWriter()
				.write(api
						? "{\"title\":\"Busy\",\"status\":503,\"detail\":\"Balcony is busy. Try again in a few seconds.\"}"
						: "Balcony is busy. Try again in a few seconds.");
		}
	}

	private static String cause(Throwable ex) {
		for (Throwable t = ex; t != null; t = t.getCause()) {
			if (t instanceof SQLTransientConnectionException) {
				return t.getMessage();
			}
		}
		return "";
	}

	static boolean overloaded(Throwable ex) {
		for (Throwable t = ex; t != null; t = t.getCause()) {
			if (t instanceof SQLTransientConnectionException) {
				return true;
			}
			if (t.getCause() == t) {
				break;
			}
		}
		return false;
	}

}
