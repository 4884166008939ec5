package dev.cellmonitor.cutover.flags;

/**
 * A stage with its canary percentage (0 unless {@link CutoverStage#CANARY}).
 */
public record RouteStage(CutoverStage stage, int percentage) {

    public static final RouteStage LEGACY = new RouteStage(CutoverStage.LEGACY, 0);
    public static final RouteStage SHADOW = new RouteStage(CutoverStage.SHADOW, 0);
    public static final RouteStage NEW = new RouteStage(CutoverStage.NEW, 0);

    public RouteStage {
        if (stage == null) {
            throw new IllegalArgumentException("stage is required");
        }
        if (stage == CutoverStage.CANARY && (percentage < 0 || percentage > 100)) {
            throw new IllegalArgumentException("canary percentage must be between 0 and 100, got " + percentage);
        }
        if (stage != CutoverStage.CANARY) {
            percentage = 0;
        }
    }

    public static RouteStage canary(int percentage) {
        return new RouteStage(CutoverStage.CANARY, percentage);
    }

    @Override
    public String toString() {
        return stage == CutoverStage.CANARY ? "CANARY " + percentage + "%" : stage.name();
    }
}
