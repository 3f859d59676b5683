package org.carelake.transforms.view;

import org.carelake.transforms.fhirpath.Expr;

/**
 * One output column: its name, FHIRPath, FHIR type (declared, or inferred from the model; null if unknown),
 * whether it holds a list, the SQL type asked for by an {@code ansi/type} tag, and its position in the output row.
 */
public record ViewColumn(String name, String path, Expr expr, String fhirType, boolean collection, String ansiType,
           String description, int index) { }
