package org.exchangenode.routes.broker;

import java.security.SecureRandom;
import java.util.Base64;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.activemq.artemis.api.core.QueueConfiguration;
import org.apache.activemq.artemis.api.core.RoutingType;
import org.apache.activemq.artemis.core.config.Configuration;
import org.apache.activemq.artemis.core.config.impl.SecurityConfiguration;
import org.apache.activemq.artemis.core.security.Role;
import org.apache.activemq.artemis.spi.core.security.ActiveMQJAASSecurityManager;
import org.apache.activemq.artemis.spi.core.security.ActiveMQSecurityManager;
import org.apache.activemq.artemis.spi.core.security.jaas.InVMLoginModule;
import org.exchangenode.core.error.ErrorCode;
import org.exchangenode.core.error.ExchangeException;
import org.exchangenode.routes.config.BrokerConfig;

/**
 * Who may do what on the embedded broker: the users and roles of the network broker ({@code config/broker/broker.xml}
 * and {@code artemis-roles.properties}), so a node that joins this broker is held to what it may do on the network's.
 * A user {@code node-<id>} has the roles {@code node} (send to every node's inbox) and {@code node-<id>} (consume and
 * browse its own inbox and dead-letter queue); {@code operator} reads the dead-letter queues; {@code admin} may do
 * everything, here on every address (on the network broker the administrator is a person with the broker's own tools;
 * here the broker's tools are its clients). Anonymous connections are refused. Each node user's inbox and dead-letter
 * queue are declared, and nobody but {@code admin} may create an address or queue: a node cannot make an inbox for
 * itself or another node.
 */
final class EmbeddedBrokerSecurity {
    static final String NODE = "node";
    static final String OPERATOR = "operator";
    static final String ADMIN = "admin";
    private static final Pattern NODE_USER = Pattern.compile("node-([1-9][0-9]{5}(?:[0-9]{3})?)");

    private final SecurityConfiguration accounts = new SecurityConfiguration();
    private final Set<String> nodeIds = new TreeSet<>();
    private final String ownUser;
    private final String ownPassword;

    EmbeddedBrokerSecurity(String nodeId, Map<String, BrokerConfig.BrokerUser> users) {
        this.ownUser = "node-" + nodeId;
        users.forEach((name, user) -> add(name, user.password()));
        if (users.containsKey(ownUser)) {
            ownPassword = users.get(ownUser).password();
        } else {
            // only this process's in-VM connection uses it: made fresh at every start, never written anywhere
            byte[] secret = new byte[32];
            new SecureRandom().nextBytes(secret);
            ownPassword = Base64.getUrlEncoder().withoutPadding().encodeToString(secret);
            add(ownUser, ownPassword);
        }
    }

    private void add(String name, String password) {
        String key = "node.broker.embedded.users.\"" + name + "\"";
        if (password == null || password.isBlank()) {
            throw new ExchangeException(ErrorCode.CONFIGURATION_INVALID, key + ".password must not be blank");
        }
        List<String> roles;
        Matcher node = NODE_USER.matcher(name);
        if (node.matches()) {
            nodeIds.add(node.group(1));
            roles = List.of(NODE, name);
        } else if (name.equals(OPERATOR) || name.equals(ADMIN)) {
            roles = List.of(name);
        } else {
            throw new ExchangeException(ErrorCode.CONFIGURATION_INVALID, key + " is not a user of the embedded broker: "
                    + "node-<node id>, " + OPERATOR + " or " + ADMIN);
        }
        accounts.addUser(name, password);
        roles.forEach(role -> accounts.addRole(name, role));
    }

    /** Users by name and password only, as the network broker's properties login does; nobody by default. */
    ActiveMQSecurityManager manager() {
        return new ActiveMQJAASSecurityManager(InVMLoginModule.class.getName(), accounts);
    }

    /** Turns security on, sets who may do what, and declares each node user's inbox and dead-letter queue. */
    void applyTo(Configuration configuration) {
        configuration.setSecurityEnabled(true);
        configuration.putSecurityRoles("#", Set.of(admin()));
        configuration.putSecurityRoles(BrokerNames.DEAD_LETTER_QUEUE, Set.of(admin(), role(OPERATOR, true, true, true)));
        configuration.putSecurityRoles("node.*.inbox", Set.of(admin(), role(NODE, true, false, false)));
        configuration.putSecurityRoles("node.*.dlq", Set.of(admin(), role(OPERATOR, false, true, true)));
        for (String id : nodeIds) {
            String own = "node-" + id;
            configuration.putSecurityRoles(BrokerNames.inbox(id), Set.of(admin(), role(NODE, true, false, false),
                    role(own, false, true, true)));
            configuration.putSecurityRoles(BrokerNames.deadLetters(id), Set.of(admin(), role(OPERATOR, false, true, true),
                    role(own, false, true, true)));
            for (String queue : new String[] {BrokerNames.inbox(id), BrokerNames.deadLetters(id)}) {
                configuration.addQueueConfiguration(QueueConfiguration.of(queue).setRoutingType(RoutingType.ANYCAST)
                        .setDurable(true));
            }
        }
    }

    /** The nodes that have a user on this broker (this node among them), whose inboxes are declared. */
    Set<String> nodeIds() {
        return Set.copyOf(new HashSet<>(nodeIds));
    }

    String ownUser() {
        return ownUser;
    }

    String ownPassword() {
        return ownPassword;
    }

    private static Role role(String name, boolean send, boolean consume, boolean browse) {
        Role role = new Role();
        role.setName(name);
        role.setSend(send);
        role.setConsume(consume);
        role.setBrowse(browse);
        return role;
    }

    private static Role admin() {
        Role role = role(ADMIN, true, true, true);
        role.setCreateAddress(true);
        role.setDeleteAddress(true);
        role.setCreateDurableQueue(true);
        role.setDeleteDurableQueue(true);
        role.setCreateNonDurableQueue(true);
        role.setDeleteNonDurableQueue(true);
        role.setManage(true);
        role.setView(true);
        role.setEdit(true);
        return role;
    }
}
