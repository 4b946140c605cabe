#include "node/config/config.h"

#include <algorithm>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <functional>
#include <map>
#include <set>
#include <sstream>

#include "feeds/crypto/ed25519.h"
#include "feeds/model/signature.h"
#include "node/config/colour.h"
#include "node/config/toml_text.h"

namespace sic {
namespace {

// Collects the first error, with its location, while the sections are read.
class Reader {
 public:
  explicit Reader(std::string file) : file_(std::move(file)) {}

  std::string where(const toml::node* node) const {
    if (node && node->source().begin.line > 0)
      return file_ + ":" + std::to_string(node->source().begin.line);
    return file_;
  }
  void fail(const toml::node* node, const std::string& key, const std::string& what) {
    if (!error_) error_ = Error{where(node) + ": " + key + ": " + what};
  }
  bool failed() const { return error_.has_value(); }
  Error error() const { return *error_; }
  const std::string& file() const { return file_; }

 private:
  std::string file_;
  std::optional<Error> error_;
};

using Setter = std::function<void(Reader&, const toml::node&, const std::string& key)>;

struct Field {
  bool required;
  Setter set;
};

using Fields = std::map<std::string, Field, std::less<>>;

const char* type_name(toml::node_type t) {
  using T = toml::node_type;
  static constexpr std::pair<T, const char*> kNames[] = {
      {T::string, "a string"},   {T::integer, "an integer"}, {T::floating_point, "a number"},
      {T::boolean, "a boolean"}, {T::array, "an array"},     {T::table, "a table"},
  };
  for (const auto& [type, name] : kNames)
    if (type == t) return name;
  return "a date or time";
}

Setter string_to(std::string& out) {
  return [&out](Reader& r, const toml::node& n, const std::string& key) {
    if (auto v = n.value_exact<std::string>())
      out = *v;
    else
      r.fail(&n, key, std::string("expected a string, found ") + type_name(n.type()));
  };
}

Setter integer_to(std::function<void(std::int64_t)> assign, std::int64_t min, std::int64_t max) {
  return [=](Reader& r, const toml::node& n, const std::string& key) {
    auto v = n.value_exact<std::int64_t>();
    if (!v)
      return r.fail(&n, key, std::string("expected an integer, found ") + type_name(n.type()));
    if (*v < min || *v > max)
      return r.fail(&n, key,
                    "must be between " + std::to_string(min) + " and " + std::to_string(max));
    assign(*v);
  };
}

Setter seconds_to(std::chrono::seconds& out, std::int64_t min, std::int64_t max) {
  return integer_to([&out](std::int64_t v) { out = std::chrono::seconds(v); }, min, max);
}

Setter boolean_to(bool& out) {
  return [&out](Reader& r, const toml::node& n, const std::string& key) {
    if (auto v = n.value_exact<bool>())
      out = *v;
    else
      r.fail(&n, key, std::string("expected true or false, found ") + type_name(n.type()));
  };
}

// Reads the keys of one table against its fields: unknown keys, types, required keys.
void read_table(Reader& r, const toml::table& table, const std::string& section,
                const Fields& fields) {
  auto name_of = [&](std::string_view key) {
    return section.empty() ? "[" + std::string(key) + "]" : section + " " + std::string(key);
  };
  for (const auto& [key, node] : table) {
    std::string name = name_of(key.str());
    auto it = fields.find(key.str());
    if (it == fields.end()) {
      r.fail(&node, name,
             section.empty() ? "unknown section (see config/node.example.toml)"
                             : "unknown key (see config/node.example.toml)");
      return;
    }
    it->second.set(r, node, name);
    if (r.failed()) return;
  }
  for (const auto& [key, field] : fields)
    if (field.required && !table.contains(key))
      return r.fail(&table, name_of(key),
                    section.empty() ? "missing required section" : "missing required key");
}

Setter node_id_to(std::string& out) {
  return [&out](Reader& r, const toml::node& n, const std::string& key) {
    string_to(out)(r, n, key);
    if (!r.failed() && !is_node_id(out))
      r.fail(&n, key, "\"" + out + "\" is not a node id (1-64 of a-z, 0-9 and '-')");
  };
}

Setter url_to(std::string& out) {
  return [&out](Reader& r, const toml::node& n, const std::string& key) {
    string_to(out)(r, n, key);
    if (r.failed()) return;
    auto url = parse_http_url(out);
    if (!url.ok()) r.fail(&n, key, url.error().message);
  };
}

Setter urls_to(std::vector<std::string>& out) {
  return [&out](Reader& r, const toml::node& n, const std::string& key) {
    const toml::array* list = n.as_array();
    if (!list)
      return r.fail(&n, key,
                    std::string("expected an array of URLs, found ") + type_name(n.type()));
    for (const auto& item : *list) {
      auto text = item.value_exact<std::string>();
      if (!text) return r.fail(&item, key, "expected URLs as strings");
      auto url = parse_http_url(*text);
      if (!url.ok()) return r.fail(&item, key, url.error().message);
      out.push_back(*text);
    }
  };
}

Setter listen_to(ServerSection& out) {
  return [&out](Reader& r, const toml::node& n, const std::string& key) {
    std::string text;
    string_to(text)(r, n, key);
    if (r.failed()) return;
    size_t colon = text.rfind(':');
    std::string host = colon == std::string::npos ? "" : text.substr(0, colon);
    std::string port = colon == std::string::npos ? "" : text.substr(colon + 1);
    if (host.size() > 2 && host.front() == '[' && host.back() == ']')
      host = host.substr(1, host.size() - 2);
    bool port_ok = !port.empty() && port.size() <= 5 &&
                   port.find_first_not_of("0123456789") == std::string::npos &&
                   std::stoi(port) <= 65535;
    if (host.empty() || !port_ok)
      return r.fail(&n, key, "\"" + text + "\" is not HOST:PORT (e.g. \"127.0.0.1:8080\")");
    out.host = host;
    out.port = std::stoi(port);
  };
}

Setter languages_to(std::vector<LanguageTag>& out) {
  return [&out](Reader& r, const toml::node& n, const std::string& key) {
    const toml::array* list = n.as_array();
    if (!list)
      return r.fail(
          &n, key, std::string("expected an array of language tags, found ") + type_name(n.type()));
    if (list->empty()) return r.fail(&n, key, "needs at least one language");
    for (const auto& item : *list) {
      auto text = item.value_exact<std::string>();
      if (!text) return r.fail(&item, key, "expected language tags as strings");
      auto tag = LanguageTag::parse(*text);
      if (!tag.ok()) return r.fail(&item, key, "\"" + *text + "\" is not a BCP 47 language tag");
      for (const auto& seen : out)
        if (seen == *tag) return r.fail(&item, key, "\"" + *text + "\" is listed twice");
      out.push_back(*tag);
    }
  };
}

Setter networks_to(std::vector<IpNetwork>& out) {
  return [&out](Reader& r, const toml::node& n, const std::string& key) {
    const toml::array* list = n.as_array();
    if (!list)
      return r.fail(&n, key,
                    std::string("expected an array of addresses, found ") + type_name(n.type()));
    for (const auto& item : *list) {
      auto text = item.value_exact<std::string>();
      if (!text) return r.fail(&item, key, "expected addresses and networks as strings");
      auto network = IpNetwork::parse(*text);
      if (!network)
        return r.fail(&item, key,
                      "\"" + *text + "\" is not an IP address or network (e.g. \"10.0.0.0/8\")");
      out.push_back(*network);
    }
  };
}

// A string that must be one of the names `parse` knows.
template <typename T>
Setter choice_to(T& out, std::optional<T> (*parse)(std::string_view), const char* names) {
  return [&out, parse, names](Reader& r, const toml::node& n, const std::string& key) {
    std::string text;
    string_to(text)(r, n, key);
    if (r.failed()) return;
    if (auto v = parse(text))
      out = *v;
    else
      r.fail(&n, key, "\"" + text + "\" is not one of " + names);
  };
}

Setter engine_to(std::string& out) {
  return [&out](Reader& r, const toml::node& n, const std::string& key) {
    string_to(out)(r, n, key);
    static const std::set<std::string> engines = {"apertium", "apy",          "libretranslate",
                                                  "deepl",    "etranslation", "none"};
    if (!r.failed() && !engines.count(out))
      r.fail(&n, key,
             "\"" + out +
                 "\" is not an engine (apertium, apy, libretranslate, deepl, etranslation, none)");
  };
}

// An array of tables ([[peers]]), each read against the same fields.
template <typename T>
Setter table_array_to(std::vector<T>& out, const std::string& section,
                      std::function<Fields(T&)> fields_of,
                      std::function<void(Reader&, const toml::table&, T&)> check = {}) {
  return [=, &out](Reader& r, const toml::node& n, const std::string& key) {
    const toml::array* list = n.as_array();
    if (!list) return r.fail(&n, key, "expected [[" + section + "]] tables");
    for (const auto& item : *list) {
      const toml::table* table = item.as_table();
      if (!table) return r.fail(&item, key, "expected [[" + section + "]] tables");
      T value{};
      read_table(r, *table, "[[" + section + "]]", fields_of(value));
      if (r.failed()) return;
      if (check) check(r, *table, value);
      if (r.failed()) return;
      out.push_back(std::move(value));
    }
  };
}

Fields node_fields(NodeSection& node, std::string& base_url) {
  return {{"id", {true, node_id_to(node.id)}},
          {"name", {true, string_to(node.name)}},
          {"base_url", {true, url_to(base_url)}},
          {"languages", {true, languages_to(node.languages)}},
          {"data_dir", {true, string_to(node.data_dir)}}};
}

// One line of text for a page: 1-200 bytes without control characters.
Setter line_to(std::string& out) {
  return [&out](Reader& r, const toml::node& n, const std::string& key) {
    string_to(out)(r, n, key);
    if (r.failed()) return;
    bool ok = !out.empty() && out.size() <= 200 &&
              std::none_of(out.begin(), out.end(), [](char c) { return (unsigned char)c < 0x20; });
    if (!ok) r.fail(&n, key, "expected one line of text (1-200 bytes)");
  };
}

Setter key_to(std::string& out) {
  return [&out](Reader& r, const toml::node& n, const std::string& key) {
    string_to(out)(r, n, key);
    if (r.failed()) return;
    if (auto parsed = crypto::PublicKey::parse(out); !parsed.ok())
      r.fail(&n, key, parsed.error().message.substr(std::string_view("crypto: ").size()));
  };
}

Setter keys_to(std::vector<std::string>& out) {
  return [&out](Reader& r, const toml::node& n, const std::string& key) {
    const toml::array* list = n.as_array();
    if (!list) return r.fail(&n, key, "expected an array of keys (\"ed25519:...\")");
    for (const auto& item : *list) {
      std::string text;
      key_to(text)(r, item, key);
      if (r.failed()) return;
      out.push_back(text);
    }
  };
}

// The keys of a [[peers]] or [[origins]] table.
void add_key_fields(Fields& fields, KeyPins& k) {
  fields.emplace("base_url", Field{false, url_to(k.base_url)});
  fields.emplace("key", Field{false, key_to(k.key)});
  fields.emplace("revoked_keys", Field{false, keys_to(k.revoked_keys)});
}

Fields peer_fields(PeerSection& p) {
  Fields fields = {
      {"id", {true, node_id_to(p.id)}},
      {"url", {true, url_to(p.url)}},
      {"name", {false, line_to(p.name)}},
      {"interval_seconds",
       {false, integer_to([&p](std::int64_t v) { p.interval = std::chrono::seconds(v); }, 10,
                          7 * 86400)}}};
  add_key_fields(fields, p.keys);
  return fields;
}

Fields origin_fields(OriginSection& o) {
  Fields fields = {{"id", {true, node_id_to(o.id)}}};
  add_key_fields(fields, o.keys);
  fields.at("base_url").required = true;
  return fields;
}

Setter language_to(LanguageTag& out) {
  return [&out](Reader& r, const toml::node& n, const std::string& key) {
    std::string text;
    string_to(text)(r, n, key);
    if (r.failed()) return;
    auto tag = LanguageTag::parse(text);
    if (!tag.ok()) return r.fail(&n, key, "\"" + text + "\" is not a BCP 47 language tag");
    out = *tag;
  };
}

Fields source_fields(SourceSection& s) {
  return {{"id", {true, node_id_to(s.id)}},
          {"url", {true, url_to(s.url)}},
          {"lang", {false, language_to(s.lang)}},
          {"interval_seconds",
           {false, integer_to([&s](std::int64_t v) { s.interval = std::chrono::seconds(v); }, 10,
                              7 * 86400)}}};
}

// A Cache-Control value: printable ASCII without control characters, 1-200 bytes.
Setter header_value_to(std::string& out) {
  return [&out](Reader& r, const toml::node& n, const std::string& key) {
    string_to(out)(r, n, key);
    if (r.failed()) return;
    bool printable =
        !out.empty() && out.size() <= 200 &&
        std::all_of(out.begin(), out.end(), [](char c) { return c >= 0x20 && c < 0x7f; });
    if (!printable)
      r.fail(&n, key,
             "\"" + out + "\" is not an HTTP header value (1-200 printable ASCII characters)");
  };
}

Fields server_fields(ServerSection& s) {
  auto size_to = [](std::size_t& out, std::int64_t min, std::int64_t max) {
    return integer_to([&out](std::int64_t v) { out = std::size_t(v); }, min, max);
  };
  return {{"listen", {false, listen_to(s)}},
          {"header_timeout_seconds", {false, seconds_to(s.header_timeout, 1, 3600)}},
          {"body_timeout_seconds", {false, seconds_to(s.body_timeout, 1, 3600)}},
          {"idle_timeout_seconds", {false, seconds_to(s.idle_timeout, 1, 3600)}},
          {"write_timeout_seconds", {false, seconds_to(s.write_timeout, 1, 3600)}},
          {"max_connections", {false, size_to(s.max_connections, 1, 1000000)}},
          {"max_body_bytes", {false, size_to(s.max_body_bytes, 1024, std::int64_t(1) << 30)}},
          {"threads", {false, integer_to([&s](std::int64_t v) { s.threads = int(v); }, 0, 64)}},
          {"tls_certificate", {false, string_to(s.tls_certificate)}},
          {"tls_key", {false, string_to(s.tls_key)}},
          {"trusted_proxies", {false, networks_to(s.trusted_proxies)}}};
}

// HTTPS needs both files; relative paths are taken from the config's folder.
void check_tls(Reader& r, const toml::table& root, Config& c) {
  ServerSection& s = c.server;
  if (s.tls_certificate.empty() != s.tls_key.empty())
    return r.fail(root.get("server"),
                  s.tls_key.empty() ? "[server] tls_key" : "[server] tls_certificate",
                  "HTTPS needs both tls_certificate and tls_key");
  for (std::string* file : {&s.tls_certificate, &s.tls_key}) {
    std::filesystem::path path(*file);
    if (!file->empty() && path.is_relative())
      *file = std::filesystem::absolute(std::filesystem::path(c.file).parent_path() / path)
                  .lexically_normal()
                  .string();
  }
}

Fields publish_fields(PublishSection& p) {
  return {{"page_size",
           {false, integer_to([&p](std::int64_t v) { p.page_size = std::size_t(v); }, 1, 1000)}},
          {"tombstone_days",
           {false, integer_to([&p](std::int64_t v) { p.tombstone_days = std::chrono::days(v); }, 1,
                              3650)}},
          {"cache_control", {false, header_value_to(p.cache_control)}},
          {"archive_cache_control", {false, header_value_to(p.archive_cache_control)}},
          {"render_cache_bytes",
           {false, integer_to([&p](std::int64_t v) { p.render_cache_bytes = std::size_t(v); },
                              1024 * 1024, std::int64_t(1) << 34)}},
          {"archive_part_entries",
           {false, integer_to([&p](std::int64_t v) { p.archive_part_entries = std::size_t(v); }, 1,
                              100000)}},
          {"archive_part_bytes",
           {false, integer_to([&p](std::int64_t v) { p.archive_part_bytes = std::size_t(v); },
                              64 * 1024, 64 * 1024 * 1024)}},
          {"websub_hubs", {false, urls_to(p.websub_hubs)}}};
}

Fields websub_fields(WebSubSection& w) {
  constexpr std::int64_t kYear = 365 * 86400;
  return {
      {"hub", {false, boolean_to(w.hub)}},
      {"subscribe", {false, boolean_to(w.subscribe)}},
      {"lease_seconds", {false, seconds_to(w.lease, 10, kYear)}},
      {"min_lease_seconds", {false, seconds_to(w.min_lease, 10, kYear)}},
      {"max_lease_seconds", {false, seconds_to(w.max_lease, 10, kYear)}},
      {"max_subscriptions_per_host",
       {false, integer_to([&w](std::int64_t v) { w.max_subscriptions_per_host = std::size_t(v); },
                          1, 100000)}},
      {"max_delivery_bytes",
       {false, integer_to([&w](std::int64_t v) { w.max_delivery_bytes = std::size_t(v); },
                          64 * 1024, std::int64_t(1) << 30)}},
      {"delivery_attempts",
       {false, integer_to([&w](std::int64_t v) { w.delivery_attempts = int(v); }, 1, 20)}},
      {"delivery_timeout_seconds", {false, seconds_to(w.delivery_timeout, 1, 600)}}};
}

// A colour for text on the pages' white background: #rrggbb with WCAG AA contrast.
Setter accent_to(std::string& out) {
  return [&out](Reader& r, const toml::node& n, const std::string& key) {
    string_to(out)(r, n, key);
    if (r.failed()) return;
    auto colour = parse_hex_colour(out);
    if (!colour.ok()) return r.fail(&n, key, colour.error().message);
    double ratio = contrast_ratio(*colour, Rgb{255, 255, 255});
    if (ratio < kAaTextContrast) {
      char shown[16];
      std::snprintf(shown, sizeof shown, "%.2f", ratio);
      r.fail(&n, key,
             "\"" + out + "\" has a contrast of " + shown +
                 ":1 against the pages' white background; WCAG 2.1 AA needs at least 4.5:1 for "
                 "links and button text (choose a darker colour)");
    }
  };
}

// A phone number as people write it: digits, spaces and + - ( ) ., at most 32.
Setter phone_to(std::string& out) {
  return [&out](Reader& r, const toml::node& n, const std::string& key) {
    string_to(out)(r, n, key);
    if (r.failed()) return;
    bool ok = out.size() <= 32 && std::any_of(out.begin(), out.end(), ::isdigit) &&
              std::all_of(out.begin(), out.end(), [](char c) {
                return std::isdigit((unsigned char)c) || std::strchr(" +-().", c);
              });
    if (!ok) r.fail(&n, key, "\"" + out + "\" is not a phone number (digits, spaces, + - ( ) .)");
  };
}

Fields site_fields(SiteSection& s) {
  return {{"logo_url", {false, url_to(s.logo_url)}},
          {"accent", {false, accent_to(s.accent)}},
          {"helpline_phone", {false, phone_to(s.helpline.phone)}},
          {"helpline_chat_url", {false, url_to(s.helpline.chat_url)}},
          {"helpline_form_url", {false, url_to(s.helpline.form_url)}},
          {"helpline_hours", {false, line_to(s.helpline.hours)}},
          {"report_url", {false, url_to(s.report_url)}},
          {"privacy_url", {false, url_to(s.privacy_url)}},
          {"imprint_url", {false, url_to(s.imprint_url)}}};
}

Setter section(Reader& r, const std::string& name, std::function<Fields()> fields) {
  return [&r, name, fields](Reader&, const toml::node& n, const std::string& key) {
    const toml::table* table = n.as_table();
    if (!table) return r.fail(&n, key, "expected a [" + name + "] table");
    read_table(r, *table, "[" + name + "]", fields());
  };
}

// Peers and sources share one list in the catalogue: their ids must all differ.
void check_peers_unique(Reader& r, const toml::table& root, const Config& c) {
  std::set<std::string> ids;
  for (const auto& p : c.peers)
    if (!ids.insert(p.id).second || p.id == c.node.id)
      return r.fail(root.get("peers"), "[[peers]] id",
                    "\"" + p.id + "\" is used twice (or is this node's own id)");
  for (const auto& s : c.sources)
    if (!ids.insert(s.id).second || s.id == c.node.id)
      return r.fail(
          root.get("sources"), "[[sources]] id",
          "\"" + s.id + "\" is used twice (by a peer or source, or is this node's own id)");
  std::set<std::string> origins;
  for (const auto& o : c.origins)
    if (!origins.insert(o.id).second || ids.count(o.id) || o.id == c.node.id)
      return r.fail(root.get("origins"), "[[origins]] id",
                    "\"" + o.id +
                        "\" is used twice, is a peer's or source's (give its keys in that "
                        "table) or is this node's own id");
}

Fields engine_fields(TranslationEngineSection& e) {
  return {{"engine", {false, engine_to(e.engine)}},
          {"url", {false, url_to(e.url)}},
          {"api_key", {false, string_to(e.api_key)}},
          {"apertium_data_dir", {false, string_to(e.apertium_data_dir)}},
          {"timeout_seconds", {false, seconds_to(e.timeout, 1, 3600)}},
          {"connect_timeout_seconds", {false, seconds_to(e.connect_timeout, 1, 600)}},
          {"max_attempts",
           {false, integer_to([&e](std::int64_t v) { e.max_attempts = int(v); }, 1, 10)}},
          {"languages", {false, languages_to(e.languages)}},
          {"application", {false, string_to(e.application)}},
          {"password", {false, string_to(e.password)}},
          {"username", {false, string_to(e.username)}},
          {"callback_url", {false, url_to(e.callback_url)}},
          {"callback_timeout_seconds", {false, seconds_to(e.callback_timeout, 1, 7 * 86400)}},
          {"max_outstanding",
           {false, integer_to([&e](std::int64_t v) { e.max_outstanding = int(v); }, 1, 10000)}},
          {"domain", {false, string_to(e.domain)}}};
}

// What an engine needs besides its name: apy and libretranslate a url, deepl a key,
// etranslation an application name and a password.
void check_engine(Reader& r, const toml::node* where, const std::string& section,
                  const TranslationEngineSection& e) {
  const std::string engine = "engine \"" + e.engine + "\"";
  if ((e.engine == "apy" || e.engine == "libretranslate") && e.url.empty())
    return r.fail(where, section + " url", engine + " needs the service's url");
  if (e.engine == "deepl" && e.api_key.empty())
    return r.fail(where, section + " api_key", engine + " needs an api_key");
  if (e.engine == "etranslation" && e.application.empty())
    return r.fail(where, section + " application", engine + " needs the application's name");
  if (e.engine == "etranslation" && e.password.empty())
    return r.fail(where, section + " password", engine + " needs the application's password");
}

// [translation]: the shared keys, and either the engine keys of the single-engine form
// or [[translation.engines]] tables.
struct TranslationReading {
  TranslationEngineSection single;
  const toml::node* single_key = nullptr;  // the first engine key found in [translation]
  std::vector<TranslationEngineSection> tables;
};

Fields translation_fields(TranslationSection& t, TranslationReading& reading) {
  Fields fields = engine_fields(reading.single);
  for (auto& [name, field] : fields) {
    Setter inner = field.set;
    field.set = [inner, &reading](Reader& r, const toml::node& n, const std::string& key) {
      if (!reading.single_key) reading.single_key = &n;
      inner(r, n, key);
    };
  }
  fields.emplace("engines", Field{false, table_array_to<TranslationEngineSection>(
                                             reading.tables, "translation.engines", engine_fields,
                                             [](Reader& r, const toml::table& table, auto& e) {
                                               e.line = int(table.source().begin.line);
                                               check_engine(r, &table, "[[translation.engines]]",
                                                            e);
                                             })});
  fields.emplace("retry_initial_seconds", Field{false, seconds_to(t.retry_initial, 1, 86400)});
  fields.emplace("retry_max_seconds", Field{false, seconds_to(t.retry_max, 1, 7 * 86400)});
  fields.emplace("parallel",
                 Field{false, integer_to([&t](std::int64_t v) { t.parallel = int(v); }, 1, 16)});
  return fields;
}

void check_translation(Reader& r, const toml::table& root, TranslationSection& t,
                       TranslationReading& reading) {
  const toml::node* section = root.get("translation");
  if (reading.single_key && !reading.tables.empty())
    return r.fail(reading.single_key, "[translation] engines",
                  "use either the engine keys of [translation] (engine = \"...\") or "
                  "[[translation.engines]] tables, not both");
  if (reading.tables.empty()) {
    reading.single.line = section ? int(section->source().begin.line) : 0;
    check_engine(r, section, "[translation]", reading.single);
    t.engines = {reading.single};
  } else {
    t.engines = reading.tables;
  }
  if (t.retry_max < t.retry_initial)
    return r.fail(section, "[translation] retry_max_seconds",
                  "must be at least retry_initial_seconds");
}

void resolve_data_dir(Config& c) {
  std::filesystem::path dir(c.node.data_dir);
  if (dir.is_relative())
    dir = std::filesystem::absolute(std::filesystem::path(c.file).parent_path() / dir);
  c.node.data_dir = dir.lexically_normal().string();
}

// min_lease_seconds <= lease_seconds <= max_lease_seconds.
void check_leases(Reader& r, const toml::table& root, const WebSubSection& w) {
  if (w.min_lease <= w.lease && w.lease <= w.max_lease) return;
  r.fail(root.get("websub"), "[websub] lease_seconds",
         "must be between min_lease_seconds (" + std::to_string(w.min_lease.count()) +
             ") and max_lease_seconds (" + std::to_string(w.max_lease.count()) + ")");
}

}  // namespace

std::string Config::catalogue_path() const {
  return (std::filesystem::path(node.data_dir) / "catalogue.db").string();
}

Result<toml::table> parse_toml(std::string_view text, const std::string& file) {
  try {
    return toml::parse(text, file);
  } catch (const toml::parse_error& e) {
    return Error{file + ":" + std::to_string(e.source().begin.line) +
                 ": syntax error: " + std::string(e.description())};
  }
}

Result<Config> parse_config(std::string_view text, const std::string& file) {
  auto parsed = parse_toml(text, file);
  if (!parsed.ok()) return parsed.error();
  toml::table& root = *parsed;
  Config c;
  c.file = file;
  std::string base_url;
  TranslationReading translation;
  Reader r(file);
  Fields top = {
      {"node", {true, section(r, "node", [&] { return node_fields(c.node, base_url); })}},
      {"server", {false, section(r, "server", [&] { return server_fields(c.server); })}},
      {"sync",
       {false,
        section(
            r, "sync",
            [&]() -> Fields {
              return {
                  {"background", {false, boolean_to(c.sync.background)}},
                  {"interval_seconds", {false, seconds_to(c.sync.interval, 10, 7 * 86400)}},
                  {"allow_private_addresses", {false, boolean_to(c.sync.allow_private_addresses)}},
                  {"connect_timeout_seconds", {false, seconds_to(c.sync.connect_timeout, 1, 600)}},
                  {"timeout_seconds", {false, seconds_to(c.sync.timeout, 1, 3600)}},
                  {"max_body_bytes",
                   {false,
                    integer_to([&](std::int64_t v) { c.sync.max_body_bytes = std::size_t(v); },
                               1024, std::int64_t(1) << 31)}},
                  {"push_fallback_seconds",
                   {false, seconds_to(c.sync.push_fallback, 10, 7 * 86400)}}};
            })}},
      {"peers", {false, table_array_to<PeerSection>(c.peers, "peers", peer_fields)}},
      {"sources", {false, table_array_to<SourceSection>(c.sources, "sources", source_fields)}},
      {"origins", {false, table_array_to<OriginSection>(c.origins, "origins", origin_fields)}},
      {"publish", {false, section(r, "publish", [&] { return publish_fields(c.publish); })}},
      {"site", {false, section(r, "site", [&] { return site_fields(c.site); })}},
      {"websub", {false, section(r, "websub", [&] { return websub_fields(c.websub); })}},
      {"translation",
       {false,
        section(r, "translation", [&] { return translation_fields(c.translation, translation); })}},
      {"log",
       {false, section(r, "log",
                       [&]() -> Fields {
                         return {
                             {"level",
                              {false, choice_to(c.log.level, log::parse_level,
                                                "error, warn, info, debug")}},
                             {"format",
                              {false, choice_to(c.log.format, log::parse_format, "text, json")}}};
                       })}},
  };
  read_table(r, root, "", top);
  if (!r.failed()) check_peers_unique(r, root, c);
  if (!r.failed()) check_translation(r, root, c.translation, translation);
  if (!r.failed()) check_tls(r, root, c);
  if (!r.failed()) check_leases(r, root, c.websub);
  if (r.failed()) return r.error();
  c.node.base_url = parse_http_url(base_url).value();
  resolve_data_dir(c);
  return c;
}

Result<Config> load_config(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return Error{path + ": cannot read the config file (use --config FILE)"};
  std::stringstream buffer;
  buffer << in.rdbuf();
  return parse_config(buffer.str(), path);
}

}  // namespace sic
