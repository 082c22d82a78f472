package app.balcony.shared;

import jakarta.servlet.http.HttpServletResponse;

import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.method.annotation.MethodArgumentTypeMismatchException;

/**
 * HTML pages answer a user's mistake with an error page and the right status, never a
 * stack trace.
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

	@ExceptionHandler({ BadRequestException.class, MethodArgumentTypeMismatchException.class })
	String badRequest(RuntimeException ex, HttpServletResponse response, Model model) {
		response.setStatus(ex instanceof ConflictException ? 409 : 400);
		String message = (ex instanceof MethodArgumentTypeMismatchException mismatch)
				? "'" + mismatch.getName() + "' has an invalid value: '" + mismatch.getValue() + "'" : ex.getMessage();
		model.addAttribute("message", message);
		return "error/400";
	}

}
