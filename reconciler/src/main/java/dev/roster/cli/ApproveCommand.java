package dev.roster.cli;

import dev.roster.kube.KubeClients;
import dev.roster.kube.ResourceResolver;
import dev.roster.plan.Ownership;
import dev.roster.validate.KindId;
import dev.roster.validate.SchemaCatalog;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.dsl.base.ResourceDefinitionContext;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code roster approve}: lets a change held under the {@code Manual} rollout policy go out, by
 * setting {@code roster.dev/approve: <revision>} on the live object (the held revision unless
 * {@code --revision} names one). The next pass on that revision applies it.
 */
@Command(name = "approve", mixinStandardHelpOptions = true,
    description = "Approve the held restart-class change of an object under roster.dev/rollout:"
        + " Manual.",
    exitCodeListHeading = "%nExit codes:%n",
    exitCodeList = {"0:approved", "2:usage error (bad KIND/NAME, unknown kind, object not found,"
        + " not managed by this source, or nothing held and no --revision)",
        "6:cluster unreachable, or it refused the request", "1:internal error"})
final class ApproveCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Option(names = "--kubeconfig", paramLabel = "FILE", description = "Kubeconfig file.")
  Path kubeconfig;

  @Option(names = "--context", paramLabel = "NAME", description = "Kubeconfig context to use.")
  String context;

  @Option(names = "--source-name", required = true, paramLabel = "NAME",
      description = "The source that manages the object.")
  String source;

  @Option(names = {"-n", "--namespace"}, defaultValue = "default", paramLabel = "NS",
      description = "Namespace of the object. Default: ${DEFAULT-VALUE}.")
  String namespace;

  @Option(names = "--revision", paramLabel = "REV",
      description = "Revision or commit prefix to approve. Default: the held revision.")
  String revision;

  @Parameters(paramLabel = "KIND/NAME", description = "e.g. Agent/coder or Agent.kubeopencode.io/coder")
  String target;

  @Override
  public Integer call() {
    int slash = target.indexOf('/');
    if (slash <= 0) {
      spec.commandLine().getErr().println("error: expected KIND/NAME, got '" + target + "'");
      return ExitCode.USAGE;
    }
    String kind = target.substring(0, slash);
    String name = target.substring(slash + 1);
    String group = kind.contains(".") ? kind.substring(kind.indexOf('.') + 1) : null;
    String k = group == null ? kind : kind.substring(0, kind.indexOf('.'));
    KindId id = SchemaCatalog.bundled().kinds().stream()
        .filter(x -> x.kind().equals(k) && (group == null || x.group().equals(group)))
        .findFirst().orElse(null);
    if (id == null) {
      spec.commandLine().getErr().println("error: unknown kind '" + kind + "'");
      return ExitCode.USAGE;
    }
    try (KubernetesClient client = KubeClients.fromKubeconfig(kubeconfig, context)) {
      String apiVersion = id.group().isEmpty() ? id.version() : id.group() + "/" + id.version();
      ResourceDefinitionContext ctx = new ResourceResolver(client).resolve(apiVersion, k)
          .orElseThrow(() -> new IllegalStateException("the cluster does not serve " + kind));
      var op = client.genericKubernetesResources(ctx);
      var one = ctx.isNamespaceScoped() ? op.inNamespace(namespace).withName(name)
          : op.withName(name);
      GenericKubernetesResource live = one.get();
      if (live == null) {
        spec.commandLine().getErr().println("error: " + target + " not found"
            + (ctx.isNamespaceScoped() ? " in namespace '" + namespace + "' (-n)" : "")
            + "; nothing approved");
        return ExitCode.USAGE;
      }
      Map<String, String> labels = live.getMetadata().getLabels();
      if (labels == null || !source.equals(labels.get(Ownership.SOURCE))) {
        String owner = labels == null ? null : labels.get(Ownership.SOURCE);
        spec.commandLine().getErr().println("error: " + target + " is not managed by source '"
            + source + "'" + (owner == null ? " (it is not managed by Roster)"
            : " (it is managed by source '" + owner + "')") + "; nothing approved");
        return ExitCode.USAGE;
      }
      Map<String, String> ann = live.getMetadata().getAnnotations();
      String rev = revision != null ? revision
          : ann == null ? null : ann.get(Ownership.HELD_REVISION);
      if (rev == null) {
        spec.commandLine().getErr().println("error: nothing is held on " + target
            + "; pass --revision to approve ahead");
        return ExitCode.USAGE;
      }
      one.edit(r -> {
        r.getMetadata().getAnnotations().put(Ownership.APPROVE, rev);
        return r;
      });
      spec.commandLine().getOut().println("approved " + target + " at " + rev
          + "; the next pass rolls it out");
      return ExitCode.OK;
    } catch (RuntimeException e) {
      return Failures.report(e, spec.commandLine().getErr());
    }
  }
}
