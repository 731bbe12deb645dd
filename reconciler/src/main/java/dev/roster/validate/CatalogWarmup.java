package dev.roster.validate;

import com.networknt.schema.serialization.JsonMapperFactory;
import java.util.Map;
import tools.jackson.databind.json.JsonMapper;

/**
 * Start-up aid for short commands: the JSON libraries' one-time set-up (Jackson's mappers and the
 * schema registry's classes: tens of milliseconds of class initialisation that a catalog's first
 * schema compile needs) done on a second thread while the main thread parses the command line and
 * reads the repo. Only work that ends the same whichever thread does it happens here: nothing is
 * handed over but initialised classes. {@link SchemaCatalog#load} waits for the warm-up to end
 * before the main thread touches those libraries (two threads initialising classes that depend on
 * each other could deadlock). A failure here is dropped: the main thread then does the same work
 * and reports it.
 */
public final class CatalogWarmup {
  private static Thread thread;

  private CatalogWarmup() {}

  /** Starts the warm-up once; later calls do nothing. */
  public static synchronized void start() {
    if (thread == null) {
      thread = new Thread(CatalogWarmup::run, "roster-warmup");
      thread.setDaemon(true);
      thread.start();
    }
  }

  /** Whether a warm-up was started and has not ended. */
  static synchronized boolean running() {
    return thread != null && thread.isAlive();
  }

  /** Returns once a started warm-up has ended; at once when none was started. */
  static void await() {
    Thread t;
    synchronized (CatalogWarmup.class) {
      t = thread;
    }
    if (t == null) {
      return;
    }
    boolean interrupted = false;
    while (t.isAlive()) {
      try {
        t.join();
      } catch (InterruptedException e) {
        interrupted = true;
      }
    }
    if (interrupted) {
      Thread.currentThread().interrupt();
    }
  }

  private static void run() {
    try {
      JsonMapperFactory.getInstance(); // the schema registry's reader
      JsonMapper.shared(); // JsonNode.toString, which the registry's enum keyword calls
      SchemaCatalog.registry(Map.of()); // its dialect and keyword classes
    } catch (RuntimeException | LinkageError e) {
      // the main thread repeats this and fails where it would have without the warm-up
    }
  }
}
