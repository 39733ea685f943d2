package org.exchangenode.core.xml;

/**
 * One way a document breaks its schema: the path of the element at fault (e.g.
 * {@code /Message/Body/ContactLetter/Person/IdNumber}), the position in the source, and the validator's message.
 */
public record SchemaViolation(String path, int line, int column, String message) {
    @Override
    public String toString() {
        return path + ": " + message;
    }
}
