package dev.cellmonitor.cutover.backend.lms.maps;

import java.io.IOException;
import java.io.InputStream;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.Part;

import org.springframework.dao.DataAccessException;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import dev.cellmonitor.cutover.backend.lms.ModelBody;
import dev.cellmonitor.cutover.backend.lms.maps.ClassroomMapRepository.Move;
import dev.cellmonitor.cutover.backend.lms.maps.ClassroomMapViews.Deleted;
import dev.cellmonitor.cutover.backend.lms.maps.ClassroomMapViews.MapInfo;
import dev.cellmonitor.cutover.backend.lms.maps.ClassroomMapViews.MapWithPositions;
import dev.cellmonitor.cutover.backend.lms.maps.ClassroomMapViews.PositionsUpdated;
import dev.cellmonitor.cutover.backend.lms.maps.ClassroomMapViews.Uploaded;
import dev.cellmonitor.cutover.backend.lms.statics.StaticFiles;
import dev.cellmonitor.cutover.backend.web.ApiException;
import dev.cellmonitor.cutover.backend.web.JsonBody;
import dev.cellmonitor.cutover.backend.web.LegacyParams;
import dev.cellmonitor.cutover.backend.web.ValidationErrors;
import tools.jackson.databind.JsonNode;

/** {@code /api/v1/classroom}: the classroom map and the teams placed on it (CONTRACT.md §2.13). */
@RestController
@RequestMapping("/api/v1/classroom")
class ClassroomMapController {

    /** The extensions the legacy accepts, listed in a fixed order (the legacy prints its set's random order). */
    private static final List<String> EXTENSIONS = List.of(".jpg", ".jpeg", ".png", ".webp");
    private static final Set<String> ALLOWED = Set.copyOf(EXTENSIONS);
    private static final int NAME_COLUMN = 255;
    private static final int TEAM_COLUMN = 100;
    private static final String MAP_NOT_FOUND = "指定されたMAPが見つかりません";

    private final ClassroomMapRepository maps;
    private final MapImages images;
    private final MapImageProperties properties;

    ClassroomMapController(ClassroomMapRepository maps, MapImages images, MapImageProperties properties) {
        this.maps = maps;
        this.images = images;
        this.properties = properties;
    }

    @GetMapping("/map")
    MapWithPositions current() {
        return maps.active().map(map -> new MapWithPositions(map, coordinates(map), true))
                .orElseGet(() -> new MapWithPositions(null, Map.of(), false));
    }

    @PostMapping("/map/upload")
    Uploaded upload(HttpServletRequest request) throws IOException {
        ValidationErrors errors = new ValidationErrors();
        FormFields form = FormFields.read(request);
        Part file = form.file("file", errors);
        String uploadedBy = form.text("uploaded_by", NAME_COLUMN, errors);
        errors.throwIfAny();

        String fileName = file.getSubmittedFileName();
        if (fileName.isEmpty()) {
            throw ApiException.badRequest("ファイル名が必要です");
        }
        if (!ALLOWED.contains(suffix(fileName))) {
            throw ApiException.badRequest("サポートされていない形式です。対応形式: " + String.join(", ", EXTENSIONS));
        }
        if (file.getSize() > properties.maxUploadBytes()) {
            throw ApiException.badRequest(tooLargeMessage(properties));
        }
        if (fileName.codePointCount(0, fileName.length()) > NAME_COLUMN) {
            throw ApiException.badRequest("ファイル名が長すぎます。最大長: " + NAME_COLUMN + "文字");
        }
        byte[] content;
        try (InputStream in = file.getInputStream()) {
            content = in.readAllBytes();
        }
        MapImages.Stored stored;
        try {
            stored = images.store(content);
        } catch (MapImages.Rejected e) {
            throw ApiException.badRequest("画像の最適化に失敗しました: " + e.getMessage());
        }
        try {
            MapInfo map = maps.insertActive(stored.fileName(), fileName, uploadedBy, stored.size());
            return new Uploaded(true, "MAPが正常にアップロードされました", map.id(), map.imageUrl());
        } catch (DataAccessException e) {
            images.remove(stored.fileName());
            throw new ApiException(HttpStatus.INTERNAL_SERVER_ERROR, "アップロードに失敗しました: " + e.getMostSpecificCause().getMessage());
        }
    }

    @GetMapping("/map/image/{filename}")
    void image(@PathVariable String filename, HttpServletRequest request, HttpServletResponse response)
            throws IOException {
        Path file = StaticFiles.fileIn(images.directory(), filename)
                .orElseThrow(() -> ApiException.notFound("画像が見つかりません"));
        HttpHeaders headers = new HttpHeaders();
        headers.set(HttpHeaders.CONTENT_DISPOSITION, attachment(filename));
        StaticFiles.send(file, "image/jpeg", headers, request, response);
    }

    @PutMapping("/map/{map_id}/positions")
    PositionsUpdated place(@PathVariable("map_id") String rawId, @RequestBody(required = false) byte[] body,
                           @RequestHeader(value = HttpHeaders.CONTENT_TYPE, required = false) String contentType) {
        ValidationErrors errors = new ValidationErrors();
        BigInteger id = LegacyParams.pathInt("map_id", rawId, errors);
        JsonBody.Fields fields = ModelBody.read(body, contentType, errors);
        List<Move> moves = new ArrayList<>();
        String updatedBy = null;
        if (fields != null) {
            JsonNode positions = fields.object("positions", true);
            if (positions != null) {
                positions.properties().forEach(team -> moves.add(move(team.getKey(), team.getValue(), errors)));
            }
            updatedBy = fields.str("updated_by", false);
            if (updatedBy != null && updatedBy.codePointCount(0, updatedBy.length()) > NAME_COLUMN) {
                errors.add("string_too_long", List.of("body", "updated_by"),
                        "String should have at most " + NAME_COLUMN + " characters", updatedBy, Map.of("max_length", NAME_COLUMN));
            }
        }
        errors.throwIfAny();
        if (!LegacyParams.fitsInt4(id)) {
            throw ApiException.notFound(MAP_NOT_FOUND);
        }
        boolean placed;
        try {
            placed = maps.place(id.longValue(), moves, updatedBy);
        } catch (DataAccessException e) {
            throw new ApiException(HttpStatus.INTERNAL_SERVER_ERROR, "配置更新に失敗しました: " + e.getMostSpecificCause().getMessage());
        }
        if (!placed) {
            throw ApiException.notFound(MAP_NOT_FOUND);
        }
        return new PositionsUpdated(true, moves.size() + "チームの配置を更新しました", moves.stream().map(Move::team).toList());
    }

    @DeleteMapping("/map/{map_id}")
    Deleted delete(@PathVariable("map_id") String rawId) {
        ValidationErrors errors = new ValidationErrors();
        BigInteger id = LegacyParams.pathInt("map_id", rawId, errors);
        errors.throwIfAny();
        if (!LegacyParams.fitsInt4(id)) {
            throw ApiException.notFound(MAP_NOT_FOUND);
        }
        String imageFile;
        try {
            imageFile = maps.delete(id.longValue()).orElseThrow(() -> ApiException.notFound(MAP_NOT_FOUND));
        } catch (DataAccessException e) {
            throw new ApiException(HttpStatus.INTERNAL_SERVER_ERROR, "MAP削除に失敗しました: " + e.getMostSpecificCause().getMessage());
        }
        // maps without an image (create-default) have nothing to remove; the legacy failed on them for good
        images.remove(imageFile);
        return new Deleted(true, "MAPが正常に削除されました");
    }

    @PostMapping("/map/create-default")
    MapWithPositions createDefault(HttpServletRequest request) {
        ValidationErrors errors = new ValidationErrors();
        String instructorId = FormFields.read(request).text("instructor_id", NAME_COLUMN, errors);
        errors.throwIfAny();
        try {
            return new MapWithPositions(maps.insertActive("", null, instructorId, 0), Map.of(), true);
        } catch (DataAccessException e) {
            throw new ApiException(HttpStatus.INTERNAL_SERVER_ERROR, "デフォルトMAP作成に失敗しました: " + e.getMostSpecificCause().getMessage());
        }
    }

    @GetMapping("/maps")
    List<MapInfo> list(@RequestParam(required = false) List<String> limit) {
        ValidationErrors errors = new ValidationErrors();
        BigInteger count = LegacyParams.queryInt("limit", limit, BigInteger.TEN, 0, errors);
        errors.throwIfAny();
        return maps.newest(LegacyParams.clamp(count));
    }

    static String tooLargeMessage(MapImageProperties properties) {
        return "ファイルサイズが大きすぎます。最大サイズ: " + properties.maxUploadBytes() / (1024 * 1024) + "MB";
    }

    /**
     * One team of the positions body: every inner value must be a number (the legacy's
     * {@code Dict[str, Dict[str, float]]}); {@code x} and {@code y} must be present and within 0..100, which the
     * legacy checked only when reading the map back (500) or not at all (missing key: 500).
     */
    private static Move move(String team, JsonNode place, ValidationErrors errors) {
        List<Object> loc = List.of("body", "positions", team);
        if (team.codePointCount(0, team.length()) > TEAM_COLUMN) {
            errors.add("string_too_long", List.of("body", "positions", team, "[key]"),
                    "String should have at most " + TEAM_COLUMN + " characters", team, Map.of("max_length", TEAM_COLUMN));
        }
        if (!place.isObject()) {
            errors.add("dict_type", loc, "Input should be a valid dictionary", JsonBody.plain(place));
            return new Move(team, 0, 0);
        }
        Map<String, Double> numbers = new LinkedHashMap<>();
        place.properties().forEach(entry -> numbers.put(entry.getKey(),
                JsonBody.number(entry.getValue(), with(loc, entry.getKey()), errors)));
        double x = coordinate(place, numbers, "x", loc, errors);
        double y = coordinate(place, numbers, "y", loc, errors);
        return new Move(team, x, y);
    }

    private static double coordinate(JsonNode place, Map<String, Double> numbers, String axis, List<Object> loc,
                                     ValidationErrors errors) {
        if (!place.has(axis)) {
            errors.missing(with(loc, axis), JsonBody.plain(place));
            return 0;
        }
        Double value = numbers.get(axis);
        if (value == null) {
            return 0;
        }
        if (Double.isNaN(value)) {
            errors.add("finite_number", with(loc, axis), "Input should be a finite number", JsonBody.plain(place.get(axis)));
        } else if (value < 0) {
            errors.greaterThanEqual(with(loc, axis), JsonBody.plain(place.get(axis)), 0);
        } else if (value > 100) {
            errors.lessThanEqual(with(loc, axis), JsonBody.plain(place.get(axis)), 100);
        }
        return value;
    }

    private static List<Object> with(List<Object> loc, String key) {
        List<Object> out = new ArrayList<>(loc);
        out.add(key);
        return out;
    }

    private static Map<String, Map<String, Double>> coordinates(MapInfo map) {
        Map<String, Map<String, Double>> out = new LinkedHashMap<>();
        map.teamPositions().forEach(p -> {
            Map<String, Double> xy = new LinkedHashMap<>();
            xy.put("x", p.x());
            xy.put("y", p.y());
            out.put(p.teamName(), xy);
        });
        return out;
    }

    /** Python's pathlib suffix of the client's file name, lower-cased. */
    static String suffix(String fileName) {
        String name = fileName.replaceAll("/+$", "");
        name = name.substring(name.lastIndexOf('/') + 1);
        int dot = name.lastIndexOf('.');
        return dot > 0 && dot < name.length() - 1 ? name.substring(dot).toLowerCase(java.util.Locale.ROOT) : "";
    }

    /** Starlette's Content-Disposition: a quoted name, or RFC 5987 {@code filename*} when it needs escaping. */
    static String attachment(String fileName) {
        StringBuilder quoted = new StringBuilder();
        for (byte b : fileName.getBytes(StandardCharsets.UTF_8)) {
            char c = (char) (b & 0xff);
            if ((c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || "_.-~/".indexOf(c) >= 0) {
                quoted.append(c);
            } else {
                quoted.append('%').append(String.format("%02X", b & 0xff));
            }
        }
        return quoted.toString().equals(fileName) ? "attachment; filename=\"" + fileName + "\""
                : "attachment; filename*=utf-8''" + quoted;
    }
}
