// The facade: detect the format, call one reader or writer (docs/feeds.md).
#include "feeds/feeds.h"

#include <cstdlib>

#include "feeds/atom/writer.h"

namespace sic {

std::string write_feed(FeedFormat format, const Feed& feed) {
  switch (format) {
    case FeedFormat::kAtom:
      return atom::write(feed);
    case FeedFormat::kJsonFeed:
    case FeedFormat::kRss:
      break;
  }
  std::abort();  // JSON Feed and RSS writers: next commits.
}

}  // namespace sic
