package org.exchangenode.it;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import org.exchangenode.core.form.ContactLetter;
import org.exchangenode.core.form.SamplePersons;

/** The sample contact letter of the schemas module (320100 asks 440300), as it is or for a new person. */
final class Forms {
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

    static ContactLetter sample() {
        try {
            return new ObjectMapper().readValue(sampleJson(), ContactLetter.class);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
