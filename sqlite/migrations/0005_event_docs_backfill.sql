-- Events stored before the docs column get theirs from mentions, once, so
-- that reads never need the correlated look-up: compiling it cost as much
-- as reading a short page.
UPDATE events SET docs = (SELECT group_concat(doc_id, char(31)) FROM mentions m WHERE m.event = events.seq)
WHERE docs IS NULL;
