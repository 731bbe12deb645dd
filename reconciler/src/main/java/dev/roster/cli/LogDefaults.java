package dev.roster.cli;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.Configurator;
import ch.qos.logback.classic.spi.ConfiguratorRank;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.ConsoleAppender;
import ch.qos.logback.core.encoder.LayoutWrappingEncoder;
import ch.qos.logback.core.spi.ContextAwareBase;

/**
 * The logging configuration every command starts with, applied by {@link LogProvider} (and found
 * by logback's own provider through {@code META-INF/services} where that one is bound; no XML to
 * parse at start-up): libraries' warnings and errors to stderr as
 * {@link LogFormat#text} lines, Roster's own loggers at INFO. The console appender writes to
 * whatever {@code System.err} is at the time, so {@link Main#main}'s redacting stream sees
 * library lines too. fabric8's once-per-kind warning about v1alpha1 kinds is silenced: every agent
 * platform is alpha, so it is noise.
 */
@ConfiguratorRank(ConfiguratorRank.CUSTOM_HIGH_PRIORITY)
public final class LogDefaults extends ContextAwareBase implements Configurator {
  @Override
  public ExecutionStatus configure(LoggerContext ctx) {
    LayoutWrappingEncoder<ILoggingEvent> encoder = new LayoutWrappingEncoder<>();
    encoder.setContext(ctx);
    LogLayout layout = new LogLayout(LogFormat.text);
    layout.setContext(ctx);
    layout.start();
    encoder.setLayout(layout);
    encoder.start();
    ConsoleAppender<ILoggingEvent> console = new ConsoleAppender<>();
    console.setContext(ctx);
    console.setName("stderr");
    console.setTarget("System.err");
    console.setEncoder(encoder);
    console.start();
    Logger root = ctx.getLogger(Logger.ROOT_LOGGER_NAME);
    root.setLevel(Level.WARN);
    root.addAppender(console);
    ctx.getLogger(LogLayout.ROSTER).setLevel(Level.INFO);
    ctx.getLogger("io.fabric8.kubernetes.client.dsl.internal.VersionUsageUtils")
        .setLevel(Level.ERROR);
    return ExecutionStatus.DO_NOT_INVOKE_NEXT_IF_ANY;
  }
}
