package dev.cellmonitor.cutover.gateway.bench;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

import io.netty.buffer.Unpooled;
import io.netty.handler.codec.http.HttpMethod;

import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.netty.DisposableServer;
import reactor.netty.http.client.HttpClient;
import reactor.netty.http.server.HttpServer;
import reactor.netty.resources.ConnectionProvider;

import org.springframework.http.MediaType;

import dev.cellmonitor.cutover.gateway.support.GatewayInstance;
import dev.cellmonitor.cutover.gateway.support.TestDatabases;

/**
 * Gateway overhead on loopback: the same request mix is driven straight at a backend and through the gateway,
 * alternating (direct, gateway, direct, gateway) in one run so machine noise hits both, with a fixed number of
 * concurrent closed-loop clients. Prints throughput and p50/p99 of each and their ratio; the targets are
 * >= 85 % of direct throughput and <= 1 ms added at p50. Two backends are measured: one that answers at once
 * (the ratio is then the pure CPU cost of a proxy hop on a shared machine, the worst case) and one that takes
 * {@code bench.backend-ms} per request like a real API call (the case the targets are about).
 * Not a test: run it with {@code mvn -pl gateway -am -Pbenchmark -DskipTests test} (about two minutes; needs
 * the local PostgreSQL). Knobs (system properties): {@code bench.concurrency} (16), {@code bench.seconds}
 * (5 per round), {@code bench.warmup} (5), {@code bench.backend-ms} (5).
 */
public final class GatewayBenchmark {

    private static final byte[] EVENTS = ("[{\"eventId\":\"e1\",\"eventType\":\"cell_executed\",\"emailAddress\":"
            + "\"student%d@example.com\",\"notebookPath\":\"/lesson1.ipynb\",\"cellId\":\"c1\"}]")
            .getBytes(StandardCharsets.UTF_8);

    /** One request of the mix. */
    private record Call(HttpMethod method, String path, boolean body) {
    }

    private static final List<Call> MIX = List.of(
            new Call(HttpMethod.GET, "/api/v1/classes/", false),                              // lms: NEW
            new Call(HttpMethod.GET, "/api/v1/dashboard/students/student%d@example.com/activity", false), // admin: CANARY 50
            new Call(HttpMethod.POST, "/api/v1/events", true),                                // core: LEGACY
            new Call(HttpMethod.GET, "/api/v1/v1/progress/student/u%d", false),               // monitoring: LEGACY
            new Call(HttpMethod.GET, "/api/v1/health/simple", false),                         // core: LEGACY
            new Call(HttpMethod.GET, "/api/v1/unknown/path", false));                         // unmatched

    private GatewayBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        int concurrency = Integer.getInteger("bench.concurrency", 16);
        Duration round = Duration.ofSeconds(Integer.getInteger("bench.seconds", 5));
        Duration warmup = Duration.ofSeconds(Integer.getInteger("bench.warmup", 5));
        int backendMillis = Integer.getInteger("bench.backend-ms", 5);

        AtomicLong serviceMillis = new AtomicLong();
        DisposableServer legacy = backend(serviceMillis);
        DisposableServer fresh = backend(serviceMillis);
        String database = TestDatabases.create("gw_bench");
        GatewayInstance gateway = null;
        try {
            gateway = GatewayInstance.startAlone(database, "http://127.0.0.1:" + legacy.port(),
                    "http://127.0.0.1:" + fresh.port(), "--logging.level.root=WARN",
                    "--spring.main.log-startup-info=false");
            flip(gateway, Map.of("group", "lms", "stage", "NEW", "reason", "benchmark"));
            flip(gateway, Map.of("group", "admin", "stage", "CANARY", "percentage", 50, "reason", "benchmark"));

            HttpClient client = HttpClient.create(ConnectionProvider.builder("bench").maxConnections(concurrency * 2)
                    .pendingAcquireMaxCount(-1).build()).keepAlive(true);
            String direct = "http://127.0.0.1:" + legacy.port();
            String through = "http://127.0.0.1:" + gateway.port();

            System.out.printf(Locale.ROOT, "%nwarming up %ds each...%n", warmup.toSeconds());
            drive(client, direct, concurrency, warmup);
            drive(client, through, concurrency, warmup);

            for (long millis : new long[] {0, backendMillis}) {
                serviceMillis.set(millis);
                Result directResult = new Result();
                Result gatewayResult = new Result();
                for (int i = 0; i < 2; i++) {
                    directResult.add(drive(client, direct, concurrency, round));
                    gatewayResult.add(drive(client, through, concurrency, round));
                }
                print(concurrency, round.multipliedBy(2), millis, directResult, gatewayResult);
            }
        } finally {
            if (gateway != null) {
                gateway.close();
            }
            TestDatabases.drop(database);
            legacy.disposeNow();
            fresh.disposeNow();
        }
        System.exit(0);
    }

    /** A backend that answers after {@code serviceMillis} (0: at once), so only the gateway's cost differs. */
    private static DisposableServer backend(AtomicLong serviceMillis) {
        byte[] json = "{\"served\":\"bench\",\"items\":[1,2,3]}".getBytes(StandardCharsets.UTF_8);
        return HttpServer.create().host("127.0.0.1").port(0)
                .handle((request, response) -> {
                    long millis = serviceMillis.get();
                    Mono<Void> work = millis == 0 ? Mono.empty() : Mono.delay(Duration.ofMillis(millis)).then();
                    return request.receive().then(work).then(
                            response.header("Content-Type", "application/json")
                                    .header("Content-Length", Integer.toString(json.length))
                                    .sendByteArray(Mono.just(json)).then());
                })
                .bindNow();
    }

    private static void flip(GatewayInstance gateway, Map<String, Object> body) {
        gateway.ops().post().uri("/ops/api/flips").contentType(MediaType.APPLICATION_JSON).bodyValue(body)
                .exchange().expectStatus().isOk();
    }

    /** Closed loop: {@code concurrency} clients, each sends its next request when the previous one is answered. */
    private static Round drive(HttpClient client, String base, int concurrency, Duration length) {
        long end = System.nanoTime() + length.toNanos();
        long[][] latencies = new long[concurrency][];
        AtomicLong errors = new AtomicLong();
        long start = System.nanoTime();
        List<long[]> perClient = Flux.range(0, concurrency)
                .flatMap(worker -> Mono.fromCallable(() -> new long[1 << 20])
                        .flatMap(buffer -> loop(client, base, worker, end, buffer, errors)), concurrency)
                .collectList().block();
        long elapsed = System.nanoTime() - start;
        long total = 0;
        for (int i = 0; i < perClient.size(); i++) {
            latencies[i] = perClient.get(i);
            total += latencies[i].length;
        }
        long[] all = new long[(int) total];
        int at = 0;
        for (long[] l : latencies) {
            System.arraycopy(l, 0, all, at, l.length);
            at += l.length;
        }
        Arrays.sort(all);
        return new Round(all.length, elapsed, all, errors.get());
    }

    private static Mono<long[]> loop(HttpClient client, String base, int worker, long end, long[] buffer,
                                     AtomicLong errors) {
        int[] count = {0};
        return Mono.defer(() -> {
                    int n = worker * 1_000_000 + count[0];
                    Call call = MIX.get(n % MIX.size());
                    String path = call.path().contains("%d") ? String.format(Locale.ROOT, call.path(), n % 500) : call.path();
                    long t0 = System.nanoTime();
                    HttpClient.RequestSender sender = client.headers(h -> h.set("Content-Type", "application/json"))
                            .request(call.method()).uri(base + path);
                    var response = call.body()
                            ? sender.send(Mono.just(Unpooled.wrappedBuffer(String.format(Locale.ROOT,
                                    new String(EVENTS, StandardCharsets.UTF_8), n % 500).getBytes(StandardCharsets.UTF_8))))
                            : sender;
                    return response.responseSingle((r, body) -> body.asByteArray().defaultIfEmpty(new byte[0])
                                    .map(b -> r.status().code()))
                            .doOnNext(status -> {
                                if (status >= 500) {
                                    errors.incrementAndGet();
                                }
                                if (count[0] < buffer.length) {
                                    buffer[count[0]++] = System.nanoTime() - t0;
                                }
                            })
                            .onErrorResume(e -> {
                                errors.incrementAndGet();
                                return Mono.empty();
                            });
                })
                .repeat(() -> System.nanoTime() < end)
                .then(Mono.fromCallable(() -> Arrays.copyOf(buffer, count[0])));
    }

    private record Round(long requests, long nanos, long[] sortedLatencies, long errors) {
    }

    private static final class Result {
        long requests;
        long nanos;
        long errors;
        long[] latencies = new long[0];

        void add(Round round) {
            requests += round.requests();
            nanos += round.nanos();
            errors += round.errors();
            long[] merged = Arrays.copyOf(latencies, latencies.length + round.sortedLatencies().length);
            System.arraycopy(round.sortedLatencies(), 0, merged, latencies.length, round.sortedLatencies().length);
            Arrays.sort(merged);
            latencies = merged;
        }

        double throughput() {
            return requests / (nanos / 1e9);
        }

        double percentileMs(double p) {
            if (latencies.length == 0) {
                return Double.NaN;
            }
            int index = (int) Math.min(latencies.length - 1, Math.ceil(p / 100.0 * latencies.length) - 1);
            return latencies[Math.max(0, index)] / 1e6;
        }
    }

    private static void print(int concurrency, Duration measured, long backendMillis, Result direct, Result gateway) {
        System.out.printf(Locale.ROOT, "%nGateway benchmark: backend service time %d ms, %d concurrent clients, %ds "
                + "measured per side, loopback, %d cores, system load average %.1f (client, gateway and backends "
                + "share these cores with everything else running)%n", backendMillis, concurrency,
                measured.toSeconds(), Runtime.getRuntime().availableProcessors(),
                java.lang.management.ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage());
        System.out.printf(Locale.ROOT, "mix: %s%n", MIX.stream().map(c -> c.method() + " " + c.path()).toList());
        System.out.printf(Locale.ROOT, "%-9s %12s %10s %10s %8s%n", "", "req/s", "p50 ms", "p99 ms", "errors");
        System.out.printf(Locale.ROOT, "%-9s %12.0f %10.3f %10.3f %8d%n", "direct", direct.throughput(),
                direct.percentileMs(50), direct.percentileMs(99), direct.errors);
        System.out.printf(Locale.ROOT, "%-9s %12.0f %10.3f %10.3f %8d%n", "gateway", gateway.throughput(),
                gateway.percentileMs(50), gateway.percentileMs(99), gateway.errors);
        double ratio = gateway.throughput() / direct.throughput();
        double addedP50 = gateway.percentileMs(50) - direct.percentileMs(50);
        System.out.printf(Locale.ROOT, "gateway/direct throughput: %.1f %% (target >= 85 %%): %s%n", ratio * 100,
                ratio >= 0.85 ? "met" : "NOT met");
        System.out.printf(Locale.ROOT, "added p50: %.3f ms (target <= 1 ms): %s; added p99: %.3f ms%n", addedP50,
                addedP50 <= 1.0 ? "met" : "NOT met", gateway.percentileMs(99) - direct.percentileMs(99));
    }
}
