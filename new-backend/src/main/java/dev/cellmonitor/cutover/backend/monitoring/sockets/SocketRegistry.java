package dev.cellmonitor.cutover.backend.monitoring.sockets;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;
import org.springframework.web.socket.CloseStatus;
import org.springframework.web.socket.WebSocketSession;

import dev.cellmonitor.cutover.backend.web.PythonRepr;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The one connection manager for every socket the backend serves ({@link SocketKind}): one registry, the
 * legacy's per-type delivery rules, and fan-out across replicas through Redis, so a message published on any
 * replica reaches the matching sockets of every replica. A connection leaves the registry as soon as its peer
 * closes or a send to it fails, so the counts are true.
 */
@Component
public class SocketRegistry {

    private static final Logger log = LoggerFactory.getLogger(SocketRegistry.class);
    static final JsonMapper JSON = JsonMapper.builder().build();

    private final SocketsProperties properties;
    private final ReplicaFanout fanout;
    private final String replicaId = UUID.randomUUID().toString();
    private final Instant startedAt = Instant.now();
    private final List<Connection> connections = new CopyOnWriteArrayList<>();
    private final Object registration = new Object();
    private final AtomicLong sequence = new AtomicLong();
    private final AtomicLong messagesSent = new AtomicLong();
    private final AtomicLong messagesFiltered = new AtomicLong();
    private final AtomicLong droppedConnections = new AtomicLong();

    SocketRegistry(SocketsProperties properties, ReplicaFanout fanout) {
        this.properties = properties;
        this.fanout = fanout;
        fanout.onEnvelope(this::fromOtherReplica);
    }

    /** Adds an open socket. A student socket replaces any socket with the same client id, on every replica. */
    public Connection register(WebSocketSession session, SocketKind kind, String clientId, String room,
                               String userId, String email) {
        session.setTextMessageSizeLimit(properties.maxTextMessageSize());
        Connection connection;
        synchronized (registration) {
            if (kind == SocketKind.STUDENT) {
                evictLocal(kind, clientId, null);
            }
            connection = new Connection(kind, clientId, room, userId, email, Instant.now(), sequence.incrementAndGet(),
                    session, properties.outboundQueueSize(), this::drop);
            connections.add(connection);
        }
        if (kind == SocketKind.STUDENT) {
            fanout.publish(Envelope.evict(replicaId, kind, clientId));
        }
        return connection;
    }

    /**
     * The legacy's generated dashboard id, {@code dashboard_<unified sockets now>_<unix seconds>}, made unique
     * among the sockets registered here (two dashboards opening in the same second no longer collide).
     */
    public String nextDashboardId() {
        synchronized (registration) {
            long seconds = Instant.now().getEpochSecond();
            int n = (int) connections.stream().filter(c -> c.kind().unified()).count();
            String id = "dashboard_" + n + "_" + seconds;
            while (hasClient(SocketKind.DASHBOARD, id)) {
                id = "dashboard_" + (++n) + "_" + seconds;
            }
            return id;
        }
    }

    private boolean hasClient(SocketKind kind, String clientId) {
        return connections.stream().anyMatch(c -> c.kind() == kind && c.clientId().equals(clientId));
    }

    /** The peer closed the socket (or the transport failed). */
    public void unregister(Connection connection) {
        if (connection == null) {
            return;
        }
        connection.closedByPeer();
        connections.remove(connection);
    }

    /** Server-side close after the frames already queued for this socket. */
    public void close(Connection connection, CloseStatus status) {
        connections.remove(connection);
        connection.closeAfterPending(status);
    }

    private void drop(Connection connection) {
        if (connections.remove(connection)) {
            droppedConnections.incrementAndGet();
        }
    }

    /** A message (maps keep their key order) as the tree the registry sends. */
    public JsonNode tree(Object message) {
        return message instanceof JsonNode node ? node : JSON.valueToTree(message);
    }

    /** A frame in the socket's own protocol to one socket (a reply), not filtered. */
    public void send(Connection connection, Object message) {
        JsonNode payload = tree(message);
        if (connection.enqueue(format(connection.kind(), payload))) {
            messagesSent.incrementAndGet();
        }
    }

    /** A frame to one socket through the unified registry's per-type filter (legacy {@code send_to_client}). */
    public boolean sendUnified(Connection connection, Object message) {
        JsonNode payload = tree(message);
        if (!connection.kind().acceptsUnified(payload, connection)) {
            messagesFiltered.incrementAndGet();
            return false;
        }
        boolean sent = connection.enqueue(format(connection.kind(), payload));
        if (sent) {
            messagesSent.incrementAndGet();
        }
        return sent;
    }

    /** Delivers to the matching sockets here and on every other replica. */
    public int publish(Delivery delivery) {
        int delivered = deliverLocally(delivery);
        fanout.publish(Envelope.of(replicaId, delivery));
        return delivered;
    }

    /** Delivers to the matching sockets of this replica only (for feeds every replica receives itself). */
    public int deliverLocally(Delivery delivery) {
        String py = null;
        String compact = null;
        int delivered = 0;
        for (Connection connection : connections) {
            if (!delivery.matches(connection)) {
                continue;
            }
            if (delivery.unified() && !connection.kind().acceptsUnified(delivery.payload(), connection)) {
                messagesFiltered.incrementAndGet();
                continue;
            }
            String text;
            if (connection.kind().compactFrames()) {
                text = compact != null ? compact : (compact = JSON.writeValueAsString(delivery.payload()));
            } else {
                text = py != null ? py : (py = PythonRepr.jsonDumps(delivery.payload()));
            }
            if (connection.enqueue(text)) {
                messagesSent.incrementAndGet();
                delivered++;
            }
        }
        return delivered;
    }

    /** Adds a listener for a legacy Redis channel to this replica's one subscription. */
    public void subscribe(String legacyChannel, Consumer<String> listener) {
        fanout.subscribe(legacyChannel, listener);
    }

    private void fromOtherReplica(Envelope envelope) {
        if (replicaId.equals(envelope.origin())) {
            return;
        }
        if (envelope.evict()) {
            synchronized (registration) {
                evictLocal(envelope.kinds().iterator().next(), envelope.clientId(), null);
            }
            return;
        }
        deliverLocally(envelope.delivery());
    }

    private void evictLocal(SocketKind kind, String clientId, Connection keep) {
        for (Connection existing : connections) {
            if (existing != keep && existing.kind() == kind && existing.clientId().equals(clientId)) {
                close(existing, CloseStatus.NORMAL);
            }
        }
    }

    static String format(SocketKind kind, JsonNode payload) {
        return kind.compactFrames() ? JSON.writeValueAsString(payload) : PythonRepr.jsonDumps(payload);
    }

    /** Whether this replica has an open socket of the kind (nothing to format for it otherwise). */
    public boolean hasOpen(SocketKind kind) {
        for (Connection c : connections) {
            if (c.kind() == kind && c.isOpen()) {
                return true;
            }
        }
        return false;
    }

    /** Open sockets of the given kinds on this replica, in the order they connected. */
    public List<Connection> connections(SocketKind... kinds) {
        List<SocketKind> wanted = List.of(kinds);
        List<Connection> result = new ArrayList<>();
        for (Connection c : connections) {
            if (c.isOpen() && (wanted.isEmpty() || wanted.contains(c.kind()))) {
                result.add(c);
            }
        }
        return result;
    }

    /** Counts on this replica. */
    public Stats stats() {
        Map<SocketKind, Integer> byKind = new LinkedHashMap<>();
        Map<String, Integer> rooms = new LinkedHashMap<>();
        for (SocketKind kind : SocketKind.values()) {
            byKind.put(kind, 0);
        }
        for (Connection c : connections(/* all */)) {
            byKind.merge(c.kind(), 1, Integer::sum);
            if (c.room() != null) {
                rooms.merge(c.room(), 1, Integer::sum);
            }
        }
        return new Stats(byKind, rooms, messagesSent.get(), messagesFiltered.get(), droppedConnections.get(), startedAt);
    }

    /** One socket as the legacy's {@code connections_detail} lists it. */
    public Map<String, Object> describe(Connection connection) {
        Map<String, Object> detail = new LinkedHashMap<>();
        detail.put("client_id", connection.clientId());
        detail.put("type", connection.kind().type());
        detail.put("room", connection.room());
        detail.put("user_id", connection.userId());
        long micros = java.time.Duration.between(connection.connectedAt(), Instant.now()).toNanos() / 1000;
        detail.put("connected_duration_seconds", micros / 1_000_000.0);
        return detail;
    }

    /**
     * The legacy's {@code get_connection_stats()} of its unified registry (student and dashboard sockets of this
     * replica), with the datetime rendered so that it can be sent (the legacy failed to serialise it).
     */
    public Map<String, Object> unifiedStats() {
        Stats stats = stats();
        List<Connection> unified = connections(SocketKind.STUDENT, SocketKind.DASHBOARD);
        Map<String, Integer> rooms = new LinkedHashMap<>();
        unified.forEach(c -> rooms.merge(c.room(), 1, Integer::sum));
        Map<String, Object> result = new LinkedHashMap<>();
        result.put("total_connections", unified.size());
        result.put("connections_by_type", stats.unifiedByType());
        result.put("messages_sent", stats.messagesSent());
        result.put("messages_filtered", stats.messagesFiltered());
        result.put("last_cleanup", dev.cellmonitor.cutover.backend.web.LegacyTime.offsetTime(stats.startedAt()));
        result.put("rooms", rooms);
        result.put("active_connections", unified.size());
        result.put("connections_detail", unified.stream().map(this::describe).toList());
        return result;
    }

    public String replicaId() {
        return replicaId;
    }

    SocketsProperties properties() {
        return properties;
    }

    /**
     * @param byKind             open sockets per kind
     * @param rooms              open sockets per room (sockets that have one)
     * @param droppedConnections sockets removed because a send failed or their queue overflowed
     * @param startedAt          when this registry started (the legacy's {@code last_cleanup})
     */
    public record Stats(Map<SocketKind, Integer> byKind, Map<String, Integer> rooms, long messagesSent,
                        long messagesFiltered, long droppedConnections, Instant startedAt) {

        public int total() {
            return byKind.values().stream().mapToInt(Integer::intValue).sum();
        }

        public int unifiedTotal() {
            return byKind.entrySet().stream().filter(e -> e.getKey().unified()).mapToInt(Map.Entry::getValue).sum();
        }

        /** {@code connections_by_type} of the legacy's unified registry. */
        public Map<String, Integer> unifiedByType() {
            Map<String, Integer> result = new LinkedHashMap<>();
            SocketKind.UNIFIED_TYPES.forEach(t -> result.put(t, 0));
            byKind.forEach((kind, n) -> {
                if (kind.unified()) {
                    result.merge(kind.type(), n, Integer::sum);
                }
            });
            return result;
        }
    }
}
