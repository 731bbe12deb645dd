package dev.roster.cli;

import dev.roster.load.LoadOptions;
import dev.roster.validate.SchemaCatalog;
import dev.roster.validate.Validator;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import picocli.CommandLine.Option;

/** Flags that decide how a config repo is read and validated; shared by every command. */
final class RepoOptions {
  @Option(
      names = "--schema-dir",
      paramLabel = "DIR",
      description = "Extra schemas and profiles (<group>/<version>/<Kind>.json); repeatable.")
  List<Path> schemaDirs = new ArrayList<>();

  @Option(
      names = "--allow-unknown-kinds",
      description = "Accept kinds Roster has no schema for (they are still checked for names and"
          + " duplicates).")
  boolean allowUnknownKinds;

  @Option(
      names = "--max-file-size",
      paramLabel = "SIZE",
      defaultValue = "1Mi",
      converter = RepoOptions.SizeConverter.class,
      description = "Refuse YAML files larger than this before parsing (bytes, or with Ki/Mi"
          + " suffix). Default: ${DEFAULT-VALUE}.")
  long maxFileSize;

  LoadOptions loadOptions() {
    return LoadOptions.defaults().withMaxFileBytes(maxFileSize);
  }

  Validator validator() {
    return new Validator(SchemaCatalog.load(schemaDirs), allowUnknownKinds);
  }

  /** Parses {@code 1048576}, {@code 512Ki} or {@code 2Mi}. */
  static final class SizeConverter implements picocli.CommandLine.ITypeConverter<Long> {
    @Override
    public Long convert(String value) {
      return parseSize(value);
    }
  }

  static long parseSize(String s) {
    String v = s.trim().toLowerCase(Locale.ROOT);
    long unit = 1;
    if (v.endsWith("ki")) {
      unit = 1024;
    } else if (v.endsWith("mi")) {
      unit = 1024 * 1024;
    }
    String digits = unit == 1 ? v : v.substring(0, v.length() - 2);
    try {
      long n = Math.multiplyExact(Long.parseLong(digits), unit);
      if (n <= 0) {
        throw new NumberFormatException();
      }
      return n;
    } catch (NumberFormatException | ArithmeticException e) {
      throw new picocli.CommandLine.TypeConversionException("invalid size '" + s + "': use bytes, or Ki or Mi");
    }
  }
}
