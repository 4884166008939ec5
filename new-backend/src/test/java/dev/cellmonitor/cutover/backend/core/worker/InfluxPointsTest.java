package dev.cellmonitor.cutover.backend.core.worker;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.util.List;

import org.junit.jupiter.api.Test;

import dev.cellmonitor.cutover.backend.core.events.LegacyComparison;
import dev.cellmonitor.cutover.backend.core.events.Recording;
import tools.jackson.databind.JsonNode;

/** With an InfluxDB URL configured: the legacy's {@code student_progress} points and the {@code influxdb} health entry. */
class InfluxPointsTest extends WorkerIntegrationTest {

    @Test
    void writesOneStudentProgressPointPerHandledEventInLineProtocol() throws Exception {
        post("/api/v1/events", "[" + execution("influx@example.com", "c1", true, "1/0") + ","
                + "{\"eventType\": \"help\", \"emailAddress\": \"influx@example.com\", \"eventTime\": \"2026-11-28T23:43:41.145Z\"},"
                + "{\"emailAddress\": \"influx@example.com\"}]");
        List<String> lines = awaitLines("influx@example.com", 2);
        assertThat(lines).containsExactly(
                "student_progress,cellType=code,directory=lessons,emailAddress=influx@example.com,event=cell_executed,"
                        + "notebook=x.ipynb,sessionId=s-influx@example.com,teamName=T1,userName=User\\ influx@example.com"
                        + " notebookPath=\"lessons/x.ipynb\",cellId=\"c1\",cellIndex=1i,cellContent=\"\",executionCount=1i,"
                        + "success=false,duration=5.0 1746093600000000000",
                "student_progress,directory=root,emailAddress=influx@example.com,event=help,notebook=unknown"
                        + " cellId=\"\",cellIndex=-1i,cellContent=\"\",executionCount=-1i 1795909421145000000");
        FakeInflux.Write write = INFLUX.writes().getLast();
        assertThat(write.query()).isEqualTo("org=my-org&bucket=progress_bucket&precision=ns");
        assertThat(write.authorization()).isEqualTo("Token test-token");
    }

    @Test
    void reportsInfluxInTheHealthAnswerAndDegradesWhenItFails() {
        HttpResponse<String> ok = get("/api/v1/health");
        assertThat(ok.statusCode()).isEqualTo(200);
        JsonNode services = Recording.JSON.readTree(ok.body()).get("services");
        Recording p01 = Recording.load("p01_root_health_docs");
        JsonNode recorded = p01.step("health aggregate").get("response").get("body").get("services");
        LegacyComparison comparison = new LegacyComparison(p01.recordedAt(), LegacyComparison.rulesFor("GET /api/v1/health")
                .stream().map(r -> new LegacyComparison.Rule(r.path().replace("/services/influxdb", ""), r.kind())).toList());
        assertThat(comparison.diff(recorded.get("influxdb"), services.get("influxdb"))).isEmpty();
        assertThat(services.get("influxdb").get("version").stringValue()).isEqualTo("v2.7.0-test");

        INFLUX.healthy = false;
        try {
            HttpResponse<String> degraded = get("/api/v1/health");
            assertThat(degraded.statusCode()).isEqualTo(503);
            JsonNode detail = Recording.JSON.readTree(degraded.body()).get("detail");
            assertThat(detail.get("status").stringValue()).isEqualTo("degraded");
            assertThat(detail.get("services").get("influxdb").toString())
                    .isEqualTo("{\"status\":\"degraded\",\"message\":\"InfluxDB status: fail\",\"influx_status\":\"fail\"}");
            assertThat(detail.get("details").get("healthy_services").intValue())
                    .isEqualTo(detail.get("details").get("total_services").intValue() - 1);
        } finally {
            INFLUX.healthy = true;
        }
    }

    private static List<String> awaitLines(String email, int count) throws InterruptedException {
        long end = System.nanoTime() + 10_000_000_000L;
        List<String> lines;
        do {
            lines = INFLUX.lines().stream().filter(l -> l.contains("emailAddress=" + email)).toList();
            if (lines.size() >= count) {
                break;
            }
            Thread.sleep(50);
        } while (System.nanoTime() < end);
        return lines;
    }
}
