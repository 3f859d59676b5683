package org.carelake.transforms.view;

import org.carelake.transforms.fhirpath.Expr;

import java.util.List;

/**
 * A selection structure of a ViewDefinition (the view itself is the root): columns, nested selects, unionAll
 * branches, and how its focus is found (forEach, forEachOrNull or repeat). Its output columns occupy positions
 * [start, end) of the row, in the order the specification defines.
 */
public record SelectNode(List<ViewColumn> columns, List<SelectNode> selects, List<SelectNode> unionAll, Expr forEach,
             boolean orNull, List<Expr> repeat, int start, int end) { }
