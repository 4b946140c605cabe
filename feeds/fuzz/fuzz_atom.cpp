// libFuzzer target: the Atom reader (via the XML layer), then our own round trip.
#include <cstddef>
#include <cstdint>
#include <string>

#include "feeds/atom/reader.h"
#include "feeds/fuzz/check.h"
#include "feeds/xml/encoding.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  std::string_view bytes(reinterpret_cast<const char*>(data), size);
  auto utf8 = sic::xml::to_utf8(bytes, sic::xml::Syntax::kXml);
  if (!utf8.ok()) return 0;
  auto doc = sic::xml::Document::parse(std::move(*utf8), "https://fuzz.example/feed");
  if (!doc.ok()) return 0;
  sic::ParseOptions options;
  options.base_url = "https://fuzz.example/feed";
  auto feed = sic::atom::read(**doc, options);
  if (feed.ok()) sic::fuzz::check_round_trip(*feed);
  return 0;
}
