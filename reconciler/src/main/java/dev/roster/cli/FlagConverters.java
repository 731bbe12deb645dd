package dev.roster.cli;

import dev.roster.load.Durations;
import java.time.Duration;
import picocli.CommandLine;

/** Flag values that picocli converts: a bad one is a usage error before anything starts. */
final class FlagConverters {
  private FlagConverters() {}

  /** A log level by name; anything else is a usage error. */
  static final class LevelConverter
      implements CommandLine.ITypeConverter<ch.qos.logback.classic.Level> {
    @Override
    public ch.qos.logback.classic.Level convert(String value) {
      return switch (value.toLowerCase(java.util.Locale.ROOT)) {
        case "error" -> ch.qos.logback.classic.Level.ERROR;
        case "warn" -> ch.qos.logback.classic.Level.WARN;
        case "info" -> ch.qos.logback.classic.Level.INFO;
        case "debug" -> ch.qos.logback.classic.Level.DEBUG;
        case "trace" -> ch.qos.logback.classic.Level.TRACE;
        default -> throw new CommandLine.TypeConversionException("invalid log level '" + value
            + "': error, warn, info, debug or trace");
      };
    }
  }

  /** A duration flag: a bad one is a usage error before anything starts. */
  static class DurationConverter implements CommandLine.ITypeConverter<Duration> {
    @Override
    public Duration convert(String value) {
      try {
        return Durations.parse(value);
      } catch (IllegalArgumentException e) {
        throw new CommandLine.TypeConversionException(e.getMessage());
      }
    }
  }

  /** A poll interval: a duration of more than 0. */
  static final class IntervalConverter extends DurationConverter {
    @Override
    public Duration convert(String value) {
      Duration d = super.convert(value);
      if (d.isZero()) {
        throw new CommandLine.TypeConversionException("the interval must be more than 0");
      }
      return d;
    }
  }
}
