-- Asynchronous batches (§13.5): one row per trackingID, so that a trackingID never starts two jobs and any server
-- process sharing the database answers a poll. Progress (how many entries ran, and each one's status) is written in
-- the same transaction as the entries it counts, so a job cut short by a crash still tells which entries were applied.
CREATE TABLE sd_batch_jobs (
    ds          VARCHAR(100) NOT NULL,
    tracking_id VARCHAR(64)  NOT NULL,
    total       INTEGER      NOT NULL,
    done        INTEGER      NOT NULL,
    statuses    ${text}      NOT NULL,
    state       VARCHAR(20)  NOT NULL,
    created     TIMESTAMP WITH TIME ZONE NOT NULL,
    heartbeat   TIMESTAMP WITH TIME ZONE NOT NULL,
    methods     ${text}      NOT NULL,
    result      ${text},
    PRIMARY KEY (ds, tracking_id)
);
