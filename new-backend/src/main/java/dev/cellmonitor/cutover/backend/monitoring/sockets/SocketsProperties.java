package dev.cellmonitor.cutover.backend.monitoring.sockets;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * The connection manager's settings.
 *
 * @param fanoutChannel      the replicas' own Redis channel (prefixed through {@code RedisNames})
 * @param outboundQueueSize  frames a socket may have waiting before it counts as dead
 * @param maxTextMessageSize largest inbound text frame, in bytes
 * @param warningConnections above this many sockets the health entry reports {@code "warning"}, as the legacy does
 */
@ConfigurationProperties("cellmonitor.monitoring.sockets")
public record SocketsProperties(String fanoutChannel, int outboundQueueSize, int maxTextMessageSize,
                                int warningConnections) {

    public SocketsProperties {
        fanoutChannel = fanoutChannel == null || fanoutChannel.isBlank() ? "cutover:sockets" : fanoutChannel;
        outboundQueueSize = outboundQueueSize <= 0 ? 1024 : outboundQueueSize;
        maxTextMessageSize = maxTextMessageSize <= 0 ? 1024 * 1024 : maxTextMessageSize;
        warningConnections = warningConnections <= 0 ? 1000 : warningConnections;
    }
}
