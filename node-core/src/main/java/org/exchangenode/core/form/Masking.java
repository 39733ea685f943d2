package org.exchangenode.core.form;

/** Masks personal data for logs and list views. */
public final class Masking {
    private Masking() {
    }

    /** {@code 11010519491231002X} → {@code 110105**********2X}: the region and the last two characters stay. */
    public static String idNumber(String id) {
        if (id == null || id.length() < 8) {
            return "****";
        }
        return id.substring(0, 6) + "*".repeat(id.length() - 8) + id.substring(id.length() - 2);
    }

    /** {@code 张三丰} → {@code 张**}. */
    public static String name(String name) {
        if (name == null || name.isEmpty()) {
            return "*";
        }
        int first = name.offsetByCodePoints(0, 1);
        return name.substring(0, first) + "*".repeat(Math.max(1, name.codePointCount(first, name.length())));
    }
}
