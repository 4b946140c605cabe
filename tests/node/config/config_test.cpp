#include "node/config/config.h"

#include <catch2/catch.hpp>
#include <string>

using namespace sic;

namespace {

const std::string kMinimal = R"(
[node]
id = "sic-pt"
name = "Portuguese Safer Internet Centre"
base_url = "https://sic.example.pt/"
languages = ["pt", "en"]
data_dir = "/var/lib/sicnode"
)";

std::string error_of(const std::string& text) {
  auto c = parse_config(text, "node.toml");
  return c.ok() ? "(no error)" : c.error().message;
}

}  // namespace

TEST_CASE("A minimal config gets the documented defaults", "[config]") {
  auto c = parse_config(kMinimal, "/etc/sicnode/node.toml");
  REQUIRE(c.ok());
  CHECK(c->node.id == "sic-pt");
  CHECK(c->node.base_url.host == "sic.example.pt");
  REQUIRE(c->node.languages.size() == 2);
  CHECK(c->node.languages[0].str() == "pt");
  CHECK(c->server.host == "127.0.0.1");
  CHECK(c->server.port == 8080);
  CHECK(c->sync.interval == std::chrono::seconds(900));
  CHECK_FALSE(c->sync.allow_private_addresses);
  CHECK(c->sync.background);
  REQUIRE(c->translation.engines.size() == 1);
  CHECK(c->translation.engines[0].engine == "apertium");
  CHECK(c->translation.parallel == 0);  // one per core
  CHECK(c->peers.empty());
  CHECK(c->catalogue_path() == "/var/lib/sicnode/catalogue.db");
}

TEST_CASE("A relative data_dir is taken from the config file's folder", "[config]") {
  std::string text = kMinimal;
  text.replace(text.find("/var/lib/sicnode"), 16, "state/../data");
  auto c = parse_config(text, "/etc/sicnode/node.toml");
  REQUIRE(c.ok());
  CHECK(c->node.data_dir == "/etc/sicnode/data");
}

TEST_CASE("The example config is valid and lists every section", "[config]") {
  auto c = load_config(std::string(SIC_SOURCE_DIR) + "/config/node.example.toml");
  REQUIRE(c.ok());
  CHECK(c->peers.size() == 1);
  CHECK(c->server.port == 8080);
}

TEST_CASE("Peers, listen and the sync keys are read", "[config]") {
  auto c = parse_config(kMinimal + R"(
[server]
listen = "[::1]:9090"
[sync]
background = false
interval_seconds = 60
allow_private_addresses = true
[[peers]]
id = "bik"
url = "http://127.0.0.1:8081/feeds/atom"
interval_seconds = 30
[[peers]]
id = "sic-es"
url = "https://sic.example.es/feeds/atom"
[translation]
engine = "none"
)",
                        "node.toml");
  REQUIRE(c.ok());
  CHECK(c->server.host == "::1");
  CHECK(c->server.port == 9090);
  CHECK(c->sync.allow_private_addresses);
  CHECK_FALSE(c->sync.background);
  REQUIRE(c->peers.size() == 2);
  CHECK(c->peers[0].interval == std::chrono::seconds(30));
  CHECK_FALSE(c->peers[1].interval.has_value());
  CHECK(c->translation.engines.at(0).engine == "none");
}

TEST_CASE("A syntax error names the file and the line", "[config]") {
  CHECK(error_of("[node]\nid = \"a\"\nname = \n").rfind("node.toml:3: syntax error: ", 0) == 0);
}

TEST_CASE("An unknown key is an error, not ignored", "[config]") {
  CHECK(error_of(kMinimal + "langauges = [\"pt\"]\n") ==
        "node.toml:8: [node] langauges: unknown key (see config/node.example.toml)");
  CHECK(error_of(kMinimal + "[sever]\nlisten = \"127.0.0.1:1\"\n") ==
        "node.toml:8: [sever]: unknown section (see config/node.example.toml)");
  CHECK(error_of(kMinimal + "[[peers]]\nid = \"a\"\nurl = \"https://a.eu/\"\nurl2 = 1\n") ==
        "node.toml:11: [[peers]] url2: unknown key (see config/node.example.toml)");
}

TEST_CASE("A wrong type names the expected type", "[config]") {
  CHECK(error_of(kMinimal + "[sync]\ninterval_seconds = \"900\"\n") ==
        "node.toml:9: [sync] interval_seconds: expected an integer, found a string");
  CHECK(error_of(kMinimal + "[sync]\nallow_private_addresses = 1\n") ==
        "node.toml:9: [sync] allow_private_addresses: expected true or false, found an integer");
  CHECK(error_of(kMinimal + "[sync]\ninterval_seconds = 1\n") ==
        "node.toml:9: [sync] interval_seconds: must be between 10 and 604800");
  CHECK(error_of("node = 3\n") == "node.toml:1: [node]: expected a [node] table");
}

TEST_CASE("A missing required key or section is named", "[config]") {
  std::string no_name = kMinimal;
  no_name.erase(no_name.find("name ="), no_name.find("base_url") - no_name.find("name ="));
  CHECK(error_of(no_name) == "node.toml:2: [node] name: missing required key");
  CHECK(error_of("[server]\nlisten = \"127.0.0.1:1\"\n") ==
        "node.toml:1: [node]: missing required section");
  CHECK(error_of(kMinimal + "[[peers]]\nid = \"bik\"\n") ==
        "node.toml:8: [[peers]] url: missing required key");
}

TEST_CASE("A malformed URL is refused with the reason", "[config]") {
  std::string bad = kMinimal;
  bad.replace(bad.find("https://sic.example.pt/"), 23, "sic.example.pt");
  CHECK(error_of(bad) ==
        "node.toml:5: [node] base_url: url: not an absolute http(s) URL in \"sic.example.pt\"");
  CHECK(error_of(kMinimal + "[[peers]]\nid = \"bik\"\nurl = \"ftp://bik.eu/feed\"\n") ==
        "node.toml:10: [[peers]] url: url: the scheme must be http or https in "
        "\"ftp://bik.eu/feed\"");
}

TEST_CASE("An invalid language tag is refused", "[config]") {
  std::string bad = kMinimal;
  bad.replace(bad.find("\"en\""), 4, "\"pt_PT\"");
  CHECK(error_of(bad) == "node.toml:6: [node] languages: \"pt_PT\" is not a BCP 47 language tag");
  std::string empty = kMinimal;
  empty.replace(empty.find("[\"pt\", \"en\"]"), 12, "[]");
  CHECK(error_of(empty) == "node.toml:6: [node] languages: needs at least one language");
  std::string twice = kMinimal;
  twice.replace(twice.find("\"en\""), 4, "\"PT\"");
  CHECK(error_of(twice) == "node.toml:6: [node] languages: \"PT\" is listed twice");
}

TEST_CASE("Bad values of the other keys are refused", "[config]") {
  std::string bad_id = kMinimal;
  bad_id.replace(bad_id.find("\"sic-pt\""), 8, "\"SIC PT\"");
  CHECK(error_of(bad_id) ==
        "node.toml:3: [node] id: \"SIC PT\" is not a node id (1-64 of a-z, 0-9 and '-')");
  CHECK(error_of(kMinimal + "[server]\nlisten = \"8080\"\n") ==
        "node.toml:9: [server] listen: \"8080\" is not HOST:PORT (e.g. \"127.0.0.1:8080\")");
  CHECK(error_of(kMinimal + "[translation]\nengine = \"google\"\n") ==
        "node.toml:9: [translation] engine: \"google\" is not an engine (apertium, apy, "
        "libretranslate, deepl, etranslation, none)");
  CHECK(error_of(kMinimal + "[[peers]]\nid = \"a\"\nurl = \"https://a.eu/\"\n[[peers]]\nid = "
                            "\"a\"\nurl = \"https://b.eu/\"\n")
            .find("[[peers]] id: \"a\" is used twice") != std::string::npos);
}

TEST_CASE("A missing file is named", "[config]") {
  auto c = load_config("/nonexistent/sicnode.toml");
  REQUIRE_FALSE(c.ok());
  CHECK(c.error().message ==
        "/nonexistent/sicnode.toml: cannot read the config file (use --config FILE)");
}

TEST_CASE("The translation keys are read, with their defaults", "[config][translation]") {
  auto defaults = parse_config(kMinimal, "node.toml");
  REQUIRE(defaults.ok());
  const TranslationSection& d = defaults->translation;
  REQUIRE(d.engines.size() == 1);
  CHECK(d.engines[0].apertium_data_dir == "/usr/share/apertium");
  CHECK(d.engines[0].timeout == std::chrono::seconds(30));
  CHECK(d.engines[0].connect_timeout == std::chrono::seconds(10));
  CHECK(d.engines[0].max_attempts == 4);
  CHECK(d.engines[0].languages.empty());
  CHECK(d.retry_initial == std::chrono::seconds(60));
  CHECK(d.retry_max == std::chrono::hours(6));
  auto c = parse_config(kMinimal + R"(
[translation]
engine = "apy"
url = "http://127.0.0.1:2737"
timeout_seconds = 5
connect_timeout_seconds = 2
max_attempts = 2
retry_initial_seconds = 10
retry_max_seconds = 600
apertium_data_dir = "/opt/apertium"
parallel = 3
)",
                        "node.toml");
  REQUIRE(c.ok());
  REQUIRE(c->translation.engines.size() == 1);
  const TranslationEngineSection& e = c->translation.engines[0];
  CHECK(e.engine == "apy");
  CHECK(e.url == "http://127.0.0.1:2737");
  CHECK(e.timeout == std::chrono::seconds(5));
  CHECK(e.connect_timeout == std::chrono::seconds(2));
  CHECK(e.max_attempts == 2);
  CHECK(e.apertium_data_dir == "/opt/apertium");
  CHECK(c->translation.retry_initial == std::chrono::seconds(10));
  CHECK(c->translation.retry_max == std::chrono::seconds(600));
  CHECK(c->translation.parallel == 3);
}

TEST_CASE("[[translation.engines]] tables list several engines in order of preference",
          "[config][translation]") {
  auto c = parse_config(kMinimal + R"(
[translation]
retry_initial_seconds = 30

[[translation.engines]]
engine = "apertium"

[[translation.engines]]
engine = "etranslation"
application = "SIC_Node"
password = "secret"
username = "sic-pt"
callback_url = "https://sic.example.pt/"
callback_timeout_seconds = 600
max_outstanding = 20
languages = ["de", "nl"]

[[translation.engines]]
engine = "deepl"
api_key = "k:fx"
)",
                        "node.toml");
  REQUIRE(c.ok());
  const auto& engines = c->translation.engines;
  REQUIRE(engines.size() == 3);
  CHECK(engines[0].engine == "apertium");
  CHECK(engines[1].engine == "etranslation");
  CHECK(engines[1].application == "SIC_Node");
  CHECK(engines[1].password == "secret");
  CHECK(engines[1].username == "sic-pt");
  CHECK(engines[1].callback_url == "https://sic.example.pt/");
  CHECK(engines[1].callback_timeout == std::chrono::seconds(600));
  CHECK(engines[1].max_outstanding == 20);
  REQUIRE(engines[1].languages.size() == 2);
  CHECK(engines[1].languages[1].str() == "nl");
  CHECK(engines[1].line == 15);
  CHECK(engines[2].engine == "deepl");
  CHECK(c->translation.retry_initial == std::chrono::seconds(30));
}

TEST_CASE("Engine tables and the single-engine keys together are refused, with file:line:key",
          "[config][translation]") {
  CHECK(error_of(kMinimal + "[translation]\nengine = \"apertium\"\n[[translation.engines]]\n"
                            "engine = \"none\"\n") ==
        "node.toml:9: [translation] engines: use either the engine keys of [translation] "
        "(engine = \"...\") or [[translation.engines]] tables, not both");
  CHECK(error_of(kMinimal + "[[translation.engines]]\nengine = \"apy\"\n") ==
        "node.toml:8: [[translation.engines]] url: engine \"apy\" needs the service's url");
  CHECK(error_of(kMinimal +
                 "[[translation.engines]]\nengine = \"apertium\"\n"
                 "[[translation.engines]]\nengine = \"etranslation\"\npassword = \"p\"\n") ==
        "node.toml:10: [[translation.engines]] application: engine \"etranslation\" needs the "
        "application's name");
  CHECK(error_of(kMinimal + "[translation]\nengine = \"etranslation\"\napplication = \"A\"\n") ==
        "node.toml:8: [translation] password: engine \"etranslation\" needs the application's "
        "password");
  CHECK(error_of(kMinimal +
                 "[[translation.engines]]\nengine = \"apertium\"\nlanguages = [\"x y\"]\n") ==
        "node.toml:10: [[translation.engines]] languages: \"x y\" is not a BCP 47 language tag");
  CHECK(error_of(kMinimal +
                 "[[translation.engines]]\nengine = \"etranslation\"\napplication = \"A\"\n"
                 "password = \"p\"\nmax_outstanding = 0\n") ==
        "node.toml:12: [[translation.engines]] max_outstanding: must be between 1 and 10000");
  CHECK(error_of(kMinimal + "[translation]\nparallel = 17\n") ==
        "node.toml:9: [translation] parallel: must be between 1 and 16");
}

TEST_CASE("Import sources are read with their language and interval", "[config]") {
  auto c = parse_config(kMinimal + R"(
[[sources]]
id = "cms"
url = "https://sic.example.pt/news/rss"
lang = "pt-PT"
interval_seconds = 600

[[sources]]
id = "blog"
url = "https://blog.sic.example.pt/feed"
)",
                        "node.toml");
  REQUIRE(c.ok());
  REQUIRE(c->sources.size() == 2);
  CHECK(c->sources[0].lang.str() == "pt-PT");
  CHECK(c->sources[0].interval == std::chrono::seconds(600));
  CHECK(c->sources[1].lang.empty());
  CHECK_FALSE(c->sources[1].interval.has_value());
}

TEST_CASE("Bad import sources are refused with file, line and key", "[config]") {
  CHECK(error_of(kMinimal + "[[sources]]\nid = \"cms\"\n") ==
        "node.toml:8: [[sources]] url: missing required key");
  CHECK(error_of(kMinimal +
                 "[[sources]]\nid = \"cms\"\nurl = \"https://a.eu/\"\nlang = \"pt_PT\"\n") ==
        "node.toml:11: [[sources]] lang: \"pt_PT\" is not a BCP 47 language tag");
  CHECK(error_of(kMinimal + "[[peers]]\nid = \"a\"\nurl = \"https://a.eu/\"\n[[sources]]\nid = "
                            "\"a\"\nurl = \"https://b.eu/\"\n")
            .find("[[sources]] id: \"a\" is used twice") != std::string::npos);
}

TEST_CASE("The HTTP edge's limits and timeouts are read, with their defaults", "[config][server]") {
  auto defaults = parse_config(kMinimal, "/etc/sicnode/node.toml");
  REQUIRE(defaults.ok());
  const ServerSection& d = defaults->server;
  CHECK(d.header_timeout == std::chrono::seconds(10));
  CHECK(d.body_timeout == std::chrono::seconds(60));
  CHECK(d.idle_timeout == std::chrono::seconds(60));
  CHECK(d.write_timeout == std::chrono::seconds(60));
  CHECK(d.max_connections == 512);
  CHECK(d.max_body_bytes == 5 * 1024 * 1024);
  CHECK(d.threads == 0);
  CHECK(d.tls_certificate.empty());
  CHECK(d.tls_key.empty());

  auto c = parse_config(kMinimal + R"(
[server]
listen = "0.0.0.0:8443"
header_timeout_seconds = 1
body_timeout_seconds = 2
idle_timeout_seconds = 3
write_timeout_seconds = 4
max_connections = 100
max_body_bytes = 65536
threads = 3
tls_certificate = "tls/cert.pem"
tls_key = "/etc/ssl/private/node.key"
)",
                        "/etc/sicnode/node.toml");
  REQUIRE(c.ok());
  const ServerSection& s = c->server;
  CHECK(s.header_timeout == std::chrono::seconds(1));
  CHECK(s.body_timeout == std::chrono::seconds(2));
  CHECK(s.idle_timeout == std::chrono::seconds(3));
  CHECK(s.write_timeout == std::chrono::seconds(4));
  CHECK(s.max_connections == 100);
  CHECK(s.max_body_bytes == 65536);
  CHECK(s.threads == 3);
  CHECK(s.tls_certificate == "/etc/sicnode/tls/cert.pem");  // from the config's folder
  CHECK(s.tls_key == "/etc/ssl/private/node.key");
}

TEST_CASE("Bad [server] limits and half a TLS pair are refused", "[config][server]") {
  CHECK(error_of(kMinimal + "[server]\nheader_timeout_seconds = 0\n") ==
        "node.toml:9: [server] header_timeout_seconds: must be between 1 and 3600");
  CHECK(error_of(kMinimal + "[server]\nmax_connections = 0\n") ==
        "node.toml:9: [server] max_connections: must be between 1 and 1000000");
  CHECK(error_of(kMinimal + "[server]\nmax_body_bytes = \"5M\"\n") ==
        "node.toml:9: [server] max_body_bytes: expected an integer, found a string");
  CHECK(error_of(kMinimal + "[server]\nthreads = 65\n") ==
        "node.toml:9: [server] threads: must be between 0 and 64");
  CHECK(error_of(kMinimal + "[server]\ntls_certificate = \"cert.pem\"\n") ==
        "node.toml:8: [server] tls_key: HTTPS needs both tls_certificate and tls_key");
  CHECK(error_of(kMinimal + "[server]\ntls_key = \"key.pem\"\n") ==
        "node.toml:8: [server] tls_certificate: HTTPS needs both tls_certificate and tls_key");
}

TEST_CASE("Trusted proxies and the log section are read, with their defaults", "[config][log]") {
  auto defaults = parse_config(kMinimal, "node.toml");
  REQUIRE(defaults.ok());
  CHECK(defaults->server.trusted_proxies.empty());
  CHECK(defaults->log.level == log::Level::kInfo);
  CHECK(defaults->log.format == log::Format::kText);
  auto c = parse_config(kMinimal + R"(
[server]
trusted_proxies = ["127.0.0.1", "10.0.0.0/8", "::1"]
[log]
level = "debug"
format = "json"
)",
                        "node.toml");
  REQUIRE(c.ok());
  REQUIRE(c->server.trusted_proxies.size() == 3);
  CHECK(c->server.trusted_proxies[1].text() == "10.0.0.0/8");
  CHECK(c->log.level == log::Level::kDebug);
  CHECK(c->log.format == log::Format::kJson);
}

TEST_CASE("Bad trusted proxies and log keys are refused with file, line and key", "[config][log]") {
  CHECK(error_of(kMinimal + "[server]\ntrusted_proxies = [\"nginx.local\"]\n") ==
        "node.toml:9: [server] trusted_proxies: \"nginx.local\" is not an IP address or network "
        "(e.g. \"10.0.0.0/8\")");
  CHECK(error_of(kMinimal + "[server]\ntrusted_proxies = \"127.0.0.1\"\n") ==
        "node.toml:9: [server] trusted_proxies: expected an array of addresses, found a string");
  CHECK(error_of(kMinimal + "[log]\nlevel = \"verbose\"\n") ==
        "node.toml:9: [log] level: \"verbose\" is not one of error, warn, info, debug");
  CHECK(error_of(kMinimal + "[log]\nformat = \"xml\"\n") ==
        "node.toml:9: [log] format: \"xml\" is not one of text, json");
  CHECK(error_of(kMinimal + "[log]\ncolour = true\n") ==
        "node.toml:9: [log] colour: unknown key (see config/node.example.toml)");
}

TEST_CASE("[site] gives the centre's logo, accent, helpline and links", "[config][site]") {
  auto c = parse_config(kMinimal + R"(
[site]
logo_url = "https://sic.example.pt/logo.svg"
accent = "#8A1538"
helpline_phone = "+351 800 21 90 90"
helpline_chat_url = "https://sic.example.pt/chat"
helpline_form_url = "https://sic.example.pt/escreva"
helpline_hours = "Dias úteis, 9:00–19:00"
report_url = "https://sic.example.pt/denuncia"
privacy_url = "https://sic.example.pt/privacidade"
imprint_url = "https://sic.example.pt/ficha-tecnica"
)",
                        "node.toml");
  REQUIRE(c.ok());
  CHECK(c->site.logo_url == "https://sic.example.pt/logo.svg");
  CHECK(c->site.accent == "#8A1538");
  CHECK(c->site.helpline.phone == "+351 800 21 90 90");
  CHECK(c->site.helpline.hours == "Dias úteis, 9:00–19:00");
  CHECK(c->site.report_url == "https://sic.example.pt/denuncia");
  CHECK(c->site.imprint_url == "https://sic.example.pt/ficha-tecnica");
  auto bare = parse_config(kMinimal, "node.toml");
  REQUIRE(bare.ok());
  CHECK(bare->site.accent == "#0b4f9c");
  CHECK(bare->site.helpline.phone.empty());
}

TEST_CASE("An accent colour without AA contrast against white is refused", "[config][site]") {
  CHECK(error_of(kMinimal + "[site]\naccent = \"#ffcc00\"\n") ==
        "node.toml:9: [site] accent: \"#ffcc00\" has a contrast of 1.51:1 against the pages' "
        "white background; WCAG 2.1 AA needs at least 4.5:1 for links and button text (choose a "
        "darker colour)");
  CHECK(error_of(kMinimal + "[site]\naccent = \"#777777\"\n").find("4.48:1") != std::string::npos);
  CHECK(error_of(kMinimal + "[site]\naccent = \"#767676\"\n") == "(no error)");  // 4.54:1
  CHECK(error_of(kMinimal + "[site]\naccent = \"blue\"\n") ==
        "node.toml:9: [site] accent: \"blue\" is not a colour (#rrggbb)");
  CHECK(error_of(kMinimal + "[site]\naccent = \"#12345g\"\n").find("not a colour") !=
        std::string::npos);
}

TEST_CASE("[site] refuses a link that is not http(s), a bad phone and unknown keys",
          "[config][site]") {
  CHECK(error_of(kMinimal + "[site]\nreport_url = \"javascript:alert(1)\"\n")
            .starts_with("node.toml:9: [site] report_url: "));
  CHECK(error_of(kMinimal + "[site]\nhelpline_phone = \"call us\"\n") ==
        "node.toml:9: [site] helpline_phone: \"call us\" is not a phone number (digits, spaces, "
        "+ - ( ) .)");
  CHECK(error_of(kMinimal + "[site]\nhelpline_hours = \"a\\nb\"\n") ==
        "node.toml:9: [site] helpline_hours: expected one line of text (1-200 bytes)");
  CHECK(error_of(kMinimal + "[site]\nname = \"x\"\n") ==
        "node.toml:9: [site] name: unknown key (see config/node.example.toml)");
}

TEST_CASE("WebSub keys have the documented defaults and bounds", "[config][websub]") {
  auto c = parse_config(kMinimal, "node.toml");
  REQUIRE(c.ok());
  CHECK(c->websub.hub);
  CHECK(c->websub.subscribe);
  CHECK(c->websub.lease == std::chrono::seconds(864000));
  CHECK(c->websub.min_lease == std::chrono::seconds(3600));
  CHECK(c->websub.max_lease == std::chrono::seconds(2592000));
  CHECK(c->websub.max_subscriptions_per_host == 64);
  CHECK(c->sync.push_fallback == std::chrono::seconds(3600));
  CHECK(c->publish.websub_hubs.empty());

  auto set = parse_config(kMinimal +
                              "[sync]\npush_fallback_seconds = 120\n"
                              "[publish]\nwebsub_hubs = [\"https://hub.example.org/\"]\n"
                              "[websub]\nhub = false\nlease_seconds = 60\nmin_lease_seconds = 30\n"
                              "delivery_attempts = 3\n",
                          "node.toml");
  REQUIRE(set.ok());
  CHECK_FALSE(set->websub.hub);
  CHECK(set->websub.lease == std::chrono::seconds(60));
  CHECK(set->websub.delivery_attempts == 3);
  CHECK(set->sync.push_fallback == std::chrono::seconds(120));
  CHECK(set->publish.websub_hubs == std::vector<std::string>{"https://hub.example.org/"});

  CHECK(error_of(kMinimal + "[websub]\nlease_seconds = 60\n") ==
        "node.toml:8: [websub] lease_seconds: must be between min_lease_seconds (3600) and "
        "max_lease_seconds (2592000)");
  CHECK(error_of(kMinimal + "[publish]\nwebsub_hubs = [\"ftp://hub.example.org/\"]\n")
            .find("websub_hubs") != std::string::npos);
  CHECK(error_of(kMinimal + "[websub]\ndelivery_attempts = 0\n") ==
        "node.toml:9: [websub] delivery_attempts: must be between 1 and 20");
  CHECK(error_of(kMinimal + "[sync]\npush_fallback_seconds = 1\n") ==
        "node.toml:9: [sync] push_fallback_seconds: must be between 10 and 604800");
}
