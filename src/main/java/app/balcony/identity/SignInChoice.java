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

	SignInChoice(String message, List<Choice> choices) {
		super(message);
		this.choices = new ArrayList<>(choices);
	}

	public List<Choice> choices() {
		return List.copyOf(this.choices);
	}

	/** An ICS to choose at sign-in. */
	public record Choice(String slug, String name) implements Serializable {
	}

}
