package app.balcony.shared;

import java.io.IOException;
import java.util.Map;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Refuses form and query values holding control characters no text needs (NUL and the
 * other C0 controls except tab, line feed and carriage return), with a 400 that names the
 * field, before anything tries to store them (PostgreSQL refuses NUL in text, which used
 * to surface as a 500). JSON bodies get the same rule from {@link JsonText}.
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE + 20)
class ControlCharacterFilter extends OncePerRequestFilter {

	@Override
	protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
			throws ServletException, IOException {
		String contentType = request.getContentType();
		boolean multipart = contentType != null && contentType.toLowerCase().startsWith("multipart/");
		if (!multipart) {
			for (Map.Entry<String, String[]> e : request.getParameterMap().entrySet()) {
				String bad = JsonText.controlCharacterIn(e.getKey());
				for (String value : e.getValue()) {
					if (bad == null) {
						bad = JsonText.controlCharacterIn(value);
					}
				}
				if (bad != null) {
					refuse(request, response, "'" + printable(e.getKey()) + "' contains a control character (" + bad
							+ ") that text may not hold");
					return;
				}
			}
		}
		chain.doFilter(request, response);
	}

	private static String printable(String name) {
		StringBuilder out = new StringBuilder();
		name.codePoints()
			.limit(60)
			.forEach(cp -> out.append(Character.isISOControl(cp) ? "?" : Character.toString(cp)));
		return out.toString();
	}

	private static void refuse(HttpServletRequest request, HttpServletResponse response, String detail)
			throws IOException {
		response.setStatus(400);
		boolean api = request.getRequestURI().startsWith(request.getContextPath() + "/api/");
		response.setCharacterEncoding("UTF-8");
		if (api) {
			response.setContentType("application/problem+json");
			response.getWriter()
				.write("{\"title\":\"Bad request\",\"status\":400,\"detail\":\""
						+ detail.replace("\\", "\\\\").replace("\"", "\\\"") + "\"}");
		}
		else {
			response.setContentType("text/plain;charset=UTF-8");
			response.getWriter().write(detail);
		}
	}

}
