#include "tests/feeds/support.h"

#include <stdio.h>
#include <stdlib.h>
#include <sys/wait.h>

#include <algorithm>
#include <catch2/catch.hpp>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <stdexcept>

namespace sic::test {
namespace {

Iri iri(const char* text) { return Iri::parse(text).value(); }
LanguageTag lang(const char* text) { return LanguageTag::parse(text).value(); }

// A temporary folder, removed with everything in it when the object goes.
class TempDir {
 public:
  TempDir() {
    std::string pattern = (std::filesystem::temp_directory_path() / "sic-feeds-XXXXXX").string();
    if (mkdtemp(pattern.data()) == nullptr) throw std::runtime_error("mkdtemp failed");
    path_ = pattern;
  }
  ~TempDir() {
    std::error_code ignored;
    std::filesystem::remove_all(path_, ignored);
  }
  const std::filesystem::path& path() const { return path_; }

 private:
  std::filesystem::path path_;
};

std::string shell_quote(const std::string& s) {
  std::string out = "'";
  for (char c : s) out += c == '\'' ? std::string("'\\''") : std::string(1, c);
  return out + "'";
}

}  // namespace

Feed sample_feed() {
  Feed feed;
  feed.id = "https://sic.example.pt/feeds/atom";
  feed.title = "Centro Internet Segura";
  feed.subtitle = "Notícias da rede";
  feed.node = "sic-pt";
  feed.lang = lang("pt");
  feed.updated = from_unix(1795881845);
  feed.authors = {{"Centro Internet Segura", "https://sic.example.pt/", "info@sic.example.pt"}};
  feed.links = {{"https://sic.example.pt/feeds/atom", "self", "application/atom+xml", ""},
                {"https://sic.example.pt/", "alternate", "text/html", ""},
                {"https://sic.example.pt/feeds/atom?page=2", "next", "application/atom+xml", ""},
                {"https://hub.example.eu/websub", "hub", "", ""}};
  feed.icon = "https://sic.example.pt/icon.png";
  feed.rights = "© 2026 Centro Internet Segura, CC BY 4.0";

  Article a;
  a.id = iri("tag:sic.example.pt,2026:a/1");
  a.origin = "sic-pt";
  a.lang = lang("pt");
  a.title = "Ciberbullying: como ajudar <os> filhos & as filhas";
  a.summary = "Um guia para pais e educadores.";
  a.content_html =
      "<p>Um <strong>guia</strong> com <a href=\"https://sic.example.pt/g\">ligações</a>.</p>";
  a.authors = {{"Linha Internet Segura", "https://sic.example.pt/linha", ""}};
  a.section = "helplines";
  a.tags = {"cyberbullying", "media literacy/education"};
  a.link = "https://sic.example.pt/artigos/1";
  a.rights = "CC BY 4.0";
  a.enclosures = {{"https://sic.example.pt/guia.pdf", "application/pdf", 123456, "O guia"}};
  a.published = from_unix(1795800000);
  a.updated = from_unix(1795881845);
  a.translations = {
      {lang("en"), "Cyberbullying: how to help", "A guide for parents.", "<p>A guide.</p>",
       TranslationKind::kMachine, "apertium", a.content_hash(), from_unix(1795882000), false},
      {lang("es"), "Ciberacoso", "Una guía.", "<p>Una guía.</p>", TranslationKind::kHuman, "",
       a.content_hash(), from_unix(1795883000), true}};
  a.translations[0].link = "https://sic.example.pt/articles/1?lang=en";
  a.translations[1].link = "https://sic.example.pt/articles/1?lang=es";

  Article b;
  b.id = iri("https://bik.example.eu/articles/77");
  b.origin = "bik";
  b.lang = lang("en");
  b.title = "Safer Internet Day 2027";
  b.summary = "";
  b.content_html = "<h2>SID</h2><ul><li>One</li><li>Two</li></ul>";
  b.tags = {"awareness"};
  b.updated = from_unix(1795700000);
  b.shown_translation = TranslationNote{lang("fr"), TranslationKind::kMachine, "apertium", false};
  b.via = "hub";

  feed.articles = {a, b};
  feed.tombstones = {{iri("tag:sic.example.pt,2026:a/0"), "sic-pt", from_unix(1795600000), ""}};
  return feed;
}

Feed empty_feed(std::string id, std::string self, std::string self_type) {
  Feed feed;
  feed.id = std::move(id);
  feed.title = "Empty";
  feed.links = {{std::move(self), "self", std::move(self_type), ""}};
  return feed;
}

Feed parse_ok(const std::string& bytes, std::string base_url,
              std::vector<std::string> video_hosts) {
  ParseOptions options;
  options.base_url = std::move(base_url);
  options.sanitize.video_hosts = std::move(video_hosts);
  auto feed = parse_feed(bytes, options);
  INFO((feed.ok() ? "" : feed.error().message));
  REQUIRE(feed.ok());
  return *feed;
}

bool has_warning(const Feed& f, const std::string& part) {
  return std::any_of(f.warnings.begin(), f.warnings.end(),
                     [&](const std::string& w) { return contains(w, part); });
}

bool contains(const std::string& text, const std::string& part) {
  return text.find(part) != std::string::npos;
}

std::string read_fixture(const std::string& name) {
  std::ifstream in(std::string(SIC_SOURCE_DIR) + "/tests/data/feeds/" + name, std::ios::binary);
  if (!in) throw std::runtime_error("no fixture " + name);
  std::ostringstream s;
  s << in.rdbuf();
  return s.str();
}

CheckResult check_documents(const std::string& format, const std::vector<std::string>& documents) {
  TempDir dir;
  std::string command = "/usr/bin/python3 " +
                        shell_quote(std::string(SIC_SOURCE_DIR) + "/tests/feeds/check_feed.py") +
                        " " + format;
  for (size_t i = 0; i < documents.size(); ++i) {
    auto path = dir.path() / ("doc" + std::to_string(i) + "." + format);
    std::ofstream(path, std::ios::binary) << documents[i];
    command += " " + shell_quote(path.string());
  }
  command += " 2>&1";
  CheckResult result;
  FILE* pipe = popen(command.c_str(), "r");
  if (pipe == nullptr) return result;
  char buf[4096];
  size_t n;
  while ((n = fread(buf, 1, sizeof buf, pipe)) > 0) result.output.append(buf, n);
  int status = pclose(pipe);
  result.exit_code = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
  return result;
}

}  // namespace sic::test
