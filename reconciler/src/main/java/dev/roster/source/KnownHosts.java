package dev.roster.source;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.PublicKey;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.apache.sshd.client.config.hosts.KnownHostEntry;
import org.apache.sshd.common.config.keys.KeyUtils;
import org.apache.sshd.common.config.keys.PublicKeyEntryResolver;
import org.eclipse.jgit.transport.CredentialsProvider;
import org.eclipse.jgit.transport.sshd.ServerKeyDatabase;

/**
 * A known_hosts file (OpenSSH format, hashed names allowed) checked strictly: a host key is
 * accepted only if an entry for the host lists it; nothing is ever added or asked. A missing file
 * knows no host. {@code @cert-authority} lines are ignored, {@code @revoked} ones reject.
 */
final class KnownHosts implements ServerKeyDatabase {
  private final Path file;

  KnownHosts(Path file) {
    this.file = file;
  }

  @Override
  public List<PublicKey> lookup(String connect, InetSocketAddress remote, Configuration config) {
    return keys(connect, null);
  }

  @Override
  public boolean accept(String connect, InetSocketAddress remote, PublicKey serverKey,
      Configuration config, CredentialsProvider provider) {
    for (PublicKey k : keys(connect, "@revoked")) {
      if (KeyUtils.compareKeys(k, serverKey)) {
        return false;
      }
    }
    for (PublicKey k : keys(connect, null)) {
      if (KeyUtils.compareKeys(k, serverKey)) {
        return true;
      }
    }
    return false;
  }

  /** Keys listed for {@code connect} ({@code host} or {@code [host]:port}) with this marker. */
  private List<PublicKey> keys(String connect, String marker) {
    String host = connect;
    int port = 22;
    if (connect.startsWith("[")) {
      int end = connect.indexOf("]:");
      if (end > 0) {
        host = connect.substring(1, end);
        port = Integer.parseInt(connect.substring(end + 2));
      }
    }
    List<KnownHostEntry> entries;
    try {
      entries = Files.isRegularFile(file) ? KnownHostEntry.readKnownHostEntries(file) : List.of();
    } catch (IOException | RuntimeException e) {
      return Collections.emptyList();
    }
    List<PublicKey> out = new ArrayList<>();
    for (KnownHostEntry e : entries) {
      String m = e.getMarker();
      boolean sameMarker = marker == null ? m == null || m.isEmpty() : marker.equals("@" + m)
          || marker.equals(m);
      if (!sameMarker || e.getKeyEntry() == null || !e.isHostMatch(host, port)) {
        continue;
      }
      try {
        PublicKey k = e.getKeyEntry()
            .resolvePublicKey(null, Collections.emptyMap(), PublicKeyEntryResolver.IGNORING);
        if (k != null) {
          out.add(k);
        }
      } catch (IOException | GeneralSecurityException ex) {
        // an entry of a key type we cannot read matches nothing
      }
    }
    return out;
  }
}
