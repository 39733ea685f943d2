package org.exchangenode.routes.localsystem;

import static org.exchangenode.core.text.LogText.escape;
import static org.exchangenode.routes.localsystem.DropFolders.digest;
import static org.exchangenode.routes.localsystem.DropFolders.directory;
import static org.exchangenode.routes.localsystem.DropFolders.move;
import static org.exchangenode.routes.localsystem.DropFolders.safe;

import jakarta.inject.Singleton;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.exchangenode.core.calendar.WorkingDayCalendar;
import org.exchangenode.core.envelope.EnvelopeHeader;
import org.exchangenode.core.envelope.MessageType;
import org.exchangenode.core.error.ExchangeException;
import org.exchangenode.core.form.FieldViolation;
import org.exchangenode.core.form.InvalidFormException;
import org.exchangenode.core.form.ViolationCode;
import org.exchangenode.routes.cases.CaseStore;
import org.exchangenode.routes.config.LocalSystemConfig;
import org.exchangenode.routes.config.NodeConfig;
import org.exchangenode.routes.intake.FormIntake;
import org.exchangenode.routes.messages.MessageWrite;
import org.jboss.logging.Logger;

/**
 * The file drop of the local system. A file {@code inbox/<case id>.<form-type>.(xml|json)} is a form for that case,
 * sent to the case's peer; {@code inbox/<any name>.contact-letter.(xml|json)} a contact letter, which opens a case.
 * It goes through the same intake as the REST API. Accepted: moved to {@code archive/<yyyy-MM-dd>/} with
 * {@code <name>.accepted.txt} beside it (messageId, conversationId, to). Refused: moved to {@code error/} with
 * {@code <name>.errors.txt} naming every failing field. A database or broker outage leaves the file for the next
 * poll. A file is recorded by digest in the transaction that stores its form, so a file seen again after a crash,
 * or by a second node instance polling the same directory, is archived without being sent twice.
 *
 * <p>Only regular files are read, and no link is ever followed: a link, a pipe or a directory in the inbox is moved
 * (itself) to {@code error/} as refused; reports are written into new files. A name with a control character is
 * refused and moved under a safe name (each such character replaced by {@code _}), never echoed.
 */
@Singleton
public class FileDrop {
    private static final Logger LOG = Logger.getLogger(FileDrop.class);
    private static final Pattern NAME = Pattern.compile("(.+)\\.([a-z\\-]+)\\.(xml|json)");
    private static final LinkOption NOFOLLOW = LinkOption.NOFOLLOW_LINKS;
    private final LocalSystemConfig.FileDrop config;
    private final int maxBytes;
    private final FormIntake intake;
    private final CaseStore cases;
    private final FileDropStore accepted;
    private final Clock clock;

    /** {@code clock}: the business clock (Beijing), which names the archive folder of the day. */
    public FileDrop(NodeConfig node, LocalSystemConfig localSystem, FormIntake intake, CaseStore cases,
                    FileDropStore accepted, Clock clock) {
        this.config = localSystem.fileDrop();
        this.maxBytes = node.maxMessageBytes();
        this.intake = intake;
        this.cases = cases;
        this.accepted = accepted;
        this.clock = clock;
    }

    /** What became of one file. */
    public enum Outcome { ACCEPTED, ALREADY_ACCEPTED, REFUSED, RETRY_LATER, GONE }

    /** Processes the files in the inbox that have settled, oldest first; returns how many were handled. */
    public synchronized int poll() {
        Optional<Path> dir = config.dir();
        if (dir.isEmpty()) {
            return 0;
        }
        Path inbox;
        List<Path> files = new ArrayList<>();
        Instant settled = Instant.now().minus(config.settleTime());
        try {
            inbox = directory(dir.get(), "inbox");
            try (DirectoryStream<Path> stream = Files.newDirectoryStream(inbox)) {
                for (Path file : stream) {
                    if (file.getFileName().toString().startsWith(".")) {
                        continue;
                    }
                    try {
                        // anything but a regular file is refused at once: what it points to is never looked at
                        BasicFileAttributes seen = Files.readAttributes(file, BasicFileAttributes.class, NOFOLLOW);
                        if (!seen.isRegularFile() || seen.lastModifiedTime().toInstant().isBefore(settled)) {
                            files.add(file);
                        }
                    } catch (NoSuchFileException e) {
                        // taken by another instance meanwhile
                    }
                }
            }
        } catch (IOException e) {
            LOG.errorf("file drop %s cannot be read: %s", dir.get().resolve("inbox"), escape(e.getMessage()));
            return 0;
        }
        files.sort((a, b) -> {
            try {
                return Files.getLastModifiedTime(a, NOFOLLOW).compareTo(Files.getLastModifiedTime(b, NOFOLLOW));
            } catch (IOException e) {
                return a.compareTo(b);
            }
        });
        int handled = 0;
        for (Path file : files) {
            try {
                if (handle(dir.get(), file) != Outcome.RETRY_LATER) {
                    handled++;
                }
            } catch (ExchangeException e) {
                LOG.warnf("file drop: %s left for the next poll: %s", safe(file.getFileName().toString()),
                        escape(e.getMessage()));
            }
        }
        return handled;
    }

    Outcome handle(Path dir, Path file) {
        String name = file.getFileName().toString();
        if (!safe(name).equals(name)) {
            return refuse(dir, file, new FieldViolation("file name", ViolationCode.CONTROL_CHARACTER, "contains a "
                    + "control or format character; moved under the name with each one replaced by _"));
        }
        byte[] bytes;
        try {
            BasicFileAttributes attributes = Files.readAttributes(file, BasicFileAttributes.class, NOFOLLOW);
            if (!attributes.isRegularFile()) {
                return refuse(dir, file, new FieldViolation("file", ViolationCode.NOT_A_REGULAR_FILE, "is "
                        + (attributes.isSymbolicLink() ? "a link" : attributes.isDirectory() ? "a directory"
                        : "not a regular file") + ": only regular files are read, links are never followed"));
            }
            if (attributes.size() > maxBytes) {
                return refuse(dir, file, tooLarge());
            }
            try (InputStream in = Files.newInputStream(file, NOFOLLOW)) {
                bytes = in.readNBytes(maxBytes + 1);
            }
            if (bytes.length > maxBytes) {
                return refuse(dir, file, tooLarge());
            }
        } catch (NoSuchFileException e) {
            return Outcome.GONE;   // taken by another instance
        } catch (IOException e) {
            LOG.warnf("file drop: cannot read %s, trying again later: %s", escape(name), escape(e.getMessage()));
            return Outcome.RETRY_LATER;
        }
        String digest = digest(name, bytes);
        Optional<FileDropStore.Accepted> before = accepted.find(digest);
        if (before.isPresent()) {
            archive(dir, file, before.get().messageId(), before.get().conversationId(), before.get().to());
            LOG.infof("file drop: %s was accepted before as message %s; archived, not sent again", escape(name),
                    before.get().messageId());
            return Outcome.ALREADY_ACCEPTED;
        }
        Matcher matcher = NAME.matcher(name);
        Optional<MessageType> type = matcher.matches() ? MessageType.fromPathName(matcher.group(2)) : Optional.empty();
        if (type.isEmpty()) {
            return refuse(dir, file, new FieldViolation("file name", ViolationCode.FORMAT, "must be <case id>."
                    + "<form-type>.xml or .json (<any name>.contact-letter.xml or .json for a contact letter); form-type "
                    + "is one of " + MessageType.PATH_NAMES));
        }
        String caseId = type.get() == MessageType.CONTACT_LETTER ? null : matcher.group(1);
        String to = null;
        if (caseId != null) {
            Optional<CaseStore.CaseRecord> found = cases.find(caseId);
            if (found.isEmpty()) {
                return refuse(dir, file, new FieldViolation("file name", ViolationCode.CASE_UNKNOWN, "no case "
                        + caseId + " at this node: name the file after the case it belongs to"));
            }
            to = found.get().peer();
        }
        boolean json = matcher.group(3).equals("json");
        try {
            Instant now = Instant.now();
            // the file is recorded in the transaction that stores its form
            Function<EnvelopeHeader, MessageWrite.FileDrop> recorded = h -> new MessageWrite.FileDrop(digest, name,
                    h.messageId(), h.conversationId(), h.to(), now);
            EnvelopeHeader header = json ? intake.submitJson(type.get(), to, caseId, bytes, recorded)
                    : intake.submitXml(type.get(), to, caseId, bytes, recorded);
            archive(dir, file, header.messageId(), header.conversationId(), header.to());
            LOG.infof("file drop: %s accepted as %s %s (case %s) to %s", escape(name), type.get().wireName(),
                    header.messageId(), header.conversationId(), header.to());
            return Outcome.ACCEPTED;
        } catch (InvalidFormException e) {
            return acceptedMeanwhile(dir, file, digest) ? Outcome.ALREADY_ACCEPTED : refuse(dir, file, e.violations());
        } catch (ExchangeException e) {
            if (!e.code().permanent() || acceptedMeanwhile(dir, file, digest)) {
                LOG.warnf("file drop: %s not taken now, trying again later: %s", escape(name), escape(e.getMessage()));
                return Outcome.RETRY_LATER;
            }
            // the form as a whole (its case, its size): a line with the error's code
            return report(dir, file, List.of(line("form", e.code(), e.getMessage())));
        }
    }

    private FieldViolation tooLarge() {
        return new FieldViolation("file", ViolationCode.TOO_LARGE, "is larger than " + maxBytes
                + " bytes (node.max-message-bytes)");
    }

    /** Another instance accepted the same file while this one was refused by the state it left behind. */
    private boolean acceptedMeanwhile(Path dir, Path file, String digest) {
        try {
            Optional<FileDropStore.Accepted> found = accepted.find(digest);
            found.ifPresent(a -> archive(dir, file, a.messageId(), a.conversationId(), a.to()));
            return found.isPresent();
        } catch (ExchangeException e) {
            return false;
        }
    }

    private void archive(Path dir, Path file, String messageId, String conversationId, String to) {
        String day = LocalDate.now(clock.withZone(WorkingDayCalendar.ZONE)).toString();
        String report = "# accepted " + Instant.now() + "\nmessageId=" + messageId + "\nconversationId=" + conversationId
                + "\nto=" + to + "\n";
        move(file, dir, List.of("archive", day), report, ".accepted.txt");
    }

    private Outcome refuse(Path dir, Path file, FieldViolation violation) {
        return refuse(dir, file, List.of(violation));
    }

    private Outcome refuse(Path dir, Path file, List<FieldViolation> violations) {
        return report(dir, file, violations.stream().map(v -> line(v.field(), v.code(), v.message())).toList());
    }

    /** One line of an error report: field, code (of the violation or, for the whole form, of the error), message. */
    private static String line(String field, Enum<?> code, String message) {
        return field + '\t' + code.name() + '\t' + message + '\n';
    }

    /** Moves the file to {@code error/} with its report: one line per problem. */
    private Outcome report(Path dir, Path file, List<String> problems) {
        StringBuilder report = new StringBuilder("# ").append(safe(file.getFileName().toString())).append(" was refused at ")
                .append(Instant.now()).append(": nothing was stored or sent. Correct it and drop it again.\n");
        report.append("# ").append(problems.size()).append(" problem(s): field, code, message\n");
        problems.forEach(report::append);
        Optional<Path> moved = move(file, dir, List.of("error"), report.toString(), ".errors.txt");
        LOG.warnf("file drop: %s refused (%d problem(s)), moved to %s", safe(file.getFileName().toString()),
                problems.size(), escape(moved.map(Path::toString).orElse("(gone)")));
        return moved.isPresent() ? Outcome.REFUSED : Outcome.GONE;
    }
}
