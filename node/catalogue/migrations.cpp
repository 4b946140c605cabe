// The catalogue's schema as an append-only, ordered list of migrations. The schema
// version (PRAGMA user_version) is the number of migrations applied. Never edit a
// migration that has shipped: add a new one at the end. See docs/catalogue.md.
#include "node/catalogue/migrations.h"

namespace sic::catalogue {

const std::vector<std::string_view>& migrations() {
  static const std::vector<std::string_view> list = {
      // 1: the whole product's schema.
      R"sql(
CREATE TABLE meta (
  key   TEXT PRIMARY KEY,
  value TEXT NOT NULL
) WITHOUT ROWID;
INSERT INTO meta (key, value) VALUES ('version', '0');

CREATE TABLE articles (
  id           TEXT PRIMARY KEY,          -- the global IRI minted by the origin
  origin       TEXT NOT NULL,             -- the origin centre's node id
  lang         TEXT NOT NULL,             -- BCP 47 tag of the original
  title        TEXT NOT NULL,
  summary      TEXT NOT NULL,
  content_html TEXT NOT NULL,             -- sanitized
  section      TEXT NOT NULL,
  link         TEXT NOT NULL,
  rights       TEXT NOT NULL,
  published    INTEGER,                   -- Unix seconds
  updated      INTEGER NOT NULL,          -- Unix seconds
  content_hash TEXT NOT NULL,             -- Article::content_hash()
  deleted      INTEGER,                   -- tombstone time; NULL while the article lives
  via          TEXT NOT NULL,             -- the peer this version came from; '' first-hand
  stored_at    INTEGER NOT NULL,          -- when this version was stored here
  seq          INTEGER NOT NULL           -- the catalogue version that wrote this row
);
CREATE INDEX articles_by_updated ON articles (updated DESC, id DESC);
CREATE INDEX articles_by_origin ON articles (origin, updated DESC);
CREATE INDEX articles_by_seq ON articles (seq);
CREATE INDEX articles_deleted ON articles (deleted) WHERE deleted IS NOT NULL;

CREATE TABLE article_authors (
  article_id TEXT NOT NULL REFERENCES articles (id) ON DELETE CASCADE,
  position   INTEGER NOT NULL,
  name       TEXT NOT NULL,
  uri        TEXT NOT NULL,
  email      TEXT NOT NULL,
  PRIMARY KEY (article_id, position)
) WITHOUT ROWID;

CREATE TABLE article_tags (
  article_id TEXT NOT NULL REFERENCES articles (id) ON DELETE CASCADE,
  position   INTEGER NOT NULL,
  tag        TEXT NOT NULL,
  PRIMARY KEY (article_id, position)
) WITHOUT ROWID;
CREATE INDEX article_tags_by_tag ON article_tags (tag, article_id);

CREATE TABLE article_enclosures (
  article_id TEXT NOT NULL REFERENCES articles (id) ON DELETE CASCADE,
  position   INTEGER NOT NULL,
  url        TEXT NOT NULL,
  type       TEXT NOT NULL,
  length     INTEGER NOT NULL,
  title      TEXT NOT NULL,
  PRIMARY KEY (article_id, position)
) WITHOUT ROWID;

CREATE TABLE translations (
  article_id    TEXT NOT NULL REFERENCES articles (id) ON DELETE CASCADE,
  lang          TEXT NOT NULL,
  title         TEXT NOT NULL,
  summary       TEXT NOT NULL,
  content_html  TEXT NOT NULL,
  kind          TEXT NOT NULL CHECK (kind IN ('human', 'machine')),
  engine        TEXT NOT NULL,            -- '' for human; 'apertium:pt>es>en' for a pivot
  source_hash   TEXT NOT NULL,            -- content_hash of the original it was made from
  translated_at INTEGER NOT NULL,
  outdated      INTEGER NOT NULL DEFAULT 0,
  via           TEXT NOT NULL DEFAULT '', -- the peer it came from; '' made here
  PRIMARY KEY (article_id, lang)
) WITHOUT ROWID;

CREATE TABLE translation_memory (
  source_hash TEXT NOT NULL,              -- hash of the source text
  source_lang TEXT NOT NULL,
  target_lang TEXT NOT NULL,
  engine      TEXT NOT NULL,
  translation TEXT NOT NULL,
  created_at  INTEGER NOT NULL,
  PRIMARY KEY (source_hash, source_lang, target_lang, engine)
) WITHOUT ROWID;

CREATE TABLE peers (
  id                   TEXT PRIMARY KEY,
  url                  TEXT NOT NULL,
  kind                 TEXT NOT NULL DEFAULT 'peer' CHECK (kind IN ('peer', 'source')),
  interval_seconds     INTEGER,           -- NULL: [sync] interval_seconds
  from_config          INTEGER NOT NULL DEFAULT 0,
  etag                 TEXT NOT NULL DEFAULT '',
  last_modified        TEXT NOT NULL DEFAULT '',
  last_attempt         INTEGER,
  last_success         INTEGER,
  last_error           TEXT NOT NULL DEFAULT '',
  consecutive_failures INTEGER NOT NULL DEFAULT 0,
  next_attempt         INTEGER,           -- back-off: not before this time
  entries_received     INTEGER NOT NULL DEFAULT 0,
  bytes_received       INTEGER NOT NULL DEFAULT 0,
  backfilled           INTEGER NOT NULL DEFAULT 0,
  added_at             INTEGER NOT NULL
);

CREATE TABLE api_tokens (
  name       TEXT PRIMARY KEY,
  token_hash TEXT NOT NULL UNIQUE,        -- SHA-256 hex; the token itself is never stored
  created_at INTEGER NOT NULL,
  last_used  INTEGER
);
)sql",
      // 2: federation — a peer's unfinished walk over its paged or archived feed
      // (docs/sync.md, "Reading a peer"): the documents still to read, one URL a line.
      R"sql(
ALTER TABLE peers ADD COLUMN pending_urls TEXT NOT NULL DEFAULT '';
)sql",
      // 3: the translation backlog's failed attempts (docs/translation.md, "Failures"):
      // per article and target language, the version that failed, how often, and when
      // to try again.
      R"sql(
CREATE TABLE translation_attempts (
  article_id   TEXT NOT NULL REFERENCES articles (id) ON DELETE CASCADE,
  lang         TEXT NOT NULL,             -- the target language
  source_hash  TEXT NOT NULL,             -- content_hash of the version that failed
  failures     INTEGER NOT NULL,          -- consecutive failures at that version
  last_error   TEXT NOT NULL,
  next_attempt INTEGER NOT NULL,          -- Unix seconds: not before
  PRIMARY KEY (article_id, lang)
) WITHOUT ROWID;
)sql",
      // 4: requests sent to asynchronous translation services (docs/translation.md,
      // "eTranslation"): one per text and route step, with the hash of the secret its
      // callback URLs carry; at most one sent or failed per text and step.
      R"sql(
CREATE TABLE translation_requests (
  reference   INTEGER PRIMARY KEY,        -- the node's id for it, in its callback URLs
  engine      TEXT NOT NULL,
  source_hash TEXT NOT NULL,              -- the translation memory's key for the text
  source_lang TEXT NOT NULL,
  target_lang TEXT NOT NULL,
  format      TEXT NOT NULL CHECK (format IN ('plain', 'html')),
  secret_hash TEXT NOT NULL,              -- SHA-256 hex of the secret in the callback URLs
  service_id  TEXT NOT NULL DEFAULT '',   -- the service's id for it
  state       TEXT NOT NULL CHECK (state IN ('sent', 'done', 'failed', 'expired')),
  error       TEXT NOT NULL DEFAULT '',
  sent_at     INTEGER NOT NULL,
  deadline    INTEGER NOT NULL            -- Unix seconds: sent again when no callback came
);
CREATE UNIQUE INDEX translation_requests_open
  ON translation_requests (engine, source_hash, source_lang, target_lang)
  WHERE state IN ('sent', 'failed');
)sql",
      // 5: signed origin authority (docs/merge.md): the signature of each version,
      // tombstone and translation; the origins' keys and where they are learned; the
      // entries held until their signer's key is known; refusals per peer.
      R"sql(
ALTER TABLE articles ADD COLUMN sig_by TEXT NOT NULL DEFAULT '';     -- the signing node
ALTER TABLE articles ADD COLUMN sig_url TEXT NOT NULL DEFAULT '';    -- its base URL
ALTER TABLE articles ADD COLUMN sig_key TEXT NOT NULL DEFAULT '';    -- 'ed25519:...'
ALTER TABLE articles ADD COLUMN sig_value TEXT NOT NULL DEFAULT '';  -- base64
ALTER TABLE translations ADD COLUMN sig_by TEXT NOT NULL DEFAULT ''; -- the translator
ALTER TABLE translations ADD COLUMN sig_url TEXT NOT NULL DEFAULT '';
ALTER TABLE translations ADD COLUMN sig_key TEXT NOT NULL DEFAULT '';
ALTER TABLE translations ADD COLUMN sig_value TEXT NOT NULL DEFAULT '';
ALTER TABLE peers ADD COLUMN bad_signatures INTEGER NOT NULL DEFAULT 0;

CREATE TABLE origins (
  id          TEXT PRIMARY KEY,            -- a node id that signs, or a plain feed's origin
  kind        TEXT NOT NULL DEFAULT 'unknown' CHECK (kind IN ('unknown', 'signed', 'plain')),
  base_url    TEXT NOT NULL DEFAULT '',    -- where its key document is; '' while unbound
  bound_by    TEXT NOT NULL DEFAULT '' CHECK (bound_by IN ('', 'config', 'learned')),
  direct      INTEGER NOT NULL DEFAULT 0,  -- plain: read first-hand here (this node signs for it)
  vouches_for TEXT NOT NULL DEFAULT '',    -- its key document's plain origins, one a line
  checked_at  INTEGER,                     -- the last fetch of its key document
  next_check  INTEGER,                     -- not before (after a failure or a recent check)
  failures    INTEGER NOT NULL DEFAULT 0,
  last_error  TEXT NOT NULL DEFAULT '',
  first_seen  INTEGER NOT NULL
) WITHOUT ROWID;

CREATE TABLE origin_keys (
  origin     TEXT NOT NULL,
  key        TEXT NOT NULL,                -- 'ed25519:...'
  status     TEXT NOT NULL CHECK (status IN ('current', 'earlier', 'revoked')),
  pinned     INTEGER NOT NULL DEFAULT 0,   -- from the config
  retired_at INTEGER,                      -- earlier keys: when they were replaced
  added_at   INTEGER NOT NULL,
  PRIMARY KEY (origin, key)
) WITHOUT ROWID;

CREATE TABLE held (
  seq         INTEGER PRIMARY KEY,
  digest      TEXT NOT NULL UNIQUE,        -- SHA-256 of peer, kind and document: held once
  peer        TEXT NOT NULL,               -- the peer it came from
  signer      TEXT NOT NULL,               -- whose key it waits for
  signer_url  TEXT NOT NULL,               -- the base URL it names for the signer
  article_id  TEXT NOT NULL,
  kind        TEXT NOT NULL CHECK (kind IN ('version', 'tombstone', 'translation')),
  document    TEXT NOT NULL,               -- the item as a one-item JSON Feed
  received_at INTEGER NOT NULL
);
CREATE INDEX held_by_signer ON held (signer, seq);
)sql",
      // 6: search (docs/search.md): the plain text of every live original and
      // translation, and two FTS5 indexes over it kept by triggers: words (unicode61,
      // diacritics removed) over title, summary and body, and trigrams over title and
      // summary for compound words. Catalogue::open fills search_docs from the articles
      // while 'search_backfill' is in meta (the body's text needs C++).
      R"sql(
CREATE TABLE search_docs (
  id         INTEGER PRIMARY KEY,
  article_id TEXT NOT NULL REFERENCES articles (id) ON DELETE CASCADE,
  part       TEXT NOT NULL,               -- '' the original; else the translation's language
  lang       TEXT NOT NULL,               -- the language of this text
  title      TEXT NOT NULL,
  summary    TEXT NOT NULL,
  body       TEXT NOT NULL,               -- content_html as text
  UNIQUE (article_id, part)
);
CREATE VIRTUAL TABLE search_words USING fts5 (title, summary, body, content = 'search_docs',
  content_rowid = 'id', tokenize = 'unicode61 remove_diacritics 2');
CREATE VIRTUAL TABLE search_grams USING fts5 (title, summary, content = 'search_docs',
  content_rowid = 'id', tokenize = 'trigram');
CREATE TRIGGER search_docs_ai AFTER INSERT ON search_docs BEGIN
  INSERT INTO search_words (rowid, title, summary, body)
    VALUES (new.id, new.title, new.summary, new.body);
  INSERT INTO search_grams (rowid, title, summary) VALUES (new.id, new.title, new.summary);
END;
CREATE TRIGGER search_docs_ad AFTER DELETE ON search_docs BEGIN
  INSERT INTO search_words (search_words, rowid, title, summary, body)
    VALUES ('delete', old.id, old.title, old.summary, old.body);
  INSERT INTO search_grams (search_grams, rowid, title, summary)
    VALUES ('delete', old.id, old.title, old.summary);
END;
CREATE TRIGGER search_docs_au AFTER UPDATE ON search_docs BEGIN
  INSERT INTO search_words (search_words, rowid, title, summary, body)
    VALUES ('delete', old.id, old.title, old.summary, old.body);
  INSERT INTO search_grams (search_grams, rowid, title, summary)
    VALUES ('delete', old.id, old.title, old.summary);
  INSERT INTO search_words (rowid, title, summary, body)
    VALUES (new.id, new.title, new.summary, new.body);
  INSERT INTO search_grams (rowid, title, summary) VALUES (new.id, new.title, new.summary);
END;
INSERT INTO meta (key, value) VALUES ('search_backfill', '1');
)sql",
      // 7: the article's image (docs/model.md, "Image"); '' when it has none.
      R"sql(
ALTER TABLE articles ADD COLUMN image_url TEXT NOT NULL DEFAULT '';
ALTER TABLE articles ADD COLUMN image_alt TEXT NOT NULL DEFAULT '';
)sql",
      // 8: WebSub (docs/websub.md): the subscribers of this node's hub, and this
      // node's subscriptions to its peers' hubs (one per peer, gone with the peer).
      R"sql(
CREATE TABLE websub_subscribers (
  id             INTEGER PRIMARY KEY,
  topic          TEXT NOT NULL,
  callback       TEXT NOT NULL,
  host           TEXT NOT NULL,               -- the callback's, for the per-host limit
  secret         TEXT NOT NULL DEFAULT '',
  lease_seconds  INTEGER NOT NULL,
  created_at     INTEGER NOT NULL,
  expires_at     INTEGER NOT NULL,
  delivered_etag TEXT NOT NULL DEFAULT '',
  last_delivery  INTEGER,
  failures       INTEGER NOT NULL DEFAULT 0,
  last_error     TEXT NOT NULL DEFAULT '',
  UNIQUE (topic, callback)
);
CREATE INDEX websub_subscribers_by_host ON websub_subscribers (host);
CREATE TABLE websub_subscriptions (
  peer_id            TEXT PRIMARY KEY REFERENCES peers (id) ON DELETE CASCADE,
  hub                TEXT NOT NULL,
  topic              TEXT NOT NULL,
  secret             TEXT NOT NULL DEFAULT '',
  state              TEXT NOT NULL DEFAULT 'none'
                       CHECK (state IN ('none', 'wanted', 'requested', 'active', 'denied')),
  requested_at       INTEGER,
  lease_until        INTEGER,
  last_delivery      INTEGER,
  deliveries         INTEGER NOT NULL DEFAULT 0,
  signature_failures INTEGER NOT NULL DEFAULT 0,
  last_error         TEXT NOT NULL DEFAULT ''
);
)sql",
  };
  return list;
}

}  // namespace sic::catalogue
