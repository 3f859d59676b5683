package org.carelake.ingestion.hl7.mllp;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;

/**
 * Seals the {@code .open} files a crashed listener left behind. Everything that was acknowledged was fsynced, and the
 * listener only appends whole frames, so the acknowledged frames are a prefix of whole frames; what follows the last
 * whole frame (a frame cut by the crash, or zeros the filesystem left in an unsynced tail) was never acknowledged and
 * is cut off. A NUL byte also marks a torn tail: HL7 v2 text never holds one, and the listener lands no frame that
 * does.
 */
public final class LandingRecovery {
  private LandingRecovery() {}

  /** What recovery did to one file. */
  public record Recovered(Path sealed, long keptBytes, long cutBytes, int frames) {}

  /** Recovers every {@code .open} file of the directory; the caller must hold the directory's listener lock. */
  public static List<Recovered> recover(Path dir) throws IOException {
    List<Recovered> out = new ArrayList<>();
    for (Path open : LandingDir.openFiles(dir)) {
      out.add(recoverFile(open));
    }
    if (!out.isEmpty()) {
      LandingWriter.syncDirectory(dir);
    }
    return out;
  }

  static Recovered recoverFile(Path open) throws IOException {
    long keep;
    long size;
    int[] frames = new int[1];
    try (FileChannel ch = FileChannel.open(open, StandardOpenOption.READ, StandardOpenOption.WRITE)) {
      size = ch.size();
      keep = wholeFramesEnd(ch, frames);
      if (keep < size) {
        ch.truncate(keep);
      }
      ch.force(true);
    }
    Path sealed = LandingDir.sealedName(open);
    if (keep == 0) {
      // Nothing was ever acknowledged from it: an empty sealed file would only be noise for the batch ingest.
      Files.delete(open);
      return new Recovered(null, 0, size, 0);
    }
    Files.move(open, sealed, StandardCopyOption.ATOMIC_MOVE);
    return new Recovered(sealed, keep, size - keep, frames[0]);
  }

  /** The end offset of the last whole frame in a run of whole frames from the start of the file. */
  static long wholeFramesEnd(FileChannel ch, int[] frames) throws IOException {
    ByteBuffer buf = ByteBuffer.allocate(1 << 16);
    long pos = 0;
    long end = 0;
    // 0 = expecting a start block, 1 = in a frame, 2 = after 0x1C expecting 0x0D
    int state = 0;
    while (true) {
      buf.clear();
      int n = ch.read(buf, pos);
      if (n <= 0) {
        return end;
      }
      for (int i = 0; i < n; i++) {
        byte b = buf.get(i);
        switch (state) {
          case 0 -> {
            if (b != MllpFrameReader.START) {
              return end;
            }
            state = 1;
          }
          case 1 -> {
            if (b == MllpFrameReader.END) {
              state = 2;
            } else if (b == MllpFrameReader.START || b == 0) {
              return end;
            }
          }
          default -> {
            if (b != MllpFrameReader.CR) {
              return end;
            }
            end = pos + i + 1;
            frames[0]++;
            state = 0;
          }
        }
      }
      pos += n;
    }
  }
}
