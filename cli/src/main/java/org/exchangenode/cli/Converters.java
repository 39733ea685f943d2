package org.exchangenode.cli;

import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.Arrays;
import java.util.Iterator;
import org.exchangenode.core.envelope.MessageType;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

/**
 * The typed options' conversions. Each message states the rule only; {@link Usage} puts the option's name in front
 * and never the value given.
 */
final class Converters {
    private Converters() {
    }

    static final class Instants implements ITypeConverter<Instant> {
        @Override
        public Instant convert(String value) {
            try {
                return Instant.parse(value);
            } catch (DateTimeParseException e) {
                throw new TypeConversionException("must be an ISO-8601 instant such as 2026-11-26T00:00:00Z");
            }
        }
    }

    static final class Days implements ITypeConverter<LocalDate> {
        @Override
        public LocalDate convert(String value) {
            try {
                return LocalDate.parse(value);
            } catch (DateTimeParseException e) {
                throw new TypeConversionException("must be a day such as 2026-12-31");
            }
        }
    }

    static final class Durations implements ITypeConverter<Duration> {
        @Override
        public Duration convert(String value) {
            try {
                return Duration.parse(value);
            } catch (DateTimeParseException e) {
                throw new TypeConversionException("must be an ISO-8601 duration such as PT10S");
            }
        }
    }

    /** A whole number of at least 1 (a sequence number, a number of days). */
    static final class Positive implements ITypeConverter<Long> {
        @Override
        public Long convert(String value) {
            try {
                long number = Long.parseLong(value);
                if (number >= 1) {
                    return number;
                }
            } catch (NumberFormatException e) {
                // the message below says what is expected
            }
            throw new TypeConversionException("must be a positive whole number");
        }
    }

    /** A page number: 0 or more. */
    static final class Page implements ITypeConverter<Integer> {
        @Override
        public Integer convert(String value) {
            try {
                int number = Integer.parseInt(value);
                if (number >= 0) {
                    return number;
                }
            } catch (NumberFormatException e) {
                // the message below says what is expected
            }
            throw new TypeConversionException("must be a whole number, 0 or more");
        }
    }

    static final class NodeUrl implements ITypeConverter<URI> {
        @Override
        public URI convert(String value) {
            try {
                URI uri = URI.create(value);
                if (uri.getRawUserInfo() != null) {
                    throw new TypeConversionException("must not carry a user or password: give --user and "
                            + "--password-env or --password-file");
                }
                if (uri.getScheme() != null && uri.getScheme().matches("https?") && uri.getHost() != null) {
                    return uri;
                }
            } catch (IllegalArgumentException e) {
                // the message below says what is expected
            }
            throw new TypeConversionException("must be the node's base URL such as http://127.0.0.1:8080");
        }
    }

    /** A message type by the name the node's API shows and filters on: its wire name ({@code ContactLetter}). */
    static final class MessageTypes implements ITypeConverter<MessageType>, Iterable<String> {
        @Override
        public MessageType convert(String value) {
            return MessageType.fromWireName(value).orElseThrow(() -> new TypeConversionException(
                    "must be one of " + String.join(", ", this)));
        }

        @Override
        public Iterator<String> iterator() {
            return Arrays.stream(MessageType.values()).map(MessageType::wireName).iterator();
        }
    }
}
