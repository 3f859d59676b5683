package org.carelake.dashboard.audit;

import java.nio.file.Path;
import java.util.logging.Logger;

/**
 * Where the audit journal lives. The journal is fsynced before a page is answered, so it needs a local disk: by
 * default {@code <lakehouse>/_ops/audit-journal} (next to the writer lock, as the MLLP listener lands under the
 * lakehouse), else the system property {@value #PROPERTY} or the dashboard's {@code dashboard.audit.journal-dir}.
 */
public final class JournalDir {
  public static final String PROPERTY = "carelake.audit.journal-dir";
  private static final Logger LOG = Logger.getLogger(JournalDir.class.getName());

  private JournalDir() {}

  /** The configured directory when given (a blank one counts as unset), else the default for this lakehouse. */
  public static Path resolve(String lakehouseRoot, String configured) {
    if (configured != null && !configured.isBlank()) {
      return Path.of(configured);
    }
    String prop = System.getProperty(PROPERTY);
    if (prop != null && !prop.isBlank()) {
      return Path.of(prop);
    }
    Path local = localRoot(lakehouseRoot);
    if (local != null) {
      return local.resolve("_ops").resolve("audit-journal");
    }
    // An object-store lakehouse: nothing local to derive it from. Entries still reach Delta on every flush and at
    // close, but a crash of this machine's temp dir would lose those not yet moved: say so.
    Path tmp = Path.of(System.getProperty("java.io.tmpdir"), "carelake-audit-journal",
        Integer.toHexString(lakehouseRoot.hashCode()));
    LOG.warning("the lakehouse " + lakehouseRoot + " is not a local directory; the audit journal is in " + tmp
        + ": set -D" + PROPERTY + " (or dashboard.audit.journal-dir) to a directory on a durable local disk");
    return tmp;
  }

  /** The local directory of a plain path or {@code file:} URI; null for any other filesystem. */
  static Path localRoot(String root) {
    String s = root;
    if (s.regionMatches(true, 0, "file:", 0, 5)) {
      s = s.substring(5);
      if (s.startsWith("//")) {
        int slash = s.indexOf('/', 2);
        String host = slash < 0 ? s.substring(2) : s.substring(2, slash);
        if (!host.isEmpty() && !host.equalsIgnoreCase("localhost")) {
          return null;
        }
        s = slash < 0 ? "/" : s.substring(slash);
      }
      return Path.of(s);
    }
    return s.matches("^[a-zA-Z][a-zA-Z0-9+.-]+:.*") ? null : Path.of(s);
  }
}
