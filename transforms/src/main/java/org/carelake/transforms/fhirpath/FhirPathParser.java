package org.carelake.transforms.fhirpath;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;

/**
 * Recursive-descent parser for FHIRPath (N1 grammar, precedence from the specification, lowest first):
 * implies; or xor; and; in contains; = ~ != !~; &lt; &gt; &lt;= &gt;=; |; is as; + - &amp;; * / div mod; unary; invocation.
 */
public final class FhirPathParser {

  private final String src;
  private int pos;

  private FhirPathParser(String src) {
    this.src = src;
  }

  public static Expr parse(String expression) {
    if (expression == null || expression.isBlank()) {
      throw new FhirPathException("empty FHIRPath expression");
    }
    FhirPathParser p = new FhirPathParser(expression);
    Expr e = p.implies();
    p.skipSpace();
    if (p.pos < p.src.length()) {
      throw p.error("unexpected '" + p.src.substring(p.pos, Math.min(p.src.length(), p.pos + 10)) + "'");
    }
    return e;
  }

  private Expr implies() {
    Expr left = orXor();
    while (keyword("implies")) {
      left = new Expr.Binary("implies", left, orXor());
    }
    return left;
  }

  private Expr orXor() {
    Expr left = and();
    while (true) {
      if (keyword("or")) {
        left = new Expr.Binary("or", left, and());
      } else if (keyword("xor")) {
        left = new Expr.Binary("xor", left, and());
      } else {
        return left;
      }
    }
  }

  private Expr and() {
    Expr left = membership();
    while (keyword("and")) {
      left = new Expr.Binary("and", left, membership());
    }
    return left;
  }

  private Expr membership() {
    Expr left = equality();
    while (true) {
      if (keyword("in")) {
        left = new Expr.Binary("in", left, equality());
      } else if (keyword("contains")) {
        left = new Expr.Binary("contains", left, equality());
      } else {
        return left;
      }
    }
  }

  private Expr equality() {
    Expr left = comparison();
    while (true) {
      String op = symbol("!=", "!~", "=", "~");
      if (op == null) {
        return left;
      }
      left = new Expr.Binary(op, left, comparison());
    }
  }

  private Expr comparison() {
    Expr left = union();
    while (true) {
      String op = symbol("<=", ">=", "<", ">");
      if (op == null) {
        return left;
      }
      left = new Expr.Binary(op, left, union());
    }
  }

  private Expr union() {
    Expr left = typeExpr();
    while (symbol("|") != null) {
      left = new Expr.Binary("|", left, typeExpr());
    }
    return left;
  }

  private Expr typeExpr() {
    Expr left = additive();
    while (true) {
      if (keyword("is")) {
        left = new Expr.TypeTest("is", left, typeSpecifier());
      } else if (keyword("as")) {
        left = new Expr.TypeTest("as", left, typeSpecifier());
      } else {
        return left;
      }
    }
  }

  private Expr additive() {
    Expr left = multiplicative();
    while (true) {
      String op = symbol("+", "-", "&");
      if (op == null) {
        return left;
      }
      left = new Expr.Binary(op, left, multiplicative());
    }
  }

  private Expr multiplicative() {
    Expr left = unary();
    while (true) {
      String op = symbol("*", "/");
      if (op == null) {
        op = keyword("div") ? "div" : keyword("mod") ? "mod" : null;
      }
      if (op == null) {
        return left;
      }
      left = new Expr.Binary(op, left, unary());
    }
  }

  private Expr unary() {
    skipSpace();
    String op = symbol("+", "-");
    if (op != null) {
      Expr operand = unary();
      return op.equals("-") ? new Expr.Unary("-", operand) : operand;
    }
    return invocation();
  }

  private Expr invocation() {
    Expr e = term();
    while (true) {
      skipSpace();
      if (peek('.')) {
        pos++;
        e = new Expr.Path(e, memberOrCall());
      } else if (peek('[')) {
        pos++;
        Expr index = implies();
        expect(']');
        e = new Expr.Index(e, index);
      } else {
        return e;
      }
    }
  }

  private Expr term() {
    skipSpace();
    if (pos >= src.length()) {
      throw error("expression ends too early");
    }
    char c = src.charAt(pos);
    if (c == '(') {
      pos++;
      Expr e = implies();
      expect(')');
      return e;
    }
    if (c == '\'') {
      return new Expr.Literal(List.of(Item.system(readString('\''), Item.STRING)));
    }
    if (c == '{') {
      pos++;
      expect('}');
      return new Expr.Literal(List.of());
    }
    if (c == '@') {
      return dateTimeLiteral();
    }
    if (Character.isDigit(c)) {
      return numberOrQuantity();
    }
    if (c == '%') {
      pos++;
      if (peek('`') || peek('\'')) {
        return new Expr.External(readString(src.charAt(pos)));
      }
      return new Expr.External(identifier());
    }
    if (c == '$') {
      pos++;
      String name = identifier();
      if (!name.equals("this") && !name.equals("index") && !name.equals("total")) {
        throw error("unknown variable $" + name);
      }
      return new Expr.Variable(name);
    }
    if (keyword("true")) {
      return new Expr.Literal(List.of(Item.system(Boolean.TRUE, Item.BOOLEAN)));
    }
    if (keyword("false")) {
      return new Expr.Literal(List.of(Item.system(Boolean.FALSE, Item.BOOLEAN)));
    }
    return memberOrCall();
  }

  private Expr memberOrCall() {
    skipSpace();
    String name = peek('`') ? readString('`') : identifier();
    skipSpace();
    if (peek('(')) {
      pos++;
      List<Expr> args = new ArrayList<>();
      skipSpace();
      if (!peek(')')) {
        do {
          args.add(implies());
          skipSpace();
        } while (tryChar(','));
      }
      expect(')');
      return new Expr.Call(name, args);
    }
    return new Expr.Member(name);
  }

  private String typeSpecifier() {
    skipSpace();
    StringBuilder sb = new StringBuilder(peek('`') ? readString('`') : identifier());
    while (peek('.')) {
      pos++;
      sb.append('.').append(peek('`') ? readString('`') : identifier());
    }
    return sb.toString();
  }

  private Expr numberOrQuantity() {
    int start = pos;
    while (pos < src.length() && Character.isDigit(src.charAt(pos))) {
      pos++;
    }
    boolean decimal = false;
    if (pos + 1 < src.length() && src.charAt(pos) == '.' && Character.isDigit(src.charAt(pos + 1))) {
      decimal = true;
      pos++;
      while (pos < src.length() && Character.isDigit(src.charAt(pos))) {
        pos++;
      }
    }
    String text = src.substring(start, pos);
    int save = pos;
    skipSpace();
    if (peek('\'')) {
      String unit = readString('\'');
      return new Expr.Literal(List.of(Item.system(new Quantity(new BigDecimal(text), unit), Item.QUANTITY)));
    }
    for (String unit : new String[] {"years", "year", "months", "month", "weeks", "week", "days", "day",
        "hours", "hour", "minutes", "minute", "seconds", "second", "milliseconds", "millisecond"}) {
      if (src.startsWith(unit, pos) && !isIdentChar(pos + unit.length())) {
        pos += unit.length();
        return new Expr.Literal(List.of(Item.system(new Quantity(new BigDecimal(text), unit), Item.QUANTITY)));
      }
    }
    pos = save;
    if (decimal) {
      return new Expr.Literal(List.of(Item.system(new BigDecimal(text), Item.DECIMAL)));
    }
    if (pos < src.length() && src.charAt(pos) == 'L') {
      pos++;
      return new Expr.Literal(List.of(Item.system(Long.parseLong(text), Item.LONG)));
    }
    return new Expr.Literal(List.of(Item.system(Integer.parseInt(text), Item.INTEGER)));
  }

  private Expr dateTimeLiteral() {
    int start = ++pos;
    while (pos < src.length() && "0123456789-:.TZ+".indexOf(src.charAt(pos)) >= 0) {
      pos++;
    }
    String text = src.substring(start, pos);
    if (text.isEmpty()) {
      throw error("'@' must start a date, date-time or time literal");
    }
    try {
      if (text.startsWith("T")) {
        return new Expr.Literal(List.of(Item.system(Temporal.parse(text.substring(1), Temporal.Kind.TIME),
            Item.TIME)));
      }
      if (text.indexOf('T') > 0) {
        String body = text.endsWith("T") ? text.substring(0, text.length() - 1) : text;
        return new Expr.Literal(List.of(Item.system(Temporal.parse(body, Temporal.Kind.DATETIME),
            Item.DATETIME)));
      }
      return new Expr.Literal(List.of(Item.system(Temporal.parse(text, Temporal.Kind.DATE), Item.DATE)));
    } catch (IllegalArgumentException e) {
      throw error("bad date/time literal @" + text + ": " + e.getMessage());
    }
  }

  private String identifier() {
    skipSpace();
    int start = pos;
    if (pos < src.length() && (Character.isLetter(src.charAt(pos)) || src.charAt(pos) == '_')) {
      pos++;
      while (isIdentChar(pos)) {
        pos++;
      }
    }
    if (start == pos) {
      throw error(pos < src.length() ? "unexpected '" + src.charAt(pos) + "'" : "expression ends too early");
    }
    return src.substring(start, pos);
  }

  private boolean isIdentChar(int at) {
    return at < src.length() && (Character.isLetterOrDigit(src.charAt(at)) || src.charAt(at) == '_');
  }

  private String readString(char quote) {
    pos++;
    StringBuilder sb = new StringBuilder();
    while (pos < src.length() && src.charAt(pos) != quote) {
      char c = src.charAt(pos++);
      if (c == '\\' && pos < src.length()) {
        char e = src.charAt(pos++);
        switch (e) {
          case 'n' -> sb.append('\n');
          case 'r' -> sb.append('\r');
          case 't' -> sb.append('\t');
          case 'f' -> sb.append('\f');
          case 'u' -> {
            if (pos + 4 > src.length()) {
              throw error("bad unicode escape");
            }
            sb.append((char) Integer.parseInt(src.substring(pos, pos + 4), 16));
            pos += 4;
          }
          default -> sb.append(e);
        }
      } else {
        sb.append(c);
      }
    }
    if (pos >= src.length()) {
      throw error("unterminated " + (quote == '`' ? "delimited identifier" : "string"));
    }
    pos++;
    return sb.toString();
  }

  private boolean keyword(String word) {
    skipSpace();
    if (src.startsWith(word, pos) && !isIdentChar(pos + word.length())
        && (pos == 0 || !isIdentChar(pos - 1))) {
      // A keyword followed by '(' is a function call (e.g. contains() on strings), not an operator.
      int after = pos + word.length();
      while (after < src.length() && Character.isWhitespace(src.charAt(after))) {
        after++;
      }
      if (after < src.length() && src.charAt(after) == '(' && !word.equals("and") && !word.equals("or")) {
        return false;
      }
      pos += word.length();
      return true;
    }
    return false;
  }

  private String symbol(String... options) {
    skipSpace();
    for (String s : options) {
      if (src.startsWith(s, pos)) {
        pos += s.length();
        return s;
      }
    }
    return null;
  }

  private boolean peek(char c) {
    return pos < src.length() && src.charAt(pos) == c;
  }

  private boolean tryChar(char c) {
    skipSpace();
    if (peek(c)) {
      pos++;
      return true;
    }
    return false;
  }

  private void expect(char c) {
    skipSpace();
    if (!peek(c)) {
      throw error("expected '" + c + "'");
    }
    pos++;
  }

  private void skipSpace() {
    while (pos < src.length()) {
      char c = src.charAt(pos);
      if (Character.isWhitespace(c)) {
        pos++;
      } else if (src.startsWith("//", pos)) {
        while (pos < src.length() && src.charAt(pos) != '\n') {
          pos++;
        }
      } else if (src.startsWith("/*", pos)) {
        int end = src.indexOf("*/", pos + 2);
        pos = end < 0 ? src.length() : end + 2;
      } else {
        return;
      }
    }
  }

  private FhirPathException error(String what) {
    return new FhirPathException("FHIRPath '" + src + "' at position " + (pos + 1) + ": " + what);
  }
}
