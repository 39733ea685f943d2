package org.exchangenode.routes.config;

import static org.assertj.core.api.Assertions.assertThat;

import io.quarkus.test.junit.QuarkusTest;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.junit.jupiter.api.Test;

/**
 * The node's data directory holds the H2 database and the broker journal (every form, every person's data): only the
 * node's user may enter it. The test profile's directory survives between runs, created before this rule by older
 * code: the node must also have closed one it found open.
 */
@QuarkusTest
class DataDirectoryTest {
    private static final Path DATA = Path.of("target/test-data");

    private static String permissions(Path path) throws Exception {
        return PosixFilePermissions.toString(Files.getPosixFilePermissions(path, LinkOption.NOFOLLOW_LINKS));
    }

    @Test
    void shouldKeepTheDataDirectoryAndTheDatabaseFilesOwnerOnly() throws Exception {
        assertThat(permissions(DATA)).isEqualTo("rwx------");
        assertThat(permissions(DATA.resolve("db"))).isEqualTo("rwx------");
        assertThat(permissions(DATA.resolve("broker"))).isEqualTo("rwx------");
        assertThat(permissions(DATA.resolve("db").resolve("exchange-node.mv.db"))).isEqualTo("rw-------");
    }
}
