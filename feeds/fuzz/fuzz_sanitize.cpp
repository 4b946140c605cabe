// libFuzzer target: the sanitizer is idempotent and html_to_text never fails.
#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <cstdlib>

#include "feeds/feeds.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  std::string_view html(reinterpret_cast<const char*>(data), size);
  sic::SanitizeOptions options;
  options.video_hosts = {"www.youtube-nocookie.com"};
  for (const char* base : {"", "https://fuzz.example/a/b"}) {
    std::string once = sic::sanitize_html(html, base, options);
    if (sic::sanitize_html(once, base, options) != once) {
      std::fprintf(stderr, "not idempotent:\n%s\n", once.c_str());
      std::abort();
    }
  }
  (void)sic::html_to_text(html);
  return 0;
}
