package org.exchangenode.routes.broker;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BiConsumer;
import java.util.regex.Pattern;
import org.apache.activemq.artemis.jms.client.ActiveMQConnectionFactory;

/**
 * How the node's connection factory reconnects, unless the broker URL says otherwise: a parameter the installer
 * wrote in the URL always wins (an HA URL tuned for a broker pair must not be cut short by the node's defaults).
 *
 * <p>Defaults for one broker: ride out a restart of a few seconds (5 attempts, 0.5 s doubling to 10 s), after which
 * the relay defers and retries and the inbox consumer's container reconnects on its own. For a broker pair
 * ({@code ha=true}) the client keeps trying the pair for as long as it takes ({@code reconnectAttempts=-1}): the backup
 * activates only after it has seen the primary die, and a fail-back waits until the restarted primary has copied the
 * backup's journal, either of which can outlast five attempts. Either way a blocking call made while reconnecting
 * fails after 5 s ({@code callFailoverTimeout}), so the relay defers, a consumer rolls back, and a stop request is
 * never held up by a broker that does not come back. With a pair, the node opens new connections to the brokers its
 * URL names ({@code useTopologyForLoadBalancing=false}): the connectors the pair announces carry no trust store.
 */
public final class ReconnectSettings {
    private static final Pattern HA = Pattern.compile("[?&]ha=true(&|$)", Pattern.CASE_INSENSITIVE);

    private ReconnectSettings() {
    }

    /** Whether the URL asks for a broker pair's fail-over ({@code ha=true}). */
    public static boolean highlyAvailable(String url) {
        return url != null && HA.matcher(url).find();
    }

    /** A reconnect parameter: its name in the URL and how the factory takes it. */
    private record Parameter(String name, BiConsumer<ActiveMQConnectionFactory, Object> setter) {
    }

    private static final List<Parameter> PARAMETERS = List.of(
            new Parameter("reconnectAttempts", (f, v) -> f.setReconnectAttempts(((Number) v).intValue())),
            new Parameter("retryInterval", (f, v) -> f.setRetryInterval(((Number) v).longValue())),
            new Parameter("retryIntervalMultiplier", (f, v) -> f.setRetryIntervalMultiplier(((Number) v).doubleValue())),
            new Parameter("maxRetryInterval", (f, v) -> f.setMaxRetryInterval(((Number) v).longValue())),
            new Parameter("callTimeout", (f, v) -> f.setCallTimeout(((Number) v).longValue())),
            new Parameter("callFailoverTimeout", (f, v) -> f.setCallFailoverTimeout(((Number) v).longValue())),
            new Parameter("useTopologyForLoadBalancing", (f, v) -> f.setUseTopologyForLoadBalancing((Boolean) v)));

    /** The defaults this URL leaves to the node, by URL parameter name. */
    static Map<String, Object> defaultsFor(String url) {
        Map<String, Object> defaults = new LinkedHashMap<>();
        defaults.put("reconnectAttempts", highlyAvailable(url) ? -1 : 5);
        defaults.put("retryInterval", 500L);
        defaults.put("retryIntervalMultiplier", 2.0);
        defaults.put("maxRetryInterval", 10_000L);
        defaults.put("callTimeout", 30_000L);
        defaults.put("callFailoverTimeout", 5_000L);
        if (highlyAvailable(url)) {
            // new connections go to the brokers the URL names, with its TLS settings, not to the connectors the pair
            // announces (which carry no trust store); the topology still tells the client which broker serves
            defaults.put("useTopologyForLoadBalancing", false);
        }
        defaults.keySet().removeIf(parameter -> url != null
                && Pattern.compile("[?&]" + parameter + "=", Pattern.CASE_INSENSITIVE).matcher(url).find());
        return defaults;
    }

    /** Applies to {@code factory} (already made from {@code url}) the defaults the URL does not set itself. */
    public static void apply(ActiveMQConnectionFactory factory, String url) {
        Map<String, Object> defaults = defaultsFor(url);
        for (Parameter parameter : PARAMETERS) {
            Object value = defaults.get(parameter.name());
            if (value != null) {
                parameter.setter().accept(factory, value);
            }
        }
    }
}
