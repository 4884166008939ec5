package dev.cellmonitor.cutover.backend.lms.maps;

import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.annotation.JsonProperty;

/** The legacy's classroom response shapes (CONTRACT.md §2.0), keys in its order, times naive. */
final class ClassroomMapViews {

    private ClassroomMapViews() {
    }

    /** TeamPosition. */
    record Position(
            @JsonProperty("team_name") String teamName,
            @JsonProperty("position_x") double x,
            @JsonProperty("position_y") double y,
            long id,
            @JsonProperty("map_id") long mapId,
            @JsonProperty("updated_at") String updatedAt,
            @JsonProperty("updated_by") String updatedBy) {
    }

    /** ClassroomMap. */
    record MapInfo(
            @JsonProperty("original_filename") String originalFilename,
            @JsonProperty("uploaded_by") String uploadedBy,
            long id,
            @JsonProperty("image_filename") String imageFilename,
            @JsonProperty("image_url") String imageUrl,
            @JsonProperty("uploaded_at") String uploadedAt,
            @JsonProperty("is_active") boolean active,
            @JsonProperty("file_size_bytes") Integer fileSizeBytes,
            @JsonProperty("content_type") String contentType,
            @JsonProperty("team_positions") List<Position> teamPositions) {

        MapInfo withPositions(List<Position> positions) {
            return new MapInfo(originalFilename, uploadedBy, id, imageFilename, imageUrl, uploadedAt, active,
                    fileSizeBytes, contentType, positions);
        }
    }

    /** ClassroomMapWithPositions: {@code team_positions} maps team name to {@code {"x", "y"}}. */
    record MapWithPositions(
            @JsonProperty("map_info") MapInfo mapInfo,
            @JsonProperty("team_positions") Map<String, Map<String, Double>> teamPositions,
            @JsonProperty("is_visible") boolean visible) {
    }

    /** MapUploadResponse. */
    record Uploaded(boolean success, String message, @JsonProperty("map_id") long mapId,
                    @JsonProperty("image_url") String imageUrl) {
    }

    /** The plain dicts of the positions and delete routes. */
    record PositionsUpdated(boolean success, String message, @JsonProperty("updated_teams") List<String> updatedTeams) {
    }

    record Deleted(boolean success, String message) {
    }
}
