package org.carelake.dashboard.audit;

import java.nio.file.Path;
import java.util.logging.Logger;
import org.carelake.core.CarelakeConfig;

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
    Path local = CarelakeConfig.localDirectory(lakehouseRoot);
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
}
