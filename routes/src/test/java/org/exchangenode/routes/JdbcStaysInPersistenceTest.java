package org.exchangenode.routes;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * JDBC stays behind the store interfaces: no main source outside the {@code persistence} package names a
 * {@code java.sql} or {@code javax.sql} type, so that a message's write is data the wiring builds and any store
 * (JDBC or in memory) applies.
 */
class JdbcStaysInPersistenceTest {
    private static final Path MAIN = Path.of("src/main/java/org/exchangenode/routes");

    @Test
    void shouldFindNoSqlTypeWhenReadingMainSourcesOutsidePersistence() throws IOException {
        List<Path> sources;
        try (Stream<Path> files = Files.walk(MAIN)) {
            sources = files.filter(p -> p.toString().endsWith(".java")).toList();
        }
        assertThat(sources).as("main sources found").hasSizeGreaterThan(50);
        List<String> offenders = sources.stream()
                .filter(p -> !MAIN.relativize(p).startsWith("persistence"))
                .filter(JdbcStaysInPersistenceTest::namesSql)
                .map(p -> MAIN.relativize(p).toString()).toList();
        assertThat(offenders).isEmpty();
    }

    private static boolean namesSql(Path source) {
        try {
            String text = Files.readString(source);
            return text.contains("java.sql.") || text.contains("javax.sql.");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
