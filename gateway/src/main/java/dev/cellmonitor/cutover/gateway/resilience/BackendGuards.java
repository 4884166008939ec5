package dev.cellmonitor.cutover.gateway.resilience;

import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.github.resilience4j.circuitbreaker.CircuitBreakerRegistry;
import io.github.resilience4j.timelimiter.TimeLimiter;
import io.github.resilience4j.timelimiter.TimeLimiterRegistry;

import org.springframework.stereotype.Component;

import dev.cellmonitor.cutover.gateway.routing.Backend;

/**
 * One Resilience4j circuit breaker and time limiter per backend, named {@value #LEGACY} and {@value #NEW}
 * and configured under {@code resilience4j.circuitbreaker.instances.*} / {@code resilience4j.timelimiter.instances.*}
 * (application.yml sets every time limit explicitly: the library default of 1 s is too short for the legacy).
 */
@Component
public class BackendGuards {

    public static final String LEGACY = "legacy";
    public static final String NEW = "new-backend";

    private final CircuitBreaker legacyBreaker;
    private final CircuitBreaker newBreaker;
    private final TimeLimiter legacyLimiter;
    private final TimeLimiter newLimiter;

    BackendGuards(CircuitBreakerRegistry breakers, TimeLimiterRegistry limiters) {
        this.legacyBreaker = breakers.circuitBreaker(LEGACY);
        this.newBreaker = breakers.circuitBreaker(NEW);
        this.legacyLimiter = limiters.timeLimiter(LEGACY);
        this.newLimiter = limiters.timeLimiter(NEW);
    }

    public CircuitBreaker breaker(Backend backend) {
        return backend == Backend.NEW ? newBreaker : legacyBreaker;
    }

    public TimeLimiter timeLimiter(Backend backend) {
        return backend == Backend.NEW ? newLimiter : legacyLimiter;
    }

    /** A WebSocket handshake may go to the new backend unless its breaker is open (no permit is taken). */
    boolean admitsNewHandshake() {
        CircuitBreaker.State state = newBreaker.getState();
        return state != CircuitBreaker.State.OPEN && state != CircuitBreaker.State.FORCED_OPEN;
    }
}
