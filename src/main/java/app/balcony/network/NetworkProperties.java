package app.balcony.network;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Settings of the network module ({@code balcony.network.*}). A bean like any other, so a
 * test may change a limit for one case and put it back.
 */
@ConfigurationProperties("balcony.network")
public class NetworkProperties {

	/**
	 * Waves with at most this many people are analysed while the page loads (under a
	 * second at 5,000); larger ones in the background, with progress.
	 */
	private int inlineLimit = 5000;

	/** Roster searches one survey link may make in a day. */
	private int rosterSearchesPerDay = 300;

	public int getInlineLimit() {
		return this.inlineLimit;
	}

	public void setInlineLimit(int inlineLimit) {
		this.inlineLimit = inlineLimit;
	}

	public int getRosterSearchesPerDay() {
		return this.rosterSearchesPerDay;
	}

	public void setRosterSearchesPerDay(int rosterSearchesPerDay) {
		this.rosterSearchesPerDay = rosterSearchesPerDay;
	}

}
