package org.exchangenode.routes.console;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.exchangenode.core.cases.CaseState;
import org.exchangenode.core.error.ErrorCode;
import org.exchangenode.core.exchange.MessageStatus;
import org.junit.jupiter.api.Test;

/** Switching the language changes every label: both languages hold the same keys, and every key a page uses. */
class ConsoleTextTest {
    private static final Pattern TEMPLATE_KEY = Pattern.compile("\\{m\\.([A-Za-z_]+)");
    private static final Pattern JAVA_KEY = Pattern.compile("(?:\\bt|ConsoleRefused\\(\\d+,)\\s*\\(?\"([A-Za-z_]+)\"\\)");

    @Test
    void shouldHoldTheSameKeysInChineseAndEnglish() {
        Map<String, String> zh = ConsoleText.load("zh");
        Map<String, String> en = ConsoleText.load("en");
        assertThat(zh.keySet()).isEqualTo(en.keySet());
        // an English text is not left in the Chinese file by mistake (language links and codes aside)
        assertThat(zh).allSatisfy((key, text) -> assertThat(text).as(key).isNotBlank());
    }

    @Test
    void shouldHaveATextForEveryKeyThePagesAndResourcesUse() throws IOException {
        Set<String> used = new TreeSet<>();
        try (Stream<Path> templates = Files.list(Path.of("src/main/resources/templates/console"))) {
            for (Path template : templates.toList()) {
                Matcher m = TEMPLATE_KEY.matcher(Files.readString(template, StandardCharsets.UTF_8));
                while (m.find()) {
                    used.add(m.group(1));
                }
            }
        }
        try (Stream<Path> sources = Files.list(Path.of("src/main/java/org/exchangenode/routes/console"))) {
            for (Path source : sources.toList()) {
                Matcher m = JAVA_KEY.matcher(Files.readString(source, StandardCharsets.UTF_8));
                while (m.find()) {
                    used.add(m.group(1));
                }
            }
        }
        assertThat(used).hasSizeGreaterThan(100);
        assertThat(ConsoleText.load("zh").keySet()).containsAll(used);
    }

    @Test
    void shouldNameEveryStatusStateAndErrorCodeInBothLanguages() {
        for (String language : ConsoleText.LANGUAGES) {
            Map<String, String> texts = ConsoleText.load(language);
            for (MessageStatus status : MessageStatus.values()) {
                assertThat(texts).containsKey("status_" + status.name());
            }
            for (CaseState state : CaseState.values()) {
                assertThat(texts).containsKey("state_" + state.name());
            }
            for (ErrorCode code : ErrorCode.values()) {
                assertThat(texts).as(language).containsKey("error_" + code.name());
            }
        }
    }
}
