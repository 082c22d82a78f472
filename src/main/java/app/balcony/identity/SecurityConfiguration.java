package app.balcony.identity;

import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.security.authentication.ProviderManager;
import org.springframework.security.authentication.dao.DaoAuthenticationProvider;
import org.springframework.security.config.annotation.method.configuration.EnableMethodSecurity;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.security.core.userdetails.UsernameNotFoundException;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.authentication.LoginUrlAuthenticationEntryPoint;
import org.springframework.security.web.authentication.www.BasicAuthenticationFilter;
import org.springframework.security.web.header.writers.ReferrerPolicyHeaderWriter;
import org.springframework.security.web.util.matcher.AntPathRequestMatcher;
import org.springframework.security.web.util.matcher.AnyRequestMatcher;
import org.springframework.security.web.util.matcher.RequestMatcher;

/**
 * Who may reach what. Pages and the API share one session-based sign-in; the API also
 * accepts bearer tokens (no CSRF token needed for those, since no cookie is involved).
 * Role checks on individual features are made with {@code @PreAuthorize} next to the code
 * they protect.
 */
@Configuration
@EnableMethodSecurity
@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
class SecurityConfiguration {

	static final String CSP = "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
			+ "font-src 'self'; object-src 'none'; base-uri 'self'; form-action 'self'; frame-ancestors 'none'";

	/** Swagger UI sets inline styles; it holds no data of its own. */
	static final String CSP_API_DOCS = "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; "
			+ "img-src 'self' data:; object-src 'none'; base-uri 'self'; frame-ancestors 'none'";

	@Bean
	UserDetailsService userDetailsService(TenantAccounts accounts) {
		return username -> accounts.accountForSignIn(username)
			.orElseThrow(() -> new UsernameNotFoundException("No such user"));
	}

	@Bean
	SecurityFilterChain securityFilterChain(HttpSecurity http, UserDetailsService users, PasswordEncoder encoder,
			LoginThrottle throttle, AuditLog audit, TenantAccounts accounts) throws Exception {
		DaoAuthenticationProvider dao = new DaoAuthenticationProvider(users);
		dao.setPasswordEncoder(encoder);
		// The password first, then whether the account is disabled: otherwise any
		// password
		// tells a disabled account from an unknown one, and such guesses go uncounted.
		var statusChecks = new org.springframework.security.authentication.AccountStatusUserDetailsChecker();
		dao.setPreAuthenticationChecks(user -> {
		});
		dao.setPostAuthenticationChecks(statusChecks::check);
		RequestMatcher api = new AntPathRequestMatcher("/api/**");
		RequestMatcher apiDocs = request -> request.getRequestURI().startsWith("/swagger-ui")
				|| request.getRequestURI().startsWith("/v3/api-docs");
		// The only way to sign in with a password: no parent manager that would try the
		// password again, unthrottled, after this provider refused it.
		http.authenticationManager(
				new ProviderManager(new ThrottlingAuthenticationProvider(dao, throttle, audit, accounts)))
			.addFilterBefore(new ApiTokenFilter(accounts), BasicAuthenticationFilter.class)
			.addFilterAfter(new EnabledSessionFilter(accounts), ApiTokenFilter.class)
			.authorizeHttpRequests(auth -> auth
				.requestMatchers("/login", "/css/**", "/js/**", "/assets/**", "/favicon.ico", "/error",
						"/v3/api-docs/**", "/swagger-ui/**", "/swagger-ui.html", "/health", "/s/**",
						"/api/v1/surveys/**", "/r/**", "/api/v1/raters/**", "/api/v1/network-surveys/**")
				.permitAll()
				.requestMatchers("/admin/**", "/api/v1/admin/**")
				.hasRole("ADMIN")
				.anyRequest()
				.authenticated())
			.formLogin(form -> form.loginPage("/login")
				.authenticationDetailsSource(ThrottlingAuthenticationProvider.SignInDetails.SOURCE)
				.defaultSuccessUrl("/", false)
				.failureUrl("/login?error"))
			.logout(logout -> logout.logoutUrl("/logout").logoutSuccessUrl("/login?signedOut"))
			.csrf(csrf -> csrf.ignoringRequestMatchers(ApiTokenFilter::hasBearer,
					// The token in the path is the credential; no cookie is involved.
					new AntPathRequestMatcher("/api/v1/surveys/**"), new AntPathRequestMatcher("/api/v1/raters/**"),
					new AntPathRequestMatcher("/api/v1/network-surveys/**")))
			.exceptionHandling(ex -> ex.defaultAuthenticationEntryPointFor((request, response, e) -> {
				response.setStatus(HttpStatus.UNAUTHORIZED.value());
				response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
				response.getWriter()
					.write("{\"title\":\"Unauthorized\",\"status\":401,\"detail\":\"Sign in, or send an API token as 'Authorization: Bearer <token>'\"}");
			}, api)
				.defaultAuthenticationEntryPointFor(new LoginUrlAuthenticationEntryPoint("/login"),
						AnyRequestMatcher.INSTANCE))
			.headers(headers -> headers.contentSecurityPolicy(csp -> csp.policyDirectives(CSP))
				.referrerPolicy(ref -> ref.policy(ReferrerPolicyHeaderWriter.ReferrerPolicy.SAME_ORIGIN))
				.permissionsPolicyHeader(p -> p.policy("camera=(), microphone=(), geolocation=()"))
				.addHeaderWriter((request, response) -> {
					if (apiDocs.matches(request)) {
						response.setHeader("Content-Security-Policy", CSP_API_DOCS);
					}
				}));
		return http.build();
	}

}
