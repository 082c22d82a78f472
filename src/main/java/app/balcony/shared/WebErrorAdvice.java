package app.balcony.shared;

import java.util.HashMap;
import java.util.Map;

import app.balcony.shared.web.OnProblem;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.method.HandlerMethod;
import org.springframework.web.method.annotation.MethodArgumentTypeMismatchException;
import org.springframework.web.servlet.HandlerMapping;
import org.springframework.web.servlet.support.RequestContextUtils;
import org.springframework.web.util.UriComponentsBuilder;

/**
 * HTML pages answer a user's mistake with an error page and the right status, never a
 * stack trace; a form whose handler says where to go back to ({@link OnProblem}) goes
 * back there with the problem shown.
 */
@ControllerAdvice(annotations = Controller.class)
@Order(Ordered.LOWEST_PRECEDENCE)
class WebErrorAdvice {

	@ExceptionHandler(NotFoundException.class)
	String notFound(NotFoundException ex, HttpServletResponse response, Model model) {
		response.setStatus(404);
		model.addAttribute("message", ex.getMessage());
		return "error/404";
	}

	/** A form that should carry a file but does not (or is too large). */
	@ExceptionHandler({ org.springframework.web.multipart.MultipartException.class,
			org.springframework.web.multipart.support.MissingServletRequestPartException.class,
			org.springframework.web.bind.MissingServletRequestParameterException.class })
	String missingPart(Exception ex, HttpServletResponse response, Model model) {
		boolean tooLarge = ex instanceof org.springframework.web.multipart.MaxUploadSizeExceededException;
		response.setStatus(tooLarge ? 413 : 400);
		String message;
		if (tooLarge) {
			message = "The upload is larger than the most accepted (50 MB a file, 60 MB in all).";
		}
		else if (ex instanceof org.springframework.web.bind.MissingServletRequestParameterException missing) {
			message = "'" + missing.getParameterName() + "' is required.";
		}
		else {
			message = "Choose a file to upload.";
		}
		model.addAttribute("message", message);
		return "error/400";
	}

	@ExceptionHandler({ BadRequestException.class, MethodArgumentTypeMismatchException.class })
	String badRequest(RuntimeException ex, HttpServletRequest request, HttpServletResponse response, Model model,
			HandlerMethod handler) {
		OnProblem back = handler == null ? null : handler.getMethodAnnotation(OnProblem.class);
		if (back != null && ex instanceof BadRequestException) {
			// The form's page again, saying what was wrong.
			// The template takes the request's path variables and parameters (each
			// encoded into its place, so none can change where the redirect goes).
			Map<String, String> variables = new HashMap<>();
			request.getParameterMap().forEach((name, values) -> variables.put(name, values[0]));
			@SuppressWarnings("unchecked")
			Map<String, String> path = (Map<String, String>) request
				.getAttribute(HandlerMapping.URI_TEMPLATE_VARIABLES_ATTRIBUTE);
			if (path != null) {
				variables.putAll(path);
			}
			RequestContextUtils.getOutputFlashMap(request).put("problem", ex.getMessage());
			return "redirect:"
					+ UriComponentsBuilder.fromUriString(back.value()).buildAndExpand(variables).encode().toUriString();
		}
		response.setStatus(ex instanceof ConflictException ? 409 : 400);
		String message = (ex instanceof MethodArgumentTypeMismatchException mismatch)
				? "'" + mismatch.getName() + "' has an invalid value: '" + mismatch.getValue() + "'" : ex.getMessage();
		model.addAttribute("message", message);
		return "error/400";
	}

}
