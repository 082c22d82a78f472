package app.balcony.assessment;

import java.util.Locale;
import java.util.regex.Pattern;

import app.balcony.shared.BadRequestException;

/**
 * A plain e-mail address as Balcony accepts it for a rater, and the mailbox it stands
 * for. Only printable ASCII in the usual dot-atom form (no quotes, spaces or invisible
 * characters, no trailing dot), so one mailbox cannot be written several ways to pass as
 * several people; the mailbox compares case-insensitively and without a "+tag".
 */
final class MailAddress {

	private static final Pattern LOCAL = Pattern
		.compile("[A-Za-z0-9!#$%&'*+/=?^_`{|}~-]+(\\.[A-Za-z0-9!#$%&'*+/=?^_`{|}~-]+)*");

	private static final Pattern DOMAIN = Pattern
		.compile("([A-Za-z0-9]([A-Za-z0-9-]{0,61}[A-Za-z0-9])?\\.)+[A-Za-z]{2,63}");

	private MailAddress() {
	}

	/** The address, checked, without surrounding spaces. */
	static String parse(String field, String raw) {
		String address = raw == null ? "" : raw.strip();
		for (int i = 0; i < address.length(); i++) {
			char c = address.charAt(i);
			if (c < 0x21 || c > 0x7e) {
				throw new BadRequestException(field + ": '" + raw.strip()
						+ "' has a character that is not allowed in an address (a space, an accent or an invisible character)");
			}
		}
		int at = address.indexOf('@');
		if (address.length() > 254 || at <= 0 || at != address.lastIndexOf('@')
				|| !LOCAL.matcher(address.substring(0, at)).matches()
				|| !DOMAIN.matcher(address.substring(at + 1)).matches()) {
			throw new BadRequestException(field + ": '" + address + "' is not an e-mail address");
		}
		return address;
	}

	/** The mailbox an address reaches: lower case, without a "+tag"; null if none. */
	static String mailbox(String address) {
		if (address == null) {
			return null;
		}
		String a = address.strip().toLowerCase(Locale.ROOT);
		while (a.endsWith(".")) {
			a = a.substring(0, a.length() - 1);
		}
		int at = a.lastIndexOf('@');
		if (at <= 0) {
			return a;
		}
		String local = a.substring(0, at).replace("\"", "");
		int plus = local.indexOf('+');
		if (plus > 0) {
			local = local.substring(0, plus);
		}
		return local + "@" + a.substring(at + 1);
	}

}
