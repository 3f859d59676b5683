package org.carelake.transforms.identity;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The nickname table: both directions, nicknames of one name, and names that must stay apart. */
class IdentityNicknamesTest {
  private static final Nicknames NICKNAMES = Nicknames.defaults();

  private static void same(String a, String b) {
    assertTrue(NICKNAMES.same(a, b), a + " ~ " + b);
    assertTrue(NICKNAMES.same(b, a), b + " ~ " + a);
  }

  private static void apart(String a, String b) {
    assertFalse(NICKNAMES.same(a, b), a + " !~ " + b);
    assertFalse(NICKNAMES.same(b, a), b + " !~ " + a);
  }

  @Test
  void nicknameAndNameInBothDirections() {
    same("BILL", "WILLIAM");
    same("PEGGY", "MARGARET");
    same("PATSY", "PATRICIA");
    same("PEPE", "JOSE");
    same("LUPE", "GUADALUPE");
    same("ted", "Edward");
    same("ZACK", "ZACHARY");
  }

  @Test
  void twoNicknamesOfOneName() {
    same("BOB", "ROB");
    same("BILLY", "LIAM");
    same("MAGGIE", "PEG");
    same("BETSY", "LIBBY");
  }

  @Test
  void variantsAndTheirNicknames() {
    same("STEPHEN", "STEVEN");
    same("CATHY", "KATHERINE");
    same("CATHERINE", "KATE");
    same("ALLAN", "AL");
  }

  @Test
  void namesSharingANicknameStayApart() {
    apart("ALBERT", "ALFRED");
    apart("JOHN", "JONATHAN");
    apart("ROBERT", "ROBERTA");
    apart("SAMUEL", "SAMANTHA");
    apart("FRANCIS", "FRANCES");
    apart("WILLIAM", "ROBERT");
    apart("MARY", "MARGARET");
    apart("BILL", null);
    apart("", "BILL");
  }

  @Test
  void theTableIsLargeAndWellFormed() throws IOException {
    int pairs = 0;
    Set<String> seen = new HashSet<>();
    try (InputStream in = Nicknames.class.getResourceAsStream("nicknames.csv")) {
      String text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
      assertTrue(text.contains("compiled for Carelake") || text.contains("Compiled for Carelake"),
          "provenance in the header");
      for (String line : text.split("\n")) {
        if (line.isBlank() || line.startsWith("#") || line.equals("name,nickname")) {
          continue;
        }
        assertTrue(line.matches("[A-Z]+,[A-Z]+"), line);
        assertTrue(seen.add(line), "listed twice: " + line);
        pairs++;
      }
    }
    assertTrue(pairs >= 300, pairs + " pairs");
    assertTrue(seen.stream().anyMatch(l -> l.startsWith("MARGARET,")), "female names");
    assertTrue(seen.stream().anyMatch(l -> l.startsWith("WILLIAM,")), "male names");
    assertTrue(NICKNAMES.size() > 450, NICKNAMES.size() + " names");
  }

  @Test
  void malformedTablesAreRejected() {
    assertThrows(IllegalStateException.class, () -> Nicknames.parse("given,nick\nBILL,WILLIAM\n"));
    assertThrows(IllegalStateException.class, () -> Nicknames.parse("name,nickname\nWILLIAM,BILL,X\n"));
    assertTrue(Nicknames.parse("# comment\nname,nickname\nWILLIAM,BILL\n").same("bill", "WILLIAM"));
  }
}
