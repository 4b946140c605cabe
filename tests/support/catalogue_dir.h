// A fresh catalogue in its own temporary directory, removed afterwards; shared by the
// catalogue, sync and translate tests. Header-only: the test links sic_catalogue.
#pragma once

#include <stdlib.h>

#include <filesystem>
#include <memory>
#include <string>

#include "feeds/model/article.h"
#include "node/catalogue/catalogue.h"

namespace sic::testing {

class FixedClock final : public Clock {
 public:
  explicit FixedClock(std::int64_t unix_seconds) : now_(from_unix(unix_seconds)) {}
  TimePoint now() const override { return now_; }
  void advance(std::chrono::seconds d) { now_ += d; }

 private:
  TimePoint now_;
};

struct CatalogueDir {
  std::filesystem::path dir;
  FixedClock clock{1795881845};
  CatalogueDir() {
    std::string tmpl = (std::filesystem::temp_directory_path() / "sic-cat-XXXXXX").string();
    dir = mkdtemp(tmpl.data());
  }
  ~CatalogueDir() { std::filesystem::remove_all(dir); }
  std::string file() const { return (dir / Catalogue::kFileName).string(); }
  std::unique_ptr<Catalogue> open() { return std::move(Catalogue::open(file(), clock).value()); }
};

inline Article make_article(const std::string& suffix, std::int64_t updated = 1795881845) {
  Article a;
  a.id = Iri::parse("tag:sic.example.pt,2026:a/" + suffix).value();
  a.origin = "sic-pt";
  a.lang = LanguageTag::parse("pt").value();
  a.title = "Artigo " + suffix;
  a.summary = "Resumo";
  a.content_html = "<p>Corpo</p>";
  a.section = "helplines";
  a.tags = {"cyberbullying", "grooming"};
  a.authors = {{"Portuguese Safer Internet Centre", "https://sic.example.pt/", ""}};
  a.updated = from_unix(updated);
  a.published = from_unix(updated - 3600);
  return a;
}

}  // namespace sic::testing
