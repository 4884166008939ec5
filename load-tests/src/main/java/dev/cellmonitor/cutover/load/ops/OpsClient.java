package dev.cellmonitor.cutover.load.ops;

import java.io.IOException;
import java.time.Duration;

import dev.cellmonitor.cutover.load.JsonHttp;

/** Reads stages from and sends flips to the gateway's ops API. */
public final class OpsClient {

    private final OpsApi api;
    private final JsonHttp http = new JsonHttp(Duration.ofSeconds(10));

    public OpsClient(OpsApi api) {
        this.api = api;
    }

    public OpsApi api() {
        return api;
    }

    /** Every route's stage as the ops API lists it. */
    public JsonHttp.Reply stages() throws IOException {
        return http.get(api.stagesUrl(), JsonHttp.bearer(api.token()));
    }

    public JsonHttp.Reply flip(Flip flip) throws IOException {
        return http.send("POST", api.flipUrl(), flip.body(), JsonHttp.bearer(api.token()));
    }
}
