// libFuzzer target: the JSON Feed reader, then our own round trip.
#include <cstddef>
#include <cstdint>

#include "feeds/fuzz/check.h"
#include "feeds/json_feed/reader.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  std::string_view bytes(reinterpret_cast<const char*>(data), size);
  sic::ParseOptions options;
  options.base_url = "https://fuzz.example/feed.json";
  auto feed = sic::json_feed::read(bytes, options);
  if (feed.ok()) sic::fuzz::check_round_trip(*feed);
  return 0;
}
