package io.sdataserver.service;

import io.sdataserver.contract.ResourceKind;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * How strictly each resource kind asks for If-Match on update ({@code --concurrency KIND=strict|optional}, {@code *}
 * for every kind). {@code strict} is SData's rule: on a kind with ETags a PUT without If-Match is 400 (CONC-6).
 * {@code optional} is the dialect of clients that only send If-Match when they care (Kii, Matrix42): without it the
 * last writer wins; with it the compare-and-set holds as always. A DELETE without If-Match deletes in both (§10.2).
 */
public record ConcurrencyModes(Map<String, Mode> byKind) {
    public enum Mode { STRICT, OPTIONAL }

    public static final ConcurrencyModes STRICT = new ConcurrencyModes(Map.of());

    public ConcurrencyModes { byKind = Map.copyOf(byKind); }

    /** {@code KIND=strict|optional} items, the last one for a kind counting. */
    public static ConcurrencyModes parse(List<String> specs) {
        Map<String, Mode> modes = new LinkedHashMap<>();
        for (String spec : specs) {
            int eq = spec.indexOf('=');
            String kind = eq < 0 ? "" : spec.substring(0, eq).trim();
            String mode = eq < 0 ? "" : spec.substring(eq + 1).trim().toUpperCase(Locale.ROOT);
            if (kind.isEmpty() || !(mode.equals("STRICT") || mode.equals("OPTIONAL"))) {
                throw new IllegalArgumentException("--concurrency '" + spec + "' is not KIND=strict or KIND=optional (KIND may be *)");
            }
            modes.put(kind, Mode.valueOf(mode));
        }
        return new ConcurrencyModes(modes);
    }

    /** The mode of a kind: its own, else the one given for {@code *}, else strict. */
    public Mode of(ResourceKind kind) {
        Mode m = byKind.get(kind.pluralName());
        if (m == null) m = byKind.get("*");
        return m == null ? Mode.STRICT : m;
    }

    /** Every kind named must exist in some contract: a typo must not silently leave a kind strict. */
    public void check(java.util.Collection<String> knownKinds) {
        for (String k : byKind.keySet()) {
            if (!k.equals("*") && !knownKinds.contains(k)) {
                throw new IllegalArgumentException("--concurrency names '" + k + "', which is no resource kind of the contracts");
            }
        }
    }
}
