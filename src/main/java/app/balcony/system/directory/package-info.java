/**
 * The system directory, exposed to other modules as the named interface "directory": who
 * the tenant's people are (attributes, survey profiles, names, roster) and which
 * organisations exist, read through {@link app.balcony.system.directory.Directory} only.
 */
@org.springframework.modulith.NamedInterface("directory")
package app.balcony.system.directory;
