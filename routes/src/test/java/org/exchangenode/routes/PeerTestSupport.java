package org.exchangenode.routes;

import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;

/** Tests of node 320100 against peer 440300, played with node-core through the node's embedded broker. */
abstract class PeerTestSupport {
    static final Duration WAIT = Duration.ofSeconds(20);
    /** The embedded broker's TCP port in the test profile (application.properties). */
    static final String BROKER = "tcp://127.0.0.1:61699";
    TestPeer shenzhen;

    @BeforeEach
    void connectPeer() throws Exception {
        shenzhen = new TestPeer("440300", BROKER);
    }

    @AfterEach
    void disconnectPeer() throws Exception {
        shenzhen.close();
    }
}
