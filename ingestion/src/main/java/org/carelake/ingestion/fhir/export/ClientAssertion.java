package org.carelake.ingestion.fhir.export;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.UUID;

/**
 * The signed JWT a SMART backend client authenticates with: iss = sub = client id, aud = the token endpoint, a
 * unique jti, and an expiry no more than five minutes ahead (the limit the specification sets).
 */
final class ClientAssertion {
  static final Duration LIFETIME = Duration.ofMinutes(5);

  private final SmartKeys.SigningKey key;
  private final String clientId;

  ClientAssertion(SmartKeys.SigningKey key, String clientId) {
    this.key = key;
    this.clientId = clientId;
  }

  String sign(URI tokenEndpoint, Instant now) {
    JWSHeader header = new JWSHeader.Builder(key.algorithm()).keyID(key.keyId()).type(JOSEObjectType.JWT).build();
    JWTClaimsSet claims = new JWTClaimsSet.Builder().issuer(clientId).subject(clientId)
        .audience(tokenEndpoint.toString()).issueTime(Date.from(now))
        .expirationTime(Date.from(now.plus(LIFETIME))).jwtID(UUID.randomUUID().toString()).build();
    SignedJWT jwt = new SignedJWT(header, claims);
    try {
      jwt.sign(key.signer());
    } catch (JOSEException e) {
      throw new IllegalStateException("cannot sign the client assertion with key " + key.keyId() + ": "
          + e.getMessage(), e);
    }
    return jwt.serialize();
  }

  String describe() {
    return "client " + clientId + ", " + key.algorithm() + " key " + (key.keyId() == null ? "(no kid)" : key.keyId());
  }
}
