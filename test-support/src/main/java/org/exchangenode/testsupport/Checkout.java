package org.exchangenode.testsupport;

import java.nio.file.Path;

/**
 * The repository checkout that tests and the benchmark run in, for the files they use as an installer would (the
 * packaged application, {@code certs-sample/}, {@code config/}): the system property {@code exn.root}, which the
 * builds of integration-tests and bench set, else the parent of the working directory (Maven runs a module's tests in
 * the module's directory).
 */
public final class Checkout {
    private Checkout() {
    }

    public static Path root() {
        return Path.of(System.getProperty("exn.root", "..")).toAbsolutePath().normalize();
    }

    /** The TEST ONLY sample PKI: the root CA and one folder per sample node ({@code <id>/node.key.pem}, {@code node.crt.pem}). */
    public static Path sampleCerts() {
        return root().resolve("certs-sample");
    }
}
