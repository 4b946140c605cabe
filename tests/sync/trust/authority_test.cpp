// The signature rules of the merge (docs/merge.md, "Merging") on a real catalogue:
// signed origins, held entries, bad signatures, plain feeds, revoked keys, the cache.
#include <catch2/catch.hpp>

#include "node/catalogue/articles.h"
#include "node/catalogue/held.h"
#include "node/catalogue/translations.h"
#include "sync/merge/merge.h"
#include "tests/support/catalogue_dir.h"
#include "tests/sync/trust_support.h"

using namespace sic;
using namespace sic::sync;
using sic::test::sign_by_origins;
using sic::test::test_signer;
using sic::test::trust_test_origins;
using sic::testing::CatalogueDir;
using sic::testing::make_article;

namespace {

constexpr std::int64_t kT = 1795881845;

Result<MergeStats> merge_one(Catalogue& cat, const Article& a, const std::string& peer = "sic-es",
                             VerificationCache* cache = nullptr) {
  MergeOptions options{"sic-hub", peer};
  options.cache = cache;
  return merge(cat, {a}, {}, options);
}

Article signed_article(const std::string& suffix, std::int64_t updated = kT) {
  std::vector<Article> one = {make_article(suffix, updated)};
  std::vector<Tombstone> none;
  sign_by_origins(one, none);
  return one[0];
}

bool stored(Catalogue& cat, const Article& a) { return cat.articles().find(a.id)->has_value(); }

}  // namespace

TEST_CASE("A version signed by its origin's known key is accepted", "[sync][trust]") {
  CatalogueDir dir;
  auto cat = dir.open();
  trust_test_origins(*cat);
  Article a = signed_article("1");
  auto stats = merge_one(*cat, a);
  REQUIRE(stats.ok());
  CHECK(stats->added == 1);
  CHECK((*cat->articles().find(a.id))->article.signature == a.signature);
}

TEST_CASE("An edited, unsigned or wrongly signed version is refused and counted", "[sync][trust]") {
  CatalogueDir dir;
  auto cat = dir.open();
  trust_test_origins(*cat);
  Article edited = signed_article("1");
  edited.title = "Call 0900 FORGED";
  Article unsigned_one = make_article("2");
  Article by_other = make_article("3");
  crypto::sign(test_signer("sic-es"), by_other);  // sic-es signing for sic-pt
  Article mangled = signed_article("4");
  mangled.signature.value = "%%%";
  auto stats = merge(*cat, {edited, unsigned_one, by_other, mangled}, {}, {"sic-hub", "sic-es"});
  REQUIRE(stats.ok());
  CHECK(stats->refused == 4);
  CHECK(stats->bad_signatures == 3);  // an unsigned entry is refused, not counted as forged
  CHECK(stats->changed() == 0);
  for (const Article* a : {&edited, &unsigned_one, &by_other, &mangled}) CHECK(!stored(*cat, *a));
  REQUIRE(stats->notes.size() == 4);
  CHECK(stats->notes[0] == edited.id.str() + ": bad signature");
  CHECK(stats->notes[1] == unsigned_one.id.str() + ": unsigned");
  CHECK(stats->notes[2].find("sic-pt signs its own entries") != std::string::npos);
}

TEST_CASE("A forged tombstone is refused and the article stays", "[sync][trust]") {
  CatalogueDir dir;
  auto cat = dir.open();
  trust_test_origins(*cat);
  Article a = signed_article("1");
  REQUIRE(merge_one(*cat, a).ok());
  Tombstone forged{a.id, "sic-pt", from_unix(kT + 10), "", a.signature};
  auto stats = merge(*cat, {}, {forged}, {"sic-hub", "sic-es"});
  REQUIRE(stats.ok());
  CHECK(stats->bad_signatures == 1);
  CHECK(!(*cat->articles().find(a.id))->deleted);
}

TEST_CASE("An origin that is not a node id is refused", "[sync][trust]") {
  CatalogueDir dir;
  auto cat = dir.open();
  for (const char* origin : {"<img src=x onerror=alert(1)>", "../../etc", "SIC"}) {
    Article a = make_article("1");
    a.origin = origin;
    auto stats = merge_one(*cat, a);
    REQUIRE(stats.ok());
    CHECK(stats->refused == 1);
    CHECK(!stored(*cat, a));
  }
}

TEST_CASE("An entry whose signer's key is unknown is held, never shown, until judged again",
          "[sync][trust]") {
  CatalogueDir dir;
  auto cat = dir.open();  // nothing pinned: sic-pt's key is unknown here
  Article a = signed_article("1");
  auto stats = merge_one(*cat, a);
  REQUIRE(stats.ok());
  CHECK(stats->held == 1);
  CHECK(!stored(*cat, a));
  CHECK(cat->held().count("sic-es").value() == 1);
  auto awaited = cat->held().awaited().value();
  REQUIRE(awaited.size() == 1);
  CHECK(awaited[0].signer == "sic-pt");
  CHECK(awaited[0].urls == std::vector<std::string>{"https://sic-pt.example.eu/"});

  // The key becomes known: the same entry is accepted.
  trust_test_origins(*cat);
  stats = merge_one(*cat, a);
  REQUIRE(stats.ok());
  CHECK(stats->added == 1);
}

TEST_CASE("With keys settled, a key the signer does not list is refused, not held",
          "[sync][trust]") {
  CatalogueDir dir;
  auto cat = dir.open();
  trust_test_origins(*cat);
  Article a = make_article("1");
  crypto::KeySigner thief("sic-pt", "https://sic-pt.example.eu/", crypto::SigningKey::generate());
  crypto::sign(thief, a);
  MergeOptions options{"sic-hub", "sic-es"};
  auto stats = merge(*cat, {a}, {}, options);
  REQUIRE(stats.ok());
  CHECK(stats->held == 1);
  options.keys_settled = true;
  stats = merge(*cat, {a}, {}, options);
  REQUIRE(stats.ok());
  CHECK(stats->bad_signatures == 1);
  CHECK(!stored(*cat, a));
}

TEST_CASE("A signature naming another base URL for a bound origin is refused", "[sync][trust]") {
  CatalogueDir dir;
  auto cat = dir.open();
  trust_test_origins(*cat);
  Article a = make_article("1");
  crypto::KeySigner elsewhere("sic-pt", "https://relay.example/", crypto::SigningKey::generate());
  crypto::sign(elsewhere, a);
  auto stats = merge_one(*cat, a);
  REQUIRE(stats.ok());
  CHECK(stats->bad_signatures == 1);
  CHECK(stats->held == 0);
}

TEST_CASE("A revoked key's signatures are refused", "[sync][trust]") {
  CatalogueDir dir;
  auto cat = dir.open();
  std::string key = test_signer("sic-pt").sign("").key;
  REQUIRE(reconcile_origins(*cat, {{"sic-pt", "https://sic-pt.example.eu/", "", {key}}}).ok());
  auto stats = merge_one(*cat, signed_article("1"));
  REQUIRE(stats.ok());
  CHECK(stats->bad_signatures == 1);
  REQUIRE(stats->notes.size() == 1);
  CHECK(stats->notes[0].find("revoked") != std::string::npos);
}

TEST_CASE("A plain feed's entries are the peer's and signed by the reading node", "[sync][trust]") {
  CatalogueDir dir;
  auto cat = dir.open();
  trust_test_origins(*cat);
  Article a = make_article("1");
  a.origin = "";
  MergeOptions options{"sic-hub", "cms-pt"};
  options.signer = &test_signer("sic-hub");
  auto stats = merge(*cat, {a}, {}, options);
  REQUIRE(stats.ok());
  CHECK(stats->added == 1);
  auto row = cat->articles().find(a.id).value();
  REQUIRE(row);
  CHECK(row->article.origin == "cms-pt");
  CHECK(row->article.signature.by == "sic-hub");

  // No signed claim can take the plain origin over, not even in its own name.
  Article claim = make_article("2");
  claim.origin = "cms-pt";
  crypto::KeySigner self("cms-pt", "https://cms-pt.example/", crypto::SigningKey::generate());
  crypto::sign(self, claim);
  stats = merge_one(*cat, claim);
  REQUIRE(stats.ok());
  CHECK(stats->bad_signatures == 1);
  // Nor can an unsigned feed take over a signed node's id.
  Article plain = make_article("3");
  plain.origin = "";
  stats = merge_one(*cat, plain, "sic-es");
  REQUIRE(stats.ok());
  CHECK(stats->refused == 1);
  CHECK(!stored(*cat, plain));
}

TEST_CASE("A translation is judged by its translator's key", "[sync][trust][translations]") {
  CatalogueDir dir;
  auto cat = dir.open();
  trust_test_origins(*cat);
  Article a = signed_article("1");
  Translation en{LanguageTag::parse("en").value(), "Article 1", "", "", TranslationKind::kHuman};
  en.source_hash = a.content_hash();
  Translation forged = en;
  forged.lang = LanguageTag::parse("fr").value();
  crypto::sign(test_signer("sic-es"), a.id, en);  // made by sic-es, not by the origin
  forged.signature = en.signature;                // sic-es's signature of another statement
  a.translations = {en, forged};
  auto stats = merge_one(*cat, a);
  REQUIRE(stats.ok());
  CHECK(stats->translations == 1);
  CHECK(stats->bad_signatures == 1);
  auto kept = cat->translations().list(a.id).value();
  REQUIRE(kept.size() == 1);
  CHECK(kept[0].lang.str() == "en");
  CHECK(kept[0].signature.by == "sic-es");
}

TEST_CASE("An unchanged re-read does no cryptography", "[sync][trust][cost]") {
  CatalogueDir dir;
  auto cat = dir.open();
  trust_test_origins(*cat);
  VerificationCache cache;
  Article a = signed_article("1");
  REQUIRE(merge_one(*cat, a, "sic-es", &cache).ok());
  CHECK(cache.checks() == 1);
  REQUIRE(merge_one(*cat, a, "sic-fr", &cache).ok());  // unchanged: nothing to check
  REQUIRE(merge_one(*cat, a, "sic-es", &cache).ok());
  CHECK(cache.checks() == 1);
}

TEST_CASE(
    "A translation of this node's own article forged in its name is refused; one a peer signs is "
    "kept as the peer's",
    "[sync][trust][translations]") {
  CatalogueDir dir;
  auto cat = dir.open();
  trust_test_origins(*cat);
  Article own = make_article("own");
  own.origin = "sic-hub";  // the merging node (merge_one's own_node)
  crypto::sign(test_signer("sic-hub"), own);
  REQUIRE(cat->articles().put(own).ok());

  Article echoed = own;  // the same version, back from a peer, with translations
  Translation human{LanguageTag::parse("en").value(), "Forged helpline 0900", "", "",
                    TranslationKind::kHuman};
  human.source_hash = own.content_hash();
  human.signature = own.signature;  // the node's own signature, over another statement
  Translation theirs = human;
  theirs.lang = LanguageTag::parse("es").value();
  theirs.title = "Artículo propio";
  crypto::sign(test_signer("sic-es"), own.id, theirs);
  echoed.translations = {human, theirs};
  auto stats = merge_one(*cat, echoed, "sic-es");
  REQUIRE(stats.ok());
  CHECK(stats->translations == 1);  // what the node signs is its own: an echo changes nothing
  auto kept = cat->translations().list(own.id).value();
  REQUIRE(kept.size() == 1);
  CHECK(kept[0].lang.str() == "es");
  CHECK(kept[0].signature.by == "sic-es");
  CHECK(cat->articles().find(own.id).value()->article.title == own.title);
}
