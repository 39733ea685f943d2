package org.exchangenode.cli;

import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * The options of every command that talks to a node: {@code --node URL --user NAME} and the password from
 * {@code --password-env VARIABLE} or {@code --password-file FILE} — never the command line itself, where other users
 * of the machine could read it.
 */
final class ConnectionOptions {
    @Spec(Spec.Target.MIXEE)
    CommandSpec command;

    @Option(names = "--node", required = true, paramLabel = "URL", converter = Converters.NodeUrl.class,
            description = "the node's base URL, e.g. http://127.0.0.1:8080")
    URI node;

    @Option(names = "--user", required = true, paramLabel = "NAME", description = "an API user of the node")
    String user;

    @Option(names = "--password-env", paramLabel = "VARIABLE",
            description = "the environment variable holding the user's password (or --password-file)")
    String passwordVariable;

    @Option(names = "--password-file", paramLabel = "FILE",
            description = "a file holding the user's password; keep it readable by you only (or --password-env)")
    Path passwordFile;

    /** The node's API with these credentials; an unusable password option is a usage error naming the option. */
    NodeApi api() {
        return new NodeApi(node, user, password());
    }

    private String password() {
        if ((passwordVariable == null) == (passwordFile == null)) {
            throw Usage.error(command, "give exactly one of --password-env VARIABLE or --password-file FILE");
        }
        if (passwordVariable != null) {
            String value = System.getenv(passwordVariable);
            if (value == null || value.isEmpty()) {
                throw Usage.error(command, "option --password-env: the environment variable it names is not set");
            }
            return value;
        }
        try {
            String value = Files.readString(passwordFile, StandardCharsets.UTF_8).strip();
            if (value.isEmpty()) {
                throw Usage.error(command, "option --password-file: the file is empty");
            }
            return value;
        } catch (IOException e) {
            throw Usage.error(command, "option --password-file: the file cannot be read (" + e.getClass().getSimpleName()
                    + ")");
        }
    }
}
