// libFuzzer target: the RSS reader (via the XML layer), then our own round trip.
#include "feeds/fuzz/check.h"
#include "feeds/rss/reader.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  return sic::fuzz::read_xml_and_check(data, size, sic::rss::read);
}
