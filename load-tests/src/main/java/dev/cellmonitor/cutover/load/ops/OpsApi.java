package dev.cellmonitor.cutover.load.ops;

import dev.cellmonitor.cutover.load.Knobs;

/**
 * Where and how to reach the gateway's ops API: the only place its paths and credential scheme are written
 * down for the load tests.
 *
 * @param baseUrl    the gateway's management side, e.g. {@code http://127.0.0.1:8081}
 * @param token      the ops credential ({@code CUTOVER_OPS_TOKEN}, else the gateway's default)
 * @param stagesPath GET: the stage of every group (and the routes overriding it)
 * @param flipPath   POST a {@link Flip}; the credential goes as {@code Authorization: Bearer <token>}
 */
public record OpsApi(String baseUrl, String token, String stagesPath, String flipPath) {

    public static final String TOKEN_ENV = "CUTOVER_OPS_TOKEN";
    /** The gateway's own default, as {@code .ci/start} runs it. */
    public static final String DEFAULT_TOKEN = "dev-ops-token";

    public static OpsApi from(Knobs knobs) {
        String token = knobs.raw("opsToken");
        if (token == null) {
            token = System.getenv(TOKEN_ENV);
        }
        if (token == null || token.isBlank()) {
            token = DEFAULT_TOKEN;
        }
        return new OpsApi(trimSlash(knobs.text("opsUrl", "http://127.0.0.1:8081")), token,
                knobs.text("ops.stagesPath", "/ops/api/groups"), knobs.text("ops.flipPath", "/ops/api/flips"));
    }

    public String stagesUrl() {
        return baseUrl + stagesPath;
    }

    public String flipUrl() {
        return baseUrl + flipPath;
    }

    private static String trimSlash(String url) {
        return url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
    }
}
