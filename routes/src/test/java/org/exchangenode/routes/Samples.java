package org.exchangenode.routes;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.UUID;
import org.exchangenode.core.form.Agency;
import org.exchangenode.core.form.ContactLetter;
import org.exchangenode.core.form.ReceivingAgency;
import org.exchangenode.core.form.SamplePersons;

/** The sample documents of the schemas module. */
final class Samples {
    private Samples() {
    }

    static String json(String name) {
        try (InputStream in = Samples.class.getClassLoader().getResourceAsStream("exchangenode/samples/" + name)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A sample of the schemas module, as text (JSON or XML alike). */
    static String schemaSample(String name) {
        return json(name);
    }

    /** The sample contact letter's intake JSON for a new fictitious person (one open case per person and peer). */
    static String letterJson() {
        return SamplePersons.withNextPerson(json("contact-letter.json"));
    }

    /** A form sample of the schemas module (XML) rewritten for the person of {@code letter}. */
    static byte[] formFor(String sample, ContactLetter letter) {
        var person = letter.person();
        return json(sample)
                .replace("<c:IdNumber>510104198805121377</c:IdNumber>", "<c:IdNumber>" + person.idNumber() + "</c:IdNumber>")
                .replace("<c:Sex>1</c:Sex>", "<c:Sex>" + person.sex() + "</c:Sex>")
                .replace("<c:BirthDate>1988-05-12</c:BirthDate>", "<c:BirthDate>" + person.birthDate() + "</c:BirthDate>")
                .getBytes(StandardCharsets.UTF_8);
    }

    /** A case number unique to this run (cases persist in the test database between runs). */
    static String caseId(String prefix) {
        return prefix + "-" + UUID.randomUUID().toString().substring(0, 8);
    }

    /** The sample letter, for a new fictitious person each time. */
    static ContactLetter letter() {
        try {
            return SamplePersons.withNextPerson(new ObjectMapper().readValue(json("contact-letter.json"), ContactLetter.class));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The sample letter turned around: Shenzhen (440300) asks Nanjing (320100). */
    static ContactLetter letterFrom440300() {
        ContactLetter s = letter();
        ReceivingAgency in = s.transferInAgency();
        return new ContactLetter(s.letterNumber(), s.letterDate(), s.transferType(), s.accountCategory(), s.person(),
                new Agency("320100", "320100", in.name(), null, null, null, null),
                new ReceivingAgency("440300", "440300", s.addresseeAgency().name(), "深圳市福田区福华三路", "518048",
                        "养老保险关系转移科", "0755-12345678", in.bankAccount()),
                s.handler());
    }
}
