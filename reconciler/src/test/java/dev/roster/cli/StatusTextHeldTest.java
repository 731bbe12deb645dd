package dev.roster.cli;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.roster.status.HeldRollout;
import dev.roster.status.ObjectState;
import dev.roster.status.SourceStatus;
import dev.roster.status.StatusReducer;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class StatusTextHeldTest {
  static final Instant T0 = Instant.parse("2026-03-01T10:00:00Z");

  static String render(List<SourceStatus> s, boolean details) {
    StringWriter out = new StringWriter();
    StatusText.render(s, details, T0.plusSeconds(600), new PrintWriter(out, true));
    return out.toString();
  }

  @Test
  void heldRolloutsTableWithAgeAndDeadline() {
    SourceStatus s = StatusReducer.initial("agents", "/repo", "", T0).withHeldRollouts(List.of(
        new HeldRollout("Agent/default/coder", "WaitingForTasks", 2, T0, T0.plusSeconds(3600),
            "main@sha1:ab"),
        new HeldRollout("Agent/default/lead", "AwaitingApproval", 0, T0.plusSeconds(300), null,
            "main@sha1:ab")));
    String text = render(List.of(s), true);
    assertTrue(text.contains("Held rollouts:"), text);
    assertTrue(text.matches("(?s).*OBJECT +REASON +IN-FLIGHT +AGE +DEADLINE.*"), text);
    assertTrue(text.matches("(?s).*Agent/default/coder +WaitingForTasks +2 +10m +"
        + "2026-03-01T11:00:00Z \\(in 50m\\).*"), text);
    assertTrue(text.matches("(?s).*Agent/default/lead +AwaitingApproval +0 +5m +-\n.*"), text);

    String overview = render(List.of(s, StatusReducer.initial("infra", "/i", "", T0)), false);
    assertTrue(overview.contains("Held rollouts of agents:"), overview);
    assertFalse(overview.contains("infra:"), overview);
  }

  @Test
  void agentStatesTableWithAgeAndWhatTheStatusSays() {
    SourceStatus s = StatusReducer.initial("agents", "/repo", "", T0).withStates(List.of(
        new ObjectState("KomputerAgent/default/researcher", "Failed", true, "phase Failed", T0),
        new ObjectState("KomputerAgent/default/writer", "Sleeping", false, "phase Sleeping",
            T0.plusSeconds(300))));
    String text = render(List.of(s), true);
    assertTrue(text.contains("Agent states:"), text);
    assertTrue(text.matches("(?s).*OBJECT +STATE +AGE +MESSAGE.*"), text);
    assertTrue(text.matches("(?s).*KomputerAgent/default/researcher +Failed \\(unhealthy\\) +10m"
        + " +phase Failed\n.*"), text);
    assertTrue(text.matches("(?s).*KomputerAgent/default/writer +Sleeping +5m +phase Sleeping\n.*"),
        text);

    String overview = render(List.of(s, StatusReducer.initial("infra", "/i", "", T0)), false);
    assertTrue(overview.contains("Agent states of agents:"), overview);
    assertFalse(overview.contains("Agent states of infra"), overview);
  }

  @Test
  void nothingHeldNoTable() {
    String text = render(List.of(StatusReducer.initial("a", "/r", "", T0)), true);
    assertFalse(text.contains("Held"), text);
    assertFalse(text.contains("Agent states"), text);
  }
}
