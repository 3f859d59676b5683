package org.carelake.ingestion.fhir.export;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSSigner;
import com.nimbusds.jose.crypto.ECDSASigner;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.KeyUse;
import com.nimbusds.jose.jwk.RSAKey;
import java.io.IOException;
import java.nio.file.Path;
import java.text.ParseException;
import java.util.ArrayList;
import java.util.List;

/**
 * The client's signing key for SMART Backend Services, from a JWKS file holding private keys: RS384 (RSA) or ES384
 * (EC P-384), as the SMART App Launch specification requires servers to support.
 */
public final class SmartKeys {
  /** A usable key: its signer, algorithm and key id. */
  public record SigningKey(JWSSigner signer, JWSAlgorithm algorithm, String keyId) {}

  private SmartKeys() {}

  /** The key with this kid (or, with kid null, the first usable one) from a JWKS file. */
  public static SigningKey load(Path jwksFile, String kid) {
    JWKSet set;
    try {
      set = JWKSet.load(jwksFile.toFile());
    } catch (IOException e) {
      throw new IllegalArgumentException("cannot read the JWKS file " + jwksFile + ": " + e.getMessage());
    } catch (ParseException e) {
      throw new IllegalArgumentException("the JWKS file " + jwksFile + " is not a JSON Web Key Set: " + e.getMessage());
    }
    return pick(set, kid, jwksFile.toString());
  }

  static SigningKey pick(JWKSet set, String kid, String where) {
    List<String> seen = new ArrayList<>();
    for (JWK jwk : set.getKeys()) {
      seen.add((jwk.getKeyID() == null ? "(no kid)" : jwk.getKeyID()) + " " + jwk.getKeyType()
          + (jwk.isPrivate() ? " private" : " public"));
      if (kid != null && !kid.equals(jwk.getKeyID())) {
        continue;
      }
      if (!jwk.isPrivate() || KeyUse.ENCRYPTION.equals(jwk.getKeyUse())) {
        continue;
      }
      try {
        if (jwk instanceof RSAKey rsa && allows(jwk, JWSAlgorithm.RS384)) {
          return new SigningKey(new RSASSASigner(rsa), JWSAlgorithm.RS384, jwk.getKeyID());
        }
        if (jwk instanceof ECKey ec && Curve.P_384.equals(ec.getCurve()) && allows(jwk, JWSAlgorithm.ES384)) {
          return new SigningKey(new ECDSASigner(ec), JWSAlgorithm.ES384, jwk.getKeyID());
        }
      } catch (JOSEException e) {
        throw new IllegalArgumentException("key " + jwk.getKeyID() + " in " + where + " cannot sign: " + e.getMessage());
      }
    }
    throw new IllegalArgumentException("no RS384 (RSA) or ES384 (EC P-384) private signing key"
        + (kid == null ? "" : " with kid '" + kid + "'") + " in " + where + " (keys found: "
        + (seen.isEmpty() ? "none" : String.join(", ", seen)) + ")");
  }

  private static boolean allows(JWK jwk, JWSAlgorithm alg) {
    return jwk.getAlgorithm() == null || alg.equals(jwk.getAlgorithm());
  }
}
