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
        try (InputStream in = Forms.class.getClassLoader().getResourceAsStream("exchangenode/samples/contact-letter.json")) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
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
