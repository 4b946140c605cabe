#include "node/keys/keys.h"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cpprest/json.h>

#include <cerrno>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <iterator>

#include "feeds/crypto/base64.h"
#include "feeds/model/signature.h"
#include "node/catalogue/articles.h"
#include "node/catalogue/origins.h"
#include "node/catalogue/translations.h"

namespace sic::keys {
namespace {

constexpr const char* kFormat = "sicnode-node-key-1";

Error fail(const std::string& path, const std::string& what) {
  return Error{"keys: " + path + ": " + what};
}

// The file's identity and version: it changes when the file is replaced or written.
std::string stamp_of(const struct stat& st) {
  return std::to_string(st.st_ino) + ":" + std::to_string(st.st_size) + ":" +
         std::to_string(st.st_mtim.tv_sec) + "." + std::to_string(st.st_mtim.tv_nsec);
}

// The file's text: the key document (public) with the private key and a format tag.
std::string file_text(const crypto::KeyDocument& doc, const crypto::SigningKey& key) {
  web::json::value v = web::json::value::parse(crypto::write_key_document(doc));
  v["format"] = web::json::value::string(kFormat);
  v["private_key"] = web::json::value::string(crypto::base64_encode(key.seed()));
  return v.serialize() + "\n";
}

// Writes the file atomically: a temporary file with mode 0600, synced, renamed.
Status write_file(const std::string& path, const std::string& text) {
  std::string tmp = path + ".tmp";
  ::unlink(tmp.c_str());
  int fd = ::open(tmp.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0600);
  if (fd < 0) return fail(tmp, std::string("cannot create: ") + std::strerror(errno));
  std::size_t done = 0;
  while (done < text.size()) {
    ssize_t n = ::write(fd, text.data() + done, text.size() - done);
    if (n < 0 && errno == EINTR) continue;
    if (n <= 0) break;
    done += std::size_t(n);
  }
  bool ok = done == text.size() && ::fsync(fd) == 0;
  ::close(fd);
  if (!ok || ::rename(tmp.c_str(), path.c_str()) != 0) {
    ::unlink(tmp.c_str());
    return fail(path, std::string("cannot write: ") + std::strerror(errno));
  }
  return Status::Ok();
}

struct Loaded {
  crypto::KeyDocument doc;
  crypto::SigningKey key;
};

Result<Loaded> read_file(const std::string& path, const std::string& node_id) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return fail(path, "cannot read it");
  std::string text((std::istreambuf_iterator<char>(in)), {});
  auto doc = crypto::parse_key_document(text);
  if (!doc.ok()) return fail(path, doc.error().message);
  if (doc->node != node_id)
    return fail(path, "it is node " + doc->node + "'s key, and this node is " + node_id +
                          " (a node that changes its id is a new node: move the file away)");
  std::error_code error;
  web::json::value v = web::json::value::parse(text, error);
  if (error || !v.has_string_field("private_key")) return fail(path, "no \"private_key\"");
  auto seed = crypto::base64_decode(v.at("private_key").as_string());
  if (!seed) return fail(path, "\"private_key\" is not base64");
  auto key = crypto::SigningKey::from_seed(*seed);
  if (!key.ok()) return fail(path, key.error().message);
  if (key->public_key() != doc->key)
    return fail(path, "its private key does not match its \"key\" " + doc->key);
  return Loaded{std::move(*doc), std::move(*key)};
}

}  // namespace

Result<std::shared_ptr<NodeKeys>> NodeKeys::open(const std::string& data_dir,
                                                 const std::string& node_id,
                                                 const std::string& base_url, const Clock& clock) {
  std::string path = (std::filesystem::path(data_dir) / kFileName).string();
  std::shared_ptr<NodeKeys> keys(new NodeKeys(path, node_id, base_url, clock));
  struct stat st;
  if (::stat(path.c_str(), &st) != 0) {
    if (errno != ENOENT) return fail(path, std::strerror(errno));
    crypto::SigningKey key = crypto::SigningKey::generate();
    crypto::KeyDocument doc{node_id, "", base_url, key.public_key(), clock.now(), {}, {}};
    if (Status written = write_file(path, file_text(doc, key)); !written.ok())
      return written.error();
  }
  std::lock_guard lock(keys->mu_);
  if (Status loaded = keys->reload_if_changed(); !loaded.ok()) return loaded.error();
  return keys;
}

// Precondition: mu_ held.
Status NodeKeys::reload_if_changed() const {
  struct stat st;
  if (::stat(path_.c_str(), &st) != 0) return fail(path_, std::strerror(errno));
  if ((st.st_mode & 077) != 0)
    return fail(path_, "other users can read it; make it private: chmod 600 " + path_);
  std::string stamp = stamp_of(st);
  if (state_ && stamp == stamp_) return Status::Ok();
  auto loaded = read_file(path_, node_);
  if (!loaded.ok()) return loaded.error();
  state_ = State{std::move(loaded->key), loaded->doc.created, std::move(loaded->doc.earlier_keys)};
  stamp_ = stamp;
  return Status::Ok();
}

Signature NodeKeys::sign(std::string_view statement) const {
  std::lock_guard lock(mu_);
  (void)reload_if_changed();  // on failure the key in memory signs on
  return {node_, url_, state_->key.public_key(), state_->key.sign(statement)};
}

std::string NodeKeys::public_key() const {
  std::lock_guard lock(mu_);
  (void)reload_if_changed();
  return state_->key.public_key();
}

crypto::KeyDocument NodeKeys::document() const {
  std::lock_guard lock(mu_);
  (void)reload_if_changed();
  return {node_, "", url_, state_->key.public_key(), state_->created, state_->earlier, {}};
}

Result<std::string> NodeKeys::rotate() {
  std::lock_guard lock(mu_);
  if (Status st = reload_if_changed(); !st.ok()) return st.error();
  TimePoint now = clock_.now();
  crypto::SigningKey next = crypto::SigningKey::generate();
  const crypto::SigningKey& old = state_->key;
  crypto::EarlierKey retired{
      old.public_key(), state_->created, now, next.public_key(),
      old.sign(rotation_statement(node_, old.public_key(), next.public_key(), now))};
  std::vector<crypto::EarlierKey> earlier = state_->earlier;
  earlier.push_back(retired);
  crypto::KeyDocument doc{node_, "", url_, next.public_key(), now, earlier, {}};
  if (Status st = write_file(path_, file_text(doc, next)); !st.ok()) return st.error();
  state_.reset();
  if (Status st = reload_if_changed(); !st.ok()) return st.error();
  return next.public_key();
}

namespace {

// The origins whose entries this node signs: its own and the plain feeds it reads.
Result<std::vector<std::string>> vouched_origins(Catalogue& cat, const std::string& own) {
  std::vector<std::string> out = {own};
  auto origins = cat.origins().list();
  if (!origins.ok()) return origins.error();
  for (const auto& r : *origins)
    if (r.kind == OriginKind::kPlain && r.direct) out.push_back(r.id);
  return out;
}

Status sign_articles(Catalogue& cat, const crypto::Signer& signer, bool all, std::int64_t& count) {
  auto origins = vouched_origins(cat, signer.node());
  if (!origins.ok()) return origins.error();
  std::vector<std::pair<Iri, Signature>> signatures;
  for (const auto& origin : *origins) {
    auto heads = cat.articles().signed_heads(origin, !all);
    if (!heads.ok()) return heads.error();
    for (const auto& h : *heads) {
      bool ours = h.origin == signer.node() || h.signature.by == signer.node() ||
                  (origin == h.origin && h.signature.empty());
      if (!ours) continue;
      std::string statement =
          h.deleted ? article_statement(h.id, h.origin, *h.deleted, "", true)
                    : article_statement(h.id, h.origin, h.updated, h.content_hash, false);
      signatures.emplace_back(h.id, signer.sign(statement));
    }
  }
  count += std::int64_t(signatures.size());
  return cat.articles().set_signatures(signatures);
}

Status sign_translations(Catalogue& cat, const crypto::Signer& signer, bool all,
                         std::int64_t& count) {
  auto made = cat.translations().made_here(!all);
  if (!made.ok()) return made.error();
  std::vector<std::pair<Iri, Translation>> signed_ones;
  for (auto& [id, t] : *made) {
    crypto::sign(signer, id, t);
    signed_ones.emplace_back(id, std::move(t));
  }
  count += std::int64_t(signed_ones.size());
  return cat.translations().set_signatures(signed_ones);
}

}  // namespace

Result<std::int64_t> sign_catalogue(Catalogue& cat, const crypto::Signer& signer, bool all) {
  std::int64_t count = 0;
  Status st = cat.transaction([&]() -> Status {
    if (Status s = sign_articles(cat, signer, all, count); !s.ok()) return s;
    return sign_translations(cat, signer, all, count);
  });
  if (!st.ok()) return st.error();
  return count;
}

}  // namespace sic::keys
