package io.sdataserver.payload;

import io.sdataserver.contract.EntityType;
import io.sdataserver.contract.Property;
import io.sdataserver.diagnosis.SDataException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Which properties a written payload shows and which relationships it embeds (§6.5, payload control):
 * <ul>
 * <li>{@code include}: relationships to embed, by path of XML element names ({@code orderLines/salesOrderLine/notes});
 *     property-only paths are accepted too (checklist 28 row 21); {@code $children} embeds every child, recursively;</li>
 * <li>{@code precedence=N}: only properties with sme:precedence 1..N; 0 leaves the payload out;</li>
 * <li>{@code select}: property paths ({@code orderLines/orderQty}, {@code contact/*}, {@code orderLines/product});
 *     it overrides both others.</li>
 * </ul>
 * Without them every property is shown and related resources are only linked.
 */
public final class PayloadShape {
    public static final PayloadShape DEFAULT = new PayloadShape(false, null, Map.of(), false);
    public static final PayloadShape CHILDREN = new PayloadShape(false, null, Map.of(), true);

    /** select mode: only the properties named in {@link #nested} are shown; others: all, filtered by precedence. */
    private final boolean selectMode;
    private final Integer precedence;
    /** Embedded (or, in select mode, shown) properties and the shape of what they embed; null: shown as a bare link. */
    private final Map<String, PayloadShape> nested;
    private final boolean allChildren;

    private PayloadShape(boolean selectMode, Integer precedence, Map<String, PayloadShape> nested, boolean allChildren) {
        this.selectMode = selectMode;
        this.precedence = precedence;
        this.nested = nested;
        this.allChildren = allChildren;
    }

    /** Reads the three payload-control parameters against the resource's type; a bad path or number is a 400. */
    public static PayloadShape of(EntityType type, String select, String include, String precedence) {
        if (select != null && !select.isBlank()) return select(type, select);
        Integer prec = null;
        if (precedence != null && !precedence.isBlank()) {
            if (!precedence.trim().matches("\\d{1,9}")) {
                throw SDataException.badParameter("precedence must be a whole number from 0 (got '" + precedence + "')");
            }
            prec = Integer.valueOf(precedence.trim());
        }
        boolean children = false;
        Map<String, PayloadShape> embeds = new LinkedHashMap<>();
        if (include != null) {
            for (String part : include.split(",")) {
                String path = part.trim();
                if (path.equals("$children")) children = true;
                else if (!path.isEmpty() && !path.equals("$descriptors")) addInclude(type, embeds, steps(path, "include"), path);
            }
        }
        if (!children && prec == null && embeds.isEmpty()) return DEFAULT;
        return new PayloadShape(false, prec, freeze(embeds), children);
    }

    /**
     * Shows only the named properties; a relationship maps to the shape of what it embeds, or to null for a bare link.
     * (returnDelta builds its payloads this way.)
     */
    public static PayloadShape only(Map<String, PayloadShape> shown) {
        return new PayloadShape(true, null, java.util.Collections.unmodifiableMap(new LinkedHashMap<>(shown)), false);
    }

    /** Whether entries carry a payload at all ({@code precedence=0} leaves it out). */
    public boolean hasPayload() { return selectMode || precedence == null || precedence > 0; }

    /** Whether the property appears in the payload. */
    public boolean shows(Property p) {
        if (selectMode) return nested.containsKey(p.name());
        if (precedence == null) return true;
        return p.precedence() != null && p.precedence() >= 1 && p.precedence() <= precedence;
    }

    /** Whether a shown relationship carries the related data (not only a link to it). */
    public boolean embeds(Property p) {
        if (selectMode) return nested.get(p.name()) != null;
        return nested.containsKey(p.name()) || (allChildren && p.isChild());
    }

    /**
     * Whether a payload of this shape may embed a referenced resource, which is read as the payload is written (a
     * child list is part of the resource's own state; a bare link reads nothing).
     */
    public boolean readsReferences() {
        if (!selectMode) return !nested.isEmpty();
        for (PayloadShape inner : nested.values()) if (inner != null) return true;
        return false;
    }

    /** The shape of what an embedded relationship shows. */
    public PayloadShape inner(Property p) {
        PayloadShape s = nested.get(p.name());
        if (s != null) return s;
        return allChildren ? CHILDREN : DEFAULT;
    }

    /** Deeper paths than this are refused: no contract nests so deep, and no request may exhaust the stack. */
    private static final int MAX_STEPS = 32;

    private static List<String> steps(String path, String parameter) {
        List<String> steps = List.of(path.split("/", -1));
        if (steps.size() > MAX_STEPS) {
            throw SDataException.badParameter(parameter + ": '" + path.substring(0, Math.min(path.length(), 80))
                    + "...' has more than " + MAX_STEPS + " steps");
        }
        for (String step : steps) {
            if (step.isBlank()) throw SDataException.badParameter(parameter + ": '" + path + "' has an empty step");
        }
        return steps;
    }

    // ------------------------------------------------------------------ include

    private static void addInclude(EntityType type, Map<String, PayloadShape> embeds, List<String> path, String whole) {
        Property p = type.property(path.get(0));
        if (p == null || p.isSimple()) {
            throw SDataException.badParameter("include: '" + path.get(0) + "' in '" + whole + "' is not a relationship of "
                    + type.typeName());
        }
        List<String> rest = path.subList(1, path.size());
        // the XML path names the item element of a collection (orderLines/salesOrderLine/notes): step over it
        if (!rest.isEmpty() && p.isCollection() && rest.get(0).equals(p.itemElementName())) rest = rest.subList(1, rest.size());
        PayloadShape inner = embeds.get(p.name());
        if (rest.isEmpty()) {
            if (inner == null) embeds.put(p.name(), DEFAULT);
            return;
        }
        if (p.target() == null) throw SDataException.badParameter("include: '" + whole + "' cannot be followed");
        Map<String, PayloadShape> deeper = new LinkedHashMap<>(inner == null ? Map.of() : inner.nested);
        addInclude(p.target(), deeper, rest, whole);
        embeds.put(p.name(), new PayloadShape(false, null, freeze(deeper), false));
    }

    // ------------------------------------------------------------------ select

    private static PayloadShape select(EntityType type, String select) {
        Node root = new Node();
        for (String part : select.split(",")) {
            String path = part.trim();
            if (!path.isEmpty()) root.add(steps(path, "select"));
        }
        return root.build(type, select);
    }

    /** A select path tree: children by name; {@code star} for {@code *}; {@code bare} when named alone. */
    private static final class Node {
        final Map<String, Node> children = new LinkedHashMap<>();
        boolean star;

        void add(List<String> path) {
            String head = path.get(0).trim();
            if (head.equals("*")) {
                star = true;
                return;
            }
            Node n = children.computeIfAbsent(head, k -> new Node());
            if (path.size() > 1) n.add(path.subList(1, path.size()));
        }

        PayloadShape build(EntityType type, String whole) {
            Map<String, PayloadShape> shown = new LinkedHashMap<>();
            if (star) {
                // every property, relationships as links: '*' is not recursive
                for (Property p : type.properties()) shown.put(p.name(), null);
            }
            for (Map.Entry<String, Node> e : children.entrySet()) {
                Property p = type.property(e.getKey());
                if (p == null) {
                    throw SDataException.badParameter("select: '" + e.getKey() + "' in '" + whole + "' is not a property of "
                            + type.typeName());
                }
                Node n = e.getValue();
                if (n.children.isEmpty() && !n.star) {
                    shown.put(p.name(), null); // a simple value, or a relationship as a bare link
                } else if (p.isSimple() || p.target() == null) {
                    throw SDataException.badParameter("select: '" + p.name() + "' in '" + whole + "' has no properties");
                } else {
                    shown.put(p.name(), n.build(p.target(), whole));
                }
            }
            return new PayloadShape(true, null, freeze(shown), false);
        }
    }

    private static Map<String, PayloadShape> freeze(Map<String, PayloadShape> m) { return java.util.Collections.unmodifiableMap(m); }
}
