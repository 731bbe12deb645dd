package dev.roster.cli;

import dev.roster.serve.Supervisor;
import java.io.PrintWriter;
import java.util.concurrent.atomic.AtomicReference;
import picocli.CommandLine;

/**
 * Runs {@code roster serve ...} through {@link Main#run} with a test in place of the wait for
 * SIGTERM: {@code whileServing} gets the running supervisor, and returning from it starts the
 * graceful shutdown, as SIGTERM would. Anything it throws is rethrown after serve returned.
 */
public final class ServeHarness {
  /** What the test does while serve runs. */
  @FunctionalInterface
  public interface WhileServing {
    void run(Supervisor supervisor) throws Exception;
  }

  private ServeHarness() {}

  /** Runs {@code roster args} (the first argument {@code serve}); returns the exit code. */
  public static int run(PrintWriter out, PrintWriter err, WhileServing whileServing,
      String... args) throws Exception {
    AtomicReference<Throwable> failure = new AtomicReference<>();
    ServeCommand.Waiter waiter = supervisor -> {
      try {
        whileServing.run(supervisor);
      } catch (InterruptedException e) {
        throw e;
      } catch (Exception | AssertionError e) {
        failure.set(e);
      }
    };
    CommandLine.IFactory factory = new CommandLine.IFactory() {
      @Override
      public <K> K create(Class<K> cls) throws Exception {
        return cls == ServeCommand.class ? cls.cast(new ServeCommand(waiter))
            : CommandLine.defaultFactory().create(cls);
      }
    };
    int code = Main.run(factory, out, err, args);
    Throwable t = failure.get();
    if (t instanceof Exception e) {
      throw e;
    }
    if (t instanceof Error e) {
      throw e;
    }
    return code;
  }
}
