package app.balcony.shared;

/**
 * A resource does not exist for the caller's tenant. Answered as 404 whether the resource
 * is missing or belongs to another tenant, so that tenants cannot probe each other's
 * data.
 */
public class NotFoundException extends RuntimeException {

	public NotFoundException(String what) {
		super(what + " not found");
	}

}
