package dev.roster.status;

import static dev.roster.status.Records.T0;
import static dev.roster.status.Records.ok;
import static dev.roster.status.Records.rev;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

class StatusJsonTest {
  @Test
  void writesInstantsAsIso8601AndReadsBack() {
    SourceStatus s = StatusReducer.next(StatusReducer.initial("app", "/repo", "", T0),
        ok(rev("a1"), T0.plusMillis(1500)), null, T0.plusSeconds(5));
    String json = StatusJson.write(s);

    assertTrue(json.contains("\"lastTransitionTime\" : \"2026-03-01T10:00:05Z\""), json);
    assertTrue(json.contains("\"startedAt\" : \"2026-03-01T10:00:01.500Z\""), json);
    assertTrue(json.indexOf("\"source\"") < json.indexOf("\"conditions\""), "declaration order");
    assertEquals(s, StatusJson.read(json));
    assertTrue(StatusJson.write(List.of(s, s)).startsWith("["));
  }

  @Test
  void ignoresUnknownPropertiesAndRejectsNonStatus() {
    SourceStatus s = StatusReducer.initial("app", "/repo", "", T0);
    String json = StatusJson.write(s).replaceFirst("\\{", "{\"futureField\": 1,");
    assertEquals(s, StatusJson.read(json));
    assertThrows(IllegalArgumentException.class, () -> StatusJson.read("[1, 2]"));
  }
}
