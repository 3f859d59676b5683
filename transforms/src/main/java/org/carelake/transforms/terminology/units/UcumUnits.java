package org.carelake.transforms.terminology.units;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.fhir.ucum.BaseUnit;
import org.fhir.ucum.Component;
import org.fhir.ucum.Decimal;
import org.fhir.ucum.DefinedUnit;
import org.fhir.ucum.ExpressionParser;
import org.fhir.ucum.Factor;
import org.fhir.ucum.Operator;
import org.fhir.ucum.Symbol;
import org.fhir.ucum.Term;
import org.fhir.ucum.UcumEssenceService;
import org.fhir.ucum.UcumException;
import org.fhir.ucum.Unit;

/**
 * UCUM through the FHIR community's library (org.fhir:ucum): validation, parsing and the unit definitions of its
 * ucum-essence.xml. The arithmetic is done here, exactly, in BigDecimal: the library's own convert() rounds to the
 * significant figures of the definitions (1 [ft_i] comes out as 30.5 cm, from "12 [in_i]") and refuses Cel and
 * [degF] ("special unit with offset"), so temperatures are explicit affine maps to kelvin below.
 *
 * <p>One per JVM ({@link #shared}): loading the essence takes a while, and after that it is only read.
 */
final class UcumUnits {
  static final String ESSENCE = "/ucum-essence.xml";
  private static final BigDecimal FIVE_NINTHS = new BigDecimal(5).divide(new BigDecimal(9), Affine.WORK);
  /** Kelvin from the special temperature units: K = 1 * Cel + 273.15, K = 5/9 * ([degF] + 459.67). */
  private static final Map<String, Affine> TO_KELVIN = Map.of(
      "Cel", new Affine(BigDecimal.ONE, new BigDecimal("273.15")),
      "[degF]", new Affine(FIVE_NINTHS, new BigDecimal("459.67").multiply(FIVE_NINTHS, Affine.WORK)));

  private final UcumEssenceService service;
  private final Map<String, UnitScale> definitions = new ConcurrentHashMap<>();
  private final Map<String, UnitScale> scales = new ConcurrentHashMap<>();

  private UcumUnits(UcumEssenceService service) {
    this.service = service;
  }

  static UcumUnits shared() {
    return Holder.INSTANCE;
  }

  private static final class Holder {
    static final UcumUnits INSTANCE = load();
  }

  private static UcumUnits load() {
    try (InputStream in = UcumEssenceService.class.getResourceAsStream(ESSENCE)) {
      if (in == null) {
        throw new IllegalStateException("no " + ESSENCE + " in the org.fhir:ucum jar");
      }
      return new UcumUnits(new UcumEssenceService(in));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (UcumException e) {
      throw new IllegalStateException("cannot load " + ESSENCE, e);
    }
  }

  /** Why {@code unit} is not a valid UCUM code, or null when it is. */
  String problem(String unit) {
    return unit == null || unit.isBlank() ? "no unit" : service.validate(unit);
  }

  boolean isValid(String unit) {
    return problem(unit) == null;
  }

  /**
   * The exact factor and base-unit dimension of a valid unit. Throws IllegalArgumentException for a unit built on a
   * special unit (Cel, [degF], [pH], ...), which has no factor.
   */
  UnitScale scale(String unit) {
    UnitScale s = scales.get(unit);
    if (s == null) {
      try {
        s = term(new ExpressionParser(service.getModel()).parse(unit));
      } catch (UcumException e) {
        throw new IllegalArgumentException("unit '" + unit + "' is not UCUM: " + e.getMessage(), e);
      }
      scales.put(unit, s);
    }
    return s;
  }

  /** The factor of one mole (Avogadro's number: UCUM counts moles as a dimensionless number). */
  BigDecimal mole() {
    return scale("mol").factor();
  }

  /** Kelvin from {@code unit} when it is a temperature, else null. */
  Affine toKelvin(String unit) {
    Affine special = TO_KELVIN.get(unit);
    if (special != null) {
      return special;
    }
    try {
      UnitScale s = scale(unit);
      return s.dimension().equals(Map.of("K", 1)) ? Affine.scale(s.factor()) : null;
    } catch (IllegalArgumentException e) {
      return null;
    }
  }

  /** A dimensionless unit worth exactly 1 ({score}, {INR}, 1): a value sent without a unit can only mean it. */
  boolean isUnity(String unit) {
    try {
      UnitScale s = scale(unit);
      return s.isDimensionless() && s.factor().compareTo(BigDecimal.ONE) == 0;
    } catch (IllegalArgumentException e) {
      return false;
    }
  }

  // A term is a chain "a op b op c ...", evaluated left to right (UCUM's "/" is left-associative), as the library's
  // own Converter reads it.
  private UnitScale term(Term t) {
    UnitScale r = UnitScale.ONE;
    boolean divide = false;
    for (Term cur = t; cur != null; cur = cur.getTerm()) {
      UnitScale s = component(cur.getComp());
      r = divide ? r.dividedBy(s) : r.times(s);
      divide = cur.getOp() == Operator.DIVISION;
    }
    return r;
  }

  private UnitScale component(Component c) {
    if (c == null) {
      return UnitScale.ONE; // "/min" starts with an empty numerator
    }
    if (c instanceof Term t) {
      return term(t);
    }
    if (c instanceof Factor f) {
      return UnitScale.of(BigDecimal.valueOf(f.getValue())); // also what annotations parse to: {score} = 1
    }
    if (c instanceof Symbol s) {
      return symbol(s);
    }
    throw new IllegalStateException("unexpected UCUM component " + c.getClass().getName());
  }

  private UnitScale symbol(Symbol s) {
    Unit unit = s.getUnit();
    UnitScale u;
    if (unit == null) {
      u = UnitScale.ONE;
    } else if (unit instanceof BaseUnit) {
      u = UnitScale.base(unit.getCode());
    } else {
      u = defined((DefinedUnit) unit);
    }
    if (s.getPrefix() != null) {
      u = UnitScale.of(decimal(s.getPrefix().getValue())).times(u);
    }
    return u.pow(s.getExponent()); // the prefix is raised too: cm2 = (0.01 m)^2
  }

  private UnitScale defined(DefinedUnit unit) {
    String code = unit.getCode();
    UnitScale known = definitions.get(code);
    if (known != null) {
      return known;
    }
    if (unit.isSpecial()) {
      throw new IllegalArgumentException("'" + code + "' is a special UCUM unit (not a multiple of base units)");
    }
    UnitScale s;
    try {
      s = term(new ExpressionParser(service.getModel()).parse(unit.getValue().getUnit()));
    } catch (UcumException e) {
      throw new IllegalStateException("UCUM definition of " + code + " does not parse", e);
    }
    s = UnitScale.of(decimal(unit.getValue().getValue())).times(s);
    if (code.equals("eq")) {
      s = s.countedInEquivalents();
    }
    // get-then-put, not computeIfAbsent: the definitions nest, and ConcurrentHashMap forbids recursive updates
    definitions.put(code, s);
    return s;
  }

  private static BigDecimal decimal(Decimal d) {
    return new BigDecimal(d.asDecimal());
  }
}
