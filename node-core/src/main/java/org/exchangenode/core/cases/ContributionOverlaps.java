package org.exchangenode.core.cases;

import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;
import org.exchangenode.core.xml.Dom;
import org.w3c.dom.Element;

/**
 * Months paid twice (重复缴费): "transfer first, then clear" — the transfer-in agency clears overlapping months after
 * the information form arrives. This finds them: between yearly rows of the information form for different places,
 * and between those rows and the local records the local system supplies for the person. Rows of one place never
 * overlap (the form rules refuse that).
 */
public final class ContributionOverlaps {
    private ContributionOverlaps() {
    }

    /** Contribution months of one year at one place, from one source (INFO_FORM row n, or LOCAL record n). */
    public record Period(String source, String divisionCode, int year, int fromMonth, int toMonth) {
        boolean overlaps(Period other) {
            return year == other.year && fromMonth <= other.toMonth && other.fromMonth <= toMonth;
        }
    }

    /** Months of {@code year} paid at both {@code first} and {@code second}. */
    public record Overlap(int year, List<Integer> months, Period first, Period second) {
    }

    /** The yearly rows of an information form, as periods {@code INFO_FORM row 1..n}. */
    public static List<Period> rows(Element infoForm) {
        List<Period> rows = new ArrayList<>();
        if (infoForm.getElementsByTagNameNS("*", "YearlyRows").getLength() == 0) {
            return rows;
        }
        Element yearly = (Element) infoForm.getElementsByTagNameNS("*", "YearlyRows").item(0);
        for (Element row : Dom.children(yearly)) {
            rows.add(new Period("INFO_FORM row " + (rows.size() + 1), text(row, "DivisionCode"),
                    Integer.parseInt(text(row, "Year")), Integer.parseInt(text(row, "FromMonth")),
                    Integer.parseInt(text(row, "ToMonth"))));
        }
        return rows;
    }

    /** Every overlap, among the form's rows of different places and between form rows and local records. */
    public static List<Overlap> find(List<Period> formRows, List<Period> localRecords) {
        List<Overlap> overlaps = new ArrayList<>();
        for (int i = 0; i < formRows.size(); i++) {
            for (int j = i + 1; j < formRows.size(); j++) {
                Period a = formRows.get(i);
                Period b = formRows.get(j);
                if (!a.divisionCode().equals(b.divisionCode()) && a.overlaps(b)) {
                    overlaps.add(overlap(a, b));
                }
            }
            for (Period local : localRecords) {
                if (formRows.get(i).overlaps(local)) {
                    overlaps.add(overlap(formRows.get(i), local));
                }
            }
        }
        return overlaps;
    }

    private static Overlap overlap(Period a, Period b) {
        TreeSet<Integer> months = new TreeSet<>();
        for (int m = Math.max(a.fromMonth(), b.fromMonth()); m <= Math.min(a.toMonth(), b.toMonth()); m++) {
            months.add(m);
        }
        return new Overlap(a.year(), List.copyOf(months), a, b);
    }

    private static String text(Element row, String name) {
        return row.getElementsByTagNameNS("*", name).item(0).getTextContent().trim();
    }
}
