#include "feeds/model/article.h"

#include <catch2/catch.hpp>

using namespace sic;

namespace {
Article sample() {
  Article a;
  a.id = Iri::parse("tag:sic.example.pt,2026:a/1").value();
  a.origin = "sic-pt";
  a.lang = LanguageTag::parse("pt").value();
  a.title = "Linha Internet Segura";
  a.updated = from_unix(1795881845);
  return a;
}
}  // namespace

TEST_CASE("The content hash is stable and sensitive to every content field", "[model][hash]") {
  Article a = sample();
  std::string h = a.content_hash();
  CHECK(h.size() == 64);
  CHECK(sample().content_hash() == h);

  Article b = sample();
  b.via = "hub";
  b.translations.push_back({});
  CHECK(b.content_hash() == h);  // neither relay hop nor translations are content

  auto differs = [&](auto change) {
    Article c = sample();
    change(c);
    return c.content_hash() != h;
  };
  CHECK(differs([](Article& c) { c.title += "!"; }));
  CHECK(differs([](Article& c) { c.tags.push_back("grooming"); }));
  CHECK(differs([](Article& c) { c.updated += std::chrono::seconds(1); }));
  CHECK(differs([](Article& c) { c.published = c.updated; }));
  CHECK(differs([](Article& c) { c.authors.push_back({"INHOPE", "", ""}); }));
  CHECK(differs([](Article& c) { c.enclosures.push_back({"https://x.eu/a.mp3", "", 0, ""}); }));
}

TEST_CASE("An image is content only when there is one", "[model][hash]") {
  // The hash of an article without an image is the one it had before images existed
  // (signatures made then stay valid): pinned here.
  CHECK(sample().content_hash() ==
        "39477fc1c53c9b68d094fe1d75cdb26ee3cfa47f19cfbac847c5ad24d1e4a211");
  Article a = sample();
  a.image = {"https://x.eu/p.jpg", ""};
  Article b = a;
  b.image.alt = "A phone";
  CHECK(a.content_hash() != sample().content_hash());
  CHECK(b.content_hash() != a.content_hash());
  Article c = sample();
  c.image.alt = "ignored without a url";
  CHECK(c.content_hash() == sample().content_hash());
}

TEST_CASE("Field boundaries matter to the content hash", "[model][hash]") {
  Article a = sample(), b = sample();
  a.title = "ab";
  a.summary = "c";
  b.title = "a";
  b.summary = "bc";
  CHECK(a.content_hash() != b.content_hash());
}
