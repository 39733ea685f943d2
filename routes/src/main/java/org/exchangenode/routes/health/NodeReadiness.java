package org.exchangenode.routes.health;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.jms.Connection;
import jakarta.jms.ConnectionFactory;
import jakarta.jms.JMSException;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;
import org.exchangenode.core.text.Redaction;
import org.exchangenode.routes.config.BrokerConfig;
import org.exchangenode.routes.config.DatabaseConfig;
import org.exchangenode.routes.messages.MessageStore;

/** Ready when the database answers and the broker accepts a connection (at /q/health/ready). */
public final class NodeReadiness {
    private NodeReadiness() {
    }

    @Readiness
    @ApplicationScoped
    public static class DatabaseCheck implements HealthCheck {
        private final MessageStore store;
        private final DatabaseConfig config;

        public DatabaseCheck(MessageStore store, DatabaseConfig config) {
            this.store = store;
            this.config = config;
        }

        @Override
        public HealthCheckResponse call() {
            var response = HealthCheckResponse.named("database").withData("kind", config.kind().name());
            try {
                store.ping();
                return response.up().build();
            } catch (RuntimeException e) {
                return response.down().withData("error", String.valueOf(Redaction.text(e.getMessage()))).build();
            }
        }
    }

    @Readiness
    @ApplicationScoped
    public static class BrokerCheck implements HealthCheck {
        private final ConnectionFactory factory;
        private final BrokerConfig config;

        public BrokerCheck(ConnectionFactory factory, BrokerConfig config) {
            this.factory = factory;
            this.config = config;
        }

        @Override
        public HealthCheckResponse call() {
            var response = HealthCheckResponse.named("broker")
                    .withData("broker", config.url().map(Redaction::text).orElse("embedded"));
            // a fresh connection proves the broker answers now; the factory fails fast when it does not
            try (Connection connection = factory.createConnection()) {
                connection.createSession().close();
                return response.up().build();
            } catch (JMSException | RuntimeException e) {
                return response.down().withData("error", String.valueOf(Redaction.text(e.getMessage()))).build();
            }
        }
    }
}
