package dev.cellmonitor.cutover.parity.report;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import javax.xml.stream.XMLOutputFactory;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamWriter;

import dev.cellmonitor.cutover.parity.check.Outcome;
import dev.cellmonitor.cutover.parity.check.StepResult;
import dev.cellmonitor.cutover.parity.compare.Difference;

/**
 * JUnit XML for CI: one {@code <testsuite>} per scenario, one {@code <testcase>} per compared step (class name
 * {@code parity.<group>.<scenario>}). FAILED steps are failures; NOT_IMPLEMENTED steps are failures when the
 * gate covers their route and skipped otherwise; SKIPPED steps are skipped; accepted divergences pass and name
 * the divergence in {@code system-out}.
 */
public final class JUnitXmlReport {

    private JUnitXmlReport() {
    }

    public static void write(ParityReport report, Path file) throws IOException {
        Map<String, List<StepResult>> byScenario = new LinkedHashMap<>();
        report.results().forEach(r -> byScenario.computeIfAbsent(r.scenario(), k -> new java.util.ArrayList<>()).add(r));
        Files.createDirectories(file.toAbsolutePath().getParent());
        try (OutputStream out = Files.newOutputStream(file)) {
            XMLStreamWriter x = XMLOutputFactory.newInstance().createXMLStreamWriter(out, "UTF-8");
            x.writeStartDocument("UTF-8", "1.0");
            x.writeCharacters("\n");
            x.writeStartElement("testsuites");
            x.writeAttribute("name", report.title());
            x.writeAttribute("tests", Integer.toString(report.results().size()));
            x.writeAttribute("failures", Long.toString(report.results().stream().filter(r -> failure(r, report)).count()));
            x.writeAttribute("time", seconds(report.duration().toMillis()));
            x.writeCharacters("\n");
            for (Map.Entry<String, List<StepResult>> s : byScenario.entrySet()) {
                suite(x, s.getKey(), s.getValue(), report);
            }
            x.writeEndElement();
            x.writeCharacters("\n");
            x.writeEndDocument();
            x.close();
        } catch (XMLStreamException e) {
            throw new IOException("cannot write " + file, e);
        }
    }

    private static void suite(XMLStreamWriter x, String scenario, List<StepResult> steps, ParityReport report)
            throws XMLStreamException {
        x.writeStartElement("testsuite");
        x.writeAttribute("name", "parity." + scenario);
        x.writeAttribute("tests", Integer.toString(steps.size()));
        x.writeAttribute("failures", Long.toString(steps.stream().filter(r -> failure(r, report)).count()));
        x.writeAttribute("errors", "0");
        x.writeAttribute("skipped", Long.toString(steps.stream().filter(r -> skipped(r, report)).count()));
        x.writeAttribute("time", "0");
        x.writeCharacters("\n");
        for (StepResult r : steps) {
            x.writeStartElement("testcase");
            x.writeAttribute("classname", "parity." + (r.group().isEmpty() ? "other" : r.group()) + "." + scenario);
            x.writeAttribute("name", String.format("%02d %s [%s]", r.step(), r.name(), r.label()));
            x.writeAttribute("time", "0");
            if (failure(r, report)) {
                x.writeStartElement("failure");
                x.writeAttribute("type", r.outcome().name());
                x.writeAttribute("message", firstDifference(r));
                x.writeCharacters(details(r));
                x.writeEndElement();
            } else if (skipped(r, report)) {
                x.writeStartElement("skipped");
                x.writeAttribute("message", r.outcome() == Outcome.NOT_IMPLEMENTED
                        ? "not implemented by the candidate: " + r.note() : String.valueOf(r.note()));
                x.writeEndElement();
            } else if (r.outcome() == Outcome.ACCEPTED) {
                x.writeStartElement("system-out");
                x.writeCharacters("accepted divergence " + String.join(", ", r.divergences()) + "\n" + details(r));
                x.writeEndElement();
            }
            x.writeEndElement();
            x.writeCharacters("\n");
        }
        x.writeEndElement();
        x.writeCharacters("\n");
    }

    private static boolean failure(StepResult r, ParityReport report) {
        return r.outcome() == Outcome.FAILED || (r.outcome() == Outcome.NOT_IMPLEMENTED && report.gate().blocks(r));
    }

    private static boolean skipped(StepResult r, ParityReport report) {
        return r.outcome() == Outcome.SKIPPED || (r.outcome() == Outcome.NOT_IMPLEMENTED && !report.gate().blocks(r));
    }

    private static String firstDifference(StepResult r) {
        return r.differences().isEmpty() ? r.outcome().name() : r.differences().getFirst().toString();
    }

    private static String details(StepResult r) {
        StringBuilder sb = new StringBuilder();
        if (r.request() != null) {
            sb.append("request: ").append(r.request()).append('\n');
        }
        for (Difference d : r.differences()) {
            sb.append("  ").append(d).append('\n');
        }
        if (r.patch() != null) {
            sb.append("JSON Patch legacy -> candidate: ").append(r.patch()).append('\n');
        }
        return sb.toString();
    }

    private static String seconds(long millis) {
        return String.format(java.util.Locale.ROOT, "%.3f", millis / 1000.0);
    }
}
