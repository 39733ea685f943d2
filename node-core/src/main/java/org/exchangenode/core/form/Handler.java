package org.exchangenode.core.form;

/** 经办人: the agency officer who handled the form. */
public record Handler(String name, String phone) {
}
