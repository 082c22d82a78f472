/**
 * The network analytic core: plain Java over an int-indexed graph (no Spring), exposed to
 * other modules as the named interface "analysis". Each class computes one family of
 * measures and documents its definition, conventions (NetworkX-compatible where one
 * exists) and running time.
 */
@org.springframework.modulith.NamedInterface("analysis")
package app.balcony.network.analysis;
