package dev.roster.load;

/** A one-based line and column inside a file. */
public record Location(int line, int column) {}
