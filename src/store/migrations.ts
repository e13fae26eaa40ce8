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
];
