package org.exchangenode.cli;

import java.io.PrintWriter;
import java.util.concurrent.Callable;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/** A command that talks to a node: the shared connection options, standard output, and whether it is a terminal. */
abstract class NodeCommand implements Callable<Integer> {
    @Mixin
    ConnectionOptions connection;

    @Spec
    CommandSpec spec;

    @ParentCommand
    ExchangeNodeCli root;

    PrintWriter out() {
        return spec.commandLine().getOut();
    }

    Progress progress(String verb, long total) {
        return new Progress(out(), root != null && root.terminal, verb, total);
    }

    /**
     * One page of a listing: the node's JSON as it answered, or for people a {@code header} line (if any), one line per
     * row and the count of {@code counted} on the page.
     */
    int listing(com.fasterxml.jackson.databind.JsonNode rows, ListingOptions.Format format, String header,
                java.util.function.Function<com.fasterxml.jackson.databind.JsonNode, String> line, String counted) {
        if (format.json()) {
            return json(rows);
        }
        if (header != null) {
            out().println(header);
        }
        rows.forEach(row -> out().println(line.apply(row)));
        out().println(rows.size() + " " + counted + " on this page");
        return ExchangeNodeCli.OK;
    }

    /** The node's JSON as it answered, for scripts. */
    int json(com.fasterxml.jackson.databind.JsonNode json) {
        out().println(json.toPrettyString());
        return ExchangeNodeCli.OK;
    }

    /** An operator action's reason: required by picocli, and not blank here. */
    String reason(String reason) {
        if (reason.isBlank()) {
            throw Usage.error(spec, "option --reason must not be blank: every operator action is recorded with its reason");
        }
        return reason;
    }
}
