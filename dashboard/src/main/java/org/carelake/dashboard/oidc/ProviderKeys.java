package org.carelake.dashboard.oidc;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.KeyType;
import com.nimbusds.jose.jwk.KeyUse;
import java.net.URI;
import java.text.ParseException;
import java.util.List;

/**
 * The provider's signing keys from its JWKS, cached. A key id not in the cache makes one fresh fetch (the provider
 * rotated its keys); the ID token comes straight from the token endpoint over TLS, so an unknown kid cannot be used
 * by a browser to make the dashboard fetch at will.
 */
final class ProviderKeys {
  private final ProviderClient client;
  private volatile JWKSet cached;

  ProviderKeys(ProviderClient client) {
    this.client = client;
  }

  /** The key that signed a token with this kid (null kid: the only signing key of the algorithm's type). */
  JWK find(URI jwksUri, String kid, JWSAlgorithm alg) throws OidcException {
    JWKSet set = cached;
    JWK key = set == null ? null : select(set, kid, alg);
    if (key == null) {
      set = fetch(jwksUri);
      key = select(set, kid, alg);
    }
    if (key == null) {
      throw new OidcException(OidcException.Kind.INVALID_TOKEN, "invalid id token: signing key "
          + (kid == null ? "(no kid)" : "kid " + kid) + " is not in the provider's JWKS",
          "The sign-in could not be verified (unknown signing key).");
    }
    return key;
  }

  private JWKSet fetch(URI uri) throws OidcException {
    try {
      JWKSet set = JWKSet.parse(client.jwks(uri));
      cached = set;
      return set;
    } catch (ParseException e) {
      throw new OidcException(OidcException.Kind.PROVIDER, "jwks: not a JWK set at " + uri,
          "The sign-in provider's keys could not be read. Ask your administrator to check the log.");
    }
  }

  private static JWK select(JWKSet set, String kid, JWSAlgorithm alg) {
    KeyType type = KeyType.forAlgorithm(alg);
    List<JWK> candidates = set.getKeys().stream()
        .filter(k -> k.getKeyType().equals(type))
        .filter(k -> k.getKeyUse() == null || KeyUse.SIGNATURE.equals(k.getKeyUse()))
        .filter(k -> kid == null || kid.equals(k.getKeyID()))
        .toList();
    return candidates.size() == 1 ? candidates.get(0) : null;
  }
}
