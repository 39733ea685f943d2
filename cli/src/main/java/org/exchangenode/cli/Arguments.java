package org.exchangenode.cli;

import java.time.Instant;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/** {@code --name value} options (some repeatable) and positional arguments, with errors that name the option. */
final class Arguments {
    private final Map<String, List<String>> options = new LinkedHashMap<>();
    private final List<String> positional = new ArrayList<>();

    /** A command line that cannot be used; the message names the option. */
    static final class UsageException extends RuntimeException {
        UsageException(String message) {
            super(message);
        }
    }

    Arguments(List<String> args, Set<String> known) {
        this(args, known, Set.of());
    }

    /** {@code flags} are options without a value ({@code --dry-run}). */
    Arguments(List<String> args, Set<String> known, Set<String> flags) {
        for (int i = 0; i < args.size(); i++) {
            String arg = args.get(i);
            if (arg.startsWith("--")) {
                String name = arg.substring(2);
                String value = null;
                int eq = name.indexOf('=');
                if (eq >= 0) {
                    value = name.substring(eq + 1);
                    name = name.substring(0, eq);
                }
                if (flags.contains(name)) {
                    if (value != null) {
                        throw new UsageException("option --" + name + " takes no value");
                    }
                    options.computeIfAbsent(name, n -> new ArrayList<>()).add("true");
                    continue;
                }
                if (!known.contains(name)) {
                    throw new UsageException("unknown option --" + name + " (known: --"
                            + String.join(", --", new TreeSet<>(known)) + ")");
                }
                if (value == null) {
                    if (i + 1 >= args.size() || args.get(i + 1).startsWith("--")) {
                        throw new UsageException("option --" + name + " needs a value");
                    }
                    value = args.get(++i);
                }
                options.computeIfAbsent(name, n -> new ArrayList<>()).add(value);
            } else {
                positional.add(arg);
            }
        }
    }

    List<String> all(String name) {
        return options.getOrDefault(name, List.of());
    }

    String optional(String name) {
        List<String> values = all(name);
        if (values.size() > 1) {
            throw new UsageException("option --" + name + " is given " + values.size() + " times; give it once");
        }
        return values.isEmpty() ? null : values.get(0);
    }

    String required(String name) {
        String value = optional(name);
        if (value == null || value.isBlank()) {
            throw new UsageException("option --" + name + " is required");
        }
        return value;
    }

    Long number(String name) {
        String value = optional(name);
        if (value == null) {
            return null;
        }
        try {
            long number = Long.parseLong(value);
            if (number < 1) {
                throw new NumberFormatException();
            }
            return number;
        } catch (NumberFormatException e) {
            throw new UsageException("option --" + name + " must be a positive whole number, got '" + value + "'");
        }
    }

    /** A day option ({@code yyyy-MM-dd}), or null when absent. */
    LocalDate day(String name) {
        String value = optional(name);
        if (value == null) {
            return null;
        }
        try {
            return LocalDate.parse(value);
        } catch (DateTimeParseException e) {
            throw new UsageException("option --" + name + " must be a day such as 2026-12-31");
        }
    }

    /** An ISO-8601 instant option, normalised, or null when absent. */
    String instant(String name) {
        String value = optional(name);
        if (value == null) {
            return null;
        }
        try {
            return Instant.parse(value).toString();
        } catch (DateTimeParseException e) {
            throw new UsageException("option --" + name + " must be an ISO-8601 instant such as "
                    + "2026-11-26T00:00:00Z, got '" + value + "'");
        }
    }

    boolean flag(String name) {
        return options.containsKey(name);
    }

    List<String> positional() {
        return positional;
    }
}
