package org.exchangenode.core.form;

import static org.exchangenode.core.form.ViolationCode.BIRTH_DATE_MISMATCH;
import static org.exchangenode.core.form.ViolationCode.MONTHS_MISMATCH;
import static org.exchangenode.core.form.ViolationCode.NOT_POSITIVE;
import static org.exchangenode.core.form.ViolationCode.RANGE_REVERSED;
import static org.exchangenode.core.form.ViolationCode.REQUIRED;
import static org.exchangenode.core.form.ViolationCode.ROWS_OVERLAP;
import static org.exchangenode.core.form.ViolationCode.SEX_MISMATCH;
import static org.exchangenode.core.form.ViolationCode.SUM_MISMATCH;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.exchangenode.core.xml.Dom;
import org.w3c.dom.Element;

/**
 * The rules of the forms after the contact letter that a schema cannot state, checked on the XML body (at the
 * receiving node, and at intake once the body is written). Every failing field is reported at once, by element path
 * ({@code /InfoForm/YearlyRows/Row[2]/Months}), with a stable code and a message that never repeats the value.
 * The body must already be valid against its XSD.
 *
 * <ul>
 *   <li>every form: the person's ID number per GB 11643 (birth date real and past, check character);</li>
 *   <li>InfoForm: ④ = ① + ② + ③ and ⑥ = ④ + ⑤ exactly; a yearly row's months run from ≤ to within its year and
 *       Months = to − from + 1; two rows of the same place must not cover the same month; sex and birth date agree
 *       with the ID number;</li>
 *   <li>Refusal: reason 99 needs a text;</li>
 *   <li>FundTransferNotice: the amount is more than zero and, when both parts are given, their sum.</li>
 * </ul>
 */
public final class FormRules {
    private FormRules() {
    }

    public static List<FieldViolation> check(Element body, LocalDate today) {
        List<FieldViolation> violations = new ArrayList<>();
        String root = "/" + body.getLocalName();
        Element person = child(body, "Person");
        if (person != null) {
            CitizenIdNumber.problem(root + "/Person/IdNumber", text(person, "IdNumber"), today).ifPresent(violations::add);
        }
        switch (body.getLocalName()) {
            case "InfoForm" -> infoForm(body, root, violations);
            case "Refusal" -> refusal(body, root, violations);
            case "FundTransferNotice" -> fundNotice(body, root, violations);
            default -> { }
        }
        return violations;
    }

    private static void infoForm(Element form, String root, List<FieldViolation> violations) {
        Element person = child(form, "Person");
        String id = text(person, "IdNumber");
        if (id.length() == 18) {
            if (!CitizenIdNumber.sexCode(id).equals(text(person, "Sex"))) {
                violations.add(new FieldViolation(root + "/Person/Sex", SEX_MISMATCH,
                        "does not agree with the ID number's sequence digit"));
            }
            Optional<LocalDate> born = CitizenIdNumber.birthDate(id);
            if (born.isPresent() && !born.get().toString().equals(text(person, "BirthDate"))) {
                violations.add(new FieldViolation(root + "/Person/BirthDate", BIRTH_DATE_MISMATCH,
                        "does not agree with the ID number"));
            }
        }
        Element amounts = child(form, "Amounts");
        String at = root + "/Amounts/";
        BigDecimal one = amount(amounts, "PreReformContributions");
        BigDecimal two = amount(amounts, "AccountSince1998");
        BigDecimal three = amount(amounts, "TransferYearPrincipal");
        BigDecimal four = amount(amounts, "IndividualAccountTotal");
        BigDecimal five = amount(amounts, "PooledFund");
        BigDecimal six = amount(amounts, "Total");
        if (one.add(two).add(three).compareTo(four) != 0) {
            violations.add(new FieldViolation(at + "IndividualAccountTotal", SUM_MISMATCH,
                    "④ must equal ① + ② + ③ to the fen"));
        }
        if (four.add(five).compareTo(six) != 0) {
            violations.add(new FieldViolation(at + "Total", SUM_MISMATCH, "⑥ must equal ④ + ⑤ to the fen"));
        }
        List<Element> rows = Dom.children(child(form, "YearlyRows"));
        Map<String, boolean[]> covered = new HashMap<>();
        for (int i = 0; i < rows.size(); i++) {
            Element row = rows.get(i);
            String path = root + "/YearlyRows/Row[" + (i + 1) + "]";
            int from = Integer.parseInt(text(row, "FromMonth"));
            int to = Integer.parseInt(text(row, "ToMonth"));
            int months = Integer.parseInt(text(row, "Months"));
            if (from > to) {
                violations.add(new FieldViolation(path + "/FromMonth", RANGE_REVERSED,
                        "must not be after ToMonth (a row covers months of one year)"));
                continue;
            }
            if (months != to - from + 1) {
                violations.add(new FieldViolation(path + "/Months", MONTHS_MISMATCH,
                        "must equal ToMonth − FromMonth + 1"));
            }
            boolean[] taken = covered.computeIfAbsent(text(row, "DivisionCode") + "/" + text(row, "Year"),
                    key -> new boolean[13]);
            for (int month = from; month <= to; month++) {
                if (taken[month]) {
                    violations.add(new FieldViolation(path, ROWS_OVERLAP,
                            "covers a month that an earlier row of the same place and year already covers"));
                    break;
                }
            }
            for (int month = from; month <= to; month++) {
                taken[month] = true;
            }
        }
    }

    private static void refusal(Element refusal, String root, List<FieldViolation> violations) {
        if ("99".equals(text(refusal, "ReasonCode")) && text(refusal, "ReasonText").isBlank()) {
            violations.add(new FieldViolation(root + "/ReasonText", REQUIRED, "is required with reason code 99"));
        }
    }

    private static void fundNotice(Element notice, String root, List<FieldViolation> violations) {
        BigDecimal amount = amount(notice, "Amount");
        if (amount.signum() <= 0) {
            violations.add(new FieldViolation(root + "/Amount", NOT_POSITIVE, "must be more than zero"));
        }
        Element individual = child(notice, "IndividualAccountAmount");
        Element pooled = child(notice, "PooledFundAmount");
        if (individual != null && pooled != null && new BigDecimal(individual.getTextContent().trim())
                .add(new BigDecimal(pooled.getTextContent().trim())).compareTo(amount) != 0) {
            violations.add(new FieldViolation(root + "/Amount", SUM_MISMATCH,
                    "must equal IndividualAccountAmount + PooledFundAmount to the fen"));
        }
    }

    private static Element child(Element parent, String name) {
        for (Element element : Dom.children(parent)) {
            if (element.getLocalName().equals(name)) {
                return element;
            }
        }
        return null;
    }

    private static String text(Element parent, String name) {
        Element element = child(parent, name);
        return element == null ? "" : element.getTextContent().trim();
    }

    private static BigDecimal amount(Element parent, String name) {
        return new BigDecimal(text(parent, name));
    }
}
