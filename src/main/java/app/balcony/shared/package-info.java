/**
 * The small shared kernel: paging, "not found" and the JSON problem responses every
 * module uses.
 */
@org.springframework.modulith.ApplicationModule(type = org.springframework.modulith.ApplicationModule.Type.OPEN)
package app.balcony.shared;
