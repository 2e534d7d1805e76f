-- One change counter per dataset: validates feed ETags and cached counts across server processes.
CREATE TABLE sd_stamps (
    ds VARCHAR(100) NOT NULL PRIMARY KEY,
    v  BIGINT       NOT NULL
);
