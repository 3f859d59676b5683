package org.carelake.cli.cluster;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.jar.Attributes;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;
import java.util.stream.Stream;

/**
 * Carelake's own classes and resources (the modules' {@code target/classes}) as one jar for spark-submit. Tests run
 * before {@code package}, so the test makes this jar itself; the dependencies the shaded jar would bundle go next to
 * it with {@code --jars}, which spark-submit ships to the executors the same way.
 */
public final class ApplicationJar {
  private ApplicationJar() {}

  public static Path write(Path jar, List<Path> classDirs, String mainClass) throws IOException {
    Map<String, ByteArrayOutputStream> entries = new LinkedHashMap<>();
    for (Path dir : classDirs) {
      try (Stream<Path> files = Files.walk(dir)) {
        for (Path f : (Iterable<Path>) files.filter(Files::isRegularFile).sorted()::iterator) {
          String name = dir.relativize(f).toString().replace('\\', '/');
          ByteArrayOutputStream bytes = entries.get(name);
          if (bytes == null) {
            entries.put(name, bytes = new ByteArrayOutputStream());
          } else if (name.startsWith("META-INF/services/")) {
            bytes.write('\n'); // service registrations of several modules add up, as the shade plugin merges them
          } else {
            continue;
          }
          Files.copy(f, bytes);
        }
      }
    }
    Manifest manifest = new Manifest();
    manifest.getMainAttributes().put(Attributes.Name.MANIFEST_VERSION, "1.0");
    manifest.getMainAttributes().put(Attributes.Name.MAIN_CLASS, mainClass);
    try (OutputStream out = Files.newOutputStream(jar); JarOutputStream jos = new JarOutputStream(out, manifest)) {
      Set<String> dirs = new HashSet<>(Set.of("META-INF/"));
      for (Map.Entry<String, ByteArrayOutputStream> e : entries.entrySet()) {
        if (e.getKey().equals("META-INF/MANIFEST.MF")) {
          continue;
        }
        // Directory entries too, as in any jar: resource lookups of a folder find it.
        for (int i = e.getKey().indexOf('/'); i > 0; i = e.getKey().indexOf('/', i + 1)) {
          String dir = e.getKey().substring(0, i + 1);
          if (dirs.add(dir)) {
            jos.putNextEntry(new JarEntry(dir));
            jos.closeEntry();
          }
        }
        jos.putNextEntry(new JarEntry(e.getKey()));
        e.getValue().writeTo(jos);
        jos.closeEntry();
      }
    }
    return jar;
  }
}
