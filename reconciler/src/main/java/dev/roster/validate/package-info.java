/**
 * Validate stage: checks loaded manifests against the JSON Schema of their kind and against the
 * rest of the repo (duplicates, names, references, dependency cycles, committed secrets).
 *
 * <p>Contract: validation is a pure function of the manifests and the {@link
 * dev.roster.validate.SchemaCatalog}; it reports every problem it finds, never only the first, and
 * each problem carries the file, line and column of the field concerned. Kind-specific knowledge
 * lives in data (schema and profile files), not in code. With a {@link
 * dev.roster.validate.ValidationCache} (serve mode) the checks of one manifest on its own run once
 * per manifest instance; the rules that span the repo run on every validation, so the report is
 * the same as without the cache. {@link dev.roster.validate.ChangeValidator} (serve mode) goes
 * further: it validates a repo from the files that changed since the last tree, keeping the
 * repo-wide rules as indexes, and gives the same report as a whole validation.
 */
package dev.roster.validate;
