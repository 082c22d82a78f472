/**
 * Privacy: the anonymity engine every aggregate of survey answers passes through before
 * it leaves the server. Small cells are suppressed, further cells are hidden so that
 * nothing suppressed can be worked out from what is shown (complementary suppression),
 * and each user's report history is kept so that a sequence of filtered views cannot
 * single out a small group either (differencing guard).
 */
package app.balcony.privacy;
