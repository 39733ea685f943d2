package org.exchangenode.routes.memory;

import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import org.exchangenode.core.audit.AuditKind;
import org.exchangenode.core.cases.CaseDeadlines.Alert;
import org.exchangenode.core.cases.CaseRole;
import org.exchangenode.core.cases.CaseState;
import org.exchangenode.core.cases.CaseStep;
import org.exchangenode.core.cases.ContributionOverlaps;
import org.exchangenode.core.envelope.MessageType;
import org.exchangenode.core.error.ErrorCode;
import org.exchangenode.core.error.ExchangeException;
import org.exchangenode.routes.audit.AuditEvent;
import org.exchangenode.routes.cases.CaseChange;
import org.exchangenode.routes.cases.CaseStore;
import org.exchangenode.routes.deadlines.StepStore;
import org.exchangenode.routes.messages.MessageWrite;
import org.exchangenode.routes.messages.NewMessage;

/**
 * Cases and their steps in memory (the two tables the JDBC stores join), for route tests that need no database. The
 * {@link InMemoryMessageStore} writes a message's {@link CaseChange} here under its lock: {@link #check} refuses what
 * the database would (a second open case of a person: {@code CASE_ALREADY_OPEN}; a case that moved meanwhile: a
 * transient failure) before {@link #apply} changes anything. TEST ONLY.
 */
public final class InMemoryCaseStore implements CaseStore, StepStore {
    private final Map<String, CaseRecord> cases = new LinkedHashMap<>();
    private final Map<String, List<CaseEvent>> events = new HashMap<>();
    private final Map<String, byte[]> infoForms = new HashMap<>();
    private final Map<String, StepRecord> steps = new TreeMap<>();
    private final Map<String, List<ContributionOverlaps.Period>> localRecords = new HashMap<>();
    private final Map<String, Lease> leases = new HashMap<>();

    private record Lease(String holder, Instant until) {
    }
    private final List<AuditEvent> audit = new ArrayList<>();

    private static OffsetDateTime time(Instant instant) {
        return instant == null ? null : instant.atOffset(ZoneOffset.UTC);
    }

    private static String key(String caseId, CaseStep step) {
        return caseId + "|" + step.name();
    }

    synchronized void check(CaseChange change) {
        if (change instanceof CaseChange.Open open) {
            if (cases.containsKey(open.caseId())) {
                throw new ExchangeException(ErrorCode.CASE_ALREADY_OPEN, "case " + open.caseId() + " already exists");
            }
            if (open.state().open() && findOpen(open.personIdNumber(), open.peer(), open.role()).isPresent()) {
                throw new ExchangeException(ErrorCode.CASE_ALREADY_OPEN, "the person already has an open case with node "
                        + open.peer() + ", opened a moment ago");
            }
        } else {
            CaseChange.Advance move = (CaseChange.Advance) change;
            CaseRecord current = cases.get(move.caseId());
            if (current == null || current.state() != move.from()) {
                throw new ExchangeException(ErrorCode.TRANSIENT_FAILURE, "case " + move.caseId()
                        + " changed meanwhile; the message is tried again");
            }
        }
    }

    synchronized void apply(CaseChange change, NewMessage message) {
        OffsetDateTime now = time(Instant.now());
        CaseState after;
        if (change instanceof CaseChange.Open open) {
            cases.put(open.caseId(), new CaseRecord(open.caseId(), open.role(), open.state(), open.peer(),
                    open.personIdNumber(), open.personName(), open.letterNumber(), null, null, false, now, now,
                    null));
            after = open.state();
        } else {
            CaseChange.Advance move = (CaseChange.Advance) change;
            CaseRecord c = cases.get(move.caseId());
            after = move.to();
            cases.put(c.caseId(), new CaseRecord(c.caseId(), c.role(), after, c.peer(), c.personIdNumber(),
                    c.personName(), c.letterNumber(),
                    move.amounts().infoTotal() == null ? c.infoTotal() : move.amounts().infoTotal(),
                    move.amounts().fundAmount() == null ? c.fundAmount() : move.amounts().fundAmount(),
                    move.amountMismatch() == null ? c.amountMismatch() : move.amountMismatch(), c.openedAt(), now,
                    after.open() ? null : now));
        }
        String messageId = message.header().messageId();
        events.computeIfAbsent(change.caseId(), id -> new ArrayList<>()).add(new CaseEvent(now, messageId,
                message.header().type().wireName(), message.direction(), after, null, null));
        if (message.header().type() == MessageType.INFO_FORM) {
            infoForms.put(change.caseId(), message.content());
        }
        CaseChange.Steps s = change.steps();
        for (CaseStep met : s.change().meet()) {
            end(change.caseId(), met, Status.MET, s.at());
        }
        if (s.change().closeOthers()) {
            for (StepRecord step : List.copyOf(steps.values())) {
                if (step.caseId().equals(change.caseId())) {
                    end(change.caseId(), step.step(), Status.CLOSED, s.at());
                }
            }
        }
        for (CaseChange.NewStep started : s.started()) {
            steps.put(key(change.caseId(), started.step()), new StepRecord(change.caseId(), started.step(),
                    started.step().owner(), time(s.at()), started.limitDays(), started.dueOn(), Status.OPEN,
                    Alert.NONE, null, null));
        }
    }

    private boolean end(String caseId, CaseStep which, Status status, Instant at) {
        StepRecord s = steps.get(key(caseId, which));
        if (s == null || s.status() != Status.OPEN) {
            return false;
        }
        steps.put(key(caseId, which), new StepRecord(s.caseId(), s.step(), s.owner(), s.startedAt(), s.limitDays(),
                s.dueOn(), status, s.alert(), time(at), s.remindedAlert()));
        return true;
    }

    @Override
    public synchronized Optional<CaseRecord> find(String caseId) {
        return Optional.ofNullable(cases.get(caseId));
    }

    @Override
    public synchronized Optional<CaseRecord> findOpen(String personIdNumber, String peer, CaseRole role) {
        return cases.values().stream().filter(c -> c.personIdNumber().equals(personIdNumber) && c.peer().equals(peer)
                && c.role() == role && c.state().open()).findFirst();
    }

    @Override
    public synchronized List<CaseRecord> list(CaseState state, String peer, CaseRole role, Alert alert, int page,
                                              int size) {
        return cases.values().stream().filter(c -> state == null || c.state() == state)
                .filter(c -> peer == null || c.peer().equals(peer)).filter(c -> role == null || c.role() == role)
                .filter(c -> alert == null || steps.values().stream().anyMatch(s -> s.caseId().equals(c.caseId())
                        && s.status() == Status.OPEN && s.alert() == alert))
                .sorted(Comparator.comparing(CaseRecord::openedAt).reversed())
                .skip((long) page * size).limit(size).toList();
    }

    @Override
    public synchronized List<CaseEvent> events(String caseId) {
        return List.copyOf(events.getOrDefault(caseId, List.of()));
    }

    @Override
    public synchronized void replaceLocalRecords(String caseId, List<ContributionOverlaps.Period> records) {
        localRecords.put(caseId, List.copyOf(records));
    }

    @Override
    public synchronized List<ContributionOverlaps.Period> localRecords(String caseId) {
        return localRecords.getOrDefault(caseId, List.of());
    }

    @Override
    public synchronized Optional<byte[]> latestInfoForm(String caseId) {
        return Optional.ofNullable(infoForms.get(caseId));
    }

    @Override
    public synchronized boolean resolveAmountMismatch(String caseId, String actor, String reason) {
        CaseRecord c = cases.get(caseId);
        if (c == null || !c.amountMismatch() || c.state() != CaseState.AWAITING_COMPLETION) {
            return false;
        }
        cases.put(caseId, new CaseRecord(c.caseId(), c.role(), c.state(), c.peer(), c.personIdNumber(),
                c.personName(), c.letterNumber(), c.infoTotal(), c.fundAmount(), false, c.openedAt(),
                time(Instant.now()), c.closedAt()));
        audit.add(new AuditEvent(AuditKind.OPERATOR_ACTION, null, actor, "amount mismatch of case " + caseId
                + " resolved: " + reason, null));
        return true;
    }

    @Override
    public synchronized boolean meet(String caseId, CaseStep step, Instant at) {
        return end(caseId, step, Status.MET, at);
    }

    @Override
    public synchronized boolean meet(String caseId, CaseStep step, Instant at, AuditEvent because) {
        if (!end(caseId, step, Status.MET, at)) {
            return false;
        }
        audit.add(because);
        return true;
    }

    @Override
    public synchronized List<StepRecord> steps(String caseId) {
        return steps.values().stream().filter(s -> s.caseId().equals(caseId))
                .sorted(Comparator.comparing(StepRecord::startedAt).thenComparing(s -> s.step().name())).toList();
    }

    @Override
    public synchronized List<OpenStep> open(String afterCase, String afterStep, int limit) {
        String after = afterCase + "|" + afterStep;
        return steps.entrySet().stream().filter(e -> e.getKey().compareTo(after) > 0)
                .map(Map.Entry::getValue).filter(s -> s.status() == Status.OPEN).limit(limit).map(s -> {
                    CaseRecord c = cases.get(s.caseId());
                    return new OpenStep(s, c.peer(), c.role(), c.state(), c.letterNumber(), c.personName(),
                            c.personIdNumber());
                }).toList();
    }

    @Override
    public synchronized void setDue(String caseId, CaseStep step, LocalDate due) {
        StepRecord s = steps.get(key(caseId, step));
        if (s != null && s.dueOn() == null) {
            steps.put(key(caseId, step), new StepRecord(s.caseId(), s.step(), s.owner(), s.startedAt(),
                    s.limitDays(), due, s.status(), s.alert(), s.endedAt(), s.remindedAlert()));
        }
    }

    @Override
    public synchronized boolean setAlert(String caseId, CaseStep step, Alert from, Alert to) {
        StepRecord s = steps.get(key(caseId, step));
        if (s == null || s.alert() != from || s.status() != Status.OPEN) {
            return false;
        }
        steps.put(key(caseId, step), new StepRecord(s.caseId(), s.step(), s.owner(), s.startedAt(), s.limitDays(),
                s.dueOn(), s.status(), to, s.endedAt(), s.remindedAlert()));
        return true;
    }

    /** The Reminders sent, by case, step and level: the primary key of {@code exn_reminder}. */
    private final Set<String> reminders = new HashSet<>();

    synchronized void check(MessageWrite.Reminded reminded) {
        if (reminders.contains(key(reminded.caseId(), reminded.step()) + "|" + reminded.alert())) {
            throw new ExchangeException(ErrorCode.TRANSIENT_FAILURE, "database: duplicate key of exn_reminder");
        }
    }

    synchronized void record(MessageWrite.Reminded reminded) {
        reminders.add(key(reminded.caseId(), reminded.step()) + "|" + reminded.alert());
        markReminded(reminded.caseId(), reminded.step(), reminded.alert());
    }

    @Override
    public synchronized boolean reminded(String caseId, CaseStep step, Alert alert) {
        return reminders.contains(key(caseId, step) + "|" + alert);
    }

    @Override
    public synchronized void markReminded(String caseId, CaseStep step, Alert alert) {
        StepRecord s = steps.get(key(caseId, step));
        if (s != null) {
            steps.put(key(caseId, step), new StepRecord(s.caseId(), s.step(), s.owner(), s.startedAt(),
                    s.limitDays(), s.dueOn(), s.status(), s.alert(), s.endedAt(), alert));
        }
    }

    @Override
    public synchronized Map<String, Map<Alert, Long>> openByPeer() {
        Map<String, Map<Alert, Long>> counts = new TreeMap<>();
        steps.values().stream().filter(s -> s.status() == Status.OPEN).forEach(s -> counts
                .computeIfAbsent(cases.get(s.caseId()).peer(), p -> new TreeMap<>()).merge(s.alert(), 1L, Long::sum));
        return counts;
    }

    @Override
    public synchronized long withoutDueDate() {
        return steps.values().stream().filter(s -> s.status() == Status.OPEN && s.dueOn() == null).count();
    }

    @Override
    public synchronized Map<String, Long> casesByState() {
        Map<String, Long> counts = new TreeMap<>();
        cases.values().forEach(c -> counts.merge(c.role() + "/" + c.state(), 1L, Long::sum));
        return counts;
    }

    @Override
    public synchronized boolean lease(String job, String holder, Instant now, Instant until) {
        Lease current = leases.get(job);
        if (current != null && !current.holder().equals(holder) && !current.until().isBefore(now)) {
            return false;
        }
        leases.put(job, new Lease(holder, until));
        return true;
    }

    @Override
    public synchronized void release(String job, String holder) {
        leases.computeIfPresent(job, (j, lease) -> lease.holder().equals(holder) ? null : lease);
    }

    /** Operator actions recorded by this store (resolved mismatches, steps met on a user's word). */
    public synchronized List<AuditEvent> audit() {
        return List.copyOf(audit);
    }
}
