package org.carelake.ingestion.fhir.export;

import java.time.Duration;

/** How the client waits between polls and retries; tests record the waits instead of spending them. */
@FunctionalInterface
public interface Pause {
  Pause REAL = d -> Thread.sleep(Math.max(0, d.toMillis()));

  void sleep(Duration d) throws InterruptedException;
}
