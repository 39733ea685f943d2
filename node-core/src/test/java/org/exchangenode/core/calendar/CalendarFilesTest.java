package org.exchangenode.core.calendar;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.exchangenode.core.error.ExchangeException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** An operator's mistakes in a calendar file are refused with the file and the entry named. */
class CalendarFilesTest {
    @TempDir
    Path dir;

    private Path write(String name, String text) throws IOException {
        return Files.writeString(dir.resolve(name), text, StandardCharsets.UTF_8);
    }

    /** Each row: a file content (";" stands for a line break) and the message its error must contain. */
    @ParameterizedTest(name = "{1}")
    @CsvSource(delimiter = '|', value = {
            "year=2027;holidays=02-30|holidays: 2027-02-30 does not exist",
            "year=2027;holidays=1-1|holidays: '1-1' is not MM-DD",
            "year=2027;holidays=05-05..05-01|ends before it starts",
            "year=2027;workdays=03-03|2027-03-03 is a WEDNESDAY",
            "year=2027;holidays=02-06;workdays=02-06|2027-02-06 is also listed in holidays",
            "year=2026|does not match the file name 2027.properties",
            "year=next|year must be a number"})
    void shouldNameTheFileAndEntryWhenAFileIsWrong(String content, String message) throws IOException {
        Path file = write("2027.properties", content.replace(";", "\n"));

        assertThatThrownBy(() -> CalendarFiles.read(file)).isInstanceOf(ExchangeException.class)
                .hasMessageContaining("2027.properties").hasMessageContaining(message);
    }

    @Test
    void shouldRefuseAGapBetweenLoadedYears() throws IOException {
        write("2025.properties", "year=2025");
        write("2027.properties", "year=2027");

        assertThatThrownBy(() -> CalendarFiles.load(dir)).hasMessageContaining("2026 is missing");
    }

    @Test
    void shouldRefuseAnEmptyDirectory() {
        assertThatThrownBy(() -> CalendarFiles.load(dir)).hasMessageContaining("no calendar file");
    }

    @Test
    void shouldReadTheShippedFilesWithTheirSources() {
        CalendarYear year = CalendarFiles.read(Path.of("../config/calendar/2025.properties"));
        assertThat(year.source()).isEqualTo("国办发明电〔2024〕12号");
        assertThat(year.daysOff()).hasSize(1 + 8 + 3 + 5 + 3 + 8);
        assertThat(year.makeUpWorkingDays()).hasSize(5);
    }
}
