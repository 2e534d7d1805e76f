package io.sdataserver.payload;

import io.sdataserver.contract.Property;
import java.math.BigDecimal;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * returnDelta=true (§2.11, §9.2): the payload shows only what the server decided beyond the request. A property
 * sent is shown when what was stored differs from what was sent; on a create, also what the server filled in that
 * was not sent (the key mirror, for instance); a child list or single child shows the identity (key, uuid) of the
 * children the request created, since the server chose their keys. What the request set as sent is left out.
 */
public final class ReturnDelta {
    private ReturnDelta() { }

    public static PayloadShape of(PayloadChanges request, ResourceState result, boolean created) {
        return PayloadShape.only(shown(request, result, created));
    }

    private static Map<String, PayloadShape> shown(PayloadChanges request, ResourceState result, boolean created) {
        Map<String, PayloadShape> shown = new LinkedHashMap<>();
        for (Property p : result.type().properties()) {
            if (p.isSimple()) {
                Object stored = result.values().get(p.name());
                if (request.values().containsKey(p)) {
                    Object sent = request.values().get(p);
                    if (!same(sent == PayloadChanges.NIL ? null : sent, stored)) shown.put(p.name(), null);
                } else if (created && stored != null) {
                    shown.put(p.name(), null);
                }
            } else if (p.isChild() && request.children().containsKey(p)) {
                PayloadChanges.ChildChange change = request.children().get(p);
                List<ResourceState> now = result.children().get(p.name());
                if (change.nil() || now == null || now.isEmpty()) continue;
                if (!p.isCollection() && change.items().size() == 1) {
                    Map<String, PayloadShape> inner = shown(change.items().get(0), now.get(0), created);
                    if (created || !inner.isEmpty()) shown.put(p.name(), PayloadShape.only(inner));
                } else if (change.items().stream().anyMatch(i -> i.key() == null && i.uuid() == null && !i.isDeleted())) {
                    shown.put(p.name(), PayloadShape.only(Map.of())); // the children, by identity
                }
            }
        }
        return shown;
    }

    private static boolean same(Object a, Object b) {
        if (a == null || b == null) return a == b;
        if (a instanceof BigDecimal x && b instanceof BigDecimal y) return x.compareTo(y) == 0;
        return a.equals(b);
    }
}
