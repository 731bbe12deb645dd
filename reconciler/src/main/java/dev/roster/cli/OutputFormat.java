package dev.roster.cli;

/** Output formats; not every command offers every one. */
enum OutputFormat {
  text,
  json,
  markdown,
  yaml
}
