// Translation pages in feeds: hreflang alternate links in Atom and RSS, "url" in JSON
// Feed (docs/feeds.md, "Extension").
#include <catch2/catch.hpp>

#include "feeds/feeds.h"
#include "tests/feeds/support.h"

using namespace sic;
using test::contains;

namespace {

LanguageTag lang(const char* text) { return LanguageTag::parse(text).value(); }

Translation translation(const char* language, std::string link) {
  Translation t;
  t.lang = lang(language);
  t.title = std::string("Title in ") + language;
  t.kind = TranslationKind::kHuman;
  t.translated_at = from_unix(1795882000);
  t.link = std::move(link);
  return t;
}

Feed feed_with_translations() {
  Article a;
  a.id = Iri::parse("tag:sic.example.pt,2026:a/1").value();
  a.lang = lang("pt");
  a.title = "Ciberbullying";
  a.content_html = "<p>Um guia.</p>";
  a.link = "https://sic.example.pt/articles/1";
  a.updated = from_unix(1795881845);
  a.translations = {translation("en", "https://sic.example.pt/articles/1?lang=en"),
                    translation("es", "https://sic.example.pt/articles/1?lang=es")};
  Feed f;
  f.id = "https://sic.example.pt/feeds/atom";
  f.title = "SIC";
  f.lang = lang("pt");
  f.links = {{f.id, "self", "", ""}};
  f.articles = {a};
  return f;
}

Article only_article(const Feed& f) {
  REQUIRE(f.articles.size() == 1);
  return f.articles[0];
}

std::string atom_entry(const std::string& links) {
  return "<feed xmlns='http://www.w3.org/2005/Atom' xmlns:sic='https://sicnode.eu/ns/1.0' "
         "xml:lang='pt'><id>tag:x,2026:f</id><title>T</title>"
         "<updated>2026-11-28T16:04:05Z</updated><entry><id>tag:x,2026:a</id><title>A</title>"
         "<updated>2026-11-28T16:04:05Z</updated>" +
         links +
         "<content type='html'>x</content>"
         "<sic:translation xml:lang='en' kind='human' translated='2026-11-28T16:04:05Z'>"
         "<sic:title>A en</sic:title></sic:translation>"
         "<sic:translation xml:lang='es' kind='machine' engine='apertium' "
         "translated='2026-11-28T16:04:05Z'><sic:title>A es</sic:title></sic:translation>"
         "</entry></feed>";
}

std::string rss_item(const std::string& links) {
  return "<rss version='2.0' xmlns:atom='http://www.w3.org/2005/Atom' "
         "xmlns:sic='https://sicnode.eu/ns/1.0'><channel><title>T</title>"
         "<link>https://x.example/</link><description>D</description><language>pt</language>"
         "<item><title>A</title><guid isPermaLink='false'>tag:x,2026:a</guid>" +
         links +
         "<sic:translation xml:lang='en' kind='human' translated='2026-11-28T16:04:05Z'>"
         "<sic:title>A en</sic:title></sic:translation>"
         "<sic:translation xml:lang='es' kind='human' translated='2026-11-28T16:04:05Z'>"
         "<sic:title>A es</sic:title></sic:translation></item></channel></rss>";
}

// The one entry of doc has its own page and both translations' pages.
void check_pages(const std::string& doc) {
  Article a = only_article(test::parse_ok(doc));
  CHECK(a.link == "https://x.example/a");
  REQUIRE(a.translations.size() == 2);
  CHECK(a.translations[0].link == "https://x.example/a?lang=en");
  CHECK(a.translations[1].link == "https://x.example/a?lang=es");
}

std::string link(const std::string& element, const std::string& hreflang, const std::string& href) {
  std::string attrs = "rel='alternate' type='text/html' href='" + href + "'";
  if (!hreflang.empty()) attrs += " hreflang='" + hreflang + "'";
  return "<" + element + " " + attrs + "/>";
}

}  // namespace

TEST_CASE("Translation pages go out and come back in every format, the article's link unchanged",
          "[feeds][extension]") {
  Feed feed = feed_with_translations();
  for (auto format : {FeedFormat::kAtom, FeedFormat::kJsonFeed, FeedFormat::kRss}) {
    INFO(to_string(format));
    Feed back = test::parse_ok(write_feed(format, feed), "https://elsewhere.example/feed");
    Article a = only_article(back);
    CHECK(a.link == "https://sic.example.pt/articles/1");
    REQUIRE(a.translations.size() == 2);
    CHECK(a.translations[0].link == "https://sic.example.pt/articles/1?lang=en");
    CHECK(a.translations[1].link == "https://sic.example.pt/articles/1?lang=es");
    CHECK(a == feed.articles[0]);
    CHECK(back.warnings.empty());
  }
}

TEST_CASE("The writers carry a translation's page as an alternate link with hreflang",
          "[feeds][extension]") {
  Feed feed = feed_with_translations();
  feed.articles[0].translations[1].link = "";  // unknown: no link
  std::string atom = write_feed(FeedFormat::kAtom, feed);
  INFO(atom);
  const std::string en_link =
      "<link rel=\"alternate\" type=\"text/html; charset=utf-8\" hreflang=\"en\" "
      "href=\"https://sic.example.pt/articles/1?lang=en\"/>";
  const std::string own_link =
      "<link rel=\"alternate\" type=\"text/html\" href=\"https://sic.example.pt/articles/1\"/>";
  REQUIRE(contains(atom, en_link));
  // Before the entry's own link: newsboat and feedparser take the last one.
  CHECK(atom.find(en_link) < atom.find(own_link));
  CHECK_FALSE(contains(atom, "hreflang=\"es\""));
  std::string rss = write_feed(FeedFormat::kRss, feed);
  CHECK(contains(rss,
                 "<atom:link rel=\"alternate\" type=\"text/html; charset=utf-8\" hreflang=\"en\" "
                 "href=\"https://sic.example.pt/articles/1?lang=en\"/>"));
  // Before <link>: feedparser and newsboat take the last page link as the item's link.
  CHECK(rss.find("hreflang=\"en\"") < rss.find("<link>https://sic.example.pt/articles/1</link>"));
  CHECK_FALSE(contains(rss, "hreflang=\"es\""));
  std::string json = write_feed(FeedFormat::kJsonFeed, feed);
  INFO(json);
  CHECK(contains(json, "\"url\": \"https://sic.example.pt/articles/1?lang=en\""));
  CHECK_FALSE(contains(json, "?lang=es"));
}

TEST_CASE("A translation in the article's own language gets no alternate link",
          "[feeds][extension]") {
  Feed feed = feed_with_translations();
  feed.articles[0].translations[0].lang = lang("pt");
  CHECK_FALSE(contains(write_feed(FeedFormat::kAtom, feed), "hreflang=\"pt\""));
  CHECK_FALSE(contains(write_feed(FeedFormat::kRss, feed), "hreflang=\"pt\""));
}

TEST_CASE("An Atom entry's link is its own alternate link whatever the order of the links",
          "[feeds][extension][atom]") {
  const std::string own = link("link", "", "https://x.example/a");
  const std::string own_pt = link("link", "pt", "https://x.example/a");
  const std::string en = link("link", "en", "https://x.example/a?lang=en");
  const std::string es = link("link", "es", "https://x.example/a?lang=es");
  for (const auto& links : {own + en + es, en + own + es, en + es + own, es + en + own_pt}) {
    INFO(links);
    check_pages(atom_entry(links));
  }
}

TEST_CASE("An RSS item's link is its own whatever the order of its atom:link alternates",
          "[feeds][extension][rss]") {
  const std::string own = link("atom:link", "", "https://x.example/a");
  const std::string en = link("atom:link", "en", "https://x.example/a?lang=en");
  const std::string es = link("atom:link", "es", "https://x.example/a?lang=es");
  const std::string page = "<link>https://x.example/a</link>";
  for (const auto& links : {page + en + es, en + es + page, en + own + es, es + en + own}) {
    INFO(links);
    check_pages(rss_item(links));
  }
}

TEST_CASE("An item without a page of its own does not take a translation's page",
          "[feeds][extension]") {
  Article atom =
      only_article(test::parse_ok(atom_entry(link("link", "en", "https://x.example/a?lang=en"))));
  CHECK(atom.link.empty());
  CHECK(atom.translations[0].link == "https://x.example/a?lang=en");
  Article rss = only_article(
      test::parse_ok(rss_item(link("atom:link", "en", "https://x.example/a?lang=en"))));
  CHECK(rss.link.empty());
  CHECK(rss.translations[0].link == "https://x.example/a?lang=en");
}

TEST_CASE("An alternate link whose hreflang names no translation is read as before",
          "[feeds][extension]") {
  // fr is no translation's language: the first HTML alternate is the page, as always.
  const Article& a =
      only_article(test::parse_ok(atom_entry(link("link", "fr", "https://x.example/a?lang=fr") +
                                             link("link", "", "https://x.example/a"))));
  CHECK(a.link == "https://x.example/a?lang=fr");
  for (const auto& t : a.translations) CHECK(t.link.empty());
  // A link in the entry's own language is the entry's.
  const Article& b =
      only_article(test::parse_ok(atom_entry(link("link", "pt", "https://x.example/a?lang=pt") +
                                             link("link", "en", "https://x.example/a?lang=en"))));
  CHECK(b.link == "https://x.example/a?lang=pt");
  CHECK(b.translations[0].link == "https://x.example/a?lang=en");
  // Without our extension, hreflang links are plain alternates (foreign feeds).
  Feed foreign = test::parse_ok(
      "<feed xmlns='http://www.w3.org/2005/Atom'><id>tag:x,2026:f</id><title>T</title>"
      "<updated>2026-11-28T16:04:05Z</updated><entry><id>tag:x,2026:a</id><title>A</title>"
      "<updated>2026-11-28T16:04:05Z</updated>" +
      link("link", "en", "https://x.example/a?lang=en") + link("link", "", "https://x.example/a") +
      "</entry></feed>");
  CHECK(only_article(foreign).link == "https://x.example/a?lang=en");
  CHECK(only_article(foreign).translations.empty());
}

TEST_CASE("Only the first link for a translation's language is its page", "[feeds][extension]") {
  Article a = only_article(test::parse_ok(atom_entry(
      link("link", "", "https://x.example/a") + link("link", "en", "https://x.example/a?lang=en") +
      link("link", "en", "https://x.example/a?lang=en&again"))));
  CHECK(a.link == "https://x.example/a");
  CHECK(a.translations[0].link == "https://x.example/a?lang=en");
}

TEST_CASE("A JSON Feed translation's url is resolved against the feed", "[feeds][extension]") {
  Feed f = test::parse_ok(
      R"({"version":"https://jsonfeed.org/version/1.1","title":"T","items":[{"id":"tag:x,2026:a",
      "content_html":"x","url":"/a","_sicnode":{"translations":[{"lang":"en","title":"A",
      "kind":"human","translated_at":"2026-11-28T16:04:05Z","url":"/a?lang=en"}]}}]})",
      "https://x.example/feeds/json");
  Article a = only_article(f);
  CHECK(a.link == "https://x.example/a");
  REQUIRE(a.translations.size() == 1);
  CHECK(a.translations[0].link == "https://x.example/a?lang=en");
}

TEST_CASE("A translation's link is not content", "[feeds][extension][model]") {
  Article a = feed_with_translations().articles[0];
  std::string hash = a.content_hash();
  a.translations[0].link = "https://elsewhere.example/a?lang=en";
  CHECK(a.content_hash() == hash);
}

TEST_CASE("A translation's page that is not an http(s) URL is dropped, in every format",
          "[feeds][extension][hostile]") {
  for (const char* href : {"javascript:alert(1)", "data:text/html;base64,PHNjcmlwdD4=",
                           "vbscript:msgbox", "file:///etc/passwd"}) {
    INFO(href);
    Article atom = only_article(test::parse_ok(
        atom_entry(link("link", "", "https://x.example/a") + link("link", "en", href))));
    CHECK(atom.link == "https://x.example/a");
    REQUIRE(atom.translations.size() == 2);
    CHECK(atom.translations[0].link.empty());
    Article rss = only_article(test::parse_ok(
        rss_item("<link>https://x.example/a</link>" + link("atom:link", "en", href))));
    CHECK(rss.link == "https://x.example/a");
    REQUIRE(rss.translations.size() == 2);
    CHECK(rss.translations[0].link.empty());
    Article json = only_article(test::parse_ok(
        std::string(R"({"version":"https://jsonfeed.org/version/1.1","title":"T","items":[)") +
        R"({"id":"tag:x,2026:a","content_html":"x","url":"https://x.example/a",)" +
        R"("_sicnode":{"translations":[{"lang":"en","title":"A","kind":"human",)" +
        R"("translated_at":"2026-11-28T16:04:05Z","url":")" + href + R"("}]}}]})"));
    CHECK(json.link == "https://x.example/a");
    REQUIRE(json.translations.size() == 1);
    CHECK(json.translations[0].link.empty());
  }
}

// The Media RSS prefix is declared once, on <feed> or <rss>, and only when an article
// has an image.
bool declares_media_once_on_root(const std::string& doc) {
  const std::string decl = "xmlns:media=\"http://search.yahoo.com/mrss/\"";
  size_t at = doc.find(decl);
  if (at == std::string::npos || doc.find(decl, at + 1) != std::string::npos) return false;
  size_t root = doc.find_first_of('<', doc.find("?>") + 2);
  return at < doc.find('>', root);
}

TEST_CASE(
    "An article's image is written as media:content with its alt in Atom and RSS, and read back",
    "[feeds][image]") {
  Feed feed = test::sample_feed();
  feed.articles[0].image = {"https://sic.example.pt/i/a.jpg", "Pais & filhos"};
  for (auto [format, name] : {std::pair{FeedFormat::kAtom, "atom"}, {FeedFormat::kRss, "rss"}}) {
    INFO(name);
    std::string doc = write_feed(format, feed);
    CHECK(contains(doc, "<media:content url=\"https://sic.example.pt/i/a.jpg\" medium=\"image\">"));
    CHECK(contains(doc, "<media:description type=\"plain\">Pais &amp; filhos</media:description>"));
    CHECK(declares_media_once_on_root(doc));
    auto back = parse_feed(doc, ParseOptions{});
    REQUIRE(back.ok());
    CHECK(back->articles[0].image == feed.articles[0].image);
    CHECK(back->articles[1].image == Image{});
    auto result = test::check_documents(name, {doc});
    INFO(result.output);
    CHECK(result.exit_code == 0);
  }
}

TEST_CASE("A feed with several images declares the Media RSS prefix once, on its root",
          "[feeds][image]") {
  Feed feed = test::sample_feed();
  int n = 0;
  for (auto& a : feed.articles) a.image = {"https://sic.example.pt/i/" + std::to_string(++n), ""};
  Feed plain = test::sample_feed();
  for (auto [format, name] : {std::pair{FeedFormat::kAtom, "atom"}, {FeedFormat::kRss, "rss"}}) {
    INFO(name);
    std::string doc = write_feed(format, feed);
    CHECK(declares_media_once_on_root(doc));
    CHECK_FALSE(contains(write_feed(format, plain), "xmlns:media"));
    auto back = parse_feed(doc, ParseOptions{});
    REQUIRE(back.ok());
    for (size_t i = 0; i < feed.articles.size(); ++i)
      CHECK(back->articles[i].image == feed.articles[i].image);
    auto result = test::check_documents(name, {doc});
    INFO(result.output);
    CHECK(result.exit_code == 0);
  }
}
