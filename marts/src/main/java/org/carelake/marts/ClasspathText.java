package org.carelake.marts;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

/** The marts' SQL models and definitions ship as classpath text files; a missing one is a packaging error. */
public final class ClasspathText {
  private ClasspathText() {}

  /** The UTF-8 text of {@code resource} (an absolute classpath path), or an error naming it. */
  public static String read(String resource) {
    try (InputStream in = ClasspathText.class.getResourceAsStream(resource)) {
      if (in == null) {
        throw new IllegalStateException("missing classpath resource " + resource);
      }
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read classpath resource " + resource, e);
    }
  }
}
