-- Claims: a worker (faultline work or ingest) takes documents from the queue
-- by writing its name and the end of its lease, so that two processes on
-- one file never code the same document. A claim is taken over when its
-- lease has run out or its process is gone.
ALTER TABLE documents ADD COLUMN claimed_by TEXT;
ALTER TABLE documents ADD COLUMN claimed_until INTEGER; -- Unix milliseconds
CREATE INDEX documents_claims ON documents(claimed_by) WHERE coded = 0 AND claimed_by IS NOT NULL;
