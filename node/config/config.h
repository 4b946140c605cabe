// The node's configuration: a TOML file (config/node.example.toml documents every
// key; docs/config.md the rules). Loading either yields a complete, validated Config
// or one line naming the file, the line and the key:
//   "sicnode.toml:7: [node] languages: \"pt_PT\" is not a BCP 47 language tag"
#pragma once

#include <chrono>
#include <cstddef>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "feeds/model/iri.h"
#include "feeds/model/language.h"
#include "feeds/model/result.h"
#include "node/config/network.h"
#include "node/log/log.h"

namespace sic {

struct NodeSection {
  std::string id;                      // [a-z0-9-], 1-64: the node's centre id, e.g. "sic-pt"
  std::string name;                    // "Portuguese Safer Internet Centre"
  HttpUrl base_url;                    // the public URL of the node; feeds' links are made from it
  std::vector<LanguageTag> languages;  // the first is the primary language
  std::string data_dir;  // absolute (a relative value is taken from the config's folder)
};

// The HTTP edge (docs/http.md).
struct ServerSection {
  std::string host = "127.0.0.1";  // an IPv6 host is kept without brackets
  int port = 8080;
  std::chrono::seconds header_timeout{10};       // a request's head must arrive within it
  std::chrono::seconds body_timeout{60};         // and its body within this after the head
  std::chrono::seconds idle_timeout{60};         // a kept-alive connection waiting for a request
  std::chrono::seconds write_timeout{60};        // sending one response
  std::size_t max_connections = 512;             // open at once; more get 503
  std::size_t max_body_bytes = 5 * 1024 * 1024;  // the body of an API write
  int threads = 0;                               // I/O threads; 0: one per core, at least 2
  // PEM files for HTTPS, absolute (a relative value is taken from the config's folder);
  // both empty: plain HTTP.
  std::string tls_certificate;
  std::string tls_key;
  // Reverse proxies whose X-Forwarded-For is believed (docs/operations.md, "Behind
  // nginx"); empty: the client is the connection's address.
  std::vector<IpNetwork> trusted_proxies;
};

struct LogSection {
  log::Level level = log::Level::kInfo;
  log::Format format = log::Format::kText;
};

struct SyncSection {
  bool background = true;  // `serve` runs rounds itself; false: only `sicnode sync` does
  std::chrono::seconds interval{900};
  bool allow_private_addresses = false;
  std::chrono::seconds connect_timeout{10};
  std::chrono::seconds timeout{60};
  std::size_t max_body_bytes = 20 * 1024 * 1024;
  // A peer whose hub pushes to this node (a verified WebSub subscription whose lease
  // has not ended) is polled only this often, as the fallback (docs/websub.md).
  std::chrono::seconds push_fallback{3600};
};

// What the config says about a node's keys (docs/merge.md, "How keys are learned").
struct KeyPins {
  // Where its key document is (base_url + ".well-known/sicnode"); for a peer, ""
  // means the base of its feed's URL.
  std::string base_url;
  std::string key;                        // a pinned key, "ed25519:..."; "" when none
  std::vector<std::string> revoked_keys;  // never accepted, whatever signs them
};

struct PeerSection {
  std::string id;
  std::string url;
  std::string name;  // the centre's name, shown on the pages ("" : the id)
  std::optional<std::chrono::seconds> interval;  // nullopt: [sync] interval_seconds
  KeyPins keys;
};

// Another node this one reads only through others (a centre seen through the hub):
// where its keys are, and optionally its key.
struct OriginSection {
  std::string id;
  KeyPins keys;  // base_url required
};

// A centre's own CMS feed, imported as this node's own articles (docs/sync.md, "Import").
struct SourceSection {
  std::string id;    // a name for the source, [a-z0-9-]
  std::string url;   // its RSS, Atom or JSON feed
  LanguageTag lang;  // for entries whose feed says no language; empty: the node's first
  std::optional<std::chrono::seconds> interval;  // nullopt: [sync] interval_seconds
};

// One translation engine: a [[translation.engines]] table, or the engine keys of
// [translation] in the single-engine form (docs/translation.md, "Configuration").
struct TranslationEngineSection {
  // apertium | apy | libretranslate | deepl | etranslation | none
  std::string engine = "apertium";
  std::string url;  // the HTTP engines' service (etranslation: its translate URL)
  std::string api_key;
  std::string apertium_data_dir = "/usr/share/apertium";  // holds modes/*.mode
  std::chrono::seconds timeout{30};                       // one text (apertium), one request
  std::chrono::seconds connect_timeout{10};               // HTTP engines
  int max_attempts = 4;                                   // HTTP engines, per request
  // Empty: all of the engine's pairs. Otherwise only pairs whose source or target is
  // one of these languages.
  std::vector<LanguageTag> languages;
  // etranslation: the application name and password (HTTP Digest authentication), the
  // user name sent as the caller (empty: the application's name), the public base URL
  // the service calls back (empty: [node] base_url), the wait for a callback before the
  // text is sent again, the most requests in flight, and the service's domain.
  std::string application, password, username, callback_url;
  std::chrono::seconds callback_timeout{900};
  int max_outstanding = 100;
  std::string domain = "GEN";
  int line = 0;  // where the table (or [translation]) starts, for messages
};

struct TranslationSection {
  // In order of preference. One engine (Apertium) when the config names none.
  std::vector<TranslationEngineSection> engines{TranslationEngineSection{}};
  // The backlog's wait after a failed translation, doubling up to retry_max.
  std::chrono::seconds retry_initial{60};
  std::chrono::seconds retry_max{6 * 3600};
  // Translations made at once (and Apertium pipelines per direction); 0: one per core.
  int parallel = 0;
};

// How feeds and pages are published (docs/publishing.md).
struct PublishSection {
  std::size_t page_size = 50;            // entries in a live feed, a feed page, a listing page
  std::chrono::days tombstone_days{30};  // how long a deletion stays in the live feeds
  std::string cache_control = "public, max-age=300";  // live documents and pages
  // Archive documents of months that have ended (they change only when an article of
  // that month is edited or deleted).
  std::string archive_cache_control = "public, max-age=86400";
  std::size_t render_cache_bytes = 64 * 1024 * 1024;  // bound of the render cache (LRU)
  // A month's archive is cut into numbered parts of at most this many entries and, by
  // an estimate from the stored text, this many bytes (docs/publishing.md, "Archives").
  std::size_t archive_part_entries = 1000;
  std::size_t archive_part_bytes = 6 * 1024 * 1024;
  // External WebSub hubs told (hub.mode=publish) when the node's feeds change, and
  // named as rel="hub" after the node's own (docs/websub.md, "External hubs").
  std::vector<std::string> websub_hubs;
};

// WebSub (docs/websub.md): the node as the hub of its own feeds, and as a subscriber
// to its peers' hubs.
struct WebSubSection {
  bool hub = true;        // serve /websub and push the node's feeds to subscribers
  bool subscribe = true;  // subscribe to the hubs the peers' feeds name
  // Leases: what a subscriber gets when it asks for none (and what this node asks its
  // peers' hubs for), and the bounds a request is brought within.
  std::chrono::seconds lease{10 * 86400};
  std::chrono::seconds min_lease{3600};
  std::chrono::seconds max_lease{30 * 86400};
  std::size_t max_subscriptions_per_host = 64;       // verified and pending, per callback host
  std::size_t max_delivery_bytes = 4 * 1024 * 1024;  // a larger document is not pushed
  int delivery_attempts = 6;                         // then the delivery waits for the next change
  std::chrono::seconds delivery_timeout{10};         // one POST to a callback
};

// [site]: the centre's identity on every page (docs/config.md, "[site]"); the name is
// [node] name. Every URL is absolute http(s) or ""; "" leaves the piece out.
struct SiteSection {
  std::string logo_url;            // shown before the name in the banner
  std::string accent = "#0b4f9c";  // links and buttons: at least 4.5:1 against white
  struct Helpline {
    std::string phone;     // "116 111": digits, spaces and + - ( ) .
    std::string chat_url;  // a chat with the helpline
    std::string form_url;  // a web form to write to it
    std::string hours;     // free text: "Monday to Friday, 9:00-19:00"
  } helpline;
  std::string report_url;  // "Report harmful content" (the centre's hotline)
  std::string privacy_url;
  std::string imprint_url;
};

struct Config {
  std::string file;  // where it was read from
  NodeSection node;
  ServerSection server;
  SyncSection sync;
  std::vector<PeerSection> peers;
  std::vector<SourceSection> sources;
  std::vector<OriginSection> origins;
  TranslationSection translation;
  PublishSection publish;
  SiteSection site;
  WebSubSection websub;
  LogSection log;

  std::string catalogue_path() const;  // data_dir/catalogue.db
};

// Reads and validates the file. Errors name the file (as given), the line and the key.
Result<Config> load_config(const std::string& path);
// The same for text already in memory; `file` is used in messages and to resolve data_dir.
Result<Config> parse_config(std::string_view text, const std::string& file);

}  // namespace sic
