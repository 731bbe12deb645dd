package dev.roster.load;

import org.yaml.snakeyaml.nodes.NodeId;
import org.yaml.snakeyaml.nodes.Tag;
import org.yaml.snakeyaml.resolver.Resolver;

/**
 * Leaves every plain scalar untyped (tag {@link #PLAIN}) so that {@link ScalarTyper} can type it
 * the way kubectl does; only the merge key {@code <<} keeps its YAML meaning.
 */
final class PlainTagResolver extends Resolver {
  static final Tag PLAIN = new Tag("tag:roster.dev,2026:plain");

  @Override
  protected void addImplicitResolvers() {
    // none: typing is ScalarTyper's job
  }

  @Override
  public Tag resolve(NodeId kind, String value, boolean implicit) {
    if (kind == NodeId.scalar && implicit) {
      return "<<".equals(value) ? Tag.MERGE : PLAIN;
    }
    return super.resolve(kind, value, implicit);
  }
}
