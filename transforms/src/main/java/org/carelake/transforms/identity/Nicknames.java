package org.carelake.transforms.identity;

import java.io.IOException;
import java.io.InputStream;
import java.io.Serializable;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.Collections;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Given names that may stand for one another (BILL and WILLIAM, PEGGY and MARGARET), from {@code nicknames.csv}
 * beside this class: rows of (name, nickname).
 *
 * <p>Each name leads up to the names it is a nickname or variant of, and on from those (CATHY -> CATHERINE ->
 * KATHERINE). Two names are the same when their sets of names reached so meet: BOB and ROB meet at ROBERT. Names
 * never lead down, so two formal names that merely share a nickname stay apart (ALBERT and ALFRED both have AL).
 */
public final class Nicknames implements Serializable {
  private static final long serialVersionUID = 1L;
  private static final String RESOURCE = "nicknames.csv";

  /** Name -> itself and every name it leads up to; names without rows are absent. */
  private final Map<String, Set<String>> reach;

  private Nicknames(Map<String, Set<String>> reach) {
    this.reach = reach;
  }

  private static final class Defaults {
    static final Nicknames INSTANCE = load();
  }

  /** The table of nicknames.csv (one shared instance). */
  public static Nicknames defaults() {
    return Defaults.INSTANCE;
  }

  /** A table from (name, nickname) rows in the CSV layout of nicknames.csv. */
  public static Nicknames parse(String csv) {
    Map<String, Set<String>> up = new HashMap<>();
    String[] lines = csv.split("\r?\n");
    boolean header = true;
    for (int i = 0; i < lines.length; i++) {
      String line = lines[i].strip();
      if (line.isEmpty() || line.startsWith("#")) {
        continue;
      }
      if (header) {
        header = false;
        if (!line.equalsIgnoreCase("name,nickname")) {
          throw new IllegalStateException(RESOURCE + " line " + (i + 1) + ": expected the header name,nickname");
        }
        continue;
      }
      String[] cells = line.split(",", -1);
      if (cells.length != 2 || !cells[0].strip().matches("[A-Za-z]+") || !cells[1].strip().matches("[A-Za-z]+")) {
        throw new IllegalStateException(RESOURCE + " line " + (i + 1) + ": expected name,nickname in letters");
      }
      String name = key(cells[0]);
      String nickname = key(cells[1]);
      if (!name.equals(nickname)) {
        up.computeIfAbsent(nickname, k -> new HashSet<>()).add(name);
        up.computeIfAbsent(name, k -> new HashSet<>());
      }
    }
    Map<String, Set<String>> reach = new HashMap<>();
    for (String name : up.keySet()) {
      Set<String> seen = new HashSet<>();
      Deque<String> todo = new ArrayDeque<>();
      todo.add(name);
      while (!todo.isEmpty()) {
        String n = todo.poll();
        if (seen.add(n)) {
          todo.addAll(up.getOrDefault(n, Set.of()));
        }
      }
      reach.put(name, Set.copyOf(seen));
    }
    return new Nicknames(Collections.unmodifiableMap(reach));
  }

  private static Nicknames load() {
    try (InputStream in = Nicknames.class.getResourceAsStream(RESOURCE)) {
      if (in == null) {
        throw new IllegalStateException("missing classpath resource " + RESOURCE + " beside "
            + Nicknames.class.getName());
      }
      return parse(new String(in.readAllBytes(), StandardCharsets.UTF_8));
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + RESOURCE, e);
    }
  }

  /** Whether two given names may name the same person: equal, or linked through the table in either direction. */
  public boolean same(String a, String b) {
    if (a == null || b == null) {
      return false;
    }
    String ka = key(a);
    String kb = key(b);
    if (ka.isEmpty() || kb.isEmpty()) {
      return false;
    }
    if (ka.equals(kb)) {
      return true;
    }
    Set<String> ra = reach.get(ka);
    Set<String> rb = reach.get(kb);
    if (ra == null || rb == null) {
      return false;
    }
    for (String n : ra) {
      if (rb.contains(n)) {
        return true;
      }
    }
    return false;
  }

  /** Whether the table knows the name at all. */
  public boolean knows(String name) {
    return name != null && reach.containsKey(key(name));
  }

  /** How many names the table knows. */
  public int size() {
    return reach.size();
  }

  private static String key(String name) {
    return name.strip().toUpperCase(Locale.ROOT);
  }
}
