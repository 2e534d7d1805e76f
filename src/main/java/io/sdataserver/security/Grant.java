package io.sdataserver.security;

import java.util.Locale;

/**
 * One permission: a level ({@code read}; {@code write}, which implies read; {@code admin}, which implies both) for
 * everything, one contract, or one contract's dataset. Written {@code read}, {@code write@crmErp},
 * {@code write@crmErp/acme}.
 */
public record Grant(Level level, String contract, String dataset) {
    public enum Level { READ, WRITE, ADMIN }

    public static Grant parse(String text) {
        String t = text.trim();
        int at = t.indexOf('@');
        String level = (at < 0 ? t : t.substring(0, at)).toUpperCase(Locale.ROOT);
        String scope = at < 0 ? null : t.substring(at + 1);
        Level l;
        try {
            l = Level.valueOf(level);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("grant '" + text + "' is not read, write or admin (optionally @contract or @contract/dataset)");
        }
        if (scope == null) return new Grant(l, null, null);
        int slash = scope.indexOf('/');
        String contract = slash < 0 ? scope : scope.substring(0, slash);
        String dataset = slash < 0 ? null : scope.substring(slash + 1);
        if (contract.isEmpty() || (dataset != null && (dataset.isEmpty() || dataset.contains("/")))) {
            throw new IllegalArgumentException("grant '" + text + "' has an empty or malformed scope");
        }
        return new Grant(l, contract, dataset);
    }

    /** Whether this grant allows {@code needed} on the dataset (a null dataset: anything in the contract). */
    public boolean allows(Level needed, String contract, String dataset) {
        if (level.ordinal() < needed.ordinal()) return false;
        if (this.contract != null && !this.contract.equals(contract)) return false;
        return this.dataset == null || this.dataset.equals(dataset);
    }

    /** Whether this grant lets its holder see something of the contract (and of the dataset, when one is named). */
    public boolean reaches(String contract, String dataset) {
        if (this.contract != null && !this.contract.equals(contract)) return false;
        return dataset == null || this.dataset == null || this.dataset.equals(dataset);
    }
}
