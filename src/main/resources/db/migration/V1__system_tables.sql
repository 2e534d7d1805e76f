-- System tables shared by every contract. Resource tables are created from the contracts at start-up.

-- Association (and reference-list) links: one row per link, in list order.
CREATE TABLE sd_links (
    ds          VARCHAR(100) NOT NULL,
    owner_tbl   VARCHAR(64)  NOT NULL,
    owner_key   VARCHAR(200) NOT NULL,
    prop        VARCHAR(200) NOT NULL,
    pos         INTEGER      NOT NULL,
    target_tbl  VARCHAR(64)  NOT NULL,
    target_key  VARCHAR(200) NOT NULL,
    target_uuid VARCHAR(36),
    PRIMARY KEY (ds, owner_tbl, owner_key, prop, target_key)
);
CREATE INDEX sd_links_target ON sd_links (ds, target_tbl, target_key);

-- Deleted resources, so that a later request on them answers 410 Gone (§9.5, §10.4).
CREATE TABLE sd_tombstones (
    ds         VARCHAR(100) NOT NULL,
    tbl        VARCHAR(64)  NOT NULL,
    k          VARCHAR(200) NOT NULL,
    uuid       VARCHAR(36),
    deleted_at TIMESTAMP WITH TIME ZONE NOT NULL,
    PRIMARY KEY (ds, tbl, k)
);
