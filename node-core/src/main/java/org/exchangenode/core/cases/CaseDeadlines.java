package org.exchangenode.core.cases;

import java.time.LocalDate;
import java.util.EnumSet;
import java.util.Set;
import org.exchangenode.core.calendar.WorkingDayCalendar;

/**
 * Which waiting steps a case move starts and ends, and how urgent an open step is.
 *
 * <pre>
 * transfer-out opened (letter received): start SEND_INFO_AND_FUNDS and LUMP_SUM_NOTICE
 * transfer-out → FUNDS_SENT:             meet SEND_INFO_AND_FUNDS, start AWAIT_COMPLETION
 * transfer-in opened (letter sent):      start AWAIT_INFO_AND_FUNDS
 * transfer-in → AWAITING_COMPLETION:     meet AWAIT_INFO_AND_FUNDS, start COMPLETE (its clock starts when both the
 *                                        form and the funds have arrived)
 * → COMPLETED:                           meet COMPLETE or AWAIT_COMPLETION; any other open step ends unmet (CLOSED)
 * → REFUSED:                             every open step ends unmet (CLOSED)
 * </pre>
 * LUMP_SUM_NOTICE is met when the local system reports the notice given (it is a letter to the person, not a message).
 */
public final class CaseDeadlines {
    private CaseDeadlines() {
    }

    /** What a move does to the steps. {@code closeOthers}: every step still open afterwards ends unmet. */
    public record Change(Set<CaseStep> start, Set<CaseStep> meet, boolean closeOthers) {
        static final Change NONE = new Change(Set.of(), Set.of(), false);
    }

    /** How urgent an open step is. */
    public enum Alert { NONE, DUE_SOON, OVERDUE }

    /** The change when a case of {@code role} opens (by its contact letter). */
    public static Change opening(CaseRole role) {
        return role == CaseRole.TRANSFER_OUT
                ? new Change(EnumSet.of(CaseStep.SEND_INFO_AND_FUNDS, CaseStep.LUMP_SUM_NOTICE), Set.of(), false)
                : new Change(EnumSet.of(CaseStep.AWAIT_INFO_AND_FUNDS), Set.of(), false);
    }

    /** The change when a case moves from {@code from} to {@code to} (no change when it stays). */
    public static Change move(CaseState from, CaseState to) {
        if (from == to) {
            return Change.NONE;
        }
        return switch (to) {
            case FUNDS_SENT -> new Change(EnumSet.of(CaseStep.AWAIT_COMPLETION), EnumSet.of(CaseStep.SEND_INFO_AND_FUNDS), false);
            case AWAITING_COMPLETION -> new Change(EnumSet.of(CaseStep.COMPLETE), EnumSet.of(CaseStep.AWAIT_INFO_AND_FUNDS), false);
            case COMPLETED -> new Change(Set.of(), EnumSet.of(CaseStep.COMPLETE, CaseStep.AWAIT_COMPLETION), true);
            case REFUSED -> new Change(Set.of(), Set.of(), true);
            default -> Change.NONE;
        };
    }

    /**
     * The alert of a step due on {@code due}, seen on {@code today}: OVERDUE once the due day has ended, DUE_SOON when
     * at most {@code dueSoonDays} working days are left (0 on the due day itself).
     */
    public static Alert alert(WorkingDayCalendar calendar, LocalDate today, LocalDate due, int dueSoonDays) {
        if (today.isAfter(due)) {
            return Alert.OVERDUE;
        }
        return calendar.workingDaysLeft(today, due) <= dueSoonDays ? Alert.DUE_SOON : Alert.NONE;
    }
}
