package org.exchangenode.core.form;

/** A social-insurance agency as a form names it (contact data optional unless the form requires it). */
public record Agency(
        String nodeId,
        String divisionCode,
        String name,
        String address,
        String postcode,
        String department,
        String phone) {
}
