package org.handover.domain;

import java.time.LocalDate;
import java.util.List;
import java.util.Random;

/**
 * Generates plausible synthetic patients: 999-prefixed NHS numbers (the range reserved for test data),
 * mobile numbers from Ofcom's drama range (07700 900000-900999), real-looking UK postcodes and the
 * sandbox's GP practices and councils. Seeded, so a test or benchmark can replay the same people.
 */
public final class SyntheticData {

    /** GP practices that have a mailbox in the sandbox MESH simulator. */
    public static final List<String> GP_PRACTICES = List.of("A81001", "A81002", "B82005", "C84001", "Y00001");
    /** Councils (local authority codes) that receive social care mail in the sandbox. */
    public static final List<String> COUNCILS = List.of("LA-STOCKPORT", "LA-WORCESTERSHIRE", "LA-LEEDS");

    private static final List<String> GIVEN_FEMALE = List.of("Olivia", "Amelia", "Isla", "Ava", "Mia", "Grace",
            "Sophie", "Priya", "Fatima", "Margaret", "Joan", "Eileen", "Aisha", "Zara", "Niamh");
    private static final List<String> GIVEN_MALE = List.of("Oliver", "George", "Noah", "Arthur", "Harry", "Leo",
            "Mohammed", "Jack", "Arjun", "Kwame", "Thomas", "Dennis", "Ronald", "Owen", "Callum");
    private static final List<String> FAMILY = List.of("Smith", "Jones", "Taylor", "Brown", "Williams", "Wilson",
            "Johnson", "Davies", "Patel", "Khan", "Evans", "Thomas", "Roberts", "Walker", "Wright", "Okafor",
            "Nowak", "Murphy", "Hughes", "Begum");
    private static final List<String> STREETS = List.of("High Street", "Station Road", "Church Lane", "Victoria Road",
            "Park Avenue", "Mill Lane", "Queens Road", "The Crescent", "Manor Way", "Green Lane");
    private static final List<String[]> TOWNS = List.of(
            new String[] {"Stockport", "SK1", "SK2", "SK4", "SK7"},
            new String[] {"Worcester", "WR1", "WR2", "WR4", "WR5"},
            new String[] {"Leeds", "LS1", "LS6", "LS8", "LS17"},
            new String[] {"Manchester", "M1", "M14", "M20", "M21"},
            new String[] {"Kidderminster", "DY10", "DY11", "DY14", "DY10"});
    private static final String INWARD_LETTERS = "ABDEFGHJLNPQRSTUWXYZ";

    private final Random random;

    public SyntheticData(long seed) {
        this.random = new Random(seed);
    }

    public SyntheticPatient patient() {
        boolean female = random.nextBoolean();
        String given = pick(female ? GIVEN_FEMALE : GIVEN_MALE);
        String[] town = TOWNS.get(random.nextInt(TOWNS.size()));
        int townIndex = TOWNS.indexOf(town);
        return new SyntheticPatient(
                nhsNumber(),
                given,
                pick(FAMILY),
                birthDate(),
                female ? "female" : "male",
                (1 + random.nextInt(180)) + " " + pick(STREETS),
                town[0],
                postcode(town),
                mobile(),
                GP_PRACTICES.get(townIndex % GP_PRACTICES.size()),
                COUNCILS.get(townIndex % COUNCILS.size()));
    }

    /** A valid NHS number in the 999 test range. */
    public NhsNumber nhsNumber() {
        while (true) {
            String nine = "999" + zeroPadded(random.nextInt(1_000_000), 6);
            var number = NhsNumber.withCheckDigit(nine);
            if (number.isPresent()) {
                return number.get();
            }
        }
    }

    /** A UK mobile in Ofcom's drama range, in international form: +447700900123. */
    public String mobile() {
        return "+447700900" + zeroPadded(random.nextInt(1000), 3);
    }

    /** A 12-digit Unique Booking Reference Number. */
    public String ubrn() {
        return zeroPadded(random.nextInt(1_000_000), 6) + zeroPadded(random.nextInt(1_000_000), 6);
    }

    private LocalDate birthDate() {
        // Skewed towards older patients, as hospital populations are; includes children.
        int age = random.nextInt(10) == 0 ? random.nextInt(16) : 16 + (int) Math.abs(random.nextGaussian() * 25 + 45) % 84;
        return LocalDate.of(2026, 1, 1).minusYears(age).minusDays(random.nextInt(365));
    }

    private String postcode(String[] town) {
        String outward = town[1 + random.nextInt(town.length - 1)];
        return outward + " " + random.nextInt(10)
                + INWARD_LETTERS.charAt(random.nextInt(INWARD_LETTERS.length()))
                + INWARD_LETTERS.charAt(random.nextInt(INWARD_LETTERS.length()));
    }

    private <T> T pick(List<T> items) {
        return items.get(random.nextInt(items.size()));
    }

    private static String zeroPadded(int value, int width) {
        String digits = Integer.toString(value);
        return "0".repeat(Math.max(0, width - digits.length())) + digits;
    }
}
