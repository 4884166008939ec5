package dev.cellmonitor.cutover.gateway.bench;

import java.lang.management.CompilationMXBean;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadInfo;
import java.lang.management.ThreadMXBean;
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
import reactor.core.scheduler.Scheduler;
import reactor.core.scheduler.Schedulers;
import reactor.netty.DisposableServer;
import reactor.netty.http.client.HttpClient;
import reactor.netty.http.server.HttpServer;
import reactor.netty.resources.ConnectionProvider;
import reactor.netty.resources.LoopResources;

import org.springframework.http.MediaType;

import dev.cellmonitor.cutover.gateway.support.GatewayInstance;
import dev.cellmonitor.cutover.testsupport.TestDatabases;

/**
 * Gateway overhead on loopback: the same request mix is driven straight at a backend and through the gateway,
 * alternating (direct, gateway, direct, gateway) in one run so machine noise hits both, with a fixed number of
 * concurrent closed-loop clients. Prints throughput and p50/p99 of each and their ratio; the targets are
 * >= 85 % of direct throughput and <= 1 ms added at p50. Two backends are measured: one that answers at once
 * (the ratio is then the pure CPU cost of a proxy hop on a shared machine, the worst case) and one that takes
 * {@code bench.backend-ms} per request like a real API call (the case the targets are about).
 * <p>
 * The client and the backends run on their own Netty event loops ({@value #CLIENT_THREADS}*,
 * {@value #BACKEND_THREADS}*), the gateway on Reactor Netty's global ones as in production, so the CPU time of
 * each role can be read per thread and divided by the requests served: that is the gateway's own cost per
 * request, whatever else the machine is doing. What no Java thread accounts for (JIT compiler, GC) is shown
 * apart; if it is large during the gateway rounds, the warm-up was too short for the gateway's code path.
 * Not a test: run it with {@code mvn -pl gateway -am -Pbenchmark -DskipTests test} (about two minutes; needs
 * the local PostgreSQL). Knobs (system properties): {@code bench.concurrency} (16), {@code bench.seconds}
 * (5 per round), {@code bench.warmup} (5, the minimum), {@code bench.backend-ms} (5).
 */
public final class GatewayBenchmark {

    private static final double SETTLED_COMPILE_SHARE = 0.05;
    private static final Duration MAX_WARMUP = Duration.ofSeconds(60);

    static final String CLIENT_THREADS = "bench-client";
    static final String BACKEND_THREADS = "bench-backend";

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
        LoopResources backendLoops = LoopResources.create(BACKEND_THREADS, 1, 2, true);
        // the backend's service time is a timer; on Reactor's shared parallel scheduler it would count as gateway
        Scheduler backendTimer = Schedulers.newSingle(BACKEND_THREADS + "-timer", true);
        LoopResources clientLoops = LoopResources.create(CLIENT_THREADS, 1, 2, true);
        DisposableServer legacy = backend(serviceMillis, backendLoops, backendTimer);
        DisposableServer fresh = backend(serviceMillis, backendLoops, backendTimer);
        String database = TestDatabases.create("gw_bench");
        GatewayInstance gateway = null;
        try {
            gateway = GatewayInstance.startAlone(database, "http://127.0.0.1:" + legacy.port(),
                    "http://127.0.0.1:" + fresh.port(), "--logging.level.root=WARN",
                    "--spring.main.log-startup-info=false");
            flip(gateway, Map.of("group", "lms", "stage", "NEW", "reason", "benchmark"));
            flip(gateway, Map.of("group", "admin", "stage", "CANARY", "percentage", 50, "reason", "benchmark"));

            HttpClient client = HttpClient.create(ConnectionProvider.builder("bench").maxConnections(concurrency * 2)
                    .pendingAcquireMaxCount(-1).build()).runOn(clientLoops).keepAlive(true);
            String direct = "http://127.0.0.1:" + legacy.port();
            String through = "http://127.0.0.1:" + gateway.port();

            System.out.printf(Locale.ROOT, "%nwarming up (at least %ds each, then until the JIT is done)...%n",
                    warmup.toSeconds());
            Duration directWarmup = warmUp(client, direct, concurrency, warmup);
            Duration gatewayWarmup = warmUp(client, through, concurrency, warmup);
            System.out.printf(Locale.ROOT, "warm after %ds direct, %ds through the gateway%n",
                    directWarmup.toSeconds(), gatewayWarmup.toSeconds());

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
            backendLoops.disposeLater().block();
            backendTimer.dispose();
            clientLoops.disposeLater().block();
        }
        System.exit(0);
    }

    /** A backend that answers after {@code serviceMillis} (0: at once), so only the gateway's cost differs. */
    private static DisposableServer backend(AtomicLong serviceMillis, LoopResources loops, Scheduler timer) {
        byte[] json = "{\"served\":\"bench\",\"items\":[1,2,3]}".getBytes(StandardCharsets.UTF_8);
        return HttpServer.create().host("127.0.0.1").port(0).runOn(loops)
                .handle((request, response) -> {
                    long millis = serviceMillis.get();
                    Mono<Void> work = millis == 0 ? Mono.empty() : Mono.delay(Duration.ofMillis(millis), timer).then();
                    return request.receive().then(work).then(
                            response.header("Content-Type", "application/json")
                                    .header("Content-Length", Integer.toString(json.length))
                                    .sendByteArray(Mono.just(json)).then());
                })
                .bindNow();
    }

    /**
     * Drives one side until the JIT compiler has settled: at least {@code minimum}, then one second at a time
     * until compiling took under {@value #SETTLED_COMPILE_SHARE} of a second, at most {@link #MAX_WARMUP}. The
     * gateway's code path is far larger than the bare backend's: after a fixed 5 s the C2 compiler was still
     * busy a quarter of the machine through the first measured gateway rounds, and those rounds measured the
     * compiler as much as the gateway.
     */
    private static Duration warmUp(HttpClient client, String base, int concurrency, Duration minimum) {
        CompilationMXBean jit = ManagementFactory.getCompilationMXBean();
        long start = System.nanoTime();
        drive(client, base, concurrency, minimum);
        Duration elapsed = Duration.ofNanos(System.nanoTime() - start);
        while (elapsed.compareTo(MAX_WARMUP) < 0) {
            long compiledBefore = jit.getTotalCompilationTime();
            drive(client, base, concurrency, Duration.ofSeconds(1));
            elapsed = Duration.ofNanos(System.nanoTime() - start);
            if (jit.getTotalCompilationTime() - compiledBefore < SETTLED_COMPILE_SHARE * 1000) {
                break;
            }
        }
        return elapsed;
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
        Cpu before = Cpu.now();
        long start = System.nanoTime();
        List<long[]> perClient = Flux.range(0, concurrency)
                .flatMap(worker -> loop(client, base, worker, end, errors), concurrency)
                .collectList().block();
        long elapsed = System.nanoTime() - start;
        Cpu used = Cpu.now().minus(before);
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
        return new Round(all.length, elapsed, all, errors.get(), used);
    }

    private static Mono<long[]> loop(HttpClient client, String base, int worker, long end, AtomicLong errors) {
        Latencies latencies = new Latencies();
        return Mono.defer(() -> {
                    int n = worker * 1_000_000 + latencies.count;
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
                                latencies.add(System.nanoTime() - t0);
                            })
                            .onErrorResume(e -> {
                                errors.incrementAndGet();
                                return Mono.empty();
                            });
                })
                .repeat(() -> System.nanoTime() < end)
                .then(Mono.fromCallable(latencies::toArray));
    }

    /**
     * One client's latencies, growing as needed: small to start with, because the megabyte-sized arrays each
     * client used to allocate per round are humongous objects to G1 (allocated straight into the old
     * generation), GC work that would be counted against whichever side ran.
     */
    private static final class Latencies {
        long[] nanos = new long[4096];
        int count;

        void add(long latency) {
            if (count == nanos.length) {
                nanos = Arrays.copyOf(nanos, count * 2);
            }
            nanos[count++] = latency;
        }

        long[] toArray() {
            return Arrays.copyOf(nanos, count);
        }
    }

    private record Round(long requests, long nanos, long[] sortedLatencies, long errors, Cpu cpu) {
    }

    /**
     * CPU time used so far, by role: the benchmark's client and backend event loops, the gateway (every other
     * Java thread but the harness's main thread: its event loops, timers, flag refresher), and the JVM's own
     * threads that are not Java threads (JIT compilers, GC), as the process total minus all Java threads.
     */
    private record Cpu(long client, long backend, long gateway, long vm, long machineBusy, long machineAll) {

        static Cpu now() {
            ThreadMXBean threads = ManagementFactory.getThreadMXBean();
            long client = 0;
            long backend = 0;
            long gateway = 0;
            long all = 0;
            for (ThreadInfo info : threads.getThreadInfo(threads.getAllThreadIds())) {
                long nanos = info == null ? -1 : threads.getThreadCpuTime(info.getThreadId());
                if (nanos < 0) {
                    continue;
                }
                all += nanos;
                String name = info.getThreadName();
                if (name.startsWith(CLIENT_THREADS)) {
                    client += nanos;
                } else if (name.startsWith(BACKEND_THREADS)) {
                    backend += nanos;
                } else if (!name.equals("main")) {
                    gateway += nanos;
                }
            }
            long process = ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean())
                    .getProcessCpuTime();
            long[] machine = machineTicks();
            return new Cpu(client, backend, gateway, process - all, machine[0], machine[1]);
        }

        /** Busy and total clock ticks of all cores since boot (Linux {@code /proc/stat}); zeros elsewhere. */
        private static long[] machineTicks() {
            try {
                String[] f = java.nio.file.Files.readAllLines(java.nio.file.Path.of("/proc/stat")).getFirst()
                        .trim().split("\\s+");
                long all = 0;
                for (int i = 1; i < Math.min(f.length, 9); i++) {
                    all += Long.parseLong(f[i]);
                }
                return new long[] {all - Long.parseLong(f[4]) - Long.parseLong(f[5]), all};
            } catch (Exception notLinux) {
                return new long[] {0, 0};
            }
        }

        Cpu minus(Cpu earlier) {
            return new Cpu(client - earlier.client, backend - earlier.backend, gateway - earlier.gateway,
                    vm - earlier.vm, machineBusy - earlier.machineBusy, machineAll - earlier.machineAll);
        }

        Cpu plus(Cpu other) {
            return new Cpu(client + other.client, backend + other.backend, gateway + other.gateway, vm + other.vm,
                    machineBusy + other.machineBusy, machineAll + other.machineAll);
        }

        long total() {
            return client + backend + gateway + vm;
        }
    }

    private static final class Result {
        long requests;
        long nanos;
        long errors;
        long[] latencies = new long[0];
        Cpu cpu = new Cpu(0, 0, 0, 0, 0, 0);

        void add(Round round) {
            requests += round.requests();
            cpu = cpu.plus(round.cpu());
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

        /** Microseconds of CPU per request. */
        double perRequest(long cpuNanos) {
            return requests == 0 ? Double.NaN : cpuNanos / 1e3 / requests;
        }

        /** Share of the machine's cores this JVM used while this side ran. */
        double processShare() {
            return cpu.total() / (double) nanos / Runtime.getRuntime().availableProcessors();
        }

        /** Share of the machine's cores busy with anything while this side ran; NaN where unknown. */
        double machineShare() {
            return cpu.machineAll() == 0 ? Double.NaN : cpu.machineBusy() / (double) cpu.machineAll();
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
                + "share these cores with everything else running); event loops: client %d, backends %d, "
                + "gateway %d%n", backendMillis, concurrency, measured.toSeconds(),
                Runtime.getRuntime().availableProcessors(),
                ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage(), loops(CLIENT_THREADS + "-"),
                loops(BACKEND_THREADS + "-"), loops("reactor-http-"));
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

        System.out.printf(Locale.ROOT, "%-9s %33s %8s %8s %8s %8s %8s %8s%n", "", "CPU per request (us): client",
                "backend", "gateway", "jit/gc", "total", "JVM", "machine");
        for (var side : List.of(Map.entry("direct", direct), Map.entry("gateway", gateway))) {
            Result r = side.getValue();
            System.out.printf(Locale.ROOT, "%-9s %33.1f %8.1f %8.1f %8.1f %8.1f %7.0f%% %7.0f%%%n", side.getKey(),
                    r.perRequest(r.cpu.client()), r.perRequest(r.cpu.backend()), r.perRequest(r.cpu.gateway()),
                    r.perRequest(r.cpu.vm()), r.perRequest(r.cpu.total()), r.processShare() * 100,
                    r.machineShare() * 100);
        }
        explain(direct, gateway);
    }

    private static long loops(String prefix) {
        return Thread.getAllStackTraces().keySet().stream().map(Thread::getName)
                .filter(name -> name.startsWith(prefix) && !name.contains("select") && !name.contains("timer"))
                .count();
    }

    /**
     * The gateway's own CPU per request, and, when the gateway rounds kept the machine busy, what that cost
     * allows: throughput is then cores over CPU per request, so a hop costing k times what client and backend
     * spend together caps the gateway at about 1 / (1 + k) of direct, however it is tuned.
     */
    private static void explain(Result direct, Result gateway) {
        // the gateway's threads tick along while direct runs (flag refresh): take that rate off the hop's cost
        double idlePerSecond = direct.cpu.gateway() / (direct.nanos / 1e9);
        double hop = (gateway.cpu.gateway() - idlePerSecond * gateway.nanos / 1e9) / 1e3 / gateway.requests;
        double shared = direct.perRequest(direct.cpu.client() + direct.cpu.backend());
        System.out.printf(Locale.ROOT, "the gateway hop costs %.0f us of CPU per request, %.1fx what client and "
                + "backend spend together (%.0f us)%n", hop, hop / shared, shared);
        if (gateway.machineShare() >= 0.85) {
            System.out.printf(Locale.ROOT, "CPU-bound: the machine was %.0f %% busy during the gateway rounds. "
                    + "Client, gateway and backend take turns on the same %d cores, so the gateway can reach at "
                    + "most about %.0f %% of direct throughput here, however little it adds to a request's "
                    + "latency; the throughput target can only be judged where the backend does real work%n",
                    gateway.machineShare() * 100, Runtime.getRuntime().availableProcessors(), 100 / (1 + hop / shared));
        }
    }
}
