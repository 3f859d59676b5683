package org.carelake.transforms.hl7;

import java.io.Serializable;
import java.time.Instant;

/**
 * One FHIR R4 resource derived from an HL7 v2 message.
 *
 * @param resourceType e.g. {@code Observation}
 * @param id the resource id, deterministic (see {@link V2Ids}): a later message about the same thing gives a new
 *     version of the same resource
 * @param lastUpdated {@code meta.lastUpdated}: the message time (MSH-7, else EVN-2); null when the message has neither
 * @param patientId id of the Patient the resource is about ({@code Patient/<patientId>}); null for Practitioner
 * @param json the resource as FHIR JSON
 */
public record DerivedResource(String resourceType, String id, Instant lastUpdated, String patientId, String json)
    implements Serializable {}
