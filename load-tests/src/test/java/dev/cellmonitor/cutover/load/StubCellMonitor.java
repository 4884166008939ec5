package dev.cellmonitor.cutover.load;

import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import dev.cellmonitor.cutover.catalogue.Route;
import dev.cellmonitor.cutover.catalogue.RouteCatalogue;
import io.netty.bootstrap.ServerBootstrap;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpObjectAggregator;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpServerCodec;
import io.netty.handler.codec.http.HttpUtil;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.handler.codec.http.QueryStringDecoder;
import io.netty.handler.codec.http.websocketx.TextWebSocketFrame;
import io.netty.handler.codec.http.websocketx.WebSocketServerProtocolHandler;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * A stand-in for "gateway in front of a backend" for the load tests' own tests: answers the routes the suites
 * call with legacy-shaped bodies and statuses, labels every answer with {@code X-Served-By} from per-group
 * stages, serves the dashboard WebSocket's ping, and offers an ops API (stages, flips) on a second port.
 * A delay can be set per route to break a gate on purpose.
 */
final class StubCellMonitor implements AutoCloseable {

    static final String TOKEN = "stub-ops-token";
    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final Pattern ID = Pattern.compile("/(\\d+)$");

    private final RouteCatalogue catalogue = RouteCatalogue.load();
    private final EventLoopGroup group = new MultiThreadIoEventLoopGroup(2, NioIoHandler.newFactory());
    private final Channel api;
    private final Channel ops;
    private final Map<String, String> stages = new ConcurrentHashMap<>();
    private final Map<String, Integer> percentages = new ConcurrentHashMap<>();
    private final Map<String, Long> delays = new ConcurrentHashMap<>();
    private final Set<String> students = ConcurrentHashMap.newKeySet();
    private final Map<String, String> passwords = new ConcurrentHashMap<>(Map.of("instructor@example.com", "password123"));
    private final AtomicLong ids = new AtomicLong(100);
    private final List<Map<String, Object>> flips = new ArrayList<>();

    StubCellMonitor() throws InterruptedException {
        for (String g : List.of("core", "lms", "admin", "monitoring")) {
            stages.put(g, "LEGACY");
        }
        api = bind(true);
        ops = bind(false);
    }

    private Channel bind(boolean isApi) throws InterruptedException {
        return new ServerBootstrap().group(group).channel(NioServerSocketChannel.class)
                .childHandler(new ChannelInitializer<SocketChannel>() {
                    @Override
                    protected void initChannel(SocketChannel ch) {
                        ch.pipeline().addLast(new HttpServerCodec(), new HttpObjectAggregator(1 << 20));
                        if (isApi) {
                            ch.pipeline().addLast(new WebSocketServerProtocolHandler("/api/v1/dashboard/ws/dashboard"),
                                    new DashboardSocket());
                        }
                        ch.pipeline().addLast(isApi ? new ApiHandler() : new OpsHandler());
                    }
                }).bind(new InetSocketAddress("127.0.0.1", 0)).sync().channel();
    }

    /** Runs the stub until killed, for trying the suites by hand: prints its API and ops URLs. */
    public static void main(String[] args) throws Exception {
        StubCellMonitor stub = new StubCellMonitor();
        System.out.println("stub API " + stub.baseUrl() + " ops " + stub.opsUrl() + " token " + TOKEN);
        Thread.currentThread().join();
    }

    String baseUrl() {
        return "http://127.0.0.1:" + ((InetSocketAddress) api.localAddress()).getPort();
    }

    String opsUrl() {
        return "http://127.0.0.1:" + ((InetSocketAddress) ops.localAddress()).getPort();
    }

    int apiPort() {
        return ((InetSocketAddress) api.localAddress()).getPort();
    }

    /** Every answer of this route is delayed: breaks the response-time gates of its group on purpose. */
    void delay(String routeKey, long millis) {
        delays.put(routeKey, millis);
    }

    List<Map<String, Object>> flips() {
        synchronized (flips) {
            return List.copyOf(flips);
        }
    }

    @Override
    public void close() {
        api.close().syncUninterruptibly();
        ops.close().syncUninterruptibly();
        group.shutdownGracefully(0, 1, TimeUnit.SECONDS).syncUninterruptibly();
    }

    private final class DashboardSocket extends SimpleChannelInboundHandler<TextWebSocketFrame> {
        @Override
        protected void channelRead0(ChannelHandlerContext ctx, TextWebSocketFrame frame) {
            if (frame.text().contains("\"ping\"")) {
                ctx.writeAndFlush(new TextWebSocketFrame("{\"type\": \"pong\"}"));
            }
        }
    }

    private final class ApiHandler extends SimpleChannelInboundHandler<FullHttpRequest> {
        @Override
        protected void channelRead0(ChannelHandlerContext ctx, FullHttpRequest request) {
            QueryStringDecoder uri = new QueryStringDecoder(request.uri());
            String path = uri.path();
            String method = request.method().name();
            Route route = catalogue.match(method, path).orElse(null);
            String body = request.content().toString(StandardCharsets.UTF_8);
            Answer answer = route == null ? new Answer(404, "Not Found") : answer(route, path, body, request);
            String user = request.headers().get(HttpHeaderNames.AUTHORIZATION, path);
            if (route != null && route.key().equals("POST /api/v1/events")) {
                Matcher m = Pattern.compile("\"emailAddress\":\"([^\"]+)\"").matcher(body);
                user = m.find() ? m.group(1) : user;
            }
            String servedBy = route == null ? "legacy" : servedBy(route.group().key(), user);
            long delay = route == null ? 0 : delays.getOrDefault(route.key(), 0L);
            FullHttpResponse response = response(answer, HttpUtil.isKeepAlive(request));
            response.headers().set("X-Served-By", servedBy);
            if (delay > 0) {
                ctx.executor().schedule(() -> ctx.writeAndFlush(response), delay, TimeUnit.MILLISECONDS);
            } else {
                ctx.writeAndFlush(response);
            }
        }

        private Answer answer(Route route, String path, String body, FullHttpRequest request) {
            String auth = request.headers().get(HttpHeaderNames.AUTHORIZATION, "");
            if (route.auth() && !auth.startsWith("Bearer stub.")) {
                return json(403, Map.of("detail", "Not authenticated"));
            }
            JsonNode in = body.isBlank() ? null : JSON.readTree(body);
            return switch (route.key()) {
                case "POST /api/v1/events" -> {
                    if (in == null || !in.isArray()) {
                        yield json(422, Map.of("detail", "list_type"));
                    }
                    in.forEach(e -> {
                        if (e.hasNonNull("emailAddress")) {
                            students.add(e.get("emailAddress").asString());
                        }
                    });
                    yield json(202, Map.of("message", "Enhanced batch processing completed: " + in.size() + "/" + in.size() + " events"));
                }
                case "POST /api/v1/auth/login" -> {
                    String email = in.path("email").asString();
                    if (!in.path("password").asString().equals(passwords.get(email))) {
                        yield json(401, Map.of("detail", "Invalid credentials"));
                    }
                    yield json(200, Map.of("instructor", Map.of("email", email, "id", 1),
                            "token", Map.of("access_token", "stub." + email, "token_type", "bearer", "expires_in", 1800)));
                }
                case "GET /api/v1/auth/me" -> json(200, Map.of("email", auth.substring("Bearer stub.".length())));
                case "POST /api/v1/instructors/" -> {
                    passwords.put(in.path("email").asString(), in.path("password").asString());
                    yield json(201, Map.of("email", in.path("email").asString(), "id", ids.incrementAndGet()));
                }
                case "GET /api/v1/dashboard/overview" -> json(200, Map.of("students",
                        students.stream().limit(50).map(s -> Map.of("emailAddress", s)).toList(),
                        "metrics", Map.of("totalStudents", students.size()), "activityChart", List.of()));
                case "GET /api/v1/dashboard/students/{email}/activity" -> {
                    String email = path.split("/")[5];
                    yield students.contains(email) ? json(200, Map.of("student", Map.of("emailAddress", email)))
                            : json(404, Map.of("detail", "Student not found"));
                }
                case "POST /api/v1/classes/", "POST /api/v1/assignments/", "POST /api/v1/submissions/" ->
                        json(201, Map.of("id", ids.incrementAndGet()));
                case "GET /api/v1/classes/", "GET /api/v1/assignments/", "GET /api/v1/submissions/" -> json(200, List.of());
                default -> {
                    Matcher id = ID.matcher(path);
                    yield id.find() ? json(200, Map.of("id", Long.parseLong(id.group(1)))) : json(200, Map.of());
                }
            };
        }
    }

    private String servedBy(String group, String user) {
        String stage = stages.getOrDefault(group, "LEGACY");
        return switch (stage) {
            case "NEW" -> "new";
            case "CANARY" -> Math.floorMod(user.hashCode(), 100) < percentages.getOrDefault(group, 0) ? "new" : "legacy";
            default -> "legacy";
        };
    }

    private final class OpsHandler extends SimpleChannelInboundHandler<FullHttpRequest> {
        @Override
        protected void channelRead0(ChannelHandlerContext ctx, FullHttpRequest request) {
            String path = new QueryStringDecoder(request.uri()).path();
            Answer answer;
            if (!("Bearer " + TOKEN).equals(request.headers().get(HttpHeaderNames.AUTHORIZATION))) {
                answer = json(401, Map.of("detail", "ops token required"));
            } else if (request.method().name().equals("GET") && path.equals("/ops/api/groups")) {
                List<Map<String, Object>> groups = new ArrayList<>();
                stages.forEach((g, s) -> {
                    Map<String, Object> entry = new LinkedHashMap<>();
                    entry.put("group", g);
                    entry.put("stage", s);
                    if (s.equals("CANARY")) {
                        entry.put("percentage", percentages.get(g));
                    }
                    groups.add(entry);
                });
                answer = json(200, Map.of("groups", groups));
            } else if (request.method().name().equals("POST") && path.equals("/ops/api/flips")) {
                JsonNode flip = JSON.readTree(request.content().toString(StandardCharsets.UTF_8));
                String g = flip.path("group").asString();
                if (!stages.containsKey(g) || !flip.hasNonNull("reason")) {
                    answer = json(400, Map.of("detail", "group and reason required"));
                } else {
                    String from = stages.put(g, flip.path("stage").asString());
                    percentages.put(g, flip.path("percentage").asInt(0));
                    synchronized (flips) {
                        flips.add(Map.of("group", g, "from", from, "to", flip.path("stage").asString()));
                    }
                    answer = json(200, Map.of("group", g, "from", from, "to", flip.path("stage").asString()));
                }
            } else {
                answer = new Answer(404, "Not Found");
            }
            ctx.writeAndFlush(response(answer, HttpUtil.isKeepAlive(request)));
        }
    }

    private record Answer(int status, String body) {
    }

    private static Answer json(int status, Object body) {
        return new Answer(status, JSON.writeValueAsString(body));
    }

    private static FullHttpResponse response(Answer answer, boolean keepAlive) {
        FullHttpResponse response = new DefaultFullHttpResponse(HttpVersion.HTTP_1_1,
                HttpResponseStatus.valueOf(answer.status()), Unpooled.copiedBuffer(answer.body(), StandardCharsets.UTF_8));
        response.headers().set(HttpHeaderNames.CONTENT_TYPE,
                answer.body().startsWith("{") || answer.body().startsWith("[") ? "application/json" : "text/plain; charset=utf-8");
        HttpUtil.setContentLength(response, response.content().readableBytes());
        HttpUtil.setKeepAlive(response, keepAlive);
        return response;
    }
}
