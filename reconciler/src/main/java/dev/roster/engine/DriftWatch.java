package dev.roster.engine;

import dev.roster.kube.LiveCache;
import dev.roster.load.ResourceKey;
import dev.roster.plan.LiveObject;
import java.util.function.Consumer;

/**
 * What a cached engine does with its informers' news: a live change that departs from the last
 * plan (not Roster's own write) runs the drift callback; a watch error, relist or reconnect makes
 * the next pass a full verification and tells the reset callback why. Either callback may be null
 * (not watched) and may be set after the engine is built.
 */
final class DriftWatch implements LiveCache.Listener {
  private final Drift drift;
  private final Runnable verifyNext;
  private volatile Runnable onDrift;
  private volatile Consumer<String> onReset;

  DriftWatch(Drift drift, Runnable verifyNext) {
    this.drift = drift;
    this.verifyNext = verifyNext;
  }

  void onDrift(Runnable value) {
    onDrift = value;
  }

  void onReset(Consumer<String> value) {
    onReset = value;
  }

  @Override
  public void changed(ResourceKey key, LiveObject now) {
    Runnable r = onDrift;
    if (r != null && drift.departs(key, now)) {
      r.run();
    }
  }

  @Override
  public void reset(String why) {
    verifyNext.run();
    Consumer<String> r = onReset;
    if (r != null) {
      r.accept(why);
    }
  }
}
