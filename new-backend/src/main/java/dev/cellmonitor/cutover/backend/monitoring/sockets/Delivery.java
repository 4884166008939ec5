package dev.cellmonitor.cutover.backend.monitoring.sockets;

import java.util.EnumSet;
import java.util.Set;

import tools.jackson.databind.JsonNode;

/**
 * A message for every socket, on every replica, that matches: a set of kinds, optionally one room and/or one
 * client id. {@code unified} deliveries pass the legacy's per-type filter of the unified registry (see
 * {@link SocketKind}); the others are the socket's own protocol and are delivered as they are.
 */
public record Delivery(Set<SocketKind> kinds, String room, String clientId, boolean unified, JsonNode payload) {

    public Delivery {
        kinds = Set.copyOf(kinds);
    }

    /** The legacy's {@code broadcast_to_room}: every unified socket in the room, through the per-type filter. */
    public static Delivery toRoom(String room, JsonNode payload) {
        return new Delivery(EnumSet.of(SocketKind.STUDENT, SocketKind.DASHBOARD), room, null, true, payload);
    }

    /** Every socket of one kind. */
    public static Delivery toKind(SocketKind kind, JsonNode payload) {
        return new Delivery(EnumSet.of(kind), null, null, false, payload);
    }

    /** Every socket of one kind whose client id is {@code clientId} (an instructor id, a user id...). */
    public static Delivery toClient(SocketKind kind, String clientId, JsonNode payload) {
        return new Delivery(EnumSet.of(kind), null, clientId, false, payload);
    }

    boolean matches(Connection connection) {
        return kinds.contains(connection.kind())
                && (room == null || room.equals(connection.room()))
                && (clientId == null || clientId.equals(connection.clientId()));
    }
}
