package dev.roster.cli;

import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.util.LogbackMDCAdapter;
import ch.qos.logback.core.CoreConstants;
import ch.qos.logback.core.status.Status;
import ch.qos.logback.core.status.StatusUtil;
import ch.qos.logback.core.util.StatusPrinter;
import org.slf4j.ILoggerFactory;
import org.slf4j.IMarkerFactory;
import org.slf4j.helpers.BasicMarkerFactory;
import org.slf4j.spi.MDCAdapter;
import org.slf4j.spi.SLF4JServiceProvider;

/**
 * The SLF4J binding {@link Main#main} selects: logback, configured by {@link LogDefaults}
 * directly. The result is what logback's own provider builds from the same {@code
 * LogDefaults} (a {@link LoggerContext} named "default" with logback's MDC adapter, started,
 * status warnings and errors printed), without what that provider does to find a configuration:
 * logback's version checks, a service-loader scan for configurators and reading their rank
 * annotations (with SLF4J's own provider scan, about 20 ms of CPU of a {@code validate}, paid as
 * soon as any library asks for a logger). {@code LogDefaults} ends logback's configurator chain
 * anyway, so neither reads a configuration file; only logback's {@code logback.statusListenerClass}
 * debugging property is not honoured. Selected by the {@code slf4j.provider} system property (the
 * test JVM sets it in the pom), not {@code META-INF/services}, which lists logback's provider for
 * anyone who runs Roster's classes without {@code Main}.
 */
public final class LogProvider implements SLF4JServiceProvider {
  private final LoggerContext context = new LoggerContext();
  private final IMarkerFactory markers = new BasicMarkerFactory();
  private final LogbackMDCAdapter mdc = new LogbackMDCAdapter();

  /**
   * Makes this class the SLF4J binding unless the JVM's flags name another, and keeps SLF4J from
   * announcing the choice on stderr (an INFO report) unless they set its verbosity. Call before
   * anything asks SLF4J for a logger.
   */
  static void select() {
    if (System.getProperty("slf4j.provider") == null) {
      System.setProperty("slf4j.provider", LogProvider.class.getName());
      if (System.getProperty("slf4j.internal.verbosity") == null) {
        System.setProperty("slf4j.internal.verbosity", "WARN");
      }
    }
  }

  @Override
  public void initialize() {
    context.setName(CoreConstants.DEFAULT_CONTEXT_NAME);
    context.setMDCAdapter(mdc);
    LogDefaults defaults = new LogDefaults();
    defaults.setContext(context);
    defaults.configure(context);
    // What StatusPrinter.printInCaseOfErrorsOrWarnings does, without building its printer (and
    // the time-zone rules its date format loads) when there is nothing to print.
    if (!StatusUtil.contextHasStatusListener(context)
        && new StatusUtil(context).getHighestLevel(0) >= Status.WARN) {
      StatusPrinter.print(context);
    }
    context.start();
  }

  @Override
  public ILoggerFactory getLoggerFactory() {
    return context;
  }

  @Override
  public IMarkerFactory getMarkerFactory() {
    return markers;
  }

  @Override
  public MDCAdapter getMDCAdapter() {
    return mdc;
  }

  @Override
  public String getRequestedApiVersion() {
    return "2.0.99";
  }
}
