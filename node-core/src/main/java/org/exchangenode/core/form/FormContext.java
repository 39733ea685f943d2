package org.exchangenode.core.form;

import java.time.LocalDate;
import java.util.Set;

/**
 * What the field rules need to know beyond the form: which node checks it, which peers it knows, and today's date
 * (in the node's time zone) for the "not in the future" rules.
 */
public record FormContext(String ownNodeId, Set<String> knownPeers, LocalDate today) {
    public FormContext {
        knownPeers = Set.copyOf(knownPeers);
    }
}
