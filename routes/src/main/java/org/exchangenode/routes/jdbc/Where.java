package org.exchangenode.routes.jdbc;

import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/** The optional conditions of a list query: each given criterion adds one condition and its parameter. */
final class Where {
    private final StringBuilder sql = new StringBuilder(" where 1 = 1");
    private final List<Object> values = new ArrayList<>();

    /** {@code column = value}, when value is not null. */
    Where equal(String column, String value) {
        if (value != null) {
            sql.append(" and ").append(column).append(" = ?");
            values.add(value);
        }
        return this;
    }

    /** {@code from <= column < to}, each side when given. */
    Where between(String column, Instant from, Instant to) {
        if (from != null) {
            sql.append(" and ").append(column).append(" >= ?");
            values.add(from);
        }
        if (to != null) {
            sql.append(" and ").append(column).append(" < ?");
            values.add(to);
        }
        return this;
    }

    /** A condition of its own with its parameters (strings and instants), in order. */
    Where condition(String condition, Object... parameters) {
        sql.append(" and (").append(condition).append(")");
        values.addAll(List.of(parameters));
        return this;
    }

    Where and(boolean apply, String condition) {
        if (apply) {
            sql.append(" and ").append(condition);
        }
        return this;
    }

    String sql() {
        return sql.toString();
    }

    void bind(PreparedStatement statement) throws SQLException {
        for (int i = 0; i < values.size(); i++) {
            if (values.get(i) instanceof Instant instant) {
                Jdbc.set(statement, i + 1, instant);
            } else {
                statement.setString(i + 1, (String) values.get(i));
            }
        }
    }
}
