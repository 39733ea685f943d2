package org.exchangenode.cli;

import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Optional;
import org.exchangenode.core.calendar.CalendarFiles;
import org.exchangenode.core.calendar.WorkingDayCalendar;
import org.exchangenode.core.directory.DirectoryFiles;
import org.exchangenode.core.directory.NetworkDirectory;
import org.exchangenode.core.error.ExchangeException;
import org.exchangenode.core.pki.PemFiles;
import org.exchangenode.core.signing.NodeCredentials;
import org.exchangenode.core.signing.TrustAnchors;

/** {@code doctor}'s checks of what the node shares with the network: the working-day calendar, the peer directory. */
final class DoctorNetworkChecks {
    private DoctorNetworkChecks() {
    }

    /** The calendar as on {@code day}: today in Beijing, or the day {@code --date} names (e.g. before a new year). */
    static void calendar(DoctorCommand.Config config, DoctorCommand.Report report, LocalDate day) {
        Path dir = Path.of(config.value("node.calendar.dir").orElse("config/calendar"));
        try {
            WorkingDayCalendar calendar = CalendarFiles.load(dir);
            int year = day.getYear();
            String loaded = "years " + calendar.firstYear() + "–" + calendar.lastYear() + " in " + dir;
            if (year < calendar.firstYear() || year > calendar.lastYear()) {
                report.fail("calendar", loaded + ": no calendar for this year " + year);
            } else if (calendar.lastYear() == year) {
                report.warn("calendar", loaded + ": add " + (year + 1) + ".properties when the State Council announces it");
            } else {
                report.ok("calendar", loaded);
            }
        } catch (ExchangeException e) {
            report.fail("calendar", e.getMessage());
        }
    }

    static void directory(DoctorCommand.Config config, DoctorCommand.Report report, TrustAnchors anchors, NodeCredentials credentials, String nodeId) {
        Optional<String> file = config.value("node.directory.file");
        if (file.isEmpty()) {
            long peers = config.keys().stream().filter(k -> k.startsWith("node.peers.")).count();
            if (peers == 0) {
                report.warn("directory", "neither node.directory.file nor node.peers is set: the node has no peers");
            } else {
                report.ok("directory", peers + " peer(s) from node.peers (no directory file)");
            }
            return;
        }
        if (anchors == null) {
            report.fail("directory", "cannot be checked without trust anchors");
            return;
        }
        try {
            List<X509Certificate> authority = config.value("node.directory.authority-certificate")
                    .map(p -> PemFiles.readCertificates(Path.of(p))).orElse(List.of());
            boolean allowUnsigned = config.value("node.directory.allow-unsigned-for-development").map(Boolean::parseBoolean)
                    .orElse(false);
            NetworkDirectory directory = DirectoryFiles.load(Path.of(file.get()), authority, anchors, Instant.now(),
                    allowUnsigned);
            Optional<NetworkDirectory.Entry> own = directory.find(nodeId);
            String what = "version " + directory.version() + ", " + directory.nodes().size() + " nodes, "
                    + (directory.signedBy() == null ? "not signed" : "signed by " + directory.signedBy());
            if (own.isEmpty()) {
                report.fail("directory", what + ": does not list this node " + nodeId);
            } else if (credentials != null && !own.get().certificates().contains(credentials.certificate())) {
                report.fail("directory", what + ": does not list this node's certificate: peers will refuse its messages");
            } else if (authority.isEmpty()) {
                report.warn("directory", what + " (node.directory.allow-unsigned-for-development is set: set "
                        + "node.directory.authority-certificate so that only signed directories are used)");
            } else {
                report.ok("directory", what);
            }
        } catch (ExchangeException e) {
            report.fail("directory", e.getMessage());
        }
    }
}
