package org.exchangenode.core.form;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.security.SecureRandom;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.util.concurrent.atomic.AtomicLong;

/**
 * TEST DATA: fictitious persons with valid GB 11643 ID numbers, sex and birth date agreeing, aged 22–39 (so that no
 * temporary-account rule applies), for samples, tests, benchmarks and demos that need many distinct persons (a node
 * keeps one open case per person and peer). Distinct within a JVM; a random start makes collisions across runs on
 * one database unlikely.
 */
public final class SamplePersons {
    private static final String[] REGIONS = {"510104", "110105", "320102", "440304", "330106", "420102", "500103",
        "610113", "370102", "430102"};
    private static final long DAYS = 6500;
    private static final long SPACE = REGIONS.length * 999L * DAYS;
    private static final AtomicLong NEXT = new AtomicLong(Math.floorMod(new SecureRandom().nextLong(), SPACE));
    private static final ObjectMapper JSON = new ObjectMapper();

    private SamplePersons() {
    }

    /** An ID number with the birth date and sex it encodes. */
    public record Identity(String idNumber, String birthDate, String sex) {
    }

    /** The next fictitious identity. */
    public static Identity next() {
        return of(NEXT.getAndIncrement());
    }

    static Identity of(long n) {
        long k = Math.floorMod(n, SPACE);
        String region = REGIONS[(int) (k % REGIONS.length)];
        k /= REGIONS.length;
        int sequence = (int) (k % 999) + 1;
        k /= 999;
        LocalDate born = LocalDate.of(1987, 1, 1).plusDays(k);
        String first17 = region + born.format(DateTimeFormatter.BASIC_ISO_DATE) + String.format("%03d", sequence);
        String id = first17 + CitizenIdNumber.checkCharacter(first17);
        return new Identity(id, born.toString(), CitizenIdNumber.sexCode(id));
    }

    /** The letter with its person replaced by the next identity (name and other fields kept). */
    public static ContactLetter withNextPerson(ContactLetter letter) {
        Identity identity = next();
        Person p = letter.person();
        return new ContactLetter(letter.letterNumber(), letter.letterDate(), letter.transferType(),
                letter.accountCategory(), new Person(p.name(), identity.idNumber(), identity.sex(), identity.birthDate(),
                        p.householdRegistration(), p.personalNumber(), p.migrantWorker()),
                letter.addresseeAgency(), letter.transferInAgency(), letter.handler(), letter.ordinaryAccountConfirmation());
    }

    /** The contact letter JSON (the intake shape) with its person replaced by the next identity. */
    public static String withNextPerson(String contactLetterJson) {
        try {
            ObjectNode letter = (ObjectNode) JSON.readTree(contactLetterJson);
            ObjectNode person = (ObjectNode) letter.get("person");
            Identity identity = next();
            person.put("idNumber", identity.idNumber());
            person.put("birthDate", identity.birthDate());
            person.put("sex", identity.sex());
            return JSON.writeValueAsString(letter);
        } catch (IOException | ClassCastException | NullPointerException e) {
            throw new IllegalArgumentException("not a contact letter JSON with a person: " + e.getMessage(), e);
        }
    }
}
