package dev.cellmonitor.cutover.backend.core.worker;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import dev.cellmonitor.cutover.backend.core.events.EventData;

class InfluxLinesTest {

    @ParameterizedTest
    @CsvSource({"lessons/01.ipynb,lessons", "a/b/c.ipynb,a/b", "x.ipynb,''", "/x.ipynb,/", "a//b,a", "a/b/,a/b"})
    void directoryIsPythonsDirname(String path, String dirname) {
        assertThat(InfluxLines.dirname(path)).isEqualTo(dirname);
    }

    @Test
    void escapesTagsAndStringFieldsAndFallsBackToNowWithoutAnEventTime() {
        EventData event = new EventData(null, "progress_update", "yesterday", "a b,c=d@example.com", null, null, null,
                "dir/my \"nb\".ipynb", null, null, null, null, null, null, null, null, null, null);
        Instant now = Instant.ofEpochSecond(1_700_000_000L, 5);
        assertThat(InfluxLines.studentProgress(event, now)).isEqualTo("student_progress,directory=dir,"
                + "emailAddress=a\\ b\\,c\\=d@example.com,event=progress_update,notebook=my\\ \"nb\".ipynb"
                + " notebookPath=\"dir/my \\\"nb\\\".ipynb\",cellId=\"\",cellIndex=-1i,cellContent=\"\",executionCount=-1i"
                + " 1700000000000000005");
    }
}
