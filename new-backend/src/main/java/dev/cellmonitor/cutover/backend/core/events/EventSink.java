package dev.cellmonitor.cutover.backend.core.events;

import java.util.List;

/**
 * Where ingested events go. {@link #persist} returns only when every event is durably stored, so an answer
 * sent after it (the 202) never stands for events that a crash could still lose.
 */
public interface EventSink {

    /**
     * Stores all events or none.
     *
     * @throws Saturated when the pipeline is full: nothing was stored, the client should retry later
     * @throws Unavailable when the store failed: nothing was stored
     */
    void persist(List<EventData> events);

    /** The pipeline holds as many events as it may; the caller should come back after {@code retryAfterSeconds}. */
    final class Saturated extends RuntimeException {
        private final int retryAfterSeconds;

        public Saturated(String message, int retryAfterSeconds) {
            super(message, null, false, false);
            this.retryAfterSeconds = retryAfterSeconds;
        }

        public int retryAfterSeconds() {
            return retryAfterSeconds;
        }
    }

    /** The events could not be stored (database down, transaction failed); none of them was kept. */
    final class Unavailable extends RuntimeException {
        private final int retryAfterSeconds;

        public Unavailable(String message, int retryAfterSeconds, Throwable cause) {
            super(message, cause);
            this.retryAfterSeconds = retryAfterSeconds;
        }

        public int retryAfterSeconds() {
            return retryAfterSeconds;
        }
    }
}
