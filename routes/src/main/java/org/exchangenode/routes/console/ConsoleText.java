package org.exchangenode.routes.console;

import jakarta.enterprise.context.ApplicationScoped;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;

/**
 * Every text the console shows, in Chinese (the default: the agency's staff read Chinese first) and English, from
 * {@code console/text_zh.properties} and {@code console/text_en.properties} (UTF-8). The two files hold the same keys
 * ({@code ConsoleTextTest} fails otherwise), so switching the language changes every label.
 */
@ApplicationScoped
public class ConsoleText {
    public static final String DEFAULT = "zh";
    public static final List<String> LANGUAGES = List.of("zh", "en");

    private final Map<String, Map<String, String>> texts;

    public ConsoleText() {
        Map<String, Map<String, String>> loaded = new TreeMap<>();
        for (String language : LANGUAGES) {
            loaded.put(language, load(language));
        }
        this.texts = Map.copyOf(loaded);
    }

    /** The texts of a language; an unknown language gets the default. */
    public Map<String, String> of(String language) {
        return texts.getOrDefault(language, texts.get(DEFAULT));
    }

    /** A language the console has, or the default. */
    public static String known(String language) {
        return language != null && LANGUAGES.contains(language) ? language : DEFAULT;
    }

    static Map<String, String> load(String language) {
        String name = "console/text_" + language + ".properties";
        try (InputStream in = ConsoleText.class.getClassLoader().getResourceAsStream(name)) {
            if (in == null) {
                throw new IllegalStateException("the console's texts are missing from the build: " + name);
            }
            Properties properties = new Properties();
            properties.load(new InputStreamReader(in, StandardCharsets.UTF_8));
            Map<String, String> map = new TreeMap<>();
            properties.stringPropertyNames().forEach(key -> map.put(key, properties.getProperty(key)));
            return Map.copyOf(map);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
