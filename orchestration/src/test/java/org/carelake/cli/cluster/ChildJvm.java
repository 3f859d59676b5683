package org.carelake.cli.cluster;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * A Java child process of the test, its output in a log file. Closing it kills it (and its own children), so that a
 * failing test leaves no Spark JVM behind on a shared machine; a shutdown hook covers an aborted test JVM.
 */
public final class ChildJvm implements AutoCloseable {
  private final String name;
  private final Process process;
  private final Path log;
  private final Thread killer;

  private ChildJvm(String name, Process process, Path log) {
    this.name = name;
    this.process = process;
    this.log = log;
    this.killer = new Thread(this::kill, "kill " + name);
    Runtime.getRuntime().addShutdownHook(killer);
  }

  /** Starts {@code java [jvmFlags] -cp classpath mainClass args} with these extra environment variables. */
  public static ChildJvm start(String name, Path log, List<String> jvmFlags, String classpath, String mainClass,
      List<String> args, Map<String, String> env) {
    List<String> cmd = new ArrayList<>();
    cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    cmd.addAll(jvmFlags);
    cmd.addAll(List.of("-cp", classpath, mainClass));
    cmd.addAll(args);
    ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(log.toFile());
    // The children must not pick up a lakehouse or master of whoever runs the tests.
    pb.environment().remove("CARELAKE_HOME");
    pb.environment().remove("CARELAKE_MASTER");
    pb.environment().remove("SPARK_HOME");
    pb.environment().remove("SPARK_CONF_DIR");
    pb.environment().putAll(env);
    try {
      return new ChildJvm(name, pb.start(), log);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The flags Spark needs on Java 17 (the surefire configuration passes the list the launcher uses). */
  public static List<String> sparkJvmFlags() {
    List<String> flags = new ArrayList<>();
    for (String f : System.getProperty("carelake.test.jvmOpens", "").split(" ")) {
      if (!f.isBlank()) {
        flags.add(f);
      }
    }
    return flags;
  }

  /**
   * The Spark flags plus the launcher's JIT and GC defaults (the surefire configuration passes both): a child that
   * runs the command line the way {@code ./carelake} runs it, C2 kept for the hot code only.
   */
  public static List<String> launcherJvmFlags() {
    List<String> flags = new ArrayList<>();
    for (String f : System.getProperty("carelake.test.jvmJit", "").split(" ")) {
      if (!f.isBlank()) {
        flags.add(f);
      }
    }
    flags.addAll(sparkJvmFlags());
    return flags;
  }

  /**
   * The Spark flags plus what keeps short JVMs cheap on a small shared machine: the C1 compiler only (C2 would spend
   * more CPU compiling than a test-sized job runs) and the serial collector.
   */
  public static List<String> quickJvmFlags() {
    List<String> flags = new ArrayList<>(List.of("-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC"));
    flags.addAll(sparkJvmFlags());
    return flags;
  }

  /** Waits for the exit; a process still running after the timeout is killed and reported as failed. */
  public int waitFor(Duration timeout) throws InterruptedException {
    if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
      kill();
      throw new AssertionError(name + " did not finish within " + timeout + "; log:\n" + output());
    }
    return process.exitValue();
  }

  public boolean isAlive() {
    return process.isAlive();
  }

  public String output() {
    try {
      return Files.readString(log, StandardCharsets.UTF_8);
    } catch (IOException e) {
      return "(no log: " + e + ")";
    }
  }

  private void kill() {
    process.descendants().forEach(ProcessHandle::destroyForcibly);
    process.destroyForcibly();
    try {
      process.waitFor(30, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  @Override
  public void close() {
    kill();
    try {
      Runtime.getRuntime().removeShutdownHook(killer);
    } catch (IllegalStateException e) {
      // already shutting down: the hook runs anyway
    }
  }
}
