package org.exchangenode.testsupport.samples;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import org.exchangenode.core.form.Agency;
import org.exchangenode.core.form.ContactLetter;
import org.exchangenode.core.form.ReceivingAgency;
import org.exchangenode.core.form.SamplePersons;

/**
 * The sample documents of the schemas module ({@code exchangenode/samples/<name>}) and the sample contact letter
 * (320100 asks 440300) as it is, turned around, or for a new fictitious person (a node keeps one open case per person
 * and peer, and the test databases keep cases between runs).
 */
public final class Samples {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final AtomicInteger NAMES = new AtomicInteger(new SecureRandom().nextInt(1000));

    private Samples() {
    }

    /** A sample of the schemas module, as text (JSON or XML alike). */
    public static String text(String name) {
        try (InputStream in = Samples.class.getClassLoader().getResourceAsStream("exchangenode/samples/" + name)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The sample contact letter's intake JSON as it is. */
    public static String sampleLetterJson() {
        return text("contact-letter.json");
    }

    /** The sample contact letter as it is. */
    public static ContactLetter sampleLetter() {
        try {
            return JSON.readValue(sampleLetterJson(), ContactLetter.class);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The sample contact letter's intake JSON for a new fictitious person. */
    public static String letterJson() {
        return SamplePersons.withNextPerson(sampleLetterJson());
    }

    /** The sample letter, for a new fictitious person each time. */
    public static ContactLetter letter() {
        return SamplePersons.withNextPerson(sampleLetter());
    }

    /** The sample letter turned around: Shenzhen (440300) asks Nanjing (320100). */
    public static ContactLetter letterFrom440300() {
        ContactLetter s = letter();
        ReceivingAgency in = s.transferInAgency();
        return new ContactLetter(s.letterNumber(), s.letterDate(), s.transferType(), s.accountCategory(), s.person(),
                new Agency("320100", "320100", in.name(), null, null, null, null),
                new ReceivingAgency("440300", "440300", s.addresseeAgency().name(), "深圳市福田区福华三路", "518048",
                        "养老保险关系转移科", "0755-12345678", in.bankAccount()),
                s.handler());
    }

    /** A form sample of the schemas module (XML) rewritten for this person: ID number, sex and birth date. */
    public static String formFor(String sample, String idNumber, String sex, String birthDate) {
        return text(sample)
                .replace("<c:IdNumber>510104198805121377</c:IdNumber>", "<c:IdNumber>" + idNumber + "</c:IdNumber>")
                .replace("<c:Sex>1</c:Sex>", "<c:Sex>" + sex + "</c:Sex>")
                .replace("<c:BirthDate>1988-05-12</c:BirthDate>", "<c:BirthDate>" + birthDate + "</c:BirthDate>");
    }

    /** A form sample of the schemas module (XML) rewritten for the person of {@code letter}. */
    public static byte[] formFor(String sample, ContactLetter letter) {
        var person = letter.person();
        return formFor(sample, person.idNumber(), person.sex(), person.birthDate()).getBytes(StandardCharsets.UTF_8);
    }

    /** A case number unique to this run (cases persist in the test database between runs). */
    public static String caseId(String prefix) {
        return prefix + "-" + UUID.randomUUID().toString().substring(0, 8);
    }

    /** A fictitious name not used before in this run (surname of two characters, given name of two). */
    public static String freshName() {
        String[] surnames = {"欧阳", "司马", "上官", "诸葛", "东方", "皇甫", "慕容", "令狐", "公孙", "尉迟"};
        String given = "明远秋实静姝浩然若溪子墨嘉懿思睿雨桐书瑶";
        int n = NAMES.getAndIncrement();
        return surnames[n % surnames.length] + given.charAt((n / surnames.length) % given.length())
                + given.charAt((n / surnames.length / given.length() + n) % given.length());
    }

    /** The sample letter's JSON for this name and identity. */
    public static String jsonFor(String name, SamplePersons.Identity identity) {
        try {
            ObjectNode letter = (ObjectNode) JSON.readTree(sampleLetterJson());
            ObjectNode person = (ObjectNode) letter.get("person");
            person.put("name", name).put("idNumber", identity.idNumber()).put("birthDate", identity.birthDate())
                    .put("sex", identity.sex());
            return JSON.writeValueAsString(letter);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The sample letter for this name and identity. */
    public static ContactLetter letterFor(String name, SamplePersons.Identity identity) {
        try {
            return JSON.readValue(jsonFor(name, identity), ContactLetter.class);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The same ID number with another check character. */
    public static String withWrongCheckCharacter(String idNumber) {
        char check = idNumber.charAt(17);
        return idNumber.substring(0, 17) + (check == '0' ? '1' : '0');
    }
}
