-- One change counter per dataset and resource table, replacing the one per dataset (sd_stamps): a write moves on
-- the counters of the tables it changed only (link rows count as their owner's table), so writers of unrelated
-- kinds never wait for each other's counter. A feed's validator is the sum of the counters of every table its
-- representation or query can read. Rows are created at start-up, outside any write.
CREATE TABLE sd_table_stamps (
    ds  VARCHAR(100) NOT NULL,
    tbl VARCHAR(64)  NOT NULL,
    v   BIGINT       NOT NULL,
    PRIMARY KEY (ds, tbl)
);
-- No process moves the per-dataset counter any more; one still running older code fails its writes loudly here
-- rather than serving stale feed ETags and counts.
DROP TABLE sd_stamps;
