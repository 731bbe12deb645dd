package dev.roster.serve;

import dev.roster.serve.notify.Notifier;
import dev.roster.serve.notify.Pass;
import dev.roster.status.Conditions;

/** Hands every finished pass to the {@link Notifier}, which only queues: never blocks a pass. */
final class NotifyListener implements SyncListener {
  private final Notifier notifier;

  NotifyListener(Notifier notifier) {
    this.notifier = notifier;
  }

  @Override
  public void finished(SyncReport r) {
    Pass.Result result = r.outcome() == SyncReport.Outcome.FAILED ? Pass.Result.FAILED
        : Conditions.RECONCILIATION_SUCCEEDED.equals(r.reason()) ? Pass.Result.SUCCEEDED
        : Pass.Result.OTHER;
    notifier.observe(new Pass(r.source(), r.revision(), result, r.reason(), r.message(),
        r.plan(), r.startedAt().plus(r.duration())));
  }
}
