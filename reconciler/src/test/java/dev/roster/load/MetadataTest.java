package dev.roster.load;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The one reader of labels and annotations on plain trees: never throws, null when absent. */
class MetadataTest {
  @Test
  void readsStringLabelsAndAnnotations() {
    Map<String, Object> o = Map.of("metadata", Map.of(
        "labels", Map.of("roster.dev/source", "team-a"),
        "annotations", Map.of("roster.dev/rollout", "manual")));
    assertEquals("team-a", Metadata.label(o, "roster.dev/source"));
    assertEquals("manual", Metadata.annotation(o, "roster.dev/rollout"));
    assertNull(Metadata.label(o, "roster.dev/rollout"));
    assertNull(Metadata.annotation(o, "roster.dev/source"));
  }

  @Test
  void absentOrMisshapenReadsAsNull() {
    assertNull(Metadata.label(null, "k"));
    assertNull(Metadata.label(Map.of(), "k"));
    assertNull(Metadata.label(Map.of("metadata", "x"), "k"));
    assertNull(Metadata.label(Map.of("metadata", Map.of("labels", List.of())), "k"));
    assertNull(Metadata.annotation(Map.of("metadata", Map.of("annotations", Map.of("k", 1))),
        "k"));
  }
}
