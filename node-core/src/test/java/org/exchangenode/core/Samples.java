package org.exchangenode.core;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Properties;
import java.util.stream.Stream;
import org.exchangenode.core.form.ContactLetter;
import org.exchangenode.core.xml.SecureXml;
import org.w3c.dom.Document;

/** The sample documents of the schemas module. */
public final class Samples {
    private Samples() {
    }

    /** The valid sample of every standard form, in the schemas module. */
    public static final List<String> VALID_FORMS = List.of("contact-letter.xml", "info-form.xml",
            "fund-transfer-notice.xml", "completion-notice.xml", "refusal.xml", "reminder.xml");

    /**
     * A corpus index of the schemas module ({@code invalid/expected-errors.properties} and the like): for each sample,
     * its name and the two parts of its note ({@code path|fragment-or-code}), sorted by name.
     */
    public static Stream<String[]> corpus(String index) {
        Properties expected = new Properties();
        try (InputStream in = Samples.class.getClassLoader().getResourceAsStream("exchangenode/samples/" + index)) {
            if (in == null) {
                throw new IllegalArgumentException("no corpus index " + index);
            }
            expected.load(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        if (expected.isEmpty()) {
            throw new IllegalStateException("corpus index " + index + " is empty");
        }
        return expected.stringPropertyNames().stream().sorted().map(name -> {
            String[] parts = expected.getProperty(name).split("\\|");
            return new String[] {name, parts[0], parts[1]};
        });
    }

    public static byte[] bytes(String name) {
        try (InputStream in = Samples.class.getClassLoader().getResourceAsStream("exchangenode/samples/" + name)) {
            if (in == null) {
                throw new IllegalArgumentException("no sample " + name);
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static Document xml(String name) {
        return SecureXml.parse(bytes(name), 1 << 20);
    }

    public static ContactLetter contactLetter() {
        try {
            return new ObjectMapper().readValue(bytes("contact-letter.json"), ContactLetter.class);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
