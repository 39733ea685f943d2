package org.exchangenode.it;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import org.exchangenode.core.form.ContactLetter;

/** The sample contact letter of the schemas module (320100 asks 440300). */
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

    static ContactLetter sample() {
        try {
            return new ObjectMapper().readValue(sampleJson(), ContactLetter.class);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
