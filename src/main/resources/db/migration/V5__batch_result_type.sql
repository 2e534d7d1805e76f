-- The media type an asynchronous batch's answer was written in: the format its submitter asked for (Atom or JSON).
ALTER TABLE sd_batch_jobs ADD COLUMN result_type VARCHAR(100);
