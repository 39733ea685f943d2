package org.exchangenode.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;

import io.restassured.http.ContentType;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.exchangenode.core.exchange.SignedMessage;
import org.exchangenode.routes.broker.NodeDeadLetterQueues;
import org.exchangenode.testsupport.process.ArtemisServer;
import org.exchangenode.testsupport.process.PrometheusServer;
import org.exchangenode.testsupport.process.PrometheusServer.Alert;
import org.exchangenode.testsupport.samples.Samples;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The shipped alert rules on a real Prometheus server (the Debian package, on loopback) scraping two node processes
 * (320100 and 440300 on H2, a real Artemis broker): 440300 stops, a letter from 320100 goes unanswered, and
 * ExnPeerNotAnswering fires; 440300 comes back, the letter is delivered and the alert resolves. Then every exn_*
 * name the rules use must be among the series scraped from the nodes (a misspelt or missing meter leaves a rule
 * silent forever).
 *
 * <p>The rule file is {@code config/monitoring/exchange-node-alerts.yml} as shipped but for the two numbers of
 * ExnPeerNotAnswering (15 minutes' age, for 5 minutes), shortened so that the test takes seconds; the nodes sample
 * their gauges, and Prometheus scrapes and evaluates, every second.
 */
class PrometheusAlertsIT {
    private static final String SCENARIO = "prometheus-" + System.currentTimeMillis();
    private static final Path WORK = NodeProcess.WORK.resolve(SCENARIO);
    private static final Path SHIPPED_RULES = NodeProcess.ROOT.resolve("config/monitoring/exchange-node-alerts.yml");
    private static final String JOB = "exchange-node";
    /** ExnPeerNotAnswering as the metrics contract has it; the test shortens its threshold and its {@code for}. */
    private static final String PEER_EXPR = "max by (node, peer) (exn_outbox_unreceipted_oldest_age_seconds) > 900";
    private static final String PEER_FOR = "for: 5m";
    private static final int TEST_AGE_SECONDS = 5;
    private static final Duration TEST_FOR = Duration.ofSeconds(5);
    private static final Duration FIRING_WAIT = Duration.ofSeconds(Integer.getInteger("exn.prometheus-it.firing-wait", 60));
    private static final Duration WAIT = Duration.ofSeconds(60);

    /**
     * exn_* names a rule uses that these nodes do not export, with why: the meter has a series only under a
     * condition this test does not create. Exactly these must be missing, so the list cannot go stale.
     */
    private static final Map<String, String> NOT_SCRAPED_HERE = Map.of(
            "exn_crl_next_update_timestamp_seconds", "one series per loaded CRL; these nodes have no node.trust.crls",
            "exn_peer_certificate_days_to_expiry", "one series per node of a peer directory; these nodes name their"
                    + " peers with node.peers.* and load no node.directory.file");

    private static ArtemisServer broker;
    private static NodeProcess nanjing;
    private static NodeProcess shenzhen;
    private static PrometheusServer prometheus;

    @BeforeAll
    static void startNetworkAndPrometheus() throws Exception {
        Path rules = WORK.resolve("prometheus/exchange-node-alerts.yml");
        Files.createDirectories(rules.getParent());
        Files.writeString(rules, forTestSpeed(Files.readString(SHIPPED_RULES, StandardCharsets.UTF_8)),
                StandardCharsets.UTF_8);
        broker = new ArtemisServer(WORK.resolve("broker"), new NodeDeadLetterQueues());
        nanjing = node("320100", "440300").start();
        shenzhen = node("440300", "320100").start();
        // as config/monitoring/prometheus.yml scrapes the nodes: each target labelled with its node id, the meters'
        // own node label honoured
        prometheus = new PrometheusServer(WORK.resolve("prometheus"), Duration.ofSeconds(1), List.of(rules),
                new PrometheusServer.Job(JOB, "/q/metrics", true, List.of(target(nanjing), target(shenzhen))));
    }

    /**
     * Gauges sampled every second. A Receipt-less letter is sent again every 5 seconds, up to 100 sends: it stays
     * unreceipted (not FAILED) while 440300 is down.
     */
    private static NodeProcess node(String id, String peer) throws Exception {
        return new NodeProcess(id, SCENARIO, broker.url(), List.of(peer)).with("node.metrics.sample-interval", "PT1S")
                .with("node.delivery.receipt-timeout", "PT5S").with("node.delivery.backoff-multiplier", "1.0")
                .with("node.delivery.jitter", "0").with("node.delivery.max-sends", "100")
                .with("node.delivery.check-interval", "PT1S");
    }

    private static PrometheusServer.Target target(NodeProcess node) {
        return new PrometheusServer.Target(address(node), Map.of("node", node.nodeId()));
    }

    private static String address(NodeProcess node) {
        return node.baseUrl().replaceFirst("^http://", "");
    }

    @AfterAll
    static void stop() throws Exception {
        NodeProcess.closeAll(prometheus, nanjing, shenzhen, broker);
    }

    /**
     * The shipped rules with ExnPeerNotAnswering's threshold and {@code for} shortened; each must be found exactly
     * once, so that a change to the shipped rule fails here instead of leaving the test on the slow numbers.
     */
    static String forTestSpeed(String shipped) {
        assertThat(occurrences(shipped, "alert: ExnPeerNotAnswering")).as("ExnPeerNotAnswering rules").isEqualTo(1);
        assertThat(occurrences(shipped, PEER_EXPR)).as("'" + PEER_EXPR + "' in the rule file").isEqualTo(1);
        int start = shipped.indexOf("alert: ExnPeerNotAnswering");
        Matcher next = Pattern.compile("\n\\s*- (alert|record|name):").matcher(shipped);
        int end = next.find(start) ? next.start() : shipped.length();
        String rule = shipped.substring(start, end);
        assertThat(rule).as("ExnPeerNotAnswering's rule").contains(PEER_EXPR);
        assertThat(occurrences(rule, PEER_FOR)).as("'" + PEER_FOR + "' in ExnPeerNotAnswering's rule").isEqualTo(1);
        String shortened = rule.replace(PEER_EXPR, PEER_EXPR.replace("> 900", "> " + TEST_AGE_SECONDS))
                .replace(PEER_FOR, "for: " + TEST_FOR.toSeconds() + "s");
        return shipped.substring(0, start) + shortened + shipped.substring(end);
    }

    private static int occurrences(String text, String part) {
        int count = 0;
        for (int i = text.indexOf(part); i >= 0; i = text.indexOf(part, i + 1)) {
            count++;
        }
        return count;
    }

    /**
     * One scenario, since the second half needs the first: a node exports a peer's outbox gauges once it has seen a
     * message wait for that peer, which only the outage makes certain.
     */
    @Test
    void shouldFirePeerNotAnsweringWhenThePeerIsDownResolveWhenItIsBackAndScrapeEveryMetricTheRulesUse()
            throws Exception {
        var loaded = prometheus.rules().stream().filter(r -> r.name().equals("ExnPeerNotAnswering")).toList();
        assertThat(loaded).singleElement().satisfies(rule -> {
            assertThat(rule.duration()).isEqualTo(TEST_FOR);
            assertThat(rule.query()).endsWith("> " + TEST_AGE_SECONDS);
        });
        await().atMost(WAIT).untilAsserted(() -> assertThat(prometheus.query("up{job=\"" + JOB + "\"} == 1"))
                .as("both nodes scraped").hasSize(2));
        awaitDelivered(submitLetter());
        await().atMost(WAIT).until(() -> peerNotAnswering().isEmpty());

        shenzhen.stop();
        String unanswered = submitLetter();
        long submitted = System.nanoTime();
        await().atMost(FIRING_WAIT).pollInterval(Duration.ofMillis(250)).untilAsserted(() ->
                assertThat(peerNotAnswering()).singleElement().satisfies(alert -> {
                    assertThat(alert.firing()).as("firing").isTrue();
                    assertThat(alert.labels()).containsEntry("node", "320100").containsEntry("peer", "440300");
                }));
        long firingAfter = System.nanoTime() - submitted;
        nanjing.api().get("/api/v1/messages/" + unanswered).then().body("status", equalTo("SENT"));
        assertThat(prometheus.query("up{job=\"" + JOB + "\",node=\"440300\"}")).as("ExnNodeDown's series for 440300")
                .singleElement().satisfies(sample -> assertThat(sample.value()).isZero());
        // and ExnNodeDown (for: 2m, not shortened) has seen it: pending for 440300's instance
        assertThat(prometheus.alerts()).filteredOn(a -> "ExnNodeDown".equals(a.name())).singleElement()
                .satisfies(alert -> assertThat(alert.labels()).containsEntry("node", "440300")
                        .containsEntry("instance", address(shenzhen)));

        long restarting = System.nanoTime();
        shenzhen.start();
        long restarted = System.nanoTime();
        awaitDelivered(unanswered);
        await().atMost(WAIT).pollInterval(Duration.ofMillis(250)).until(() -> peerNotAnswering().isEmpty());
        long resolvedAfter = System.nanoTime() - restarted;

        System.out.printf("prometheus-alerts: ExnPeerNotAnswering firing %.1f s after the letter to the stopped peer;"
                + " resolved %.1f s after the peer was ready again (its restart took %.1f s)%n", firingAfter / 1e9,
                resolvedAfter / 1e9, (restarted - restarting) / 1e9);

        // counters live in the process: the quarantine comes after 440300's restart, so that its counter is scraped
        quarantineATamperedLetterAtShenzhen();
        assertEveryExnNameTheRulesUseIsScraped();
    }

    /** A letter tampered with after signing: 440300 quarantines it, and exn_quarantined_total has a series from then. */
    private static void quarantineATamperedLetterAtShenzhen() throws Exception {
        SignedMessage letter = RawSender.letter("320100", "320100", "440300", "IT-PROM-" + System.nanoTime(),
                Samples.letter());
        try (RawSender raw = new RawSender(broker.url())) {
            raw.send("440300", new String(letter.bytes(), StandardCharsets.UTF_8)
                    .replace("4301010509001234567", "6222020000000000000").getBytes(StandardCharsets.UTF_8));
        }
        await().atMost(WAIT).untilAsserted(() -> shenzhen.auditor().get("/api/v1/quarantine?messageId="
                + letter.header().messageId()).then().statusCode(200).body("size()", equalTo(1)));
    }

    /**
     * Every exn_* name in the loaded rules (expressions and annotation templates) is among the series Prometheus
     * scraped from the nodes, but exactly {@link #NOT_SCRAPED_HERE}; and no rule's evaluation failed.
     */
    private static void assertEveryExnNameTheRulesUseIsScraped() {
        Set<String> used = new TreeSet<>();
        Set<String> recorded = new TreeSet<>();
        Pattern name = Pattern.compile("\\bexn_[a-z0-9_]+");
        for (PrometheusServer.Rule rule : prometheus.rules()) {
            if ("recording".equals(rule.type())) {
                recorded.add(rule.name());
            }
            List<String> texts = new ArrayList<>(rule.annotations().values()); // templates may query too
            texts.add(rule.query());
            for (String text : texts) {
                Matcher m = name.matcher(text);
                while (m.find()) {
                    used.add(m.group());
                }
            }
        }
        used.removeAll(recorded);
        assertThat(prometheus.rules()).allSatisfy(r -> assertThat(r.health()).as(r.name() + ": " + r.lastError())
                .isNotEqualTo("err"));
        assertThat(used).as("exn_* names in the rules").contains("exn_outbox_unreceipted_oldest_age_seconds");
        await().atMost(Duration.ofSeconds(15)).untilAsserted(() -> {
            Set<String> missing = new TreeSet<>(used);
            missing.removeAll(prometheus.metricNames());
            assertThat(missing).as("used by the rules and not scraped from the nodes (expected: NOT_SCRAPED_HERE)")
                    .isEqualTo(NOT_SCRAPED_HERE.keySet());
        });
        System.out.println("prometheus-alerts: the rules use " + used.size() + " exn_* names, all scraped but "
                + new TreeSet<>(NOT_SCRAPED_HERE.keySet()) + " (no CRLs, no peer directory here)");
    }

    private static List<Alert> peerNotAnswering() {
        return prometheus.alerts().stream().filter(a -> "ExnPeerNotAnswering".equals(a.name())).toList();
    }

    private static String submitLetter() {
        return nanjing.api().contentType(ContentType.JSON).body(Samples.letterJson()).post("/api/v1/contact-letters")
                .then().statusCode(202).extract().path("messageId");
    }

    private static void awaitDelivered(String messageId) {
        await().atMost(WAIT).untilAsserted(() -> nanjing.api().get("/api/v1/messages/" + messageId).then()
                .body("status", equalTo("DELIVERED")));
    }
}
