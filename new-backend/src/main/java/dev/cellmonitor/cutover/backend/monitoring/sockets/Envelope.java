package dev.cellmonitor.cutover.backend.monitoring.sockets;

import java.util.EnumSet;
import java.util.Set;

import tools.jackson.databind.JsonNode;

/** What one replica tells the others on the fan-out channel: a delivery, or "close your sockets with this id". */
record Envelope(String origin, Set<SocketKind> kinds, String room, String clientId, boolean unified, boolean evict,
                JsonNode payload) {

    static Envelope of(String origin, Delivery delivery) {
        return new Envelope(origin, delivery.kinds(), delivery.room(), delivery.clientId(), delivery.unified(), false,
                delivery.payload());
    }

    static Envelope evict(String origin, SocketKind kind, String clientId) {
        return new Envelope(origin, EnumSet.of(kind), null, clientId, false, true, null);
    }

    Delivery delivery() {
        return new Delivery(kinds, room, clientId, unified, payload);
    }
}
