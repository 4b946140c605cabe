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

TEST_CASE("Field boundaries matter to the content hash", "[model][hash]") {
  Article a = sample(), b = sample();
  a.title = "ab";
  a.summary = "c";
  b.title = "a";
  b.summary = "bc";
  CHECK(a.content_hash() != b.content_hash());
}
