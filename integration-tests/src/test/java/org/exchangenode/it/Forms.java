package org.exchangenode.it;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.concurrent.atomic.AtomicInteger;
import org.exchangenode.core.form.ContactLetter;
import org.exchangenode.core.form.SamplePersons;

/** The sample contact letter of the schemas module (320100 asks 440300), as it is or for a new person. */
final class Forms {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final AtomicInteger NAMES = new AtomicInteger(new SecureRandom().nextInt(1000));
    private Forms() {
    }

    static String sampleJson() {
        return sample("contact-letter.json");
    }

    /** A sample of the schemas module (exchangenode/samples/<name>), as text. */
    static String sample(String name) {
        try (InputStream in = Forms.class.getClassLoader().getResourceAsStream("exchangenode/samples/" + name)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A form sample (XML) rewritten for this person: ID number, sex and birth date. */
    static String formFor(String sample, String idNumber, String sex, String birthDate) {
        return sample(sample)
                .replace("<c:IdNumber>510104198805121377</c:IdNumber>", "<c:IdNumber>" + idNumber + "</c:IdNumber>")
                .replace("<c:Sex>1</c:Sex>", "<c:Sex>" + sex + "</c:Sex>")
                .replace("<c:BirthDate>1988-05-12</c:BirthDate>", "<c:BirthDate>" + birthDate + "</c:BirthDate>");
    }

    /** The sample letter's JSON for a new fictitious person each time (a node keeps one open case per person). */
    static String freshJson() {
        return SamplePersons.withNextPerson(sampleJson());
    }

    /** The sample letter for a new fictitious person. */
    static ContactLetter fresh() {
        return SamplePersons.withNextPerson(sample());
    }

    /** A fictitious name not used before in this run (surname of two characters, given name of two). */
    static String freshName() {
        String[] surnames = {"欧阳", "司马", "上官", "诸葛", "东方", "皇甫", "慕容", "令狐", "公孙", "尉迟"};
        String given = "明远秋实静姝浩然若溪子墨嘉懿思睿雨桐书瑶";
        int n = NAMES.getAndIncrement();
        return surnames[n % surnames.length] + given.charAt((n / surnames.length) % given.length())
                + given.charAt((n / surnames.length / given.length() + n) % given.length());
    }

    /** The sample letter's JSON for this name and identity. */
    static String jsonFor(String name, SamplePersons.Identity identity) {
        try {
            ObjectNode letter = (ObjectNode) JSON.readTree(sampleJson());
            ObjectNode person = (ObjectNode) letter.get("person");
            person.put("name", name).put("idNumber", identity.idNumber()).put("birthDate", identity.birthDate())
                    .put("sex", identity.sex());
            return JSON.writeValueAsString(letter);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The sample letter for this name and identity. */
    static ContactLetter letterFor(String name, SamplePersons.Identity identity) {
        try {
            return JSON.readValue(jsonFor(name, identity), ContactLetter.class);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The same ID number with another check character. */
    static String withWrongCheckCharacter(String idNumber) {
        char check = idNumber.charAt(17);
        return idNumber.substring(0, 17) + (check == '0' ? '1' : '0');
    }

    static ContactLetter sample() {
        try {
            return new ObjectMapper().readValue(sampleJson(), ContactLetter.class);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
