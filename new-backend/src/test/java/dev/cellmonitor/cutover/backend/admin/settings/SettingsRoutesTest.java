package dev.cellmonitor.cutover.backend.admin.settings;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;

import javax.sql.DataSource;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

import dev.cellmonitor.cutover.backend.admin.AdminApi;
import dev.cellmonitor.cutover.backend.admin.AdminApi.Response;
import dev.cellmonitor.cutover.backend.support.BackendIntegrationTest;

@BackendIntegrationTest
class SettingsRoutesTest {

    @LocalServerPort
    int port;
    @Autowired
    DataSource dataSource;
    @Autowired
    SystemSettings settings;
    @Autowired
    ConsecutiveErrorSettings consecutiveErrors;

    AdminApi api;

    @BeforeEach
    void reset() {
        api = new AdminApi(port, dataSource);
        api.reset();
        consecutiveErrors.invalidate();
    }

    @Test
    void createsListsAndReadsTypedValues() {
        assertThat(api.get("/api/v1/admin/settings", null).text()).isEqualTo("{\"settings\":[]}");
        Response created = post("{\"setting_key\":\"consecutive_error_threshold\",\"setting_value\":\"3\",\"setting_type\":\"int\","
                + "\"description\":\"連続エラーと判定する閾値\"}");
        assertThat(created.status()).isEqualTo(200);
        assertThat(created.text()).isEqualTo("{\"message\":\"設定 'consecutive_error_threshold' が作成されました\",\"setting\":"
                + "{\"setting_key\":\"consecutive_error_threshold\",\"setting_value\":\"3\",\"setting_type\":\"int\",\"description\":\"連続エラーと判定する閾値\"}}");
        post("{\"setting_key\":\"dashboard_layout\",\"setting_value\":\"{\\\"columns\\\": 4, \\\"teams\\\": [\\\"A\\\"]}\",\"setting_type\":\"json\"}");
        post("{\"setting_key\":\"flag\",\"setting_value\":\"Yes\",\"setting_type\":\"bool\"}");
        post("{\"setting_key\":\"name\",\"setting_value\":\"x\",\"setting_type\":\"str\"}");
        post("{\"setting_key\":\"ratio\",\"setting_value\":\"0.5\",\"setting_type\":\"json\"}");

        assertThat(api.get("/api/v1/admin/settings/consecutive_error_threshold", null).text())
                .isEqualTo("{\"setting_key\":\"consecutive_error_threshold\",\"value\":3,\"type\":\"int\"}");
        assertThat(api.get("/api/v1/admin/settings/dashboard_layout", null).text())
                .isEqualTo("{\"setting_key\":\"dashboard_layout\",\"value\":{\"columns\":4,\"teams\":[\"A\"]},\"type\":\"dict\"}");
        assertThat(api.get("/api/v1/admin/settings/flag", null).text()).isEqualTo("{\"setting_key\":\"flag\",\"value\":true,\"type\":\"bool\"}");
        assertThat(api.get("/api/v1/admin/settings/name", null).text()).isEqualTo("{\"setting_key\":\"name\",\"value\":\"x\",\"type\":\"str\"}");
        assertThat(api.get("/api/v1/admin/settings/ratio", null).text()).isEqualTo("{\"setting_key\":\"ratio\",\"value\":0.5,\"type\":\"float\"}");
        assertThat(api.get("/api/v1/admin/settings", null).json().get("settings")).extracting(s -> s.get("setting_key").stringValue())
                .containsExactly("consecutive_error_threshold", "dashboard_layout", "flag", "name", "ratio");
        assertThat(api.get("/api/v1/admin/settings", null).json().at("/settings/0/updated_at").isNull()).isTrue();
    }

    @Test
    void answersMissingInactiveAndUnreadableSettings() {
        assertThat(api.get("/api/v1/admin/settings/nope", null).text()).isEqualTo("{\"detail\":\"設定キー 'nope' が見つかりません\"}");
        post("{\"setting_key\":\"off\",\"setting_value\":\"1\",\"setting_type\":\"int\"}");
        api.jdbc().update("UPDATE system_settings SET is_active = false WHERE setting_key = 'off'");
        assertThat(api.get("/api/v1/admin/settings/off", null).status()).isEqualTo(404);
        assertThat(put("off", "{\"new_value\":2}").status()).as("updates find inactive rows").isEqualTo(200);
        post("{\"setting_key\":\"nothing\",\"setting_value\":\"null\",\"setting_type\":\"json\"}");
        assertThat(api.get("/api/v1/admin/settings/nothing", null).status()).isEqualTo(404);
        post("{\"setting_key\":\"broken\",\"setting_value\":\"abc\",\"setting_type\":\"int\"}");
        Response broken = api.get("/api/v1/admin/settings/broken", null);
        assertThat(broken.status()).isEqualTo(409);
        assertThat(broken.json().get("detail").isString()).isTrue();
    }

    @Test
    void storesUpdatesAsTheLegacyDoesAndValidatesTheThreshold() {
        post("{\"setting_key\":\"consecutive_error_threshold\",\"setting_value\":\"3\",\"setting_type\":\"int\"}");
        post("{\"setting_key\":\"error_detection_enabled\",\"setting_value\":\"true\",\"setting_type\":\"bool\"}");
        post("{\"setting_key\":\"layout\",\"setting_value\":\"{}\",\"setting_type\":\"json\"}");

        Response five = put("consecutive_error_threshold", "{\"new_value\":5}");
        assertThat(five.text()).matches("\\{\"message\":\"設定 'consecutive_error_threshold' が更新されました\",\"setting\":"
                + "\\{\"setting_key\":\"consecutive_error_threshold\",\"setting_value\":\"5\",\"setting_type\":\"int\","
                + "\"updated_at\":\"\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d(\\.\\d{6})?\\+00:00\"}}");
        for (String bad : new String[] {"0", "11", "\"abc\"", "5.5", "true", "null", "[5]"}) {
            Response r = put("consecutive_error_threshold", "{\"new_value\":" + bad + "}");
            assertThat(r.status()).as(bad).isEqualTo(400);
            assertThat(r.text()).isEqualTo("{\"detail\":\"連続エラー閾値は整数で指定してください\"}");
        }
        assertThat(put("consecutive_error_threshold", "{\"new_value\":\" 7 \"}").json().at("/setting/setting_value").stringValue())
                .isEqualTo(" 7 ");
        assertThat(put("error_detection_enabled", "{\"new_value\":false}").json().at("/setting/setting_value").stringValue())
                .isEqualTo("False");
        assertThat(put("layout", "{\"new_value\":{\"a\":[1,\"b\"]}}").json().at("/setting/setting_value").stringValue())
                .isEqualTo("{\"a\": [1, \"b\"]}");
        assertThat(api.get("/api/v1/admin/settings/layout", null).json().get("value").toString()).isEqualTo("{\"a\":[1,\"b\"]}");
        assertThat(put("missing_key", "{\"new_value\":4}").text()).isEqualTo("{\"detail\":\"設定キー 'missing_key' が見つかりません\"}");
        assertThat(put("layout", "{\"value\":true}").text()).isEqualTo("{\"detail\":[{\"type\":\"missing\",\"loc\":[\"body\",\"new_value\"],"
                + "\"msg\":\"Field required\",\"input\":{\"value\":true}}]}");

        assertThat(api.get("/api/v1/admin/consecutive-error-status", null).text()).isEqualTo(
                "{\"consecutive_error_threshold\":7,\"error_detection_enabled\":false,\"cache_ttl_seconds\":300,\"status\":\"disabled\"}");
    }

    @Test
    void reportsCodeDefaultsWithoutRows() {
        assertThat(api.get("/api/v1/admin/consecutive-error-status", null).text()).isEqualTo(
                "{\"consecutive_error_threshold\":3,\"error_detection_enabled\":true,\"cache_ttl_seconds\":300,\"status\":\"active\"}");
    }

    @Test
    void refusesDuplicateAndInvalidCreations() {
        post("{\"setting_key\":\"k\",\"setting_value\":\"1\",\"setting_type\":\"int\"}");
        Response duplicate = post("{\"setting_key\":\"k\",\"setting_value\":\"2\",\"setting_type\":\"int\"}");
        assertThat(duplicate.status()).isEqualTo(400);
        assertThat(duplicate.json().get("detail").stringValue())
                .startsWith("設定作成に失敗しました: duplicate key value violates unique constraint \"ix_system_settings_setting_key\"")
                .contains("DETAIL:  Key (setting_key)=(k) already exists.")
                .doesNotContain("INSERT");
        assertThat(post("{\"setting_key\":\"x\",\"setting_value\":\"1\"}").text()).isEqualTo("{\"detail\":[{\"type\":\"missing\","
                + "\"loc\":[\"body\",\"setting_type\"],\"msg\":\"Field required\",\"input\":{\"setting_key\":\"x\",\"setting_value\":\"1\"}}]}");
        Response nullDescription = post("{\"setting_key\":\"y\",\"setting_value\":\"1\",\"setting_type\":\"int\",\"description\":null}");
        assertThat(nullDescription.status()).isEqualTo(422);
        assertThat(nullDescription.json().at("/detail/0/type").stringValue()).isEqualTo("string_type");
        assertThat(post("{\"setting_key\":\"z\",\"setting_value\":3,\"setting_type\":\"int\"}").status()).isEqualTo(422);
    }

    @Test
    void theWorkerThresholdFollowsChangesFromEitherSideWithinTheCacheTime() throws Exception {
        ConsecutiveErrorSettings shortCache = new ConsecutiveErrorSettings(settings, new SettingsProperties(Duration.ofMillis(200)));
        assertThat(shortCache.threshold()).isEqualTo(3);
        post("{\"setting_key\":\"consecutive_error_threshold\",\"setting_value\":\"4\",\"setting_type\":\"int\"}");
        // a change the legacy makes straight in the database
        api.jdbc().update("UPDATE system_settings SET setting_value = '6' WHERE setting_key = 'consecutive_error_threshold'");
        Thread.sleep(300);
        assertThat(shortCache.threshold()).isEqualTo(6);
        api.jdbc().update("UPDATE system_settings SET setting_value = '5.7' WHERE setting_key = 'consecutive_error_threshold'");
        Thread.sleep(300);
        assertThat(shortCache.threshold()).as("unreadable: the default").isEqualTo(3);

        // the application's instance: a change through this backend applies at once
        api.jdbc().update("UPDATE system_settings SET setting_value = '6' WHERE setting_key = 'consecutive_error_threshold'");
        consecutiveErrors.threshold();
        put("consecutive_error_threshold", "{\"new_value\":2}");
        assertThat(consecutiveErrors.threshold()).isEqualTo(2);
    }

    private Response post(String body) {
        return api.json("POST", "/api/v1/admin/settings", null, body);
    }

    private Response put(String key, String body) {
        return api.json("PUT", "/api/v1/admin/settings/" + key, null, body);
    }
}
