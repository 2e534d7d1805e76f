package io.sdataserver.payload;

import io.sdataserver.contract.Property;
import java.util.Set;

/**
 * Which relationships are embedded in a written payload (§6.5 include): by default related resources are only
 * linked (LNK-1); named properties, or every child with {@code $children}, are embedded.
 */
public record Inclusion(Set<String> properties, boolean allChildren) {
    public static final Inclusion NONE = new Inclusion(Set.of(), false);
    public static final Inclusion CHILDREN = new Inclusion(Set.of(), true);

    public static Inclusion parse(String include) {
        if (include == null || include.isBlank()) return NONE;
        boolean all = false;
        java.util.Set<String> names = new java.util.HashSet<>();
        for (String part : include.split(",")) {
            String p = part.trim();
            if (p.equals("$children")) all = true;
            else if (!p.isEmpty()) names.add(p.contains("/") ? p.substring(0, p.indexOf('/')) : p);
        }
        return new Inclusion(Set.copyOf(names), all);
    }

    boolean embeds(Property p) {
        return properties.contains(p.name()) || (allChildren && p.isChild());
    }
}
