package dev.roster.devcluster;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class PluralsTest {
  @ParameterizedTest
  @CsvSource({
    "KomputerMemory, komputermemories",
    "KomputerOffice, komputeroffices",
    "KomputerAgent, komputeragents",
    "AgentTeam, agentteams",
    "Task, tasks",
    "Ingress, ingresses",
    "Box, boxes",
    "Patch, patches",
    "Mesh, meshes",
    "Gateway, gateways",
    "Policy, policies",
    "KubeOpenCodeConfig, kubeopencodeconfigs",
  })
  void plural(String kind, String plural) {
    assertEquals(plural, Plurals.of(kind));
  }

  @Test
  void singularIsLowerCase() {
    assertEquals("komputermemory", Plurals.singular("KomputerMemory"));
  }

  @Test
  void emptyKindIsRejected() {
    assertThrows(IllegalArgumentException.class, () -> Plurals.of(""));
  }
}
