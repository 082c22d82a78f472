/** Inter-coder agreement statistics (plain Java). */
@org.springframework.modulith.NamedInterface("agreement")
package app.balcony.evidence.agreement;
