package dev.cellmonitor.cutover.gateway.shadow;

/**
 * One side's answer, as far as the shadow compares it.
 *
 * @param truncated the body was larger than the comparison limit
 */
record Captured(int status, String contentType, byte[] body, boolean truncated) {
}
