package org.carelake.synth;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * Writes one feed as a single file of many messages, in the order the sending system would have sent them (by
 * message time), each with its MSH and a control id unique within the feed. Segments end with CR; with MLLP framing
 * each message is wrapped in {@code 0x0B ... 0x1C 0x0D} as a capture of the wire would be.
 */
final class FeedWriter {
  private static final byte START_BLOCK = 0x0B;
  private static final byte[] END_BLOCK = {0x1C, 0x0D};

  /** What was written: the file, how many messages, and how many of each type (sorted). */
  record Written(Path file, int messages, long bytes, Map<String, Integer> byType) {}

  private final FeedSender sender;
  private final boolean mllp;

  FeedWriter(FeedSender sender, boolean mllp) {
    this.sender = sender;
    this.mllp = mllp;
  }

  /** The file name under the output directory: {@code lab/lab.hl7}, or {@code lab/lab.mllp} when framed. */
  Path file(Path outDir) {
    return outDir.resolve(sender.feed()).resolve(sender.feed() + (mllp ? ".mllp" : ".hl7"));
  }

  Written write(Path outDir, List<OutboundMessage> messages) throws IOException {
    List<OutboundMessage> sorted = new ArrayList<>(messages);
    sorted.sort(Comparator.comparing((OutboundMessage m) -> m.time().toInstant())
        .thenComparing(OutboundMessage::sortKey));
    Path file = file(outDir);
    Files.createDirectories(file.getParent());
    // A run in the other framing must not leave its file beside this one: ingesting the directory would read both.
    Files.deleteIfExists(outDir.resolve(sender.feed()).resolve(sender.feed() + (mllp ? ".hl7" : ".mllp")));
    Map<String, Integer> byType = new TreeMap<>();
    long bytes = 0;
    try (OutputStream out = new BufferedOutputStream(Files.newOutputStream(file), 1 << 16)) {
      int seq = 0;
      for (OutboundMessage m : sorted) {
        byte[] text = encode(m, controlId(++seq)).getBytes(StandardCharsets.UTF_8);
        if (mllp) {
          out.write(START_BLOCK);
        }
        out.write(text);
        if (mllp) {
          out.write(END_BLOCK);
        }
        bytes += text.length + (mllp ? 3 : 0);
        byType.merge(m.typeName(), 1, Integer::sum);
      }
    }
    return new Written(file, sorted.size(), bytes, byType);
  }

  private String controlId(int seq) {
    return sender.controlIdPrefix() + String.format(Locale.ROOT, "%08d", seq);
  }

  /** The message text: MSH, then the body, every segment terminated by CR. */
  String encode(OutboundMessage m, String controlId) {
    Segment msh = Segment.of("MSH").encoded(2, "^~\\&")
        .field(3, sender.application()).field(4, sender.facility())
        .field(5, FeedSender.RECEIVING_APPLICATION).field(6, FeedSender.RECEIVING_FACILITY)
        .field(7, ClinicalTime.dtm(m.time()))
        .field(9, m.type(), m.trigger(), m.structure())
        .field(10, controlId).field(11, "P").field(12, FeedSender.VERSION)
        .field(18, "UNICODE UTF-8");
    if (sender.profile() != null) {
      msh.encoded(21, sender.profile());
    }
    StringBuilder b = new StringBuilder(512);
    b.append(msh.encode()).append('\r');
    for (Segment s : m.body()) {
      b.append(s.encode()).append('\r');
    }
    return b.toString();
  }
}
