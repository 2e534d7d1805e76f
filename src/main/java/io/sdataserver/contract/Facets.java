package io.sdataserver.contract;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * The XSD constraining facets of a simple property, gathered along its type's derivation: for each facet the most
 * derived type's value; patterns of every derivation step (a value must match one pattern of each step). Bounds
 * are kept as lexical text and read with the property's type when checked.
 */
public record Facets(Integer length, Integer minLength, Integer maxLength, List<List<Pattern>> patterns,
                     String minInclusive, String maxInclusive, String minExclusive, String maxExclusive,
                     Integer totalDigits, Integer fractionDigits) {
    public static final Facets NONE = new Facets(null, null, null, List.of(), null, null, null, null, null, null);

    /** Collects facets from the most derived type to its bases: a facet already set is not overwritten. */
    static final class Builder {
        Integer length, minLength, maxLength, totalDigits, fractionDigits;
        String minInclusive, maxInclusive, minExclusive, maxExclusive;
        final List<List<Pattern>> patterns = new ArrayList<>();

        void length(String v) { if (length == null) length = Integer.valueOf(v.trim()); }
        void minLength(String v) { if (minLength == null) minLength = Integer.valueOf(v.trim()); }
        void maxLength(String v) { if (maxLength == null) maxLength = Integer.valueOf(v.trim()); }
        void totalDigits(String v) { if (totalDigits == null) totalDigits = Integer.valueOf(v.trim()); }
        void fractionDigits(String v) { if (fractionDigits == null) fractionDigits = Integer.valueOf(v.trim()); }
        void minInclusive(String v) { if (minInclusive == null && minExclusive == null) minInclusive = v.trim(); }
        void maxInclusive(String v) { if (maxInclusive == null && maxExclusive == null) maxInclusive = v.trim(); }
        void minExclusive(String v) { if (minExclusive == null && minInclusive == null) minExclusive = v.trim(); }
        void maxExclusive(String v) { if (maxExclusive == null && maxInclusive == null) maxExclusive = v.trim(); }

        /** One derivation step's patterns (alternatives). XSD regex syntax is close to Java's for what contracts use. */
        void patterns(List<String> step) {
            List<Pattern> compiled = new ArrayList<>();
            for (String p : step) compiled.add(Pattern.compile(p));
            if (!compiled.isEmpty()) patterns.add(List.copyOf(compiled));
        }

        /** The implicit ranges of the built-in integer types the value type folds together. */
        void builtin(String xsdLocalName) {
            switch (xsdLocalName) {
                case "short": minInclusive("-32768"); maxInclusive("32767"); break;
                case "byte": minInclusive("-128"); maxInclusive("127"); break;
                case "unsignedShort": minInclusive("0"); maxInclusive("65535"); break;
                case "unsignedByte": minInclusive("0"); maxInclusive("255"); break;
                case "unsignedInt": minInclusive("0"); maxInclusive("4294967295"); break;
                case "unsignedLong": minInclusive("0"); maxInclusive("18446744073709551615"); break;
                case "nonNegativeInteger": minInclusive("0"); break;
                case "positiveInteger": minInclusive("1"); break;
                case "negativeInteger": maxInclusive("-1"); break;
                case "nonPositiveInteger": maxInclusive("0"); break;
                default: break;
            }
        }

        Facets build() {
            if (length == null && minLength == null && maxLength == null && patterns.isEmpty() && minInclusive == null
                    && maxInclusive == null && minExclusive == null && maxExclusive == null && totalDigits == null
                    && fractionDigits == null) {
                return NONE;
            }
            return new Facets(length, minLength, maxLength, List.copyOf(patterns), minInclusive, maxInclusive, minExclusive,
                    maxExclusive, totalDigits, fractionDigits);
        }
    }
}
