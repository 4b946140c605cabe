// Generated feeds with awkward content, through the validators of every format.
#include <catch2/catch.hpp>
#include <random>

#include "feeds/feeds.h"
#include "tests/feeds/support.h"

using namespace sic;

namespace {

Feed awkward_feed() {
  const std::vector<std::string> text = {"]]>",  "&", "<b>",     "a < b", "AT&T", "\x01",  "\r\n",
                                         "שלום", "😀", "e\u0301", "&amp;", "<!--", "\"q\"", "x"};
  const std::vector<std::string> html = {"<p>",
                                         "</p>",
                                         "<a href=\"https://x.eu/?a=1&b=2\">",
                                         "</a>",
                                         "<img src=\"https://x.eu/i.png\">",
                                         "<script>x</script>",
                                         "<table><tr><td>",
                                         "]]>",
                                         "&",
                                         "<b>",
                                         "</b>"};
  std::mt19937 rng(7);
  auto pick = [&](const std::vector<std::string>& v) {
    return v[std::uniform_int_distribution<size_t>(0, v.size() - 1)(rng)];
  };
  auto words = [&](const std::vector<std::string>& v, int n) {
    std::string s;
    for (int i = 0; i < n; ++i) s += pick(v) + " ";
    return s;
  };
  Feed feed = test::sample_feed();
  feed.title = canonical_text(words(text, 4));
  for (int i = 0; i < 40; ++i) {
    Article a = feed.articles[size_t(i % 2)];
    a.id = Iri::parse("tag:x.eu,2026:gen/" + std::to_string(i)).value();
    a.title = words(text, 5);
    a.summary = words(text, 8);
    a.content_html = words(html, 12);
    a.tags = {words(text, 2)};
    a.rights = words(text, 2);
    if (i % 3 == 0) a.authors.clear();
    canonicalize_article(a, {});
    feed.articles.push_back(a);
  }
  return feed;
}

}  // namespace

TEST_CASE("Feeds with awkward content pass every format's checks", "[feeds][external]") {
  Feed feed = awkward_feed();
  for (auto format : {FeedFormat::kAtom, FeedFormat::kRss, FeedFormat::kJsonFeed}) {
    auto result = test::check_documents(to_string(format), {write_feed(format, feed)});
    INFO(to_string(format) << ":\n" << result.output);
    CHECK(result.exit_code == 0);
  }
}
