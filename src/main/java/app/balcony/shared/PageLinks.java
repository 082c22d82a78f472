package app.balcony.shared;

import java.util.Map;

import jakarta.servlet.http.HttpServletRequest;

import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.util.UriComponentsBuilder;

/**
 * Links to other pages of a paged list that keep the current filters. Available to every
 * view as {@code pageLinks}.
 */
public final class PageLinks {

	private final String path;

	private final Map<String, String[]> parameters;

	PageLinks(String path, Map<String, String[]> parameters) {
		this.path = path;
		this.parameters = parameters;
	}

	/**
	 * A relative link to the given zero-based page with every other query parameter kept.
	 */
	public String to(int page) {
		UriComponentsBuilder builder = UriComponentsBuilder.fromPath(this.path);
		this.parameters.forEach((name, values) -> {
			if (!name.equals("page")) {
				builder.queryParam(name, (Object[]) values);
			}
		});
		builder.queryParam("page", page);
		return builder.encode().build().toUriString();
	}

	@ControllerAdvice(annotations = Controller.class)
	static class Advice {

		@ModelAttribute("pageLinks")
		PageLinks pageLinks(HttpServletRequest request) {
			return new PageLinks(request.getRequestURI(), request.getParameterMap());
		}

		/** The path of the page, for marking the current navigation item. */
		@ModelAttribute("currentPath")
		String currentPath(HttpServletRequest request) {
			return request.getRequestURI();
		}

	}

}
