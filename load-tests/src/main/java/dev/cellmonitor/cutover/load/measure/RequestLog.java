package dev.cellmonitor.cutover.load.measure;

import java.io.BufferedReader;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Every measured request of a run, kept in memory while it runs (a 350-user run makes a few hundred thousand)
 * and written beside the Gatling report as {@value #FILE} for the gates, the summary and later comparisons.
 */
public final class RequestLog {

    public static final String FILE = "requests.tsv";

    private final List<Sample> samples = new ArrayList<>();

    public synchronized void add(Sample sample) {
        samples.add(sample);
    }

    public synchronized List<Sample> snapshot() {
        return List.copyOf(samples);
    }

    public void write(Path file) {
        List<Sample> copy = snapshot();
        try (BufferedWriter out = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
            out.write(Sample.HEADER);
            out.newLine();
            for (Sample s : copy) {
                out.write(s.line());
                out.newLine();
            }
        } catch (IOException e) {
            throw new UncheckedIOException("could not write " + file, e);
        }
    }

    public static List<Sample> read(Path file) {
        List<Sample> result = new ArrayList<>();
        try (BufferedReader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            String line = in.readLine();
            if (line == null || !line.equals(Sample.HEADER)) {
                throw new IllegalArgumentException(file + " is not a request log (header: " + line + ")");
            }
            while ((line = in.readLine()) != null) {
                if (!line.isBlank()) {
                    result.add(Sample.parse(line));
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("could not read " + file, e);
        }
        return result;
    }
}
