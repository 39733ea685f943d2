package org.exchangenode.core.pki;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FileFingerprintsTest {
    @TempDir
    Path dir;

    @Test
    void shouldChangeWhenAFileIsRewrittenWithTheSameLengthAndTimestamp() throws Exception {
        Path file = dir.resolve("directory.json");
        Path signature = dir.resolve("directory.json.sig");
        Files.writeString(file, "{\"version\":1}");
        Files.writeString(signature, "AAAA");
        FileTime stamp = Files.getLastModifiedTime(signature);
        String before = FileFingerprints.of(List.of(file, signature));
        assertThat(FileFingerprints.of(List.of(file, signature))).isEqualTo(before);

        Files.writeString(signature, "BBBB");
        Files.setLastModifiedTime(signature, stamp);

        assertThat(FileFingerprints.of(List.of(file, signature))).isNotEqualTo(before);
    }

    @Test
    void shouldTellAMissingFileFromAnEmptyOne() throws Exception {
        Path file = dir.resolve("root.crl");
        String missing = FileFingerprints.of(List.of(file));
        Files.write(file, new byte[0]);
        assertThat(FileFingerprints.of(List.of(file))).isNotEqualTo(missing);
    }
}
