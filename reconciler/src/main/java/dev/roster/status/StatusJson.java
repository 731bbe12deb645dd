package dev.roster.status;

import java.util.List;
import tools.jackson.core.JacksonException;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.json.JsonMapper;

/**
 * {@link SourceStatus} as JSON: record components as properties in declaration order, instants
 * as ISO-8601 strings. Unknown properties are ignored when reading, so a status written by a newer
 * Roster still reads.
 */
public final class StatusJson {
  private static final JsonMapper JSON = JsonMapper.builder()
      .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
      .build();

  private StatusJson() {}

  /** One status, pretty-printed. */
  public static String write(SourceStatus status) {
    return JSON.writerWithDefaultPrettyPrinter().writeValueAsString(status);
  }

  /** Several statuses as a JSON array, pretty-printed. */
  public static String write(List<SourceStatus> statuses) {
    return JSON.writerWithDefaultPrettyPrinter().writeValueAsString(statuses);
  }

  /**
   * Parses one status.
   *
   * @throws IllegalArgumentException if {@code json} is not a status document
   */
  public static SourceStatus read(String json) {
    try {
      return JSON.readValue(json, new TypeReference<SourceStatus>() {});
    } catch (JacksonException e) {
      throw new IllegalArgumentException("not a source status: " + e.getOriginalMessage(), e);
    }
  }
}
