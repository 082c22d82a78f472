package app.balcony.shared.web;

import java.time.LocalDate;
import java.util.List;

import app.balcony.shared.Dates;

import org.springframework.core.MethodParameter;
import org.springframework.stereotype.Component;
import org.springframework.web.bind.support.WebDataBinderFactory;
import org.springframework.web.context.request.NativeWebRequest;
import org.springframework.web.method.support.HandlerMethodArgumentResolver;
import org.springframework.web.method.support.ModelAndViewContainer;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

/** Registers the web kit's argument resolvers ({@link AsOf}). */
@Component
class WebKit implements WebMvcConfigurer {

	@Override
	public void addArgumentResolvers(List<HandlerMethodArgumentResolver> resolvers) {
		resolvers.add(new AsOfResolver());
	}

	static final class AsOfResolver implements HandlerMethodArgumentResolver {

		@Override
		public boolean supportsParameter(MethodParameter parameter) {
			return parameter.hasParameterAnnotation(AsOf.class) && parameter.getParameterType() == LocalDate.class;
		}

		@Override
		public Object resolveArgument(MethodParameter parameter, ModelAndViewContainer mav, NativeWebRequest request,
				WebDataBinderFactory binders) {
			return Dates.asOf(request.getParameter("asOf"), "asOf");
		}

	}

}
