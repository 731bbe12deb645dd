package dev.roster.cli;

/**
 * How serve writes its log lines to stderr ({@code --log-format}).
 *
 * <ul>
 *   <li>{@code text}: {@code <time> <level> <source> <message>}, one line per event ({@code -} for
 *       no source; library lines name their logger in brackets)
 *   <li>{@code json}: one JSON object per line with {@code time}, {@code level}, {@code source},
 *       {@code revision}, {@code trigger} and {@code message} (null when the event has none), and
 *       {@code logger} and {@code error} when they apply
 * </ul>
 */
public enum LogFormat {
  text,
  json
}
