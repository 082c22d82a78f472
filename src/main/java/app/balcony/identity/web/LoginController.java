package app.balcony.identity.web;

import jakarta.servlet.http.HttpSession;

import app.balcony.identity.SignInChoice;

import org.springframework.security.authentication.LockedException;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.web.WebAttributes;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;

/** The sign-in page (and the choice of ICS for someone with accounts in several). */
@Controller
class LoginController {

	@GetMapping("/login")
	String login(@RequestParam(required = false) String error, HttpSession session, Model model) {
		if (error != null) {
			Object ex = session.getAttribute(WebAttributes.AUTHENTICATION_EXCEPTION);
			String message = "The username or password is not right.";
			if (ex instanceof LockedException locked) {
				message = locked.getMessage();
			}
			else if (ex instanceof SignInChoice choose) {
				message = choose.getMessage();
				model.addAttribute("choices", choose.choices());
				model.addAttribute("username", choose.username());
			}
			else if (ex instanceof AuthenticationException auth
					&& auth.getClass().getSimpleName().equals("DisabledException")) {
				message = "This account is disabled. Ask an admin of your ICS to enable it.";
			}
			model.addAttribute("error", message);
		}
		return "login";
	}

}
