package org.carelake.transforms.terminology;

import java.io.Serializable;

/**
 * One code of a value set's expansion. The url is the ValueSet's canonical URL, or
 * {@code http://cts.nlm.nih.gov/fhir/ValueSet/<oid>} (VSAC) when only the OID is known; the OID is null when the
 * value set has none. The system is as the file writes it (canonicalize with {@link CodeSystemRegistry}).
 */
public record ValueSetCode(
    String valueSetUrl,
    String valueSetOid,
    String valueSetVersion,
    String valueSetName,
    String system,
    String code,
    String display) implements Serializable {}
