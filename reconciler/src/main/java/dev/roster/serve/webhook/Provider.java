package dev.roster.serve.webhook;

/** The Git hosts whose push webhooks Roster understands, plus Roster's own generic form. */
public enum Provider {
  GITHUB("github"),
  GITLAB("gitlab"),
  GITEA("gitea"),
  FORGEJO("forgejo"),
  BITBUCKET_CLOUD("bitbucket-cloud"),
  BITBUCKET_SERVER("bitbucket-server"),
  GENERIC("generic");

  private final String label;

  Provider(String label) {
    this.label = label;
  }

  /** Lower-case name used in logs, metrics and status ({@code bitbucket-cloud}). */
  public String label() {
    return label;
  }
}
