package org.carelake.transforms.hl7;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;
import org.carelake.ingestion.hl7.Hl7Field;
import org.carelake.ingestion.hl7.Hl7Segment;

/**
 * AL1 -> AllergyIntolerance (v2-to-FHIR AL1[AllergyIntolerance]): code AL1-3, clinical status active, category and
 * type from the allergen type AL1-2 (table 0127), criticality from the severity AL1-4 (table 0128), one reaction
 * whose manifestations are the AL1-5 texts, onset AL1-6.
 */
final class AllergyMapper {
  private static final String CLINICAL = "http://terminology.hl7.org/CodeSystem/allergyintolerance-clinical";

  private AllergyMapper() {}

  /** Id from patient and allergen: the same allergen of the same patient is one AllergyIntolerance. */
  static String id(String patientId, ObjectNode code) {
    List<String> key = new ArrayList<>(List.of(patientId));
    key.addAll(Concepts.keyOf(code));
    return V2Ids.of("AllergyIntolerance", key);
  }

  static void map(MessageContext ctx, Hl7Segment al1, String id, ObjectNode code, String patientId,
      String encounterId) {
    ObjectNode a = Json.object();
    a.set("clinicalStatus", Json.concept(CLINICAL, "active", "Active"));
    String type = Fields.text(al1, 2);
    Json.put(a, "type", Vocabulary.code("allergy-type", type));
    String category = Vocabulary.code("allergy-category", type);
    if (category != null) {
      a.putArray("category").add(category);
    }
    Json.put(a, "criticality", Vocabulary.code("allergy-criticality", Fields.text(al1, 4)));
    Json.set(a, "code", code);
    a.set("patient", Json.reference("Patient", patientId));
    Json.set(a, "encounter", Json.reference("Encounter", encounterId));
    Json.put(a, "onsetDateTime", ctx.dateTime(Fields.text(al1, 6)));
    ObjectNode reaction = Json.object();
    for (Hl7Field f : Fields.reps(al1, 5)) {
      String text = Fields.whole(f);
      if (text != null) {
        Json.add(reaction, "manifestation", Json.object().put("text", text));
      }
    }
    Json.add(a, "reaction", reaction);
    ctx.emit("AllergyIntolerance", id, patientId, a);
  }
}
