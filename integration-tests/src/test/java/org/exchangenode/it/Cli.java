package org.exchangenode.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/** The node's command line (cli/target/exchange-node-cli.jar) run as a process, as an auditor or operator runs it. */
final class Cli {
    static final Path JAR = NodeProcess.ROOT.resolve("cli/target/exchange-node-cli.jar");

    private Cli() {
    }

    /** What a run printed and how it exited. */
    record Run(int exit, String output) {
    }

    /** Runs it with EXN_AUDIT_PASSWORD set to the scenario user's password (overridable in {@code environment}). */
    static Run run(Map<String, String> environment, String... args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-jar", JAR.toString()));
        command.addAll(List.of(args));
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
        builder.environment().put("EXN_AUDIT_PASSWORD", NodeProcess.AUDITOR_PASSWORD);
        builder.environment().putAll(environment);
        Process process = builder.start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.waitFor(120, TimeUnit.SECONDS)).isTrue();
        return new Run(process.exitValue(), output);
    }
}
