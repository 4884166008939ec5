package dev.cellmonitor.cutover.backend.lms.maps;

import static org.assertj.core.api.Assertions.assertThat;

import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.awt.image.IndexColorModel;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import javax.imageio.ImageIO;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import dev.cellmonitor.cutover.backend.lms.LmsHttp.Reply;
import dev.cellmonitor.cutover.backend.lms.Multipart;
import dev.cellmonitor.cutover.backend.lms.LmsIntegrationTest;
import dev.cellmonitor.cutover.backend.support.BackendIntegrationTest;
import tools.jackson.databind.JsonNode;

@BackendIntegrationTest
class ClassroomMapControllerTest extends LmsIntegrationTest {

    static final String NAIVE = "\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}:\\d{2}(\\.\\d{6})?";
    static final String STORED = "classroom_map_[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[0-9a-f]{4}-[0-9a-f]{12}\\.jpg";
    static final String UPLOAD = "/api/v1/classroom/map/upload";
    /** 1x1 lossy WebP and 1x1 WebP with alpha (the well-known feature-detection samples). */
    static final String WEBP_LOSSY = "UklGRiIAAABXRUJQVlA4IBYAAAAwAQCdASoBAAEADsD+JaQAA3AAAAA=";
    static final String WEBP_ALPHA = "UklGRkoAAABXRUJQVlA4WAoAAAAQAAAAAAAAAAAAQUxQSAwAAAARBxAR/Q9ERP8DAABWUDggGAAAABQBAJ0BKgEAAQAAAP4AAA3AAP7mtQAAAA==";

    @BeforeEach
    void setUp() {
        jdbc.execute("TRUNCATE classroom_maps, team_positions RESTART IDENTITY CASCADE");
        clearStaticDirectory();
    }

    // ---------- helpers

    Reply upload(Multipart form) {
        return http.send("POST", UPLOAD, form.contentType(), form.bytes());
    }

    Reply uploadFile(String fileName, byte[] content) {
        return upload(new Multipart().file("file", fileName, "application/octet-stream", content)
                .field("uploaded_by", "instructor@example.com"));
    }

    Reply createDefault(String instructorId) {
        return http.send("POST", "/api/v1/classroom/map/create-default", "application/x-www-form-urlencoded",
                ("instructor_id=" + instructorId).getBytes(StandardCharsets.UTF_8));
    }

    static byte[] png(BufferedImage image) throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ImageIO.write(image, "png", out);
        return out.toByteArray();
    }

    /** Left half fully transparent, right half opaque red. */
    static byte[] halfTransparentPng(int width, int height) throws Exception {
        BufferedImage image = new BufferedImage(width, height, BufferedImage.TYPE_INT_ARGB);
        Graphics2D g = image.createGraphics();
        g.setColor(new Color(255, 0, 0, 255));
        g.fillRect(width / 2, 0, width - width / 2, height);
        g.dispose();
        return png(image);
    }

    static BufferedImage stored(String fileName) throws Exception {
        return ImageIO.read(STATIC_DIR.resolve("maps").resolve(fileName).toFile());
    }

    static long storedFiles() throws Exception {
        if (!Files.isDirectory(STATIC_DIR.resolve("maps"))) {
            return 0;
        }
        try (Stream<Path> files = Files.list(STATIC_DIR.resolve("maps"))) {
            return files.count();
        }
    }

    static int[] rgb(BufferedImage image, int x, int y) {
        int p = image.getRGB(x, y);
        return new int[] {(p >> 16) & 0xff, (p >> 8) & 0xff, p & 0xff};
    }

    static void assertWhite(int[] rgb) {
        assertThat(java.util.stream.IntStream.of(rgb).min().orElseThrow()).as("darkest channel").isGreaterThanOrEqualTo(245);
    }

    // ---------- current map, default map, list

    @Test
    void answersNoMapWhenNoneIsActive() {
        assertThat(http.get("/api/v1/classroom/map").text()).isEqualTo("{\"map_info\":null,\"team_positions\":{},\"is_visible\":false}");
        assertThat(http.get("/api/v1/classroom/maps").text()).isEqualTo("[]");
    }

    @Test
    void createsAnImagelessDefaultMapFromTheFormField() {
        Reply reply = createDefault("1");
        assertThat(reply.status()).isEqualTo(200);
        assertThat(reply.text()).matches(Pattern.quote("{\"map_info\":{\"original_filename\":null,\"uploaded_by\":\"1\",\"id\":1,"
                + "\"image_filename\":\"\",\"image_url\":\"\",\"uploaded_at\":\"") + NAIVE + Pattern.quote("\",\"is_active\":true,"
                + "\"file_size_bytes\":0,\"content_type\":\"image/jpeg\",\"team_positions\":[]},\"team_positions\":{},\"is_visible\":true}"));
        assertThat(http.get("/api/v1/classroom/map").json().get("map_info").get("id").asLong()).isEqualTo(1);
    }

    @Test
    void readsTheInstructorOnlyFromTheFormBody() {
        assertThat(http.postJson("/api/v1/classroom/map/create-default?instructor_id=9", "{\"instructor_id\":\"5\"}")
                .json().get("map_info").get("uploaded_by").isNull()).isTrue();
        Multipart form = new Multipart().field("instructor_id", "7");
        assertThat(http.send("POST", "/api/v1/classroom/map/create-default", form.contentType(), form.bytes())
                .json().get("map_info").get("uploaded_by").asString()).isEqualTo("7");
        assertThat(createDefault("").json().get("map_info").get("uploaded_by").isNull()).isTrue();
        Reply tooLong = createDefault("x".repeat(256));
        assertThat(tooLong.status()).isEqualTo(422);
        assertThat(tooLong.json().get("detail").get(0).get("type").asString()).isEqualTo("string_too_long");
    }

    @Test
    void keepsOneActiveMapAndListsNewestFirst() {
        createDefault("a");
        createDefault("b");
        createDefault("c");
        JsonNode all = http.get("/api/v1/classroom/maps").json();
        assertThat(all.size()).isEqualTo(3);
        assertThat(all.get(0).get("uploaded_by").asString()).isEqualTo("c");
        assertThat(all.get(0).get("is_active").asBoolean()).isTrue();
        assertThat(all.get(1).get("is_active").asBoolean()).isFalse();
        assertThat(http.get("/api/v1/classroom/maps?limit=2").json().size()).isEqualTo(2);
        assertThat(http.get("/api/v1/classroom/maps?limit=0").text()).isEqualTo("[]");
        assertThat(http.get("/api/v1/classroom/maps?limit=-1").status()).isEqualTo(422);
        assertThat(http.get("/api/v1/classroom/map").json().get("map_info").get("uploaded_by").asString()).isEqualTo("c");
    }

    // ---------- positions

    @Test
    void placesTeamsAndShowsThemOnTheActiveMap() {
        createDefault("1");
        Reply placed = http.putJson("/api/v1/classroom/map/1/positions",
                "{\"positions\":{\"チームA\":{\"x\":15,\"y\":20},\"チームB\":{\"x\":40.5,\"y\":50.25}},\"updated_by\":\"instructor@example.com\"}");
        assertThat(placed.status()).isEqualTo(200);
        assertThat(placed.text()).isEqualTo("{\"success\":true,\"message\":\"2チームの配置を更新しました\",\"updated_teams\":[\"チームA\",\"チームB\"]}");
        http.putJson("/api/v1/classroom/map/1/positions", "{\"positions\":{\"チームB\":{\"x\":42,\"y\":55.5}}}");

        Reply current = http.get("/api/v1/classroom/map");
        assertThat(current.text()).contains("\"team_positions\":{\"チームA\":{\"x\":15.0,\"y\":20.0},\"チームB\":{\"x\":42.0,\"y\":55.5}},\"is_visible\":true}");
        JsonNode b = current.json().get("map_info").get("team_positions").get(1);
        assertThat(b.toString()).matches(Pattern.quote("{\"team_name\":\"チームB\",\"position_x\":42.0,\"position_y\":55.5,\"id\":2,\"map_id\":1,\"updated_at\":\"")
                + NAIVE + Pattern.quote("\",\"updated_by\":\"instructor@example.com\"}"));
    }

    @Test
    void rewritesATeamOnlyWhenSomethingChanges() {
        createDefault("1");
        http.putJson("/api/v1/classroom/map/1/positions", "{\"positions\":{\"A\":{\"x\":10,\"y\":10}},\"updated_by\":\"first\"}");
        jdbc.update("UPDATE team_positions SET updated_at = '2000-01-01 00:00:00'");
        http.putJson("/api/v1/classroom/map/1/positions", "{\"positions\":{\"A\":{\"x\":10.0,\"y\":10}},\"updated_by\":\"\"}");
        assertThat(jdbc.queryForObject("SELECT updated_at::text FROM team_positions", String.class)).isEqualTo("2000-01-01 00:00:00");
        assertThat(jdbc.queryForObject("SELECT updated_by FROM team_positions", String.class)).isEqualTo("first");

        http.putJson("/api/v1/classroom/map/1/positions", "{\"positions\":{\"A\":{\"x\":12.345,\"y\":10}}}");
        assertThat(jdbc.queryForObject("SELECT position_x::text FROM team_positions", String.class)).isEqualTo("12.35");
        assertThat(jdbc.queryForObject("SELECT updated_at::text FROM team_positions", String.class)).isNotEqualTo("2000-01-01 00:00:00");
        assertThat(jdbc.queryForObject("SELECT updated_by FROM team_positions", String.class)).isEqualTo("first");
    }

    @Test
    void refusesPositionsOutsideThePercentRangeOrWithoutCoordinates() {
        createDefault("1");
        Reply outside = http.putJson("/api/v1/classroom/map/1/positions", "{\"positions\":{\"A\":{\"x\":150,\"y\":-1}}}");
        assertThat(outside.status()).isEqualTo(422);
        assertThat(outside.text()).isEqualTo("{\"detail\":["
                + "{\"type\":\"less_than_equal\",\"loc\":[\"body\",\"positions\",\"A\",\"x\"],\"msg\":\"Input should be less than or equal to 100\",\"input\":150,\"ctx\":{\"le\":100}},"
                + "{\"type\":\"greater_than_equal\",\"loc\":[\"body\",\"positions\",\"A\",\"y\"],\"msg\":\"Input should be greater than or equal to 0\",\"input\":-1,\"ctx\":{\"ge\":0}}]}");
        Reply missing = http.putJson("/api/v1/classroom/map/1/positions", "{\"positions\":{\"A\":{\"x\":1,\"z\":2}}}");
        assertThat(missing.text()).isEqualTo("{\"detail\":[{\"type\":\"missing\",\"loc\":[\"body\",\"positions\",\"A\",\"y\"],\"msg\":\"Field required\",\"input\":{\"x\":1,\"z\":2}}]}");
        Reply notNumber = http.putJson("/api/v1/classroom/map/1/positions", "{\"positions\":{\"A\":{\"x\":\"left\",\"y\":1}}}");
        assertThat(notNumber.text()).isEqualTo("{\"detail\":[{\"type\":\"float_parsing\",\"loc\":[\"body\",\"positions\",\"A\",\"x\"],\"msg\":\"Input should be a valid number, unable to parse string as a number\",\"input\":\"left\"}]}");
        assertThat(http.putJson("/api/v1/classroom/map/1/positions", "{\"positions\":[]}").json().get("detail").get(0).get("type").asString())
                .isEqualTo("dict_type");
        assertThat(http.putJson("/api/v1/classroom/map/1/positions", "{}").json().get("detail").get(0).get("loc").toString())
                .isEqualTo("[\"body\",\"positions\"]");
        // nothing of a refused request is written, not even the valid teams before the bad one
        http.putJson("/api/v1/classroom/map/1/positions", "{\"positions\":{\"ok\":{\"x\":1,\"y\":1},\"bad\":{\"x\":101,\"y\":1}}}");
        assertThat(jdbc.queryForObject("SELECT count(*) FROM team_positions", Long.class)).isZero();
    }

    @Test
    void placesNothingOnAnUnknownMap() {
        Reply reply = http.putJson("/api/v1/classroom/map/99999/positions", "{\"positions\":{\"A\":{\"x\":1,\"y\":1}}}");
        assertThat(reply.status()).isEqualTo(404);
        assertThat(reply.text()).isEqualTo("{\"detail\":\"指定されたMAPが見つかりません\"}");
        assertThat(http.putJson("/api/v1/classroom/map/x/positions", "{\"positions\":{}}").status()).isEqualTo(422);
    }

    @Test
    void showsLegacyWrittenOutOfRangePositionsAtTheEdgeInsteadOfFailing() {
        jdbc.update("INSERT INTO classroom_maps (image_filename, image_url, uploaded_at, is_active) VALUES ('', '', now(), true)");
        jdbc.update("INSERT INTO team_positions (map_id, team_name, position_x, position_y, updated_at) VALUES (1, 'far', 150, -3, now())");
        Reply reply = http.get("/api/v1/classroom/map");
        assertThat(reply.status()).isEqualTo(200);
        assertThat(reply.text()).contains("\"file_size_bytes\":null,\"content_type\":null", "\"far\":{\"x\":100.0,\"y\":0.0}");
        assertThat(http.get("/api/v1/classroom/maps").status()).isEqualTo(200);
    }

    // ---------- upload

    @Test
    void storesAPngWithTransparencyAsJpegFlattenedOnWhite() throws Exception {
        Reply reply = uploadFile("room-201.png", halfTransparentPng(96, 64));
        assertThat(reply.status()).as(reply.text()).isEqualTo(200);
        assertThat(reply.text()).matches(Pattern.quote("{\"success\":true,\"message\":\"MAPが正常にアップロードされました\",\"map_id\":1,\"image_url\":\"/static/maps/")
                + STORED + "\"}");

        JsonNode map = http.get("/api/v1/classroom/map").json().get("map_info");
        String fileName = map.get("image_filename").asString();
        assertThat(map.get("original_filename").asString()).isEqualTo("room-201.png");
        assertThat(map.get("uploaded_by").asString()).isEqualTo("instructor@example.com");
        assertThat(map.get("content_type").asString()).isEqualTo("image/jpeg");
        assertThat(map.get("file_size_bytes").asLong()).isEqualTo(Files.size(STATIC_DIR.resolve("maps").resolve(fileName)));

        BufferedImage image = stored(fileName);
        assertThat(image.getWidth()).isEqualTo(96);
        assertThat(image.getHeight()).isEqualTo(64);
        assertWhite(rgb(image, 10, 32));
        int[] red = rgb(image, 80, 32);
        assertThat(red[0]).isGreaterThanOrEqualTo(230);
        assertThat(red[1]).isLessThanOrEqualTo(25);
        assertThat(red[2]).isLessThanOrEqualTo(25);
    }

    @Test
    void shrinksLargeImagesToFitTheSquareKeepingTheAspect() throws Exception {
        BufferedImage wide = new BufferedImage(3000, 1000, BufferedImage.TYPE_INT_RGB);
        Reply reply = uploadFile("wide.PNG", png(wide));
        assertThat(reply.status()).isEqualTo(200);
        BufferedImage image = stored(reply.json().get("image_url").asString().substring("/static/maps/".length()));
        assertThat(image.getWidth()).isEqualTo(2048);
        assertThat(image.getHeight()).isEqualTo(683);
    }

    @Test
    void acceptsWebpAndPaletteImages() throws Exception {
        assertThat(uploadFile("tiny.webp", Base64.getDecoder().decode(WEBP_LOSSY)).status()).isEqualTo(200);
        assertThat(uploadFile("alpha.webp", Base64.getDecoder().decode(WEBP_ALPHA)).status()).isEqualTo(200);

        IndexColorModel palette = new IndexColorModel(8, 2, new byte[] {0, (byte) 255}, new byte[] {0, 0},
                new byte[] {(byte) 255, 0}, 0);
        BufferedImage indexed = new BufferedImage(20, 10, BufferedImage.TYPE_BYTE_INDEXED, palette);
        indexed.getRaster().setSample(15, 5, 0, 1);
        Reply reply = uploadFile("palette.png", png(indexed));
        assertThat(reply.status()).as(reply.text()).isEqualTo(200);
        BufferedImage image = stored(reply.json().get("image_url").asString().substring("/static/maps/".length()));
        assertWhite(rgb(image, 2, 2));
    }

    @Test
    void checksNameExtensionAndSizeInTheLegacyOrder() throws Exception {
        Reply text = uploadFile("notes.txt", "not an image".getBytes(StandardCharsets.UTF_8));
        assertThat(text.status()).isEqualTo(400);
        assertThat(text.text()).isEqualTo("{\"detail\":\"サポートされていない形式です。対応形式: .jpg, .jpeg, .png, .webp\"}");
        assertThat(uploadFile(".png", new byte[1]).json().get("detail").asString()).startsWith("サポートされていない形式です");
        assertThat(uploadFile("", new byte[1]).text()).isEqualTo("{\"detail\":\"ファイル名が必要です\"}");

        byte[] tooBig = new byte[10 * 1024 * 1024 + 1];
        Reply big = uploadFile("huge.png", tooBig);
        assertThat(big.status()).isEqualTo(400);
        assertThat(big.text()).isEqualTo("{\"detail\":\"ファイルサイズが大きすぎます。最大サイズ: 10MB\"}");
        // the extension is checked before the size, as in the legacy
        assertThat(uploadFile("huge.txt", tooBig).json().get("detail").asString()).startsWith("サポートされていない形式です");
        assertThat(jdbc.queryForObject("SELECT count(*) FROM classroom_maps", Long.class)).isZero();
        assertThat(storedFiles()).isZero();
    }

    @Test
    void refusesARequestBeyondTheCapWhileReadingIt() {
        Reply reply = uploadFile("enormous.png", new byte[(int) REQUEST_CAP + 1024]);
        assertThat(reply.status()).isEqualTo(400);
        assertThat(reply.text()).isEqualTo("{\"detail\":\"ファイルサイズが大きすぎます。最大サイズ: 10MB\"}");
    }

    @Test
    void refusesANonImageAndKeepsNothing() throws Exception {
        Reply reply = uploadFile("fake.jpg", "not an image".getBytes(StandardCharsets.UTF_8));
        assertThat(reply.status()).isEqualTo(400);
        assertThat(reply.json().get("detail").asString()).matches(
                Pattern.quote("画像の最適化に失敗しました: cannot identify image file '" + STATIC_DIR.toAbsolutePath().normalize().resolve("maps") + "/")
                        + STORED + "'");
        assertThat(storedFiles()).isZero();
        assertThat(jdbc.queryForObject("SELECT count(*) FROM classroom_maps", Long.class)).isZero();

        byte[] png = halfTransparentPng(50, 50);
        byte[] truncated = java.util.Arrays.copyOf(png, png.length / 2);
        Reply broken = uploadFile("broken.png", truncated);
        assertThat(broken.status()).isEqualTo(400);
        assertThat(broken.json().get("detail").asString()).startsWith("画像の最適化に失敗しました: ");
        assertThat(storedFiles()).isZero();
    }

    @Test
    void reportsAMissingFileLikeFastApi() {
        Reply missing = upload(new Multipart().field("uploaded_by", "x"));
        assertThat(missing.status()).isEqualTo(422);
        assertThat(missing.text()).isEqualTo("{\"detail\":[{\"type\":\"missing\",\"loc\":[\"body\",\"file\"],\"msg\":\"Field required\",\"input\":null}]}");
        Reply notAFile = upload(new Multipart().field("file", "text"));
        assertThat(notAFile.json().get("detail").get(0).get("type").asString()).isEqualTo("value_error");
        assertThat(http.postJson(UPLOAD, "{}").json().get("detail").get(0).get("loc").toString()).isEqualTo("[\"body\",\"file\"]");
    }

    // ---------- image download, static, delete

    @Test
    void servesTheStoredImageAsAnAttachmentAndUnderStatic() throws Exception {
        String url = uploadFile("room.png", halfTransparentPng(40, 40)).json().get("image_url").asString();
        String fileName = url.substring("/static/maps/".length());
        byte[] onDisk = Files.readAllBytes(STATIC_DIR.resolve("maps").resolve(fileName));

        Reply image = http.get("/api/v1/classroom/map/image/" + fileName);
        assertThat(image.status()).isEqualTo(200);
        assertThat(image.contentType()).isEqualTo("image/jpeg");
        assertThat(image.header("content-disposition")).isEqualTo("attachment; filename=\"" + fileName + "\"");
        assertThat(image.header("etag")).matches("\"[0-9a-f]{32}\"");
        assertThat(image.header("last-modified")).endsWith(" GMT");
        assertThat(image.bytes()).isEqualTo(onDisk);

        Reply viaStatic = http.get(url);
        assertThat(viaStatic.status()).isEqualTo(200);
        assertThat(viaStatic.contentType()).isEqualTo("image/jpeg");
        assertThat(viaStatic.header("content-disposition")).isNull();
        assertThat(viaStatic.bytes()).isEqualTo(onDisk);
        assertThat(viaStatic.header("etag")).isEqualTo(image.header("etag"));

        Reply missing = http.get("/api/v1/classroom/map/image/classroom_map_missing.jpg");
        assertThat(missing.status()).isEqualTo(404);
        assertThat(missing.text()).isEqualTo("{\"detail\":\"画像が見つかりません\"}");
        assertThat(http.get("/api/v1/classroom/map/image/..").status()).isEqualTo(404);
    }

    @Test
    void quotesUnusualNamesInTheDisposition() {
        assertThat(ClassroomMapController.attachment("a b.jpg")).isEqualTo("attachment; filename*=utf-8''a%20b.jpg");
        assertThat(ClassroomMapController.attachment("地図.jpg")).isEqualTo("attachment; filename*=utf-8''%E5%9C%B0%E5%9B%B3.jpg");
        assertThat(ClassroomMapController.suffix("dir/Map.JPEG")).isEqualTo(".jpeg");
        assertThat(ClassroomMapController.suffix("x.")).isEmpty();
        assertThat(ClassroomMapController.suffix(".png")).isEmpty();
    }

    @Test
    void deletesAMapWithItsImageAndPositions() throws Exception {
        String url = uploadFile("room.png", halfTransparentPng(40, 40)).json().get("image_url").asString();
        http.putJson("/api/v1/classroom/map/1/positions", "{\"positions\":{\"A\":{\"x\":1,\"y\":1}}}");
        Reply deleted = http.delete("/api/v1/classroom/map/1");
        assertThat(deleted.status()).isEqualTo(200);
        assertThat(deleted.text()).isEqualTo("{\"success\":true,\"message\":\"MAPが正常に削除されました\"}");
        assertThat(storedFiles()).isZero();
        assertThat(jdbc.queryForObject("SELECT count(*) FROM team_positions", Long.class)).isZero();
        assertThat(http.get(url).status()).isEqualTo(404);
        assertThat(http.get("/api/v1/classroom/map").json().get("is_visible").asBoolean()).isFalse();
        assertThat(http.delete("/api/v1/classroom/map/1").text()).isEqualTo("{\"detail\":\"指定されたMAPが見つかりません\"}");
    }

    @Test
    void deletesImagelessMapsToo() {
        createDefault("1");
        createDefault("2");
        Reply deleted = http.delete("/api/v1/classroom/map/1");
        assertThat(deleted.status()).isEqualTo(200);
        assertThat(http.get("/api/v1/classroom/maps").json().size()).isEqualTo(1);
    }

    @Test
    void decodesTheRecordedStoredJpegDimensions() throws Exception {
        BufferedImage image = ImageIO.read(new ByteArrayInputStream(halfTransparentPng(4, 4)));
        assertThat(image.getColorModel().hasAlpha()).isTrue();
        assertThat(MapImages.fittedSize(96, 64, 2048)).containsExactly(96, 64);
        assertThat(MapImages.fittedSize(4096, 4096, 2048)).containsExactly(2048, 2048);
        assertThat(MapImages.fittedSize(1000, 3000, 2048)).containsExactly(683, 2048);
        assertThat(MapImages.fittedSize(2049, 10, 2048)).containsExactly(2048, 10);
    }
}
