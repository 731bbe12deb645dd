package dev.roster.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.spi.LogbackServiceProvider;
import ch.qos.logback.core.Appender;
import ch.qos.logback.core.ConsoleAppender;
import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

/**
 * {@link LogProvider} builds what logback's own provider builds from {@link LogDefaults}, and it
 * is the binding tests (and {@code roster}) run with.
 */
class LogProviderTest {
  private static final List<String> NAMES = List.of(Logger.ROOT_LOGGER_NAME, "io.netty.Foo",
      "org.eclipse.jgit.ignore.FastIgnoreRule", "com.networknt.schema.SchemaRegistry",
      LogLayout.ROSTER, LogLayout.ROSTER + ".serve.Serve",
      "io.fabric8.kubernetes.client.dsl.internal.VersionUsageUtils",
      "io.fabric8.kubernetes.client.dsl.internal.VersionUsageUtils$Inner",
      "io.fabric8.kubernetes.client.KubernetesClient");

  @Test
  void configuresWhatLogbacksProviderConfiguresFromLogDefaults() {
    LogbackServiceProvider logback = new LogbackServiceProvider();
    logback.initialize();
    LogProvider ours = new LogProvider();
    ours.initialize();
    LoggerContext want = (LoggerContext) logback.getLoggerFactory();
    LoggerContext got = (LoggerContext) ours.getLoggerFactory();
    try {
      assertEquals(want.getName(), got.getName());
      assertTrue(got.isStarted());
      assertSame(ours.getMDCAdapter(), got.getMDCAdapter());
      for (String name : NAMES) {
        assertEquals(want.getLogger(name).getEffectiveLevel(),
            got.getLogger(name).getEffectiveLevel(), name);
        assertEquals(describe(want.getLogger(name)), describe(got.getLogger(name)), name);
      }
      Appender<ILoggingEvent> stderr = got.getLogger(Logger.ROOT_LOGGER_NAME).getAppender("stderr");
      ConsoleAppender<ILoggingEvent> console = assertInstanceOf(ConsoleAppender.class, stderr);
      assertEquals("System.err", console.getTarget());
      assertTrue(console.isStarted());
      assertEquals(Level.WARN, got.getLogger("io.netty.Foo").getEffectiveLevel());
    } finally {
      want.stop();
      got.stop();
    }
  }

  @Test
  void isTheBindingUnderTest() throws ReflectiveOperationException {
    Method provider = LoggerFactory.class.getDeclaredMethod("getProvider"); // package-private
    provider.setAccessible(true);
    assertSame(LogProvider.class, provider.invoke(null).getClass());
    assertInstanceOf(LoggerContext.class, Logging.context());
  }

  @Test
  void selectLeavesAProviderNamedOnTheCommandLine() {
    String provider = System.getProperty("slf4j.provider");
    String verbosity = System.getProperty("slf4j.internal.verbosity");
    try {
      System.setProperty("slf4j.provider", "org.example.Other");
      System.clearProperty("slf4j.internal.verbosity");
      LogProvider.select();
      assertEquals("org.example.Other", System.getProperty("slf4j.provider"));
      assertNull(System.getProperty("slf4j.internal.verbosity"));
      System.clearProperty("slf4j.provider");
      LogProvider.select();
      assertEquals(LogProvider.class.getName(), System.getProperty("slf4j.provider"));
      assertEquals("WARN", System.getProperty("slf4j.internal.verbosity"));
    } finally {
      restore("slf4j.provider", provider);
      restore("slf4j.internal.verbosity", verbosity);
    }
  }

  private static void restore(String key, String value) {
    if (value == null) {
      System.clearProperty(key);
    } else {
      System.setProperty(key, value);
    }
  }

  /** A logger's own level, additivity and appenders (by name and class). */
  private static String describe(Logger logger) {
    List<String> appenders = new ArrayList<>();
    logger.iteratorForAppenders().forEachRemaining(
        a -> appenders.add(a.getName() + ":" + a.getClass().getName()));
    return logger.getLevel() + " " + logger.isAdditive() + " " + appenders;
  }
}
