package dev.roster.cli;

import dev.roster.plan.RolloutPolicy;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.Option;
import picocli.CommandLine.TypeConversionException;

/** The source's default rollout policy, for plan, apply and serve. */
final class RolloutOptions {
  @Option(names = "--rollout-policy", paramLabel = "POLICY", defaultValue = "Rollout",
      converter = ModeConverter.class,
      description = "Rollout policy of objects without a roster.dev/rollout annotation: Rollout,"
          + " Immediate or Manual (HotReload is still read, as Immediate). Default: ${DEFAULT-VALUE}.")
  RolloutPolicy.Mode policy = RolloutPolicy.Mode.ROLLOUT;

  /** Parses Rollout, Immediate, Manual (HotReload read as Immediate) case-insensitively. */
  static final class ModeConverter implements ITypeConverter<RolloutPolicy.Mode> {
    @Override
    public RolloutPolicy.Mode convert(String value) {
      try {
        return RolloutPolicy.Mode.parse(value);
      } catch (IllegalArgumentException e) {
        throw new TypeConversionException(e.getMessage());
      }
    }
  }
}
