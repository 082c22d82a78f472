package app.balcony.assessment;

import app.balcony.system.directory.Attribute;

import java.util.Locale;

import app.balcony.system.Level;
import app.balcony.system.Sector;
import app.balcony.system.Seniority;
import app.balcony.system.StaffGroup;
import app.balcony.system.Views;

/** The attributes (see {@link Attribute}) results can be grouped and filtered by. */
public enum Grouping {

	PLACE(Attribute.PLACE), NEIGHBOURHOOD(Attribute.NEIGHBOURHOOD), ORGANISATION(Attribute.ORGANISATION),
	SECTOR(Attribute.SECTOR), LEVEL(Attribute.LEVEL), STAFF_GROUP(Attribute.STAFF_GROUP),
	SENIORITY(Attribute.SENIORITY);

	public static final String NOT_RECORDED = "Not recorded";

	private final Attribute attribute;

	Grouping(Attribute attribute) {
		this.attribute = attribute;
	}

	/** The attribute, in the vocabulary every module shares. */
	public Attribute attribute() {
		return this.attribute;
	}

	public String label() {
		return this.attribute.label();
	}

	public String param() {
		return this.attribute.key();
	}

	public static Grouping parse(String text) {
		for (Grouping g : values()) {
			if (g.param().equalsIgnoreCase(text) || g.name().equalsIgnoreCase(text)) {
				return g;
			}
		}
		throw new app.balcony.shared.BadRequestException("groupBy: unknown '" + text + "'; use one of "
				+ java.util.Arrays.stream(values()).map(Grouping::param).toList());
	}

	/**
	 * A filter's value as results store it: an id for places, neighbourhoods and
	 * organisations, a code (any case) for the rest; anything else is refused, naming the
	 * filter and what it takes.
	 */
	String canonical(String value) {
		String v = value == null ? "" : value.strip();
		switch (this) {
			case PLACE, NEIGHBOURHOOD, ORGANISATION -> {
				if (!v.matches("[0-9]{1,18}")) {
					throw new app.balcony.shared.BadRequestException("filter: " + param() + " takes the id of a "
							+ label().toLowerCase(Locale.ROOT) + " (a number), not '" + value + "'");
				}
				return Long.toString(Long.parseLong(v));
			}
			default -> {
				Enum<?>[] codes = switch (this) {
					case SECTOR -> Sector.values();
					case LEVEL -> Level.values();
					case STAFF_GROUP -> StaffGroup.values();
					default -> Seniority.values();
				};
				for (Enum<?> code : codes) {
					if (code.name().equalsIgnoreCase(v)) {
						return code.name();
					}
				}
				throw new app.balcony.shared.BadRequestException("filter: unknown " + label().toLowerCase(Locale.ROOT)
						+ " '" + value + "'; use one of " + java.util.Arrays.stream(codes).map(Enum::name).toList());
			}
		}
	}

	/** A person's value (an id or a code), or null when not recorded. */
	String value(Views.Profile p) {
		return switch (this) {
			case PLACE -> p.placeId() == null ? null : p.placeId().toString();
			case NEIGHBOURHOOD -> p.neighbourhoodId() == null ? null : p.neighbourhoodId().toString();
			case ORGANISATION -> p.organisationId() == null ? null : p.organisationId().toString();
			case SECTOR -> p.sector();
			case LEVEL -> p.level();
			case STAFF_GROUP -> p.staffGroup();
			case SENIORITY -> p.seniority();
		};
	}

	/** The name to show for a value. */
	String label(String value, Views.Names names) {
		if (value == null) {
			return NOT_RECORDED;
		}
		return switch (this) {
			case PLACE, NEIGHBOURHOOD -> names.places().getOrDefault(Long.valueOf(value), value);
			case ORGANISATION -> names.organisations().getOrDefault(Long.valueOf(value), value);
			case SECTOR -> Sector.valueOf(value).label();
			case LEVEL -> Level.valueOf(value).label();
			case STAFF_GROUP -> StaffGroup.valueOf(value).label();
			case SENIORITY -> Seniority.valueOf(value).label();
		};
	}

	/** Column of campaign_response holding this attribute. */
	String column() {
		return switch (this) {
			case PLACE -> "place_id";
			case NEIGHBOURHOOD -> "neighbourhood_id";
			case ORGANISATION -> "organisation_id";
			case SECTOR -> "sector";
			case LEVEL -> "level_key";
			case STAFF_GROUP -> "staff_group";
			case SENIORITY -> "seniority";
		};
	}

}
