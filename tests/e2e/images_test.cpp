// An image from a CMS feed, end to end: a real node imports an RSS feed with Media RSS
// from its [[sources]] over HTTP, shows the image on its listing and article page, and
// gives it back in all three feeds, where feedparser finds it.
#include <cpprest/json.h>

#include <catch2/catch.hpp>
#include <set>
#include <string>
#include <vector>

#include "tests/e2e/feed_readers.h"
#include "tests/support/http_client.h"
#include "tests/support/sicnode.h"
#include "tests/support/test_server.h"

using namespace sic;
using namespace sic::test;

namespace {

// The shape WordPress and Drupal feeds have: media:content with a description, a
// second item whose only picture is in its body.
const std::string kCmsFeed = R"(<?xml version="1.0" encoding="UTF-8"?>
<rss version="2.0" xmlns:media="http://search.yahoo.com/mrss/"
     xmlns:content="http://purl.org/rss/1.0/modules/content/"><channel>
  <title>Centro de Internet Segura</title><link>https://cms.example.pt/</link>
  <language>pt</language>
  <item><title>Dia da Internet Mais Segura</title>
    <link>https://cms.example.pt/noticias/dia</link>
    <description>Escolas convidadas.</description>
    <media:content url="https://cms.example.pt/uploads/dia.jpg" medium="image" type="image/jpeg"
      width="1200" height="675"><media:description>Crianças numa sala de aula</media:description>
    </media:content>
    <pubDate>Tue, 06 Oct 2026 09:00:00 +0000</pubDate></item>
  <item><title>Linha de apoio</title><link>https://cms.example.pt/noticias/linha</link>
    <content:encoded><![CDATA[<p><img src="https://cms.example.pt/uploads/linha.png" alt="">Ligue-nos.</p>]]></content:encoded>
    <pubDate>Wed, 07 Oct 2026 09:00:00 +0000</pubDate></item>
</channel></rss>)";

const std::string kDia = "https://cms.example.pt/uploads/dia.jpg";
const std::string kLinha = "https://cms.example.pt/uploads/linha.png";

std::string body_of(TestNode& node, const std::string& path) {
  HttpResult r = http_get(node.url(path));
  INFO(path);
  REQUIRE(r.status == 200);
  return r.body;
}

bool has(const std::string& text, const std::string& needle) {
  return text.find(needle) != std::string::npos;
}

}  // namespace

TEST_CASE("An image from a CMS feed shows on the listing, the article page and in every feed",
          "[e2e][images]") {
  TestServer cms;
  Reply feed;
  feed.body = kCmsFeed;
  feed.content_type = "application/rss+xml";
  cms.route("/rss", feed);
  TestNode node({.id = "sic-pt",
                 .languages = {"pt"},
                 .extra_toml = "[[sources]]\nid = \"cms\"\nurl = \"" + cms.url("/rss") + "\"\n"});
  CommandResult imported = node.run({"import"});
  INFO(imported.out << imported.err);
  REQUIRE(imported.status == 0);
  node.start();

  std::string listing = body_of(node, "/");
  CHECK(has(listing, "<img class=\"thumb\" src=\"" + kDia +
                         "\" alt=\"Crianças numa sala de aula\" lang=\"pt\""));
  CHECK(has(listing, "<img class=\"thumb\" src=\"" + kLinha + "\" alt=\"\""));

  auto api = web::json::value::parse(body_of(node, "/api/articles"))["articles"];
  REQUIRE(api.size() == 2);
  std::string dia_page;
  for (auto& a : api.as_array())
    if (a["title"].as_string() == "Dia da Internet Mais Segura") {
      CHECK(a["image"]["url"].as_string() == kDia);
      dia_page = a["url"].as_string();
    }
  REQUIRE(!dia_page.empty());
  HttpResult page = http_get(dia_page);
  REQUIRE(page.status == 200);
  CHECK(has(page.body, "<img class=\"hero\" src=\"" + kDia + "\""));
  CHECK(has(page.body, "<meta property=\"og:image\" content=\"" + kDia + "\">"));

  std::string atom = body_of(node, "/feeds/atom"), rss = body_of(node, "/feeds/rss");
  for (const std::string* doc : {&atom, &rss}) {
    CHECK(has(*doc, "<media:content url=\"" + kDia + "\" medium=\"image\">"));
    CHECK(has(*doc, " xmlns:media=\"http://search.yahoo.com/mrss/\""));  // on the root only
    CHECK_FALSE(has(*doc, "<media:content xmlns:media="));
    CHECK(has(*doc, "<media:description type=\"plain\">Crianças numa sala de aula<"));
    CHECK(has(*doc, "url=\"" + kLinha + "\""));
  }
  auto json = web::json::value::parse(body_of(node, "/feeds/json"));
  int images = 0;
  for (auto& item : json["items"].as_array())
    if (item.has_field("image"))
      images += item["image"].as_string() == kDia || item["image"].as_string() == kLinha;
  CHECK(images == 2);

  auto readers = read_with_feed_readers({node.url("/feeds/atom"), node.url("/feeds/rss")});
  REQUIRE(!readers.is_null());
  for (const char* path : {"/feeds/atom", "/feeds/rss"}) {
    INFO(path);
    std::set<std::string> seen;
    for (auto& e : readers["feedparser"][node.url(path)].as_array())
      seen.insert(e["image"].as_string());
    CHECK(seen == std::set<std::string>{kDia, kLinha});
  }
}

TEST_CASE("The publishing API takes an image, and refuses a hostile one naming the field",
          "[e2e][images]") {
  TestNode node({.id = "sic-pt", .languages = {"pt"}});
  std::string token = node.create_token();
  node.start();
  Headers auth = {{"Authorization", "Bearer " + token}, {"Content-Type", "application/json"}};
  HttpResult ok = http_post(node.url("/api/articles"),
                            R"({"title": "Com imagem", "lang": "pt", "image": )"
                            R"({"url": "https://sic.example.pt/i.jpg", "alt": "Um telefone"}})",
                            auth);
  INFO(ok.body);
  REQUIRE(ok.status == 201);
  auto stored = web::json::value::parse(ok.body);
  CHECK(stored["image"]["url"].as_string() == "https://sic.example.pt/i.jpg");
  CHECK(stored["image"]["alt"].as_string() == "Um telefone");
  const std::vector<std::string> hostile = {
      R"j({"url": "javascript:alert(1)"})j", R"j({"alt": "no url"})j",
      R"j({"url": "https://x.eu/i.jpg", "width": 3})j", R"j("https://x.eu")j"};
  for (const std::string& image : hostile) {
    INFO(image);
    HttpResult bad = http_post(node.url("/api/articles"),
                               R"({"title": "Sem", "lang": "pt", "image": )" + image + "}", auth);
    CHECK(bad.status == 400);
    CHECK(has(bad.body, "\"field\":\"image"));
  }
  auto listed = web::json::value::parse(body_of(node, "/api/articles"))["articles"];
  CHECK(listed.size() == 1);
}
