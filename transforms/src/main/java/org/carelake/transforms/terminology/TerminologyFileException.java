package org.carelake.transforms.terminology;

/** A terminology file that cannot be read; the message names the file, the line when known, and the problem. */
public final class TerminologyFileException extends IllegalArgumentException {
  private final String file;
  private final int line;

  /** A problem on a line (1-based) of the file; line 0 means the file as a whole. */
  public TerminologyFileException(String file, int line, String problem) {
    super(file + (line > 0 ? " line " + line : "") + ": " + problem);
    this.file = file;
    this.line = line;
  }

  public TerminologyFileException(String file, String problem) {
    this(file, 0, problem);
  }

  public String file() {
    return file;
  }

  /** The 1-based line of the problem, or 0 when it concerns the whole file. */
  public int line() {
    return line;
  }
}
