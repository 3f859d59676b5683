package org.carelake.transforms.identity;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;

/**
 * A {@link PersonRecord} as compact bytes, field by field: records travel through the blocking shuffle once per
 * blocking key and are decoded once per block, so their size and decode time count a million times over. Java
 * serialization wrote class descriptors into every record (about four times the bytes) and decoded slower.
 */
final class PersonRecordCodec {
  /** First byte of every encoding; a different layout gets a new one. */
  private static final byte VERSION = 1;
  private static final long NO_DATE = Long.MIN_VALUE;
  private static final int NO_INT = Integer.MIN_VALUE;

  private PersonRecordCodec() {}

  static byte[] encode(PersonRecord r) {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream(160);
    try (DataOutputStream out = new DataOutputStream(bytes)) {
      out.writeByte(VERSION);
      for (String s : new String[] {r.sourceSystem(), r.sourcePatientId(), r.mrn(), r.mrnSystem(), r.ssn(),
          r.driversLicense(), r.driversLicenseSystem(), r.passport(), r.family(), r.given()}) {
        text(out, s);
      }
      out.writeShort(r.givenAll().size());
      for (String g : r.givenAll()) {
        text(out, g);
      }
      text(out, r.prefix());
      text(out, r.generation());
      out.writeLong(r.birthDate() == null ? NO_DATE : r.birthDate().toEpochDay());
      text(out, r.sex());
      flag(out, r.deceased());
      for (String s : new String[] {r.phone(), r.email(), r.addressLine(), r.city(), r.state(), r.postalCode()}) {
        text(out, s);
      }
      flag(out, r.multipleBirth());
      out.writeInt(r.birthOrder() == null ? NO_INT : r.birthOrder());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return bytes.toByteArray();
  }

  static PersonRecord decode(byte[] bytes) {
    try (DataInputStream in = new DataInputStream(new ByteArrayInputStream(bytes))) {
      byte version = in.readByte();
      if (version != VERSION) {
        throw new IllegalArgumentException("person record encoded with layout " + version + ", expected " + VERSION);
      }
      String[] head = new String[10];
      for (int i = 0; i < head.length; i++) {
        head[i] = text(in);
      }
      int n = in.readShort();
      List<String> givenAll = new ArrayList<>(n);
      for (int i = 0; i < n; i++) {
        givenAll.add(text(in));
      }
      String prefix = text(in);
      String generation = text(in);
      long day = in.readLong();
      String sex = text(in);
      Boolean deceased = flag(in);
      String[] contact = new String[6];
      for (int i = 0; i < contact.length; i++) {
        contact[i] = text(in);
      }
      Boolean multipleBirth = flag(in);
      int order = in.readInt();
      return new PersonRecord(head[0], head[1], head[2], head[3], head[4], head[5], head[6], head[7], head[8],
          head[9], givenAll, prefix, generation, day == NO_DATE ? null : LocalDate.ofEpochDay(day), sex, deceased,
          contact[0], contact[1], contact[2], contact[3], contact[4], contact[5], multipleBirth,
          order == NO_INT ? null : order);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static void text(DataOutputStream out, String s) throws IOException {
    // Length-prefixed UTF-8, -1 for null: writeUTF would refuse values over 64 KiB.
    if (s == null) {
      out.writeInt(-1);
      return;
    }
    byte[] b = s.getBytes(StandardCharsets.UTF_8);
    out.writeInt(b.length);
    out.write(b);
  }

  private static String text(DataInputStream in) throws IOException {
    int n = in.readInt();
    if (n < 0) {
      return null;
    }
    byte[] b = new byte[n];
    in.readFully(b);
    return new String(b, StandardCharsets.UTF_8);
  }

  private static void flag(DataOutputStream out, Boolean b) throws IOException {
    out.writeByte(b == null ? 2 : b ? 1 : 0);
  }

  private static Boolean flag(DataInputStream in) throws IOException {
    byte b = in.readByte();
    return b == 2 ? null : b == 1;
  }
}
