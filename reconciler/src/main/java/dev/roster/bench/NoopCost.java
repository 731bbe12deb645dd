package dev.roster.bench;

import dev.roster.kube.RequestCounter;
import dev.roster.serve.Supervisor;
import dev.roster.source.GitMirror;
import dev.roster.source.SourceSpec;
import dev.roster.status.ReconcileRecord;
import java.time.Duration;
import java.util.Arrays;
import java.util.Map;

/**
 * What serve spends when nothing changed: a poll interval (the poller's own tick, timed against a
 * bare ls-remote of the same remote) and a reconcile pass that finds live equal to Git.
 *
 * @param pollRequests API requests of all timed polls together, by verb
 * @param passRequests API requests of the last no-op pass (status write included), by verb
 */
record NoopCost(double pollMillis, double lsRemoteMillis, Map<String, Long> pollRequests,
    double passMillis, Map<String, Long> passRequests) {
  private static final int PASSES = 5;

  static NoopCost measure(Supervisor serve, String source, GitMirror mirror, SourceSpec spec,
      RequestCounter counter, Passes passes, Webhook hook, int polls) throws Exception {
    // The poller last saw the first commit (later ones came by webhook): catch it up.
    var mark = passes.mark();
    serve.pollNow(source);
    passes.awaitAfter(mark, Duration.ofSeconds(5));
    double[] passMillis = new double[PASSES];
    Map<String, Long> passRequests = Map.of();
    for (int i = 0; i < PASSES; i++) {
      counter.reset();
      mark = passes.mark();
      hook.push("noop-" + i);
      ReconcileRecord r = passes.awaitAfter(mark, Duration.ofMinutes(2));
      if (r == null || !ReconcileRecord.NO_OP.equals(r.result())) {
        throw new IllegalStateException("expected a no-op pass, got " + r);
      }
      passMillis[i] = r.durationMillis();
      passRequests = counter.snapshot();
    }
    for (int i = 0; i < 5; i++) { // warm both paths
      mirror.lsRemote(spec);
      serve.pollNow(source);
    }
    double[] ls = new double[polls];
    double[] poll = new double[polls];
    counter.reset();
    for (int i = 0; i < polls; i++) {
      long t0 = System.nanoTime();
      mirror.lsRemote(spec);
      long t1 = System.nanoTime();
      serve.pollNow(source);
      long t2 = System.nanoTime();
      ls[i] = (t1 - t0) / 1e6;
      poll[i] = (t2 - t1) / 1e6;
    }
    Map<String, Long> pollRequests = counter.snapshot();
    return new NoopCost(median(poll), median(ls), pollRequests, median(passMillis),
        passRequests);
  }

  static double median(double[] v) {
    double[] s = v.clone();
    Arrays.sort(s);
    return s.length == 0 ? Double.NaN : s[s.length / 2];
  }
}
