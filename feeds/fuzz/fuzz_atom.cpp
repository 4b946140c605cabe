// libFuzzer target: the Atom reader (via the XML layer), then our own round trip.
#include "feeds/atom/reader.h"
#include "feeds/fuzz/check.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  return sic::fuzz::read_xml_and_check(data, size, sic::atom::read);
}
