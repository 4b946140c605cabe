// Signed origins between real nodes (docs/merge.md, "Signed origins"): a malicious
// relay re-serves an origin's feed with forgeries; every node refuses them and keeps
// the true versions, even when the forgeries arrive first. Rotation, restarts and
// revocation of keys.
#include <regex>

#include "tests/e2e/federation_support.h"
#include "tests/support/test_server.h"

using namespace sic;
using namespace sic::test;

namespace {

Feed atom_of(TestNode& node) {
  HttpResult r = http_get(node.url("/feeds/atom"));
  REQUIRE(r.status == 200);
  auto feed = parse_feed(r.body, {.base_url = node.url("/feeds/atom")});
  REQUIRE(feed.ok());
  return *feed;
}

const Article& find(const Feed& feed, const std::string& id) {
  for (const auto& a : feed.articles)
    if (a.id.str() == id) return a;
  FAIL("no " << id);
  throw;
}

// The value of `name{peer="PEER"}` in the node's /metrics, or -1.
double peer_metric(TestNode& node, const std::string& name, const std::string& peer) {
  HttpResult r = http_get(node.url("/metrics"));
  REQUIRE(r.status == 200);
  std::smatch m;
  std::regex line(name + R"(\{[^}]*peer="?)" + peer + R"("?[^}]*\} ([0-9.e+]+))");
  if (!std::regex_search(r.body, m, line)) return -1;
  return std::stod(m[1]);
}

// What a malicious relay serves: sic-pt's feed with an edited title (newer, so that
// it would win), a forged tombstone, a new id under sic-pt's name, an origin that is
// not a node id, a mangled signature, and sic-it's article with a "human" translation
// forged in sic-it's name.
Feed forge(const Feed& pt, const Feed& it, const std::string& a1, const std::string& a2,
           const std::string& b) {
  Feed out;
  out.title = "Relay";
  out.node = "relay";
  Article edited = find(pt, a1);
  edited.title = "Call 0900 FORGED";
  edited.updated += std::chrono::minutes(1);
  out.articles.push_back(edited);

  const Article& deleted = find(pt, a2);
  out.tombstones.push_back(
      {deleted.id, "sic-pt", deleted.updated + std::chrono::minutes(1), "", deleted.signature});

  Article invented = find(pt, a1);
  invented.id = Iri::parse("tag:relay.example,2026:invented").value();
  invented.title = "Invented in sic-pt's name";
  out.articles.push_back(invented);

  Article hostile = invented;
  hostile.id = Iri::parse("tag:relay.example,2026:hostile").value();
  hostile.origin = "<img src=x onerror=alert(1)>";
  out.articles.push_back(hostile);

  Article mangled = invented;
  mangled.id = Iri::parse("tag:relay.example,2026:mangled").value();
  mangled.signature.value = "%%%not base64\x01";
  mangled.signature.key = "ed25519:????";
  out.articles.push_back(mangled);

  Article theirs = find(it, b);
  Translation t;
  t.lang = LanguageTag::parse("es").value();
  t.kind = TranslationKind::kHuman;
  t.title = "Llame al 0900 FALSO";
  t.source_hash = theirs.content_hash();
  t.translated_at = theirs.updated;
  t.signature = theirs.signature;  // sic-it's key, over another statement
  theirs.translations.push_back(t);
  out.articles.push_back(theirs);
  return out;
}

void require_ok(const CommandResult& r) {
  INFO(r.out << r.err);
  REQUIRE(r.status == 0);
}

}  // namespace

TEST_CASE("A relay's forgeries are refused by every node and the true versions win",
          "[e2e][federation][trust]") {
  Network net({"sic-pt", "sic-it", "sic-es", "sic-fr"});
  net.start();
  std::string a1 = net.post("sic-pt", "Call 116 111");
  std::string a2 = net.post("sic-pt", "Report abuse");
  std::string b = net.post("sic-it", "Linea di ascolto");
  Feed forged = forge(atom_of(net["sic-pt"]), atom_of(net["sic-it"]), a1, a2, b);
  TestServer relay;
  relay.route("/feeds/atom", Reply{.body = write_feed(FeedFormat::kAtom, forged),
                                   .content_type = "application/atom+xml"});

  // The forgeries arrive first, while the origins' keys cannot be read: held, not shown.
  net["sic-pt"].stop();
  net["sic-it"].stop();
  for (const char* reader : {"sic-es", "sic-fr"}) {
    require_ok(net[reader].run({"peers", "add", "relay", relay.url("/feeds/atom")}));
    require_ok(net.sync(reader));
    CHECK(net.holdings(reader, {a1, a2}).empty());
    CHECK(net.feed_ids(reader).empty());
  }
  CHECK(peer_metric(net["sic-es"], "sicnode_peer_held_entries", "relay") >= 3);

  // The keys become readable at the origins' own base URLs: every forgery is refused.
  net["sic-pt"].start();
  net["sic-it"].start();
  for (const char* reader : {"sic-es", "sic-fr"}) {
    // --force: the key documents' back-off after the failed reads has not ended.
    CommandResult r = net[reader].run({"sync", "--force"});
    require_ok(r);
    CHECK(r.out.find("not a node id") != std::string::npos);
    net.follow(reader, "sic-pt");
    require_ok(net.sync(reader));
    std::map<std::string, Seen> expected = {{a1, {"sic-pt", "Call 116 111", false}},
                                            {a2, {"sic-pt", "Report abuse", false}},
                                            {b, {"sic-it", "Linea di ascolto", false}}};
    CHECK(net.holdings(reader, {a1, a2}) == expected);

    HttpResult one = http_get(net[reader].url("/api/articles/" + percent_encode(b)));
    REQUIRE(one.status == 200);
    CHECK(web::json::value::parse(one.body)["translations"].as_array().size() == 0);
    CHECK(web::json::value::parse(one.body)["signature"]["by"].as_string() == "sic-it");

    CHECK(peer_metric(net[reader], "sicnode_peer_held_entries", "relay") == 0);
    CHECK(peer_metric(net[reader], "sicnode_peer_bad_signatures", "relay") >= 4);
    CommandResult list = net[reader].run({"peers", "list"});
    require_ok(list);
    CHECK(list.out.find("sic-pt") != std::string::npos);
    CHECK(list.out.find("learned") != std::string::npos);
  }
}

TEST_CASE("Key rotation is followed, restarts keep the key, and a revoked key is refused",
          "[e2e][federation][trust]") {
  Network net({"sic-pt", "sic-es"});
  net.start();
  net.follow("sic-es", "sic-pt");
  std::string a1 = net.post("sic-pt", "Version one");
  require_ok(net.sync("sic-es"));
  REQUIRE(net.holdings("sic-es").at(a1).title == "Version one");

  auto first_line = [](const std::string& text) { return text.substr(0, text.find('\n')); };
  CommandResult shown = net["sic-pt"].run({"key", "show"});
  require_ok(shown);
  std::string key1 = first_line(shown.out);
  REQUIRE(key1.rfind("ed25519:", 0) == 0);
  net["sic-pt"].stop();
  net["sic-pt"].start();
  CHECK(first_line(net["sic-pt"].run({"key", "show"}).out) == key1);
  auto mode = std::filesystem::status(net["sic-pt"].dir() / "data" / "node-key.json").permissions();
  CHECK((mode & (std::filesystem::perms::group_all | std::filesystem::perms::others_all)) ==
        std::filesystem::perms::none);

  CommandResult rotated = net["sic-pt"].run({"key", "rotate"});
  require_ok(rotated);
  std::string key2 = first_line(rotated.out);
  REQUIRE(key2.rfind("ed25519:", 0) == 0);
  REQUIRE(key2 != key1);
  HttpResult doc = http_get(net["sic-pt"].url("/.well-known/sicnode"));
  REQUIRE(doc.status == 200);
  web::json::value json = web::json::value::parse(doc.body);
  CHECK(json["node"].as_string() == "sic-pt");
  CHECK(json["key"].as_string() == key2);
  CHECK(json["earlier_keys"][0]["key"].as_string() == key1);
  CHECK(doc.body.find("seed") == std::string::npos);

  REQUIRE(net.edit("sic-pt", a1, "Version two").status == 200);
  require_ok(net.sync("sic-es"));
  CHECK(net.holdings("sic-es").at(a1).title == "Version two");

  // The operator of sic-es learns that key2 was stolen and revokes it.
  std::ofstream(net["sic-es"].config_path(), std::ios::app)
      << "\n[[peers]]\nid = \"sic-pt\"\nurl = \"" << net["sic-pt"].url("/feeds/atom")
      << "\"\nrevoked_keys = [\"" << key2 << "\"]\n";
  REQUIRE(net.edit("sic-pt", a1, "Version three").status == 200);
  CommandResult r = net.sync("sic-es");
  require_ok(r);
  CHECK(r.out.find("revoked") != std::string::npos);
  CHECK(net.holdings("sic-es").at(a1).title == "Version two");
}
