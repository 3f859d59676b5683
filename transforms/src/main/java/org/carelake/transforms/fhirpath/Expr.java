package org.carelake.transforms.fhirpath;

import java.util.List;

/** The syntax tree of a FHIRPath expression. */
public sealed interface Expr {

  /** A literal: string, boolean, number, date/time, quantity, or {} (the empty collection). */
  record Literal(List<Item> value) implements Expr { }

  /** A member name (or a type name at the start of a path, such as Patient in Patient.name). */
  record Member(String name) implements Expr { }

  /** left.right: right evaluated with left's result as its input. */
  record Path(Expr left, Expr right) implements Expr { }

  /** A function call on the current input: name(args). Arguments stay unevaluated (where, exists take lambdas). */
  record Call(String name, List<Expr> args) implements Expr { }

  record Index(Expr target, Expr index) implements Expr { }

  record Unary(String op, Expr operand) implements Expr { }

  record Binary(String op, Expr left, Expr right) implements Expr { }

  /** is / as with a type specifier. */
  record TypeTest(String op, Expr operand, String type) implements Expr { }

  /** $this, $index, $total. */
  record Variable(String name) implements Expr { }

  /** %name: a view constant, %rowIndex, %resource, %rootResource. */
  record External(String name) implements Expr { }
}
