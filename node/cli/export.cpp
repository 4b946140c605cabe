// sicnode export DIR: the feeds, archives, pages and OPML list as static files, for a
// web server or a CDN (docs/publishing.md, "Static export").
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <unistd.h>

#include <CLI/CLI.hpp>
#include <cerrno>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <set>

#include "node/app/app.h"
#include "node/catalogue/articles.h"
#include "node/cli/common.h"
#include "node/pages/pages.h"
#include "node/publish/feed_documents.h"
#include "node/publish/opml.h"

namespace sic::cli {
namespace {

namespace fs = std::filesystem;
using publish::Document;
using publish::FeedQuery;

// Marks a folder made by export: only such a folder (or an empty one) is replaced.
constexpr const char* kMarker = ".sicnode-export";
constexpr int kAttempts = 3;

std::string lang_suffix(const LanguageTag& lang) {
  return lang.empty() ? "" : ".lang-" + lang.str();
}

class Exporter {
 public:
  Exporter(const NodeContext& ctx, Catalogue& cat, fs::path root)
      : ctx_(ctx), cat_(cat), root_(std::move(root)) {}

  Status run() {
    for (auto step :
         {&Exporter::feeds, &Exporter::listings, &Exporter::articles, &Exporter::extras})
      if (Status st = (this->*step)(); !st.ok()) return st;
    return Status::Ok();
  }
  std::size_t files() const { return files_; }

 private:
  Status write(const fs::path& relative, const std::string& bytes) {
    fs::path path = root_ / relative;
    std::error_code ec;
    fs::create_directories(path.parent_path(), ec);
    std::ofstream out(path, std::ios::binary);
    out << bytes;
    out.close();
    if (ec || !out) return Error{"export: cannot write " + path.string()};
    ++files_;
    return Status::Ok();
  }

  Status write_doc(const fs::path& relative, const Result<Document>& doc) {
    if (!doc.ok()) return doc.error();
    return write(relative, doc->body);
  }

  std::vector<LanguageTag> languages() const {
    std::vector<LanguageTag> out = {LanguageTag()};
    out.insert(out.end(), ctx_.config.node.languages.begin(), ctx_.config.node.languages.end());
    return out;
  }

  Status feeds() {
    auto months = publish::archive_months(cat_);
    if (!months.ok()) return months.error();
    for (FeedFormat format : {FeedFormat::kAtom, FeedFormat::kJsonFeed, FeedFormat::kRss}) {
      fs::path dir = fs::path("feeds") / to_string(format);
      std::string ext = std::string(".") + to_string(format);
      for (const auto& lang : languages()) {
        FeedQuery q;
        q.lang = lang;
        std::string name = "index" + lang_suffix(lang) + ext;
        auto live = publish::render_live_feed(ctx_, cat_, format, q, {.paging = false});
        if (Status st = write_doc(dir / name, live); !st.ok()) return st;
        for (auto month : *months)
          if (Status st =
                  archive(format, month, q, dir / "archive" / publish::month_text(month), name);
              !st.ok())
            return st;
      }
    }
    return Status::Ok();
  }

  // A month's archive: its last part as MONTH/NAME (the month's URL) and every part as
  // MONTH/N/NAME (docs/publishing.md, "Archives").
  Status archive(FeedFormat format, publish::Month month, const FeedQuery& q, const fs::path& dir,
                 const std::string& name) {
    auto parts = publish::archive_parts(ctx_, cat_, month, q);
    if (!parts.ok()) return parts.error();
    if (Status st = write_doc(dir / name, publish::render_archive(ctx_, cat_, format, month, q));
        !st.ok())
      return st;
    for (std::size_t k = 1; k <= *parts; ++k) {
      auto doc = publish::render_archive(ctx_, cat_, format, month, q, k);
      if (Status st = write_doc(dir / std::to_string(k) / name, doc); !st.ok()) return st;
    }
    return Status::Ok();
  }

  Status listings() {
    for (const auto& lang : languages()) {
      FeedQuery q;
      q.lang = lang;
      auto doc = pages::render_listing(ctx_, cat_, q, {.static_site = true});
      if (Status st = write_doc("index" + lang_suffix(lang) + ".html", doc); !st.ok()) return st;
    }
    return Status::Ok();
  }

  // One folder per article: index.html (the original), index.lang-X.html for each
  // language it can be read in, deleted.html (the 410 page) for a tombstone.
  Status articles() {
    ArticleQuery all;
    all.filter.include_deleted = true;
    all.limit = std::size_t(1) << 30;
    auto rows = cat_.articles().list(all);
    if (!rows.ok()) return rows.error();
    for (const auto& row : *rows) {
      const Article& a = row.article;
      fs::path dir = fs::path("articles") / iri_path_segment(a.id);
      if (row.deleted) {
        auto doc = pages::render_article(ctx_, cat_, a.id, {});
        if (Status st = write_doc(dir / "deleted.html", doc); !st.ok()) return st;
        continue;
      }
      std::set<LanguageTag> langs(ctx_.config.node.languages.begin(),
                                  ctx_.config.node.languages.end());
      langs.insert(a.lang);
      for (const auto& t : a.translations) langs.insert(t.lang);
      std::vector<LanguageTag> wanted = {LanguageTag()};
      wanted.insert(wanted.end(), langs.begin(), langs.end());
      for (const auto& lang : wanted) {
        auto doc = pages::render_article(ctx_, cat_, a.id, lang);
        if (!doc.ok()) return doc.error();
        if (doc->status != 200) continue;  // not readable in that language
        if (Status st = write(dir / ("index" + lang_suffix(lang) + ".html"), doc->body); !st.ok())
          return st;
      }
    }
    return Status::Ok();
  }

  Status extras() {
    if (Status st = write_doc("opml.xml", publish::render_opml(ctx_, cat_)); !st.ok()) return st;
    if (Status st = write("static/style.css", pages::style_sheet(ctx_).body); !st.ok()) return st;
    if (Status st = write("static/icon.svg", pages::icon(ctx_).body); !st.ok()) return st;
    return write(kMarker, "sicnode " SIC_VERSION " export of " + ctx_.config.node.id + "\n");
  }

  const NodeContext& ctx_;
  Catalogue& cat_;
  fs::path root_;
  std::size_t files_ = 0;
};

// A new empty folder beside `dir`, on the same file system so that rename works.
Result<fs::path> make_temp_beside(const fs::path& dir) {
  fs::path parent = dir.parent_path().empty() ? fs::path(".") : dir.parent_path();
  std::string pattern = (parent / ("." + dir.filename().string() + ".tmp-XXXXXX")).string();
  if (mkdtemp(pattern.data()) == nullptr)
    return Error{"export: cannot create a folder in " + parent.string() + ": " +
                 std::strerror(errno)};
  return fs::path(pattern);
}

Status check_replaceable(const fs::path& dir) {
  std::error_code ec;
  if (!fs::exists(dir, ec)) return Status::Ok();
  if (!fs::is_directory(dir, ec)) return Error{"export: " + dir.string() + " is not a folder"};
  if (fs::is_empty(dir, ec) || fs::exists(dir / kMarker, ec)) return Status::Ok();
  return Error{"export: " + dir.string() + " is not empty and was not made by sicnode export (no " +
               kMarker + "); choose another folder"};
}

// Puts `fresh` in place of `dir` atomically: renameat2(RENAME_EXCHANGE) swaps them in
// one step when `dir` exists (readers see the old or the new tree, never a mix or
// nothing); file systems without it get two renames. The old tree is then removed.
Status replace(const fs::path& fresh, const fs::path& dir) {
  std::error_code ec;
  if (!fs::exists(dir, ec)) {
    if (::rename(fresh.c_str(), dir.c_str()) != 0)
      return Error{"export: cannot rename to " + dir.string() + ": " + std::strerror(errno)};
    return Status::Ok();
  }
  if (::renameat2(AT_FDCWD, fresh.c_str(), AT_FDCWD, dir.c_str(), RENAME_EXCHANGE) != 0) {
    if (errno != EINVAL && errno != ENOSYS)
      return Error{"export: cannot swap " + dir.string() + ": " + std::strerror(errno)};
    fs::path old = fresh.string() + "-old";
    if (::rename(dir.c_str(), old.c_str()) != 0 || ::rename(fresh.c_str(), dir.c_str()) != 0)
      return Error{"export: cannot replace " + dir.string() + ": " + std::strerror(errno)};
    fs::remove_all(old, ec);
    return Status::Ok();
  }
  fs::remove_all(fresh, ec);  // holds the old tree now
  return Status::Ok();
}

// Renders everything into a fresh folder; the catalogue's version is checked before and
// after so that the files show one state of the catalogue.
Result<std::size_t> export_once(const NodeContext& ctx, Catalogue& cat, const fs::path& dir,
                                bool& consistent) {
  auto before = cat.version();
  if (!before.ok()) return before.error();
  auto temp = make_temp_beside(dir);
  if (!temp.ok()) return temp.error();
  std::error_code ec;
  fs::permissions(*temp,
                  fs::perms::owner_all | fs::perms::group_read | fs::perms::group_exec |
                      fs::perms::others_read | fs::perms::others_exec,
                  ec);
  Exporter exporter(ctx, cat, *temp);
  Status st = exporter.run();
  auto after = cat.version();
  consistent = st.ok() && after.ok() && *after == *before;
  if (consistent) st = replace(*temp, dir);
  if (!consistent || !st.ok()) fs::remove_all(*temp, ec);
  if (!st.ok()) return st.error();
  if (!after.ok()) return after.error();
  return exporter.files();
}

int run_export(const GlobalOptions& global, const std::string& target) {
  auto config = load(global);
  if (!config) return kUsage;
  fs::path dir = fs::absolute(target).lexically_normal();
  if (dir.filename().empty()) dir = dir.parent_path();
  if (Status st = check_replaceable(dir); !st.ok()) return fail(st.message());
  auto app = App::create(*config, system_clock());
  if (!app.ok()) return fail(app.error().message);
  NodeContext& ctx = (*app)->context();
  auto cat = ctx.catalogue->lease();
  if (!cat.ok()) return fail(cat.error().message);
  for (int attempt = 0; attempt < kAttempts; ++attempt) {
    bool consistent = false;
    auto files = export_once(ctx, **cat, dir, consistent);
    if (!files.ok()) return fail(files.error().message);
    if (consistent) {
      std::cout << "Exported " << *files << " files to " << dir.string() << "\n";
      return kOk;
    }
  }
  return fail("export: the catalogue changed during each of " + std::to_string(kAttempts) +
              " attempts; try again");
}

}  // namespace

void add_export(CLI::App& app, const GlobalOptions& global, Runner& run) {
  auto* cmd = app.add_subcommand(
      "export", "Write the feeds, archives, pages and OPML list as static files into DIR");
  static std::string dir;
  cmd->add_option("DIR", dir,
                  "The folder to (re)place atomically; it must be new, empty or a previous export")
      ->required();
  cmd->callback([&] { run = [&] { return run_export(global, dir); }; });
}

}  // namespace sic::cli
