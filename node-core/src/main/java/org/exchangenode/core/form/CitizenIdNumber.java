package org.exchangenode.core.form;

import static org.exchangenode.core.form.ViolationCode.ID_BIRTH_DATE;
import static org.exchangenode.core.form.ViolationCode.ID_CHECK_CHARACTER;
import static org.exchangenode.core.form.ViolationCode.ID_FORMAT;
import static org.exchangenode.core.form.ViolationCode.ID_LENGTH;

import java.time.DateTimeException;
import java.time.LocalDate;
import java.util.Optional;

/**
 * GB 11643 citizen identity numbers: 6-digit address code, 8-digit birth date, 3-digit sequence (odd for men, even
 * for women), and an ISO 7064 MOD 11-2 check character. The address code is not looked up: division codes change and
 * an old one stays valid in an ID number.
 */
public final class CitizenIdNumber {
    private static final int[] WEIGHTS = {7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2};
    private static final char[] CHECK = {'1', '0', 'X', '9', '8', '7', '6', '5', '4', '3', '2'};

    private CitizenIdNumber() {
    }

    /** Why {@code id} is not a valid 18-character number (as a violation code and message), or empty if it is. */
    public static Optional<FieldViolation> problem(String field, String id, LocalDate today) {
        if (id.length() != 18) {
            return Optional.of(new FieldViolation(field, ID_LENGTH, "must have 18 characters, has " + id.length()));
        }
        if (!id.matches("[1-9][0-9]{16}[0-9X]")) {
            return Optional.of(new FieldViolation(field, ID_FORMAT,
                    "must be 17 digits followed by a digit or capital X"));
        }
        Optional<LocalDate> birth = birthDate(id);
        if (birth.isEmpty()) {
            return Optional.of(new FieldViolation(field, ID_BIRTH_DATE, "holds a birth date that does not exist"));
        }
        if (birth.get().isAfter(today)) {
            return Optional.of(new FieldViolation(field, ID_BIRTH_DATE, "holds a birth date in the future"));
        }
        if (id.charAt(17) != checkCharacter(id)) {
            return Optional.of(new FieldViolation(field, ID_CHECK_CHARACTER,
                    "check character does not match (ISO 7064 MOD 11-2)"));
        }
        return Optional.empty();
    }

    /** The check character for the first 17 digits. */
    public static char checkCharacter(String id) {
        int sum = 0;
        for (int i = 0; i < 17; i++) {
            sum += (id.charAt(i) - '0') * WEIGHTS[i];
        }
        return CHECK[sum % 11];
    }

    /** The birth date encoded in a well-formed number, if it is a real date. */
    public static Optional<LocalDate> birthDate(String id) {
        try {
            return Optional.of(LocalDate.of(Integer.parseInt(id.substring(6, 10)),
                    Integer.parseInt(id.substring(10, 12)), Integer.parseInt(id.substring(12, 14))));
        } catch (DateTimeException | NumberFormatException e) {
            return Optional.empty();
        }
    }

    /** "1" (male) when the sequence digit is odd, "2" (female) when even (GB/T 2261.1 codes). */
    public static String sexCode(String id) {
        return (id.charAt(16) - '0') % 2 == 1 ? "1" : "2";
    }
}
