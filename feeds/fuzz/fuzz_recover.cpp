// libFuzzer target: the recovery path of liberal reading (xml/repair.h). What it
// repairs must be well-formed for the strict parser and within the limits; a document
// read through Document::read must then read and round-trip like any other.
#include "feeds/atom/reader.h"
#include "feeds/fuzz/check.h"
#include "feeds/rss/reader.h"
#include "feeds/xml/repair.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  std::string_view bytes(reinterpret_cast<const char*>(data), size);
  auto utf8 = sic::xml::to_utf8(bytes, sic::xml::Syntax::kXml);
  if (!utf8.ok()) return 0;
  sic::xml::Limits limits{.max_depth = 64, .max_elements = 5000};
  auto repaired = sic::xml::repair(*utf8, limits);
  if (repaired.ok()) {
    if (repaired->xml.size() > 2 * utf8->size() + 64 * 1024) {
      std::fprintf(stderr, "repair grew the document beyond its bound\n");
      std::abort();
    }
    auto strict = sic::xml::Document::parse(repaired->xml, "", limits);
    if (!strict.ok()) {
      std::fprintf(stderr, "repaired XML does not parse: %s\n%s\n", strict.error().message.c_str(),
                   repaired->xml.c_str());
      std::abort();
    }
  }
  auto doc = sic::xml::Document::read(std::move(*utf8), "https://fuzz.example/feed", limits);
  if (!doc.ok()) return 0;
  sic::ParseOptions options;
  options.base_url = "https://fuzz.example/feed";
  for (auto read : {sic::atom::read, sic::rss::read}) {
    auto feed = read(**doc, options);
    if (feed.ok()) sic::fuzz::check_round_trip(*feed);
  }
  return 0;
}
