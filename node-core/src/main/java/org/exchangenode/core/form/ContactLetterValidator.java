package org.exchangenode.core.form;

import static org.exchangenode.core.form.ViolationCode.BIRTH_DATE_MISMATCH;
import static org.exchangenode.core.form.ViolationCode.NOT_APPLICABLE;
import static org.exchangenode.core.form.ViolationCode.NOT_OWN_NODE;
import static org.exchangenode.core.form.ViolationCode.SAME_NODE;
import static org.exchangenode.core.form.ViolationCode.SENDER_MISMATCH;
import static org.exchangenode.core.form.ViolationCode.SEX_MISMATCH;
import static org.exchangenode.core.form.ViolationCode.TEMPORARY_ACCOUNT_REQUIRED;
import static org.exchangenode.core.form.ViolationCode.UNKNOWN_PEER;

import java.time.LocalDate;
import java.time.Period;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The field rules of a contact letter, applied at intake (where the submitting node is the transfer-in agency) and
 * again by the receiving node (where it is the addressee). Returns every violation at once.
 */
public final class ContactLetterValidator {
    private static final Set<String> TRANSFER_TYPES = Set.of("01", "02");
    private static final Set<String> ACCOUNT_CATEGORIES = Set.of("0", "1");
    private static final Set<String> SEXES = Set.of("1", "2");
    private static final Set<String> CONFIRMATION_REASONS = Set.of("01", "99");
    /** The fields the temporary-account rule reads: it is checked when they are all valid. */
    private static final Set<String> RULE_INPUTS = Set.of("accountCategory", "person", "person.sex", "person.birthDate",
            "person.idNumber", "person.householdRegistration", "transferInAgency", "transferInAgency.divisionCode");
    private static final Pattern LETTER_NUMBER = Pattern.compile("[0-9A-Za-z][0-9A-Za-z\\-_/]{0,39}");

    private ContactLetterValidator() {
    }

    /** Rules for a letter this node is about to send: it must come from this node and go to a known peer. */
    public static List<FieldViolation> validateOutbound(ContactLetter letter, FormContext context) {
        FieldChecks checks = new FieldChecks();
        fields(letter, checks, context.today());
        if (letter.transferInAgency() != null && letter.transferInAgency().nodeId() != null
                && !letter.transferInAgency().nodeId().equals(context.ownNodeId())) {
            checks.add("transferInAgency.nodeId", NOT_OWN_NODE, "must be this node (" + context.ownNodeId() + ")");
        }
        String addressee = letter.addresseeAgency() == null ? null : letter.addresseeAgency().nodeId();
        if (addressee != null && FieldChecks.NODE_ID.matcher(addressee).matches()) {
            if (addressee.equals(context.ownNodeId())) {
                checks.add("addresseeAgency.nodeId", SAME_NODE, "must be another node than this one");
            } else if (!context.knownPeers().contains(addressee)) {
                checks.add("addresseeAgency.nodeId", UNKNOWN_PEER, "is not a peer in this node's directory");
            }
        }
        return checks.violations();
    }

    /** Rules for a letter this node received from {@code sender}: it must be addressed here and come from the sender. */
    public static List<FieldViolation> validateInbound(ContactLetter letter, String sender, FormContext context) {
        FieldChecks checks = new FieldChecks();
        fields(letter, checks, context.today());
        if (letter.addresseeAgency() != null && !context.ownNodeId().equals(letter.addresseeAgency().nodeId())) {
            checks.add("addresseeAgency.nodeId", NOT_OWN_NODE, "must be the receiving node (" + context.ownNodeId() + ")");
        }
        if (letter.transferInAgency() != null && !sender.equals(letter.transferInAgency().nodeId())) {
            checks.add("transferInAgency.nodeId", SENDER_MISMATCH, "must be the sending node (" + sender + ")");
        }
        return checks.violations();
    }

    private static void fields(ContactLetter letter, FieldChecks checks, LocalDate today) {
        checks.pattern("letterNumber", letter.letterNumber(), LETTER_NUMBER, "1 to 40 letters, digits, '-', '_' or '/'", true);
        LocalDate letterDate = checks.date("letterDate", letter.letterDate(), today);
        checks.oneOf("transferType", letter.transferType(), TRANSFER_TYPES);
        checks.oneOf("accountCategory", letter.accountCategory(), ACCOUNT_CATEGORIES);
        person(letter.person(), checks, today);
        addressee(letter.addresseeAgency(), checks);
        transferIn(letter.transferInAgency(), checks);
        if (checks.required("handler", letter.handler())) {
            checks.text("handler.name", letter.handler().name(), 50, true);
            checks.pattern("handler.phone", letter.handler().phone(), FieldChecks.PHONE, "a phone number", false);
        }
        if (checks.violations().stream().noneMatch(v -> RULE_INPUTS.contains(v.field()))) {
            temporaryAccount(letter, letterDate == null ? today : letterDate, checks);
        }
    }

    /**
     * The temporary-account rule (DOMAIN.md): a man of 50 or more or a woman of 40 or more on the letter's date, whose
     * household registration is outside the transfer-in place (its prefecture, or its province for a provincial
     * agency), belongs on a temporary account unless an approved transfer applies. On an ordinary account such a
     * letter needs the submitter's explicit confirmation; a confirmation where the rule does not apply is refused too,
     * so that one is never sent by habit.
     */
    private static void temporaryAccount(ContactLetter letter, LocalDate onDate, FieldChecks checks) {
        Person person = letter.person();
        OrdinaryAccountConfirmation confirmation = letter.ordinaryAccountConfirmation();
        int age = Period.between(LocalDate.parse(person.birthDate()), onDate).getYears();
        boolean man = "1".equals(person.sex());
        String place = letter.transferInAgency().divisionCode();
        boolean provincial = place.endsWith("0000");
        int digits = provincial ? 2 : 4;
        boolean outside = !person.householdRegistration().substring(0, digits).equals(place.substring(0, digits));
        boolean covered = "0".equals(letter.accountCategory()) && outside && age >= (man ? 50 : 40);
        if (covered && confirmation == null) {
            // the rule, not the person: sex, age and household registration are personal data, and this text
            // becomes a quarantine reason, a log line and the reason of an Error sent to the peer
            checks.add("accountCategory", TEMPORARY_ACCOUNT_REQUIRED, "the temporary-account rule applies to this "
                    + "person (men of 50 or more, women of 40 or more, household registration outside the transfer-in "
                    + (provincial ? "province" : "prefecture") + "): a temporary account (accountCategory 1) unless an "
                    + "approved transfer applies; to send on an ordinary account, confirm it in "
                    + "ordinaryAccountConfirmation (reason, text, confirmedBy)");
        } else if (!covered && confirmation != null) {
            checks.add("ordinaryAccountConfirmation", NOT_APPLICABLE, "only for an ordinary account that the "
                    + "temporary-account rule would refuse (men 50+, women 40+, outside their household registration "
                    + "place); leave it out for this letter");
        } else if (confirmation != null) {
            checks.oneOf("ordinaryAccountConfirmation.reason", confirmation.reason(), CONFIRMATION_REASONS);
            checks.text("ordinaryAccountConfirmation.text", confirmation.text(), 200, true);
            checks.text("ordinaryAccountConfirmation.confirmedBy", confirmation.confirmedBy(), 50, true);
        }
    }

    private static void person(Person person, FieldChecks checks, LocalDate today) {
        if (!checks.required("person", person)) {
            return;
        }
        checks.text("person.name", person.name(), 50, true);
        boolean sexOk = person.sex() != null && SEXES.contains(person.sex());
        checks.oneOf("person.sex", person.sex(), SEXES);
        LocalDate birth = checks.date("person.birthDate", person.birthDate(), today);
        if (checks.required("person.idNumber", person.idNumber())) {
            var problem = CitizenIdNumber.problem("person.idNumber", person.idNumber(), today);
            if (problem.isPresent()) {
                checks.add(problem.get().field(), problem.get().code(), problem.get().message());
            } else {
                if (sexOk && !CitizenIdNumber.sexCode(person.idNumber()).equals(person.sex())) {
                    checks.add("person.sex", SEX_MISMATCH, "does not agree with the ID number's sequence digit");
                }
                if (birth != null && !CitizenIdNumber.birthDate(person.idNumber()).orElseThrow().equals(birth)) {
                    checks.add("person.birthDate", BIRTH_DATE_MISMATCH, "does not agree with the ID number");
                }
            }
        }
        checks.divisionCode("person.householdRegistration", person.householdRegistration(), true);
        checks.text("person.personalNumber", person.personalNumber(), 50, false);
    }

    private static void addressee(Agency agency, FieldChecks checks) {
        if (!checks.required("addresseeAgency", agency)) {
            return;
        }
        checks.nodeId("addresseeAgency.nodeId", agency.nodeId());
        checks.divisionCode("addresseeAgency.divisionCode", agency.divisionCode(), true);
        checks.text("addresseeAgency.name", agency.name(), 200, true);
        checks.text("addresseeAgency.address", agency.address(), 200, false);
        checks.pattern("addresseeAgency.postcode", agency.postcode(), FieldChecks.POSTCODE, "6 digits", false);
        checks.text("addresseeAgency.department", agency.department(), 50, false);
        checks.pattern("addresseeAgency.phone", agency.phone(), FieldChecks.PHONE, "a phone number", false);
    }

    private static void transferIn(ReceivingAgency agency, FieldChecks checks) {
        if (!checks.required("transferInAgency", agency)) {
            return;
        }
        checks.nodeId("transferInAgency.nodeId", agency.nodeId());
        checks.divisionCode("transferInAgency.divisionCode", agency.divisionCode(), true);
        checks.text("transferInAgency.name", agency.name(), 200, true);
        checks.text("transferInAgency.address", agency.address(), 200, true);
        checks.pattern("transferInAgency.postcode", agency.postcode(), FieldChecks.POSTCODE, "6 digits", true);
        checks.text("transferInAgency.department", agency.department(), 50, true);
        checks.pattern("transferInAgency.phone", agency.phone(), FieldChecks.PHONE, "a phone number", true);
        BankAccount account = agency.bankAccount();
        if (checks.required("transferInAgency.bankAccount", account)) {
            checks.text("transferInAgency.bankAccount.accountName", account.accountName(), 200, true);
            checks.text("transferInAgency.bankAccount.bank", account.bank(), 200, true);
            checks.pattern("transferInAgency.bankAccount.accountNumber", account.accountNumber(),
                    FieldChecks.BANK_ACCOUNT, "8 to 32 digits", true);
        }
    }
}
