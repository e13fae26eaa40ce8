// Numbered schema migrations, applied in order at open. Never edit a shipped
// migration: add the next number instead.
export const migrations: { version: number; sql: string }[] = [
  {
    version: 1,
    sql: `
CREATE TABLE sources (
  id                   TEXT PRIMARY KEY,
  url                  TEXT NOT NULL,            -- as configured
  current_url          TEXT,                     -- after permanent (301/308) redirects
  title                TEXT,                     -- configured title, else the feed's own
  feed_title           TEXT,
  site_url             TEXT,
  language             TEXT,
  etag                 TEXT,
  last_modified        TEXT,
  body_hash            TEXT,
  last_attempt_at      INTEGER,
  last_success_at      INTEGER,
  last_status          INTEGER,
  consecutive_failures INTEGER NOT NULL DEFAULT 0,
  next_poll_at         INTEGER,
  last_error           TEXT,
  last_warning         TEXT,
  gone                 INTEGER NOT NULL DEFAULT 0
);

CREATE TABLE polls (
  id          INTEGER PRIMARY KEY,
  source_id   TEXT NOT NULL REFERENCES sources(id) ON DELETE CASCADE,
  started_at  INTEGER NOT NULL,
  finished_at INTEGER NOT NULL,
  outcome     TEXT NOT NULL CHECK (outcome IN ('fetched', 'not-modified', 'unchanged', 'failed')),
  http_status INTEGER,
  bytes       INTEGER NOT NULL DEFAULT 0,
  new_count   INTEGER NOT NULL DEFAULT 0,
  updated_count INTEGER NOT NULL DEFAULT 0,
  error       TEXT
);
CREATE INDEX polls_by_source ON polls(source_id, started_at);

CREATE TABLE stories (
  id            INTEGER PRIMARY KEY,
  entry_id      TEXT NOT NULL UNIQUE,            -- never changes once assigned
  published_at  INTEGER NOT NULL,                -- earliest member publication
  updated_at    INTEGER NOT NULL                 -- newest member change or join
);
CREATE INDEX stories_by_published ON stories(published_at);

CREATE TABLE articles (
  id             INTEGER PRIMARY KEY,
  source_id      TEXT NOT NULL REFERENCES sources(id) ON DELETE CASCADE,
  story_id       INTEGER NOT NULL REFERENCES stories(id),
  identity_key   TEXT NOT NULL,
  guid           TEXT,
  link           TEXT,
  canonical_url  TEXT,
  title          TEXT NOT NULL,
  title_key      TEXT NOT NULL,
  summary        TEXT NOT NULL,
  content_html   TEXT,
  author         TEXT,
  categories     TEXT NOT NULL DEFAULT '[]',     -- JSON array
  language       TEXT,
  published_at   INTEGER NOT NULL,
  published_raw  TEXT,
  updated_at     INTEGER NOT NULL,
  first_seen_at  INTEGER NOT NULL,
  content_hash   TEXT NOT NULL,
  UNIQUE (source_id, identity_key)
);
CREATE INDEX articles_by_story ON articles(story_id);
CREATE INDEX articles_by_canonical ON articles(canonical_url) WHERE canonical_url IS NOT NULL;
CREATE INDEX articles_by_title_key ON articles(title_key, published_at);
CREATE INDEX articles_by_source_published ON articles(source_id, published_at);

CREATE TABLE article_places (
  article_id INTEGER NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
  country    TEXT NOT NULL,
  rank       INTEGER NOT NULL,
  score      REAL NOT NULL,
  evidence   TEXT NOT NULL DEFAULT '[]',         -- JSON array of strings
  PRIMARY KEY (article_id, country)
) WITHOUT ROWID;
CREATE INDEX places_by_country ON article_places(country, article_id);

CREATE TABLE cycles (
  id             INTEGER PRIMARY KEY,
  started_at     INTEGER NOT NULL,
  finished_at    INTEGER,
  sources_ok     INTEGER NOT NULL DEFAULT 0,
  sources_failed INTEGER NOT NULL DEFAULT 0,
  new_count      INTEGER NOT NULL DEFAULT 0,
  updated_count  INTEGER NOT NULL DEFAULT 0,
  feeds_written  INTEGER NOT NULL DEFAULT 0
);

CREATE TABLE published_files (
  path       TEXT PRIMARY KEY,                    -- relative to the output dir
  topic_id   TEXT NOT NULL,
  written_at INTEGER NOT NULL
);
`,
  },
  {
    version: 2,
    sql: `
-- Polling policy and status (issue 3).
ALTER TABLE sources ADD COLUMN current_url_via TEXT;          -- how current_url was learnt: 'redirect' (301/308) or 'discovery'
ALTER TABLE sources ADD COLUMN last_outcome TEXT;             -- outcome of the latest poll (as polls.outcome)
ALTER TABLE sources ADD COLUMN last_error_code TEXT;          -- code of last_error (FetchError / ParseError code)
ALTER TABLE sources ADD COLUMN next_poll_reason TEXT;         -- which rule chose next_poll_at, for the operator
ALTER TABLE sources ADD COLUMN ttl_minutes INTEGER;           -- RSS <ttl> of the last document read
ALTER TABLE sources ADD COLUMN update_period_minutes INTEGER; -- sy:updatePeriod/updateFrequency of the last document read
`,
  },
  {
    version: 3,
    sql: `
-- Topic publishing (issue 7): newest-first article scans, and each topic's RFC 5005 archive.
CREATE INDEX articles_by_published ON articles(published_at, id);

CREATE TABLE topic_state (
  topic_id        TEXT PRIMARY KEY,
  last_article_id INTEGER NOT NULL,               -- articles up to this id were looked at for the archive
  current         TEXT NOT NULL DEFAULT '[]'      -- JSON: the entries of the topic's current feed
);

CREATE TABLE topic_archive (
  topic_id     TEXT NOT NULL,
  page         INTEGER NOT NULL,                  -- 1 = oldest; a page never changes once a newer one exists
  position     INTEGER NOT NULL,                  -- order of archiving within the page
  entry_id     TEXT NOT NULL,
  story_id     INTEGER,                           -- the entry is a story (dedupe on) ...
  article_id   INTEGER,                           -- ... or one article (dedupe off)
  published_at INTEGER NOT NULL,
  PRIMARY KEY (topic_id, page, position),
  UNIQUE (topic_id, entry_id)
);
`,
  },
  {
    version: 4,
    sql: `
-- Story clustering (issue 5): the MinHash LSH band keys of each article's title + summary.
-- Articles sharing a band key within the time window are the "same story" candidates,
-- found by (day, band) index probes whatever the number of stored articles. Keyed by
-- day first, so that one poll's rows land in a few pages of the current days.
CREATE TABLE story_bands (
  day        INTEGER NOT NULL,                    -- the article's publication day (epoch days, UTC)
  band       INTEGER NOT NULL,                    -- 32-bit key of one band of the signature
  article_id INTEGER NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
  PRIMARY KEY (day, band, article_id)
) WITHOUT ROWID;
CREATE INDEX story_bands_by_article ON story_bands(article_id);
`,
  },
  {
    version: 5,
    sql: `
-- Publishing only what changed (issue 9). Triggers log every write to a stored article, its
-- places or its story, whichever code path makes it; new articles need no log row, they are
-- found by id above publish_mark.article_id. A publish reads the log since publish_mark.change_seq
-- and, once its files are written, moves the mark and drops the rows before it.
CREATE TABLE story_changes (
  seq        INTEGER PRIMARY KEY AUTOINCREMENT,   -- never reused, even after the log is emptied
  story_id   INTEGER NOT NULL,
  article_id INTEGER                              -- NULL: the story row itself changed
);

CREATE TABLE publish_mark (
  id          INTEGER PRIMARY KEY CHECK (id = 1),
  article_id  INTEGER NOT NULL,                   -- the newest article when the last publish finished
  change_seq  INTEGER NOT NULL                    -- story_changes up to here were published
);
INSERT INTO publish_mark (id, article_id, change_seq) VALUES (1, 0, 0);

-- What a topic's files were rendered from (topic definition and site context): another value re-renders it.
ALTER TABLE topic_state ADD COLUMN fingerprint TEXT NOT NULL DEFAULT '';

-- Only columns an entry shows or a topic selects by: keys and hashes kept for dedupe do not count.
CREATE TRIGGER article_updated
AFTER UPDATE OF source_id, story_id, identity_key, guid, link, title, summary, content_html, author, categories,
  language, published_at, published_raw, updated_at, first_seen_at ON articles BEGIN
  INSERT INTO story_changes (story_id, article_id) VALUES (NEW.story_id, NEW.id);
  INSERT INTO story_changes (story_id, article_id) SELECT OLD.story_id, OLD.id WHERE OLD.story_id <> NEW.story_id;
END;
CREATE TRIGGER article_deleted AFTER DELETE ON articles BEGIN
  INSERT INTO story_changes (story_id, article_id) VALUES (OLD.story_id, OLD.id);
END;
CREATE TRIGGER story_updated AFTER UPDATE ON stories BEGIN
  INSERT INTO story_changes (story_id) VALUES (NEW.id);
END;
-- A new article's places are part of it being new: only those of already published articles are logged.
CREATE TRIGGER places_added AFTER INSERT ON article_places
WHEN NEW.article_id <= (SELECT article_id FROM publish_mark) BEGIN
  INSERT INTO story_changes (story_id, article_id) SELECT story_id, id FROM articles WHERE id = NEW.article_id;
END;
CREATE TRIGGER places_removed AFTER DELETE ON article_places
WHEN OLD.article_id <= (SELECT article_id FROM publish_mark) BEGIN
  INSERT INTO story_changes (story_id, article_id) SELECT story_id, id FROM articles WHERE id = OLD.article_id;
END;
`,
  },
  {
    version: 6,
    sql: `
-- An article's LSH band keys move into its own row (big-endian 32-bit keys): a cycle finds
-- candidates in memory (dedupe/band-index.ts), loading the keys by publication time. An SQL
-- index of twenty random keys per article cost more to write than everything else stored.
ALTER TABLE articles ADD COLUMN band_keys BLOB;
UPDATE articles SET band_keys = (
  SELECT unhex(group_concat(printf('%08x', band), '')) FROM story_bands b WHERE b.article_id = articles.id);
DROP TABLE story_bands;
-- Retention finds old articles without reading all of them.
CREATE INDEX articles_by_first_seen ON articles(first_seen_at);
`,
  },
];
