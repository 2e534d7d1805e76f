package io.sdataserver.payload;

import io.sdataserver.contract.Facets;
import io.sdataserver.contract.Property;
import io.sdataserver.contract.ValueType;
import java.math.BigDecimal;
import java.util.List;
import java.util.regex.Pattern;

/** Checks a parsed simple value against its property's enumeration and XSD facets; the fault's message, or null. */
final class FacetCheck {
    private FacetCheck() { }

    static String fault(Property p, Object value, String lexical) {
        if (!p.enumeration().isEmpty() && !p.enumeration().contains(lexical)) {
            return "'" + ValueCodec.abbreviate(lexical) + "' is not one of " + String.join(", ", p.enumeration());
        }
        Facets f = p.facets();
        if (f == Facets.NONE) return null;
        if (value instanceof String s) {
            int n = s.codePointCount(0, s.length());
            if (f.length() != null && n != f.length()) return "must be exactly " + f.length() + " characters long (is " + n + ")";
            if (f.minLength() != null && n < f.minLength()) return "must be at least " + f.minLength() + " characters long (is " + n + ")";
            if (f.maxLength() != null && n > f.maxLength()) return "must be at most " + f.maxLength() + " characters long (is " + n + ")";
        }
        for (List<Pattern> step : f.patterns()) {
            if (step.stream().noneMatch(pt -> pt.matcher(lexical).matches())) {
                return "'" + ValueCodec.abbreviate(lexical) + "' does not match the pattern " + step.get(0).pattern();
            }
        }
        if (value instanceof Comparable<?> && p.valueType() != ValueType.STRING && p.valueType() != ValueType.OTHER
                && p.valueType() != ValueType.BOOLEAN) {
            String range = range(p, value, f);
            if (range != null) return range;
        }
        if (value instanceof BigDecimal d) {
            BigDecimal canonical = d.signum() == 0 ? BigDecimal.ZERO : d.stripTrailingZeros();
            int fraction = Math.max(0, canonical.scale());
            int total = canonical.precision() - canonical.scale() + fraction;
            if (f.fractionDigits() != null && fraction > f.fractionDigits()) {
                return "has " + fraction + " digits after the point; at most " + f.fractionDigits() + " are allowed";
            }
            if (f.totalDigits() != null && total > f.totalDigits()) {
                return "has " + total + " digits; at most " + f.totalDigits() + " are allowed";
            }
        }
        return null;
    }

    @SuppressWarnings({"unchecked", "rawtypes"})
    private static String range(Property p, Object value, Facets f) {
        Comparable v = (Comparable) (value instanceof Integer || value instanceof Long ? new BigDecimal(value.toString()) : value);
        if (f.minInclusive() != null && v.compareTo(bound(p, f.minInclusive())) < 0) return "must be at least " + f.minInclusive();
        if (f.maxInclusive() != null && v.compareTo(bound(p, f.maxInclusive())) > 0) return "must be at most " + f.maxInclusive();
        if (f.minExclusive() != null && v.compareTo(bound(p, f.minExclusive())) <= 0) return "must be more than " + f.minExclusive();
        if (f.maxExclusive() != null && v.compareTo(bound(p, f.maxExclusive())) >= 0) return "must be less than " + f.maxExclusive();
        return null;
    }

    /** A bound read with the property's type; whole-number types compare as decimals. */
    private static Object bound(Property p, String lexical) {
        switch (p.valueType()) {
            case INT: case LONG: case INTEGER: case DECIMAL: return new BigDecimal(lexical);
            default: return ValueCodec.parseBare(p.valueType(), lexical);
        }
    }
}
