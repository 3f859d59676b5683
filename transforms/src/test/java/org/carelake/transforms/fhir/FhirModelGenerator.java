package org.carelake.transforms.fhir;

import ca.uhn.fhir.context.BaseRuntimeChildDefinition;
import ca.uhn.fhir.context.BaseRuntimeElementCompositeDefinition;
import ca.uhn.fhir.context.BaseRuntimeElementDefinition;
import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.context.RuntimeChildChoiceDefinition;
import ca.uhn.fhir.context.RuntimeChildResourceBlockDefinition;
import ca.uhn.fhir.context.RuntimeResourceBlockDefinition;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * Writes the FHIR R4 element table that {@link FhirModel} reads, from HAPI FHIR's R4 structures. Run once when the
 * FHIR version changes: {@code FhirModelGenerator OUT.tsv}; {@code FhirModelTest} checks the shipped table still matches.
 */
public final class FhirModelGenerator {

  public static void main(String[] args) throws IOException {
    Files.write(Path.of(args[0]), generate());
  }

  /** Lines "owner \t element \t type[,type...] \t max" sorted; owners are resource, datatype or backbone paths. */
  public static List<String> generate() {
    FhirContext ctx = FhirContext.forR4();
    Set<String> lines = new TreeSet<>();
    Map<Object, String> blockPaths = new IdentityHashMap<>();
    List<BaseRuntimeElementCompositeDefinition<?>> queue = new ArrayList<>();
    Map<BaseRuntimeElementCompositeDefinition<?>, String> owners = new HashMap<>();
    for (BaseRuntimeElementDefinition<?> def : ctx.getElementDefinitions()) {
      if (def instanceof BaseRuntimeElementCompositeDefinition<?> comp
          && !(def instanceof RuntimeResourceBlockDefinition)
          && def.getChildType() == BaseRuntimeElementDefinition.ChildTypeEnum.COMPOSITE_DATATYPE) {
        owners.put(comp, comp.getName());
        queue.add(comp);
      }
    }
    // Datatypes first, so blocks shared through a datatype (Dosage.doseAndRate) are named after the datatype.
    for (String type : new TreeSet<>(ctx.getResourceTypes())) {
      BaseRuntimeElementCompositeDefinition<?> def = ctx.getResourceDefinition(type);
      owners.put(def, type);
      queue.add(def);
    }
    for (int i = 0; i < queue.size(); i++) {
      BaseRuntimeElementCompositeDefinition<?> owner = queue.get(i);
      String ownerName = owners.get(owner);
      for (BaseRuntimeChildDefinition child : owner.getChildren()) {
        String element = child.getElementName();
        if (element.equals("extension") || element.equals("modifierExtension") || element.equals("id")
            && !(owner.getChildType() == BaseRuntimeElementDefinition.ChildTypeEnum.RESOURCE)) {
          continue;
        }
        String max = child.getMax() == -1 ? "*" : String.valueOf(child.getMax());
        Set<String> types = new LinkedHashSet<>();
        if (child instanceof RuntimeChildChoiceDefinition choice) {
          element = element.endsWith("[x]") ? element.substring(0, element.length() - 3) : element;
          for (String name : choice.getValidChildNames()) {
            types.add(typeName(choice.getChildByName(name)));
          }
        } else if (child instanceof RuntimeChildResourceBlockDefinition) {
          BaseRuntimeElementCompositeDefinition<?> block =
              (BaseRuntimeElementCompositeDefinition<?>) child.getChildByName(element);
          String path = blockPaths.get(block);
          if (path == null) {
            path = ownerName + "." + element;
            blockPaths.put(block, path);
            owners.put(block, path);
            queue.add(block);
          }
          types.add(path);
        } else {
          for (String name : child.getValidChildNames()) {
            BaseRuntimeElementDefinition<?> def = child.getChildByName(name);
            if (def != null) {
              types.add(typeName(def));
            }
          }
        }
        if (!types.isEmpty()) {
          lines.add(ownerName + "\t" + element + "\t" + String.join(",", types) + "\t" + max);
        }
      }
    }
    return new ArrayList<>(lines);
  }

  private static String typeName(BaseRuntimeElementDefinition<?> def) {
    String name = def.getName();
    // HAPI's names for Resource.contained entries; FHIRPath knows them as Resource.
    return name.equals("contained") || name.equals("DirectChildResource") ? "Resource" : name;
  }
}
