package org.exchangenode.core.envelope;

/** XML namespaces of the wire format, version 1. */
public final class Namespaces {
    public static final String ENVELOPE = "urn:exchangenode:envelope:1";
    public static final String TRANSPORT = "urn:exchangenode:transport:1";
    public static final String COMMON = "urn:exchangenode:form:common:1";
    public static final String CONTACT_LETTER = "urn:exchangenode:form:contact-letter:1";
    public static final String XMLDSIG = "http://www.w3.org/2000/09/xmldsig#";

    private Namespaces() {
    }
}
