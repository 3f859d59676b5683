package org.carelake.dashboard.oidc;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSVerifier;
import com.nimbusds.jose.crypto.ECDSAVerifier;
import com.nimbusds.jose.crypto.RSASSAVerifier;
import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.text.ParseException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.Set;

/**
 * Checks an ID token as OpenID Connect Core 1.0 section 3.1.3.7 asks: the signature (RS256 or ES256, by nimbus
 * against the provider's JWKS), then iss, aud (and azp when there are several audiences or an azp at all), exp and
 * iat with a minute of clock skew, and the nonce of this sign-in. Each failure names the check, never the token.
 */
final class IdTokenVerifier {
  static final Duration CLOCK_SKEW = Duration.ofSeconds(60);
  private static final Set<JWSAlgorithm> ALGORITHMS = Set.of(JWSAlgorithm.RS256, JWSAlgorithm.ES256);
  private final OidcSettings settings;
  private final ProviderKeys keys;
  private final Clock clock;

  IdTokenVerifier(OidcSettings settings, ProviderKeys keys, Clock clock) {
    this.settings = settings;
    this.keys = keys;
    this.clock = clock;
  }

  JWTClaimsSet verify(String idToken, ProviderMetadata provider, String expectedNonce) throws OidcException {
    SignedJWT jwt;
    JWTClaimsSet claims;
    try {
      jwt = SignedJWT.parse(idToken);
      claims = jwt.getJWTClaimsSet();
    } catch (ParseException e) {
      throw invalid("not a signed JWT");
    }
    JWSAlgorithm alg = jwt.getHeader().getAlgorithm();
    if (!ALGORITHMS.contains(alg)) {
      throw invalid("algorithm " + alg + " is not accepted (RS256, ES256)");
    }
    JWK key = keys.find(provider.jwksUri(), jwt.getHeader().getKeyID(), alg);
    try {
      if (!jwt.verify(verifier(key, alg))) {
        throw invalid("signature does not verify");
      }
    } catch (JOSEException e) {
      throw invalid("signature cannot be checked with the provider's key (" + e.getClass().getSimpleName() + ")");
    }
    checkClaims(claims, expectedNonce);
    return claims;
  }

  private void checkClaims(JWTClaimsSet c, String expectedNonce) throws OidcException {
    if (!settings.issuer().equals(c.getIssuer())) {
      throw invalid("issuer is not " + settings.issuer());
    }
    List<String> audience = c.getAudience();
    if (audience == null || !audience.contains(settings.clientId())) {
      throw invalid("audience does not contain the client id " + settings.clientId());
    }
    Object azp = c.getClaim("azp");
    if ((audience.size() > 1 || azp != null) && !settings.clientId().equals(azp)) {
      throw invalid("authorized party (azp) is not the client id " + settings.clientId());
    }
    Instant now = clock.instant();
    Date exp = c.getExpirationTime();
    if (exp == null || !now.minus(CLOCK_SKEW).isBefore(exp.toInstant())) {
      throw invalid("expired (exp)");
    }
    Date iat = c.getIssueTime();
    if (iat == null || iat.toInstant().isAfter(now.plus(CLOCK_SKEW))) {
      throw invalid("issued in the future or without iat");
    }
    Object nonce = c.getClaim("nonce");
    if (!(nonce instanceof String n) || !MessageDigest.isEqual(n.getBytes(StandardCharsets.UTF_8),
        expectedNonce.getBytes(StandardCharsets.UTF_8))) {
      throw invalid("nonce does not match this sign-in");
    }
    if (c.getSubject() == null || c.getSubject().isBlank()) {
      throw invalid("no subject (sub)");
    }
  }

  private static JWSVerifier verifier(JWK key, JWSAlgorithm alg) throws JOSEException, OidcException {
    if (alg.equals(JWSAlgorithm.RS256) && key instanceof RSAKey rsa) {
      return new RSASSAVerifier(rsa);
    }
    if (alg.equals(JWSAlgorithm.ES256) && key instanceof ECKey ec && Curve.P_256.equals(ec.getCurve())) {
      return new ECDSAVerifier(ec);
    }
    throw invalid("the provider's key " + key.getKeyID() + " does not fit algorithm " + alg);
  }

  private static OidcException invalid(String check) {
    return new OidcException(OidcException.Kind.INVALID_TOKEN, "invalid id token: " + check,
        "The sign-in could not be verified: the provider's ID token failed a check (" + check + ").");
  }
}
