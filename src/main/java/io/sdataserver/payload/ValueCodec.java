package io.sdataserver.payload;

import io.sdataserver.contract.Property;
import io.sdataserver.contract.ValueType;
import io.sdataserver.diagnosis.XmlChars;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeFormatterBuilder;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoField;

/**
 * The one place where XML lexical forms become typed values and back (XSD canonical forms, §3.14: dates,
 * decimals and enumeration codes are never localized).
 */
public final class ValueCodec {
    private static final DateTimeFormatter DATE_TIME_IN = new DateTimeFormatterBuilder()
            .append(DateTimeFormatter.ISO_LOCAL_DATE_TIME).optionalStart().appendOffsetId().optionalEnd()
            .parseDefaulting(ChronoField.OFFSET_SECONDS, 0).toFormatter();

    private ValueCodec() { }

    /** Parses the text of a simple property; throws IllegalArgumentException with a readable reason. */
    public static Object parse(Property p, String raw) {
        ValueType type = p.valueType();
        String text = type == ValueType.STRING || type == ValueType.OTHER ? raw : raw.trim();
        Object value = parseBare(type, raw);
        String fault = FacetCheck.fault(p, value, text);
        if (fault != null) throw new IllegalArgumentException(fault);
        return value;
    }

    /** The typed value of a lexical form of this type, without the property's facets. */
    static Object parseBare(ValueType type, String raw) {
        String text = type == ValueType.STRING || type == ValueType.OTHER ? raw : raw.trim();
        try {
            Object value;
            switch (type) {
                case BOOLEAN:
                    if ("true".equals(text) || "1".equals(text)) value = Boolean.TRUE;
                    else if ("false".equals(text) || "0".equals(text)) value = Boolean.FALSE;
                    else throw new IllegalArgumentException("'" + text + "' is not a boolean (true, false, 1, 0)");
                    break;
                case INT: value = Integer.valueOf(text.startsWith("+") ? text.substring(1) : text); break;
                case LONG: value = Long.valueOf(text.startsWith("+") ? text.substring(1) : text); break;
                case INTEGER: value = new BigDecimal(new BigInteger(text.startsWith("+") ? text.substring(1) : text)); break;
                case DECIMAL:
                    if (text.indexOf('e') >= 0 || text.indexOf('E') >= 0) throw new NumberFormatException();
                    value = new BigDecimal(text);
                    break;
                case DOUBLE: value = parseDouble(text); break;
                case DATE: value = LocalDate.parse(stripDateZone(text)); break;
                case DATETIME: value = OffsetDateTime.parse(text, DATE_TIME_IN); break;
                case TIME: value = LocalTime.parse(stripTimeZone(text)); break;
                default: {
                    int bad = XmlChars.firstIllegal(raw);
                    if (bad >= 0) throw new IllegalArgumentException("the text contains " + XmlChars.name(bad) + ", a character XML 1.0 cannot carry");
                    value = raw;
                }
            }
            return value;
        } catch (NumberFormatException | DateTimeParseException e) {
            throw new IllegalArgumentException("'" + abbreviate(text) + "' is not a valid " + lexicalName(type));
        }
    }

    private static Double parseDouble(String text) {
        switch (text) {
            case "INF": return Double.POSITIVE_INFINITY;
            case "-INF": return Double.NEGATIVE_INFINITY;
            case "NaN": return Double.NaN;
            default:
                if (text.endsWith("d") || text.endsWith("f") || text.endsWith("D") || text.endsWith("F")) {
                    throw new NumberFormatException();
                }
                return Double.valueOf(text);
        }
    }

    // xs:date may carry a zone (2008-03-31Z, 2008-03-31+02:00); the calendar date is what is stored.
    private static String stripDateZone(String t) {
        if (t.endsWith("Z")) return t.substring(0, t.length() - 1);
        if (t.length() > 10 && (t.charAt(t.length() - 6) == '+' || t.charAt(t.length() - 6) == '-')) {
            return t.substring(0, t.length() - 6);
        }
        return t;
    }

    private static String stripTimeZone(String t) {
        if (t.endsWith("Z")) return t.substring(0, t.length() - 1);
        int plus = Math.max(t.lastIndexOf('+'), t.lastIndexOf('-'));
        return plus > 0 ? t.substring(0, plus) : t;
    }

    /** Writes a stored value in its XSD canonical form. */
    public static String format(ValueType type, Object value) {
        if (value == null) return null;
        switch (type) {
            case BOOLEAN: return ((Boolean) value) ? "true" : "false";
            case DECIMAL: return ((BigDecimal) value).toPlainString();
            case INTEGER: return value instanceof BigDecimal ? ((BigDecimal) value).toBigInteger().toString() : value.toString();
            case DOUBLE: {
                double d = ((Number) value).doubleValue();
                if (Double.isInfinite(d)) return d > 0 ? "INF" : "-INF";
                if (Double.isNaN(d)) return "NaN";
                return Double.toString(d);
            }
            case DATETIME: {
                OffsetDateTime t = (OffsetDateTime) value;
                return t.withOffsetSameInstant(ZoneOffset.UTC).format(DateTimeFormatter.ISO_OFFSET_DATE_TIME);
            }
            default: return value.toString();
        }
    }

    private static String lexicalName(ValueType t) {
        switch (t) {
            case INT: case LONG: case INTEGER: return "integer";
            case DATETIME: return "dateTime (YYYY-MM-DDThh:mm:ss with an optional zone)";
            case DATE: return "date (YYYY-MM-DD)";
            case TIME: return "time (hh:mm:ss)";
            default: return t.name().toLowerCase();
        }
    }

    static String abbreviate(String s) {
        return s.length() > 60 ? s.substring(0, 57) + "..." : s;
    }
}
