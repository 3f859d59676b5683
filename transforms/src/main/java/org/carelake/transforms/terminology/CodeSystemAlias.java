package org.carelake.transforms.terminology;

import java.io.Serializable;
import java.util.Objects;

/**
 * Another name of a code system: an OID (bare or urn:oid:), another URI or an HL7 v2 coding system name, and the
 * canonical URI it stands for. These are the rows of {@code ref.code_system_alias}.
 */
public record CodeSystemAlias(String alias, String uri) implements Serializable {
  public static final String KIND_OID = "oid";
  public static final String KIND_URN_OID = "urn-oid";
  public static final String KIND_URI = "uri";
  public static final String KIND_V2 = "v2";

  public CodeSystemAlias {
    Objects.requireNonNull(alias, "alias");
    Objects.requireNonNull(uri, "uri");
    alias = alias.strip();
    uri = uri.strip();
    if (alias.isEmpty() || uri.isEmpty()) {
      throw new IllegalArgumentException("empty code system alias or uri: '" + alias + "' -> '" + uri + "'");
    }
  }

  /** How the alias is written: oid, urn-oid, uri or v2 (the alias_kind column). */
  public String kind() {
    if (Oids.isOid(alias)) {
      return KIND_OID;
    }
    if (Oids.fromUrn(alias) != null) {
      return KIND_URN_OID;
    }
    return alias.indexOf(':') >= 0 ? KIND_URI : KIND_V2;
  }
}
