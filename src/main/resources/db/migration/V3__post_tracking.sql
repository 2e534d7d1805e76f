-- Reliable posting (§8.4): one row per trackingID, written in the same transaction as the resource it created,
-- so that the same trackingID never creates twice, even across restarts and server processes.
CREATE TABLE sd_post_tracking (
    ds          VARCHAR(100) NOT NULL,
    tracking_id VARCHAR(64)  NOT NULL,
    kind        VARCHAR(200) NOT NULL,
    k           VARCHAR(200) NOT NULL,
    created     TIMESTAMP WITH TIME ZONE NOT NULL,
    discarded   BOOLEAN      NOT NULL,
    PRIMARY KEY (ds, tracking_id)
);
