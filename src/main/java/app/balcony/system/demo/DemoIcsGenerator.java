package app.balcony.system.demo;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.Set;

import app.balcony.system.GovernanceType;
import app.balcony.system.Level;
import app.balcony.system.Sector;
import app.balcony.system.Seniority;
import app.balcony.system.StaffGroup;
import app.balcony.system.importing.Rows;
import app.balcony.system.importing.Rows.Origin;

/**
 * Generates "Northvale", a fictional integrated care system of about one million
 * residents: four places (three until Eastmoor was split in two on 2024-04-01, with its
 * county council replaced by two unitary councils), 20 neighbourhoods, 70 organisations
 * across 18 sectors, people with plausible job titles and seniority, and governance
 * bodies with members. A community trust merger (2023-10-01) is a second restructure. All
 * names are invented.
 *
 * <p>
 * Deterministic: the same seed and size give the same data, row for row. Runs in
 * O(people).
 */
public final class DemoIcsGenerator {

	public static final LocalDate ICS_START = LocalDate.of(2022, 7, 1);

	public static final LocalDate MERGER = LocalDate.of(2023, 10, 1);

	public static final LocalDate SPLIT = LocalDate.of(2024, 4, 1);

	private static final Origin GEN = Origin.generated();

	private final Random random;

	private final int targetPeople;

	private final Rows.Batch batch = new Rows.Batch();

	/**
	 * Organisation id → (sector, relative size, places served at the end, predecessor
	 * ids, from, to).
	 */
	private final Map<String, Org> orgs = new LinkedHashMap<>();

	private final Map<String, List<String>> staffByOrg = new LinkedHashMap<>();

	private final Map<String, Seniority> seniorityOf = new LinkedHashMap<>();

	private final Set<String> usedEmails = new HashSet<>();

	private int personSeq;

	private record Org(String id, String name, Sector sector, double weight, List<String> places, LocalDate from,
			LocalDate to, List<String> predecessors, String parent, String domain) {
	}

	/**
	 * @param seed random seed; the same seed gives the same ICS
	 * @param people approximate number of people (at least 200)
	 * @throws IllegalArgumentException when people is below 200
	 */
	public DemoIcsGenerator(long seed, int people) {
		if (people < 200) {
			throw new IllegalArgumentException("The demo ICS needs at least 200 people; got " + people);
		}
		this.random = new Random(seed);
		this.targetPeople = people;
	}

	public Rows.Batch generate() {
		places();
		organisations();
		people();
		governance();
		return this.batch;
	}

	// ---------------------------------------------------------------- places

	private static final String[][] NEIGHBOURHOODS = {
			{ "P-KGM", "Kingsmere Central", "Riverside", "Northgate", "Abbey Fields", "Saltmarsh", "Hollins Park" },
			{ "P-HRD", "Harrowdale Town", "Upper Dale", "Lowmoor", "Brackenfold", "Stainton Bridge" },
			{ "P-EMN", "Oakhurst", "Fellside", "Marston Cross", "Kirkby Lane", "Thornwick" },
			{ "P-EMS", "Southport Mills", "Greyfriars", "Ashby Moor", "Wendle Valley" } };

	private void places() {
		place("P-NV", "Northvale", Level.SYSTEM, null, 1_000_000, ICS_START, null, List.of());
		place("P-KGM", "Kingsmere", Level.PLACE, "P-NV", 320_000, ICS_START, null, List.of());
		place("P-HRD", "Harrowdale", Level.PLACE, "P-NV", 280_000, ICS_START, null, List.of());
		place("P-EM", "Eastmoor", Level.PLACE, "P-NV", 400_000, ICS_START, SPLIT, List.of());
		place("P-EMN", "Eastmoor North", Level.PLACE, "P-NV", 210_000, SPLIT, null, List.of("P-EM"));
		place("P-EMS", "Eastmoor South", Level.PLACE, "P-NV", 190_000, SPLIT, null, List.of("P-EM"));
		int[] populations = { 320_000, 280_000, 210_000, 190_000 };
		for (int p = 0; p < NEIGHBOURHOODS.length; p++) {
			String parent = NEIGHBOURHOODS[p][0];
			int count = NEIGHBOURHOODS[p].length - 1;
			for (int n = 1; n <= count; n++) {
				String name = NEIGHBOURHOODS[p][n];
				String id = "N-" + slug(name);
				int population = (int) Math
					.round(populations[p] / (double) count * (0.85 + 0.3 * this.random.nextDouble()));
				if (parent.startsWith("P-EM")) {
					// Before the split these neighbourhoods sat in Eastmoor; they were
					// re-formed with the new places.
					String old = id + "-2022";
					place(old, name, Level.NEIGHBOURHOOD, "P-EM", population, ICS_START, SPLIT, List.of());
					place(id, name, Level.NEIGHBOURHOOD, parent, population, SPLIT, null, List.of(old));
				}
				else {
					place(id, name, Level.NEIGHBOURHOOD, parent, population, ICS_START, null, List.of());
				}
			}
		}
	}

	private void place(String id, String name, Level level, String parent, int population, LocalDate from, LocalDate to,
			List<String> predecessors) {
		this.batch.places.add(new Rows.PlaceRow(GEN, id, name, level, parent, population, from, to, predecessors));
	}

	private List<String> neighbourhoodsOf(String placeId) {
		return this.batch.places.stream()
			.filter(p -> p.level() == Level.NEIGHBOURHOOD && placeId.equals(p.parentId()))
			.map(Rows.PlaceRow::id)
			.toList();
	}

	// ---------------------------------------------------------------- organisations

	private void organisations() {
		List<String> all = List.of("P-NV");
		org("O-ICB", "NHS Northvale Integrated Care Board", Sector.ICB, 4, all, null, "northvale-icb");
		org("O-KHH", "Kingsmere and Harrowdale Hospitals NHS Trust", Sector.NHS_ACUTE, 16, List.of("P-KGM", "P-HRD"),
				null, "kh-hospitals");
		org("O-EGH", "Eastmoor General Hospital NHS Foundation Trust", Sector.NHS_ACUTE, 14,
				List.of("P-EM", "P-EMN", "P-EMS"), null, "eastmoor-general");
		org("O-KCS", "Kingsmere Community Services NHS Trust", Sector.NHS_COMMUNITY, 5, List.of("P-KGM"), null,
				"kingsmere-community", ICS_START, MERGER, List.of());
		org("O-EHC", "Eastmoor and Harrowdale Community Care NHS Trust", Sector.NHS_COMMUNITY, 5,
				List.of("P-EM", "P-HRD"), null, "eh-community", ICS_START, MERGER, List.of());
		org("O-NCH", "Northvale Community Health NHS Trust", Sector.NHS_COMMUNITY, 9, all, null, "northvale-community",
				MERGER, null, List.of("O-KCS", "O-EHC"));
		org("O-NMW", "Northvale Mind and Wellbeing NHS Foundation Trust", Sector.NHS_MENTAL_HEALTH, 8, all, null,
				"northvale-mind");
		org("O-NSA", "Northern Shires Ambulance Service NHS Trust", Sector.NHS_AMBULANCE, 4, all, null,
				"northern-shires-ambulance");
		for (String[] place : NEIGHBOURHOODS) {
			for (int n = 1; n < place.length; n++) {
				String nid = "N-" + slug(place[n]);
				List<String> served = place[0].startsWith("P-EM") ? List.of(nid + "-2022", nid) : List.of(nid);
				org("O-PCN-" + slug(place[n]), place[n] + " Primary Care Network", Sector.PRIMARY_CARE, 0.9, served,
						null, slug(place[n]).toLowerCase(Locale.ROOT) + "-pcn");
			}
		}
		council("O-KCC", "Kingsmere City Council", "P-KGM", "kingsmere-gov", ICS_START, null, List.of(), 1.0);
		council("O-HBC", "Harrowdale Borough Council", "P-HRD", "harrowdale-gov", ICS_START, null, List.of(), 0.9);
		council("O-ECC", "Eastmoor County Council", "P-EM", "eastmoor-gov", ICS_START, SPLIT, List.of(), 1.1);
		council("O-NEC", "North Eastmoor Council", "P-EMN", "northeastmoor-gov", SPLIT, null, List.of("O-ECC"), 0.7);
		council("O-SEC", "South Eastmoor Council", "P-EMS", "southeastmoor-gov", SPLIT, null, List.of("O-ECC"), 0.65);
		org("O-CVS", "Northvale Council for Voluntary Service", Sector.VCSE, 0.8, all, null, "northvale-cvs");
		org("O-KCR", "Kingsmere Carers Centre", Sector.VCSE, 0.6, List.of("P-KGM"), null, "kingsmere-carers");
		org("O-HFP", "Harrowdale Food Partnership", Sector.VCSE, 0.5, List.of("P-HRD"), null, "harrowdale-food");
		org("O-ELL", "Eastmoor Later Life Trust", Sector.VCSE, 0.7, List.of("P-EM", "P-EMN", "P-EMS"), null,
				"eastmoor-laterlife");
		org("O-NMA", "Northvale Mental Health Alliance", Sector.VCSE, 0.5, all, null, "nv-mh-alliance");
		org("O-HYT", "Harrowdale Youth Trust", Sector.VCSE, 0.5, List.of("P-HRD"), null, "harrowdale-youth");
		org("O-KRW", "Kingsmere Refugee Welcome", Sector.VCSE, 0.4, List.of("P-KGM"), null, "kingsmere-welcome");
		org("O-SBH", "St Brigid's Hospice", Sector.VCSE, 1.2, all, null, "stbrigids-hospice");
		org("O-POL", "Northvale Constabulary", Sector.POLICE, 3, all, null, "northvale-police");
		org("O-PRB", "Northvale Probation Delivery Unit", Sector.PROBATION, 1.2, all, null, "northvale-probation");
		org("O-FIR", "Northvale Fire and Rescue Service", Sector.FIRE_RESCUE, 1.6, all, null, "northvale-fire");
		org("O-COL", "Northvale College", Sector.EDUCATION, 1.5, all, null, "northvale-college");
		org("O-UNI", "University of Kingsmere", Sector.EDUCATION, 1.8, List.of("P-KGM"), null, "kingsmere-uni");
		org("O-HWK", "Healthwatch Kingsmere", Sector.HEALTHWATCH, 0.3, List.of("P-KGM"), null, "hw-kingsmere");
		org("O-HWH", "Healthwatch Harrowdale", Sector.HEALTHWATCH, 0.3, List.of("P-HRD"), null, "hw-harrowdale");
		org("O-HWE", "Healthwatch Eastmoor", Sector.HEALTHWATCH, 0.3, List.of("P-EM", "P-EMN", "P-EMS"), null,
				"hw-eastmoor");
		org("O-NVH", "Northvale Homes", Sector.OTHER, 1.2, all, null, "northvale-homes");
		org("O-GPF", "Northvale GP Federation", Sector.PRIMARY_CARE, 0.8, all, null, "northvale-gpfed");
		org("O-KHC", "Kingsmere Homecare Cooperative", Sector.OTHER, 1.0, List.of("P-KGM"), null, "kingsmere-homecare");
		org("O-HCP", "Harrowdale Care Homes Partnership", Sector.OTHER, 0.9, List.of("P-HRD"), null,
				"harrowdale-carehomes");
		org("O-ECT", "Eastmoor Community Transport", Sector.VCSE, 0.3, List.of("P-EM", "P-EMN", "P-EMS"), null,
				"eastmoor-transport");
		org("O-NAC", "Northvale Advice Centre", Sector.VCSE, 0.4, all, null, "northvale-advice");
		org("O-YJS", "Northvale Youth Justice Service", Sector.OTHER, 0.5, all, null, "northvale-yjs");
		for (Org org : this.orgs.values()) {
			this.batch.organisations.add(new Rows.OrganisationRow(GEN, org.id(), org.name(), org.sector(), org.parent(),
					org.places(), org.from(), org.to(), org.predecessors()));
		}
	}

	private void council(String id, String name, String place, String domain, LocalDate from, LocalDate to,
			List<String> predecessors, double scale) {
		org(id, name, Sector.LA_CORPORATE, 1.2 * scale, List.of(place), null, domain, from, to, predecessors);
		Object[][] directorates = { { "ASC", "Adult Social Care", Sector.LA_ADULT_SOCIAL_CARE, 2.4 },
				{ "CHS", "Children's Services", Sector.LA_CHILDRENS_SERVICES, 2.0 },
				{ "PH", "Public Health", Sector.LA_PUBLIC_HEALTH, 0.6 }, { "HSG", "Housing", Sector.LA_HOUSING, 1.0 } };
		for (Object[] d : directorates) {
			List<String> preds = predecessors.stream().map(p -> p + "-" + d[0]).toList();
			org(id + "-" + d[0], name + " " + d[1], (Sector) d[2], (Double) d[3] * scale, List.of(place), id, domain,
					from, to, preds);
		}
	}

	private void org(String id, String name, Sector sector, double weight, List<String> places, String parent,
			String domain) {
		org(id, name, sector, weight, places, parent, domain, ICS_START, null, List.of());
	}

	private void org(String id, String name, Sector sector, double weight, List<String> places, String parent,
			String domain, LocalDate from, LocalDate to, List<String> predecessors) {
		this.orgs.put(id, new Org(id, name, sector, weight, places, from, to, predecessors, parent, domain));
	}

	// ---------------------------------------------------------------- people

	private static final String[] FIRST = { "Aisha", "Alex", "Amir", "Amy", "Andrew", "Anita", "Ben", "Beth", "Bilal",
			"Caroline", "Chen", "Chloe", "Chris", "Claire", "Connor", "Dan", "Deepa", "Dev", "Eleanor", "Emeka", "Emma",
			"Fatima", "Fiona", "Gareth", "Grace", "Hannah", "Harpreet", "Helen", "Ian", "Imran", "Isla", "Jack",
			"James", "Jas", "Joanne", "Jonathan", "Kate", "Kemi", "Kieran", "Laura", "Leah", "Liam", "Lucy", "Mark",
			"Marta", "Megan", "Mohammed", "Naomi", "Neil", "Nia", "Oliver", "Olu", "Paul", "Priya", "Rachel", "Rhys",
			"Rob", "Ruth", "Sam", "Sanjay", "Sarah", "Sean", "Simone", "Sophie", "Steph", "Sunil", "Tom", "Tomasz",
			"Vicky", "Wei", "Yasmin", "Zara", "Zoltan" };

	private static final String[] LAST = { "Adeyemi", "Ahmed", "Ainsworth", "Bailey", "Banerjee", "Barker", "Bello",
			"Brennan", "Bryce", "Carter", "Chowdhury", "Clarke", "Collins", "Dalton", "Das", "Dawson", "Doyle", "Ellis",
			"Evans", "Fairbairn", "Fletcher", "Gallagher", "Gill", "Hale", "Haworth", "Hughes", "Hussain", "Iqbal",
			"Jackson", "Jennings", "Kaur", "Kelly", "Khan", "Kowalski", "Lambert", "Lees", "Li", "Lowe", "Malik",
			"Marsh", "Mensah", "Moran", "Murray", "Nair", "Nowak", "Okafor", "O'Neill", "Osei", "Patel", "Pickering",
			"Quinn", "Rahman", "Reid", "Riley", "Sandhu", "Shaw", "Singh", "Stead", "Sutcliffe", "Thompson", "Turner",
			"Varga", "Wade", "Walsh", "Whitaker", "Wong", "Wright", "Yildiz", "Young" };

	private void people() {
		double totalWeight = this.orgs.values().stream().filter(o -> o.to() == null).mapToDouble(Org::weight).sum();
		// Ended organisations are staffed by the people who later move to their
		// successors.
		for (Org org : this.orgs.values()) {
			if (org.to() != null) {
				continue;
			}
			int size = Math.max(4, (int) Math.round(this.targetPeople * org.weight() / totalWeight));
			List<String> staff = new ArrayList<>();
			for (int i = 0; i < size; i++) {
				Seniority seniority = i == 0 ? Seniority.EXECUTIVE : pickSeniority();
				staff.add(person(org, seniority));
			}
			this.staffByOrg.put(org.id(), staff);
		}
	}

	private Seniority pickSeniority() {
		double r = this.random.nextDouble();
		if (r < 0.02) {
			return Seniority.EXECUTIVE;
		}
		if (r < 0.08) {
			return Seniority.SENIOR;
		}
		if (r < 0.22) {
			return Seniority.MIDDLE;
		}
		if (r < 0.40) {
			return Seniority.FIRST_LINE;
		}
		if (r < 0.85) {
			return Seniority.PRACTITIONER;
		}
		return Seniority.SUPPORT;
	}

	private String person(Org org, Seniority seniority) {
		String id = String.format("NV-%06d", ++this.personSeq);
		String first = FIRST[this.random.nextInt(FIRST.length)];
		String last = LAST[this.random.nextInt(LAST.length)];
		boolean clinical = this.random.nextDouble() < clinicalShare(org.sector(), seniority);
		StaffGroup group = clinical ? StaffGroup.CLINICAL : StaffGroup.NON_CLINICAL;
		String title = JobTitles.pick(org.sector(), group, seniority, this.random);
		String local = (first + "." + last).toLowerCase(Locale.ROOT).replaceAll("[^a-z.]", "");
		String email = local + "@" + org.domain() + ".example";
		for (int n = 2; !this.usedEmails.add(email); n++) {
			email = local + n + "@" + org.domain() + ".example";
		}
		List<String> places = personPlaces(org);
		this.batch.people.add(new Rows.PersonRow(GEN, id, first + " " + last, email, title, group, seniority, places));
		this.seniorityOf.put(id, seniority);

		LocalDate joined = org.from().plusDays(this.random.nextInt(900));
		if (!org.predecessors().isEmpty() && this.random.nextDouble() < 0.8) {
			// Most staff of a merged or split organisation came over from its
			// predecessor.
			String predecessor = org.predecessors().get(this.random.nextInt(org.predecessors().size()));
			Org old = this.orgs.get(predecessor);
			LocalDate started = old.from().plusDays(this.random.nextInt(300));
			membership(id, old.id(), null, title, started, old.to());
			joined = org.from();
		}
		else if (joined.isAfter(LocalDate.of(2025, 9, 30))) {
			joined = org.from();
		}
		// A few people have left, so history shows people as well as structures changing.
		LocalDate left = this.random.nextDouble() < 0.04 ? joined.plusDays(200 + this.random.nextInt(400)) : null;
		membership(id, org.id(), null, title, joined, left);
		return id;
	}

	private List<String> personPlaces(Org org) {
		List<String> current = org.places().stream().filter(p -> !p.endsWith("-2022") && !p.equals("P-EM")).toList();
		if (current.isEmpty()) {
			return List.of();
		}
		String place = current.get(this.random.nextInt(current.size()));
		if (place.equals("P-NV")) {
			String[] places = { "P-KGM", "P-HRD", "P-EMN", "P-EMS" };
			place = places[this.random.nextInt(places.length)];
		}
		return List.of(place);
	}

	private static double clinicalShare(Sector sector, Seniority seniority) {
		double share = switch (sector) {
			case NHS_ACUTE, NHS_COMMUNITY, NHS_AMBULANCE -> 0.7;
			case NHS_MENTAL_HEALTH, PRIMARY_CARE -> 0.62;
			case ICB -> 0.15;
			case LA_PUBLIC_HEALTH -> 0.25;
			case VCSE -> 0.12;
			case FIRE_RESCUE -> 0.05;
			default -> 0.0;
		};
		return seniority == Seniority.SUPPORT ? share / 3 : share;
	}

	private void membership(String person, String organisation, String body, String role, LocalDate from,
			LocalDate to) {
		this.batch.memberships.add(new Rows.MembershipRow(GEN, person, organisation, body, role, from, to));
	}

	// ---------------------------------------------------------------- governance

	private void governance() {
		body("GB-ICB", "NHS Northvale Integrated Care Board (board)", GovernanceType.ICB_BOARD, "P-NV", ICS_START, null,
				List.of("O-ICB", "O-KHH", "O-EGH", "O-NCH", "O-NMW", "O-KCC", "O-HBC", "O-NEC", "O-CVS"));
		body("GB-ICP", "Northvale Integrated Care Partnership", GovernanceType.ICP, "P-NV", ICS_START, null, List
			.of("O-ICB", "O-KCC", "O-HBC", "O-NEC", "O-SEC", "O-CVS", "O-HWK", "O-HWE", "O-POL", "O-SBH", "O-NVH"));
		body("GB-POP", "Northvale Population Health Committee", GovernanceType.COMMITTEE, "P-NV", ICS_START, null,
				List.of("O-ICB", "O-KCC-PH", "O-HBC-PH", "O-NEC-PH", "O-SEC-PH", "O-NMW", "O-CVS"));
		body("GB-HWB-KGM", "Kingsmere Health and Wellbeing Board", GovernanceType.HEALTH_AND_WELLBEING_BOARD, "P-KGM",
				ICS_START, null,
				List.of("O-KCC", "O-KCC-ASC", "O-KCC-CHS", "O-KCC-PH", "O-ICB", "O-HWK", "O-KCR", "O-POL"));
		body("GB-HWB-HRD", "Harrowdale Health and Wellbeing Board", GovernanceType.HEALTH_AND_WELLBEING_BOARD, "P-HRD",
				ICS_START, null, List.of("O-HBC", "O-HBC-ASC", "O-HBC-CHS", "O-HBC-PH", "O-ICB", "O-HWH", "O-HFP"));
		body("GB-HWB-EM", "Eastmoor Health and Wellbeing Board", GovernanceType.HEALTH_AND_WELLBEING_BOARD, "P-EM",
				ICS_START, SPLIT, List.of("O-ECC", "O-ECC-ASC", "O-ECC-CHS", "O-ECC-PH", "O-ICB", "O-HWE"));
		body("GB-HWB-EMN", "North Eastmoor Health and Wellbeing Board", GovernanceType.HEALTH_AND_WELLBEING_BOARD,
				"P-EMN", SPLIT, null, List.of("O-NEC", "O-NEC-ASC", "O-NEC-CHS", "O-NEC-PH", "O-ICB", "O-HWE"));
		body("GB-HWB-EMS", "South Eastmoor Health and Wellbeing Board", GovernanceType.HEALTH_AND_WELLBEING_BOARD,
				"P-EMS", SPLIT, null, List.of("O-SEC", "O-SEC-ASC", "O-SEC-CHS", "O-SEC-PH", "O-ICB", "O-HWE"));
		body("GB-PLB-KGM", "Kingsmere Place Partnership Board", GovernanceType.PLACE_BOARD, "P-KGM", ICS_START, null,
				List.of("O-ICB", "O-KHH", "O-NCH", "O-NMW", "O-KCC", "O-KCC-ASC", "O-CVS", "O-HWK"));
		body("GB-PLB-HRD", "Harrowdale Place Partnership Board", GovernanceType.PLACE_BOARD, "P-HRD", ICS_START, null,
				List.of("O-ICB", "O-KHH", "O-NCH", "O-NMW", "O-HBC", "O-HBC-ASC", "O-HYT", "O-HWH"));
		body("GB-PLB-EM", "Eastmoor Place Partnership Board", GovernanceType.PLACE_BOARD, "P-EM", ICS_START, SPLIT,
				List.of("O-ICB", "O-EGH", "O-NMW", "O-ECC", "O-ECC-ASC", "O-ELL", "O-HWE"));
		body("GB-PLB-EMN", "Eastmoor North Place Partnership Board", GovernanceType.PLACE_BOARD, "P-EMN", SPLIT, null,
				List.of("O-ICB", "O-EGH", "O-NCH", "O-NEC", "O-NEC-ASC", "O-ELL", "O-HWE"));
		body("GB-PLB-EMS", "Eastmoor South Place Partnership Board", GovernanceType.PLACE_BOARD, "P-EMS", SPLIT, null,
				List.of("O-ICB", "O-EGH", "O-NCH", "O-SEC", "O-SEC-ASC", "O-SBH", "O-HWE"));
		for (String[] place : NEIGHBOURHOODS) {
			for (int n = 1; n < place.length; n++) {
				String nid = "N-" + slug(place[n]);
				String council = switch (place[0]) {
					case "P-KGM" -> "O-KCC-ASC";
					case "P-HRD" -> "O-HBC-ASC";
					case "P-EMN" -> "O-NEC-ASC";
					default -> "O-SEC-ASC";
				};
				String provider = place[0].equals("P-KGM") || place[0].equals("P-HRD") ? "O-KHH" : "O-EGH";
				LocalDate from = place[0].startsWith("P-EM") ? SPLIT : ICS_START;
				body("GB-PCN-" + slug(place[n]), place[n] + " Neighbourhood Board", GovernanceType.PCN_BOARD, nid, from,
						null, List.of("O-PCN-" + slug(place[n]), "O-NCH", council, provider, "O-CVS"));
			}
		}
	}

	private void body(String id, String name, GovernanceType type, String place, LocalDate from, LocalDate to,
			List<String> memberOrgs) {
		this.batch.bodies.add(new Rows.BodyRow(GEN, id, name, type, place, from, to));
		boolean chaired = false;
		for (String orgId : memberOrgs) {
			List<String> staff = this.staffByOrg.get(orgId);
			if (staff == null) {
				Org org = this.orgs.get(orgId);
				// An ended organisation's seat is held by the senior people who moved to
				// its successor.
				staff = this.staffByOrg.entrySet()
					.stream()
					.filter(e -> this.orgs.get(e.getKey()).predecessors().contains(org.id()))
					.findFirst()
					.map(Map.Entry::getValue)
					.orElse(List.of());
			}
			List<String> senior = staff.stream()
				.filter(p -> this.seniorityOf.get(p).compareTo(Seniority.SENIOR) <= 0)
				.toList();
			int seats = Math.min(senior.size(), 1 + this.random.nextInt(2));
			for (int s = 0; s < seats; s++) {
				String role = !chaired ? "Chair" : (s == 0 ? "Member" : "Deputy member");
				chaired = true;
				LocalDate start = from.plusDays(this.random.nextInt(120));
				LocalDate end = to;
				membership(senior.get(s), null, id, role, start, end);
			}
		}
	}

	static String slug(String name) {
		return name.toUpperCase(Locale.ROOT).replaceAll("[^A-Z0-9]+", "-").replaceAll("^-|-$", "");
	}

}
