package org.exchangenode.routes.health;

import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.config.MeterFilter;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;
import org.exchangenode.routes.config.NodeConfig;

/**
 * Every meter carries {@code node}, this node's id: the instances of one node and several nodes scraped by one
 * Prometheus are told apart by it (and {@code max by (node, …)} joins the instances' identical database gauges).
 */
public class NodeTags {

    @Produces
    @Singleton
    MeterFilter nodeTag(NodeConfig node) {
        return MeterFilter.commonTags(Tags.of("node", node.id()));
    }
}
