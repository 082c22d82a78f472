package app.balcony.system.demo;

import java.util.Random;

import app.balcony.system.Sector;
import app.balcony.system.Seniority;
import app.balcony.system.StaffGroup;

/**
 * Plausible job titles by sector, staff group and seniority, for the demo ICS.
 */
final class JobTitles {

	private JobTitles() {
	}

	private static final String[][] NHS_CLINICAL = {
			{ "Chief Medical Officer", "Chief Nursing Officer", "Director of Allied Health Professions" },
			{ "Clinical Director", "Deputy Chief Nurse", "Associate Medical Director" },
			{ "Consultant Physician", "Matron", "Consultant Psychiatrist", "Advanced Nurse Practitioner" },
			{ "Ward Manager", "Lead Physiotherapist", "Charge Nurse", "Team Lead Occupational Therapist" },
			{ "Staff Nurse", "Physiotherapist", "Paramedic", "Speciality Doctor", "Community Nurse",
					"Mental Health Practitioner", "Pharmacist" },
			{ "Healthcare Assistant", "Nursing Associate", "Emergency Care Assistant" } };

	private static final String[][] NHS_CORPORATE = {
			{ "Chief Executive", "Chief Finance Officer", "Chief People Officer" },
			{ "Director of Strategy and Partnerships", "Director of Transformation",
					"Head of Organisational Development" },
			{ "Service Manager", "Programme Manager", "Head of Performance" },
			{ "Team Leader", "Finance Manager", "Workforce Planning Lead" },
			{ "Business Analyst", "Data Analyst", "Project Officer", "HR Adviser" },
			{ "Administrator", "Receptionist", "Medical Secretary" } };

	private static final String[][] PRIMARY_CARE = {
			{ "PCN Clinical Director", "PCN Clinical Director", "Managing Partner" },
			{ "GP Partner", "Practice Manager", "Lead Nurse" },
			{ "Salaried GP", "Advanced Clinical Practitioner", "PCN Operations Manager" },
			{ "Senior Practice Nurse", "Reception Manager", "Clinical Pharmacist Lead" },
			{ "Practice Nurse", "Social Prescribing Link Worker", "Care Coordinator", "Health and Wellbeing Coach" },
			{ "Receptionist", "Healthcare Assistant", "Administrator" } };

	private static final String[][] COUNCIL = {
			{ "Chief Executive", "Director of Adult Social Services", "Director of Children's Services",
					"Director of Public Health" },
			{ "Head of Commissioning", "Assistant Director, Adult Social Care", "Head of Housing Needs" },
			{ "Service Manager", "Commissioning Manager", "Public Health Consultant" },
			{ "Team Manager", "Practice Supervisor", "Neighbourhood Housing Manager" },
			{ "Social Worker", "Occupational Therapist", "Housing Officer", "Public Health Specialist",
					"Family Support Worker", "Policy Officer" },
			{ "Business Support Officer", "Customer Services Adviser", "Reablement Assistant" } };

	private static final String[][] VCSE = { { "Chief Officer", "Chief Executive" },
			{ "Head of Services", "Director of Operations" }, { "Project Manager", "Partnerships Manager" },
			{ "Volunteer Coordinator", "Team Leader" },
			{ "Community Development Worker", "Advice Worker", "Peer Support Worker", "Hospice Nurse" },
			{ "Support Worker", "Administrator" } };

	private static final String[][] PUBLIC = {
			{ "Chief Constable", "Head of Service", "Principal", "Chief Fire Officer" },
			{ "Superintendent", "Assistant Director", "Area Manager" },
			{ "Chief Inspector", "Senior Probation Officer", "Station Manager", "Head of Department" },
			{ "Sergeant", "Watch Manager", "Team Leader" },
			{ "Police Constable", "Probation Officer", "Firefighter", "Lecturer", "Community Engagement Officer" },
			{ "Police Community Support Officer", "Administrator", "Learning Support Assistant" } };

	private static final String[][] HEALTHWATCH = { { "Chief Executive" }, { "Manager" }, { "Engagement Lead" },
			{ "Engagement Lead" }, { "Engagement Officer", "Research Officer" }, { "Volunteer Coordinator" } };

	static String pick(Sector sector, StaffGroup group, Seniority seniority, Random random) {
		String[][] table = switch (sector) {
			case ICB, NHS_ACUTE, NHS_COMMUNITY, NHS_MENTAL_HEALTH, NHS_AMBULANCE ->
				group == StaffGroup.CLINICAL ? NHS_CLINICAL : NHS_CORPORATE;
			case PRIMARY_CARE -> PRIMARY_CARE;
			case LA_ADULT_SOCIAL_CARE, LA_CHILDRENS_SERVICES, LA_PUBLIC_HEALTH, LA_HOUSING, LA_CORPORATE -> COUNCIL;
			case VCSE, OTHER -> VCSE;
			case HEALTHWATCH -> HEALTHWATCH;
			default -> PUBLIC;
		};
		String[] titles = table[seniority.ordinal()];
		return titles[random.nextInt(titles.length)];
	}

}
