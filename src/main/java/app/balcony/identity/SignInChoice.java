package app.balcony.identity;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.List;

import org.springframework.security.authentication.AccountStatusException;

/**
 * Sign-in stopped after a correct password because the account belongs to more than one
 * ICS and none (or one not its own) was chosen: the sign-in page offers its ICSs.
 */
public class SignInChoice extends AccountStatusException {

	private static final long serialVersionUID = 1L;

	private final ArrayList<Choice> choices;

	private final String username;

	SignInChoice(String message, String username, List<Choice> choices) {
		super(message);
		this.username = username;
		this.choices = new ArrayList<>(choices);
	}

	/** Who signed in (the password was right), to fill the form in again. */
	public String username() {
		return this.username;
	}

	public List<Choice> choices() {
		return List.copyOf(this.choices);
	}

	/** An ICS to choose at sign-in. */
	public record Choice(String slug, String name) implements Serializable {
	}

}
