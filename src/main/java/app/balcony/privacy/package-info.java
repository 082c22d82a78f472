/**
 * Privacy: the anonymity engine every aggregate of survey answers passes through before
 * it leaves the server. Small cells are suppressed, further cells are hidden so that
 * nothing suppressed can be worked out from what is shown (complementary suppression),
 * and a history of everything released from each data set is kept per tenant (shared by
 * every account, across sessions and instances) so that a sequence of filtered views
 * cannot single out a small group either (differencing guard).
 */
@org.springframework.modulith.ApplicationModule(allowedDependencies = { "identity", "shared" })
package app.balcony.privacy;
