package org.exchangenode.cli;

import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import picocli.AutoComplete;

/**
 * Writes the bash (and zsh) completion script of the command line, from the very {@link ExchangeNodeCli#commandLine}
 * the jar runs: the build calls it (exec-maven-plugin) to put {@code target/exchange-node-cli_completion} beside the
 * jar. Usage: {@code source exchange-node-cli_completion}, then {@code exchange-node-cli <TAB>}.
 */
public final class CompletionScript {
    private CompletionScript() {
    }

    public static void main(String[] args) throws IOException {
        if (args.length != 1) {
            System.err.println("usage: CompletionScript TARGET-FILE");
            System.exit(ExchangeNodeCli.USAGE);
        }
        PrintStream nowhere = new PrintStream(OutputStream.nullOutputStream(), true, StandardCharsets.UTF_8);
        Path target = Path.of(args[0]);
        Files.createDirectories(target.toAbsolutePath().getParent());
        Files.writeString(target, AutoComplete.bash("exchange-node-cli",
                ExchangeNodeCli.commandLine(nowhere, nowhere, false)), StandardCharsets.UTF_8);
    }
}
