package dev.cellmonitor.cutover.backend.monitoring.sockets;

import java.io.IOException;
import java.time.Instant;
import java.util.UUID;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.web.socket.CloseStatus;
import org.springframework.web.socket.TextMessage;
import org.springframework.web.socket.WebSocketSession;

/**
 * One open socket in the registry. Frames go through a bounded outbound queue drained by the connection's
 * own virtual thread, so a slow or dead peer never blocks a broadcast or another socket; a failed send or an
 * overflowing queue drops the connection from the registry at once.
 */
public final class Connection {

    private static final Logger log = LoggerFactory.getLogger(Connection.class);

    private sealed interface Outbound permits Frame, Close {
    }

    private record Frame(String text) implements Outbound {
    }

    private record Close(CloseStatus status) implements Outbound {
    }

    private final String id = UUID.randomUUID().toString();
    private final SocketKind kind;
    private final String clientId;
    private final String room;
    private final String userId;
    private final String email;
    private final Instant connectedAt;
    private final long sequence;
    private final WebSocketSession session;
    private final BlockingQueue<Outbound> outbound;
    private final AtomicBoolean open = new AtomicBoolean(true);
    private final Consumer<Connection> onDead;

    Connection(SocketKind kind, String clientId, String room, String userId, String email, Instant connectedAt,
               long sequence, WebSocketSession session, int queueCapacity, Consumer<Connection> onDead) {
        this.kind = kind;
        this.clientId = clientId;
        this.room = room;
        this.userId = userId;
        this.email = email;
        this.connectedAt = connectedAt;
        this.sequence = sequence;
        this.session = session;
        this.outbound = new ArrayBlockingQueue<>(queueCapacity);
        this.onDead = onDead;
        Thread.ofVirtual().name("ws-out-" + kind.type() + "-" + clientId).start(this::drain);
    }

    public String id() {
        return id;
    }

    public SocketKind kind() {
        return kind;
    }

    /** The public id of the client: the path's client id, the dashboard's generated id, the instructor id, the user id. */
    public String clientId() {
        return clientId;
    }

    public String room() {
        return room;
    }

    public String userId() {
        return userId;
    }

    public String email() {
        return email;
    }

    public Instant connectedAt() {
        return connectedAt;
    }

    long sequence() {
        return sequence;
    }

    public boolean isOpen() {
        return open.get();
    }

    /** Queues a text frame; false when the connection is gone or its queue overflowed (it is then dropped). */
    boolean enqueue(String text) {
        if (!open.get()) {
            return false;
        }
        if (!outbound.offer(new Frame(text))) {
            log.warn("socket {} ({}) is not reading: outbound queue full, dropping it", clientId, kind.type());
            dead();
            return false;
        }
        return true;
    }

    /** Closes after the frames already queued have been sent. */
    void closeAfterPending(CloseStatus status) {
        if (open.compareAndSet(true, false)) {
            if (!outbound.offer(new Close(status))) {
                closeNow(status);
            }
        }
    }

    private void dead() {
        if (open.compareAndSet(true, false)) {
            outbound.clear();
            outbound.offer(new Close(CloseStatus.GOING_AWAY));
        }
        onDead.accept(this);
    }

    /** The peer went away: stop the sender. */
    void closedByPeer() {
        if (open.compareAndSet(true, false)) {
            outbound.clear();
            outbound.offer(new Close(null));
        }
    }

    private void drain() {
        try {
            while (true) {
                Outbound item = outbound.take();
                if (item instanceof Close close) {
                    if (close.status() != null) {
                        closeNow(close.status());
                    }
                    return;
                }
                try {
                    session.sendMessage(new TextMessage(((Frame) item).text()));
                } catch (IOException | RuntimeException e) {
                    log.debug("send to socket {} ({}) failed: {}", clientId, kind.type(), e.toString());
                    dead();
                    closeNow(CloseStatus.GOING_AWAY);
                    return;
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void closeNow(CloseStatus status) {
        try {
            if (session.isOpen()) {
                session.close(status);
            }
        } catch (IOException | RuntimeException e) {
            log.debug("closing socket {} failed: {}", clientId, e.toString());
        }
    }
}
