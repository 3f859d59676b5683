package org.carelake.marts.measure;

/** One measure model: a SELECT registered as the temporary view {@code view} (file {@code file}). */
public record SqlModel(String view, String file, String sql) {}
