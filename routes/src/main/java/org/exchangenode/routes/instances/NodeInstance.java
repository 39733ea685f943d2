package org.exchangenode.routes.instances;

import jakarta.inject.Singleton;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;
import java.util.regex.Pattern;
import org.exchangenode.core.error.ErrorCode;
import org.exchangenode.core.error.ExchangeException;
import org.exchangenode.routes.config.DatabaseConfig;
import org.exchangenode.routes.config.NodeConfig;
import org.jboss.logging.Logger;

/**
 * This process among the instances of one node that share a database: its id ({@code node.instance-id}, by default
 * host, process id and a random part, so that two processes never share one) and the claims it takes on rows of
 * work, which expire after {@code node.claim-lease} so that another instance takes over the work of one that died.
 */
@Singleton
public class NodeInstance {
    private static final Logger LOG = Logger.getLogger(NodeInstance.class);
    private static final Pattern ID = Pattern.compile("[A-Za-z0-9._:@-]{1,64}");
    private final String id;
    private final Duration lease;

    public NodeInstance(NodeConfig config, DatabaseConfig database) {
        this.id = config.instanceId().orElseGet(NodeInstance::generated);
        if (config.instanceId().isPresent() && database.kind() == DatabaseConfig.Kind.h2) {
            // an instance id says several instances are meant; an H2 file (and the embedded broker) is one process's
            LOG.warnf("node.instance-id is set but node.database.kind is h2: H2 and the embedded broker serve one "
                    + "instance only; several instances of a node need PostgreSQL and a standalone broker");
        }
        if (!ID.matcher(id).matches()) {
            throw new ExchangeException(ErrorCode.CONFIGURATION_INVALID, "node.instance-id must be 1 to 64 letters, "
                    + "digits or . _ : @ -");
        }
        this.lease = config.claimLease();
        if (lease.isNegative() || lease.isZero()) {
            throw new ExchangeException(ErrorCode.CONFIGURATION_INVALID, "node.claim-lease must be positive");
        }
    }

    private static String generated() {
        String host;
        try {
            host = InetAddress.getLocalHost().getHostName();
        } catch (UnknownHostException e) {
            host = "host";
        }
        host = host.replaceAll("[^A-Za-z0-9.-]", "-");
        String rest = "-" + ProcessHandle.current().pid() + "-" + UUID.randomUUID().toString().substring(0, 8);
        return (host.length() > 64 - rest.length() ? host.substring(0, 64 - rest.length()) : host) + rest;
    }

    public String id() {
        return id;
    }

    public Duration lease() {
        return lease;
    }

    /** A new claim, fenced by its own token, for the lease from {@code now}. */
    public Claim claim(Instant now) {
        return new Claim(id, UUID.randomUUID().toString(), now.plus(lease));
    }
}
