package app.balcony.shared;

import java.util.List;
import java.util.Map;

import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.validation.BindException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.method.annotation.MethodArgumentTypeMismatchException;
import org.springframework.web.servlet.mvc.method.annotation.ResponseEntityExceptionHandler;

/**
 * Turns errors on the JSON API into RFC 9457 problem details that say what went wrong and
 * where. Mistakes by the caller are 4xx with a readable detail; nothing a user can send
 * produces a 500.
 */
@RestControllerAdvice(annotations = RestController.class)
@Order(Ordered.HIGHEST_PRECEDENCE)
class ApiProblemAdvice extends ResponseEntityExceptionHandler {

	@ExceptionHandler(NotFoundException.class)
	ProblemDetail notFound(NotFoundException ex) {
		return problem(HttpStatus.NOT_FOUND, "Not found", ex.getMessage());
	}

	@ExceptionHandler(ConflictException.class)
	ProblemDetail conflict(ConflictException ex) {
		return problem(HttpStatus.CONFLICT, "Conflict", ex.getMessage());
	}

	@ExceptionHandler(BadRequestException.class)
	ProblemDetail badRequest(BadRequestException ex) {
		return problem(HttpStatus.BAD_REQUEST, "Bad request", ex.getMessage());
	}

	@ExceptionHandler(BindException.class)
	ProblemDetail invalid(BindException ex) {
		List<Map<String, String>> errors = ex.getFieldErrors()
			.stream()
			.map(e -> Map.of("field", e.getField(), "message", String.valueOf(e.getDefaultMessage())))
			.toList();
		ProblemDetail pd = problem(HttpStatus.BAD_REQUEST, "Invalid request",
				errors.size() + " field(s) are not valid");
		pd.setProperty("errors", errors);
		return pd;
	}

	@ExceptionHandler(MethodArgumentTypeMismatchException.class)
	ProblemDetail typeMismatch(MethodArgumentTypeMismatchException ex) {
		return problem(HttpStatus.BAD_REQUEST, "Invalid parameter",
				"'" + ex.getName() + "' has an invalid value: '" + ex.getValue() + "'");
	}

	@ExceptionHandler(AccessDeniedException.class)
	ProblemDetail forbidden(AccessDeniedException ex) {
		return problem(HttpStatus.FORBIDDEN, "Forbidden", "Your role does not allow this");
	}

	/** A body that is not JSON, or JSON of the wrong shape: what and where. */
	@Override
	protected org.springframework.http.ResponseEntity<Object> handleHttpMessageNotReadable(
			org.springframework.http.converter.HttpMessageNotReadableException ex,
			org.springframework.http.HttpHeaders headers, org.springframework.http.HttpStatusCode status,
			org.springframework.web.context.request.WebRequest request) {
		String detail = "The request body is not valid JSON for this request";
		if (ex.getCause() instanceof com.fasterxml.jackson.databind.JsonMappingException mapping) {
			String path = mapping.getPath()
				.stream()
				.map(r -> r.getFieldName() != null ? r.getFieldName() : "[" + r.getIndex() + "]")
				.reduce((a, b) -> b.startsWith("[") ? a + b : a + "." + b)
				.orElse("body");
			detail = path + ": " + mapping.getOriginalMessage().replaceAll("\\s+at \\[Source.*", "");
		}
		else if (ex.getCause() instanceof com.fasterxml.jackson.core.JsonProcessingException json) {
			detail = "The request body is not valid JSON: " + json.getOriginalMessage();
		}
		return org.springframework.http.ResponseEntity.badRequest()
			.contentType(org.springframework.http.MediaType.APPLICATION_PROBLEM_JSON)
			.body(problem(HttpStatus.BAD_REQUEST, "Bad request", detail));
	}

	/** Not a multipart request, or a broken one, where a file was expected. */
	@ExceptionHandler(org.springframework.web.multipart.MultipartException.class)
	ProblemDetail notMultipart(org.springframework.web.multipart.MultipartException ex) {
		if (ex instanceof org.springframework.web.multipart.MaxUploadSizeExceededException) {
			return problem(HttpStatus.PAYLOAD_TOO_LARGE, "Too large",
					"The upload is larger than the most accepted (50 MB a file, 60 MB in all)");
		}
		return problem(HttpStatus.BAD_REQUEST, "Bad request",
				"Send the file as multipart/form-data, in the field named 'files'");
	}

	static ProblemDetail problem(HttpStatus status, String title, String detail) {
		ProblemDetail pd = ProblemDetail.forStatusAndDetail(status, detail);
		pd.setTitle(title);
		return pd;
	}

}
