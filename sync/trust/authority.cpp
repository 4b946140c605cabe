#include "sync/trust/authority.h"

#include <algorithm>

#include "feeds/model/hash.h"
#include "feeds/model/iri.h"

namespace sic::sync {
namespace {

Standing refused(std::string reason, bool forgery = true) {
  Standing s;
  s.kind = Standing::kRefused;
  s.reason = std::move(reason);
  s.forgery = forgery;
  return s;
}

Standing held() {
  Standing s;
  s.kind = Standing::kHeld;
  return s;
}

std::string quoted(std::string_view text) { return "\"" + std::string(text.substr(0, 80)) + "\""; }

}  // namespace

std::string web_origin(std::string_view base_url) {
  auto url = parse_http_url(base_url);
  return url.ok() ? url->origin() : "";
}

bool VerificationCache::verify(const crypto::PublicKey& key, std::string_view statement,
                               std::string_view signature) {
  FieldHasher h;
  std::string digest = h.add(key.text()).add(signature).add(statement).hex();
  {
    std::lock_guard lock(mu_);
    if (auto it = outcomes_.find(digest); it != outcomes_.end()) return it->second;
  }
  bool ok = key.verify(statement, signature);
  std::lock_guard lock(mu_);
  ++checks_;
  if (outcomes_.size() >= capacity_) outcomes_.clear();
  outcomes_.emplace(std::move(digest), ok);
  return ok;
}

std::size_t VerificationCache::checks() const {
  std::lock_guard lock(mu_);
  return checks_;
}

Result<const OriginRecord*> Authority::record(const std::string& id) {
  auto it = records_.find(id);
  if (it == records_.end()) {
    auto found = cat_.origins().find(id);
    if (!found.ok()) return found.error();
    it = records_.emplace(id, std::move(*found)).first;
  }
  return it->second ? &*it->second : nullptr;
}

Result<const std::vector<Authority::KnownKey>*> Authority::keys(const std::string& id) {
  auto it = keys_.find(id);
  if (it == keys_.end()) {
    auto stored = cat_.origins().keys(id);
    if (!stored.ok()) return stored.error();
    std::vector<KnownKey> known;
    for (auto& k : *stored) {
      auto parsed = crypto::PublicKey::parse(k.key);
      known.push_back({std::move(k), parsed.ok() ? std::optional(*parsed) : std::nullopt});
    }
    it = keys_.emplace(id, std::move(known)).first;
  }
  return &it->second;
}

Result<Standing> Authority::of_signer(const std::string& signer, const Signature& sig,
                                      TimePoint when) {
  if (!is_node_id(signer)) return refused("signed by " + quoted(signer) + ", not a node id");
  auto rec = record(signer);
  if (!rec.ok()) return rec.error();
  if (*rec && (*rec)->kind == OriginKind::kPlain)
    return refused(signer + " is a plain feed's origin, which signs nothing");
  std::string named = web_origin(sig.url);
  if (named.empty()) return refused("the signature names no base URL for " + signer);
  if (*rec && !(*rec)->base_url.empty() && web_origin((*rec)->base_url) != named)
    return refused("names " + quoted(sig.url) + " for " + signer + ", whose keys are at " +
                   (*rec)->base_url);
  auto known = keys(signer);
  if (!known.ok()) return known.error();
  for (const auto& k : **known) {
    if (k.stored.key != sig.key) continue;
    if (k.stored.status == KeyStatus::kRevoked)
      return refused("signed with a revoked key of " + signer);
    if (k.stored.status == KeyStatus::kEarlier && k.stored.retired_at &&
        when > *k.stored.retired_at + kRetiredKeyGrace)
      return refused("signed with a key " + signer + " retired on " +
                     format_rfc3339(*k.stored.retired_at) + ", for something dated " +
                     format_rfc3339(when));
    if (!k.parsed) return refused("a stored key of " + signer + " is malformed");
    Standing s;
    s.kind = Standing::kVerify;
    s.key = k.parsed;
    s.current_key = k.stored.status == KeyStatus::kCurrent;
    return s;
  }
  if (auto key = crypto::PublicKey::parse(sig.key); !key.ok())
    return refused("bad signature: " + key.error().message);
  if (keys_settled_) return refused(signer + "'s key document does not list the key that signed");
  return held();
}

Result<Standing> Authority::of_article(const std::string& origin, const Signature& sig,
                                       TimePoint when) {
  if (sig.value.empty() && sig.key.empty()) return refused("unsigned", false);
  if (sig.by == origin) {
    auto rec = record(origin);
    if (!rec.ok()) return rec.error();
    if (*rec && (*rec)->kind == OriginKind::kPlain)
      return refused(origin +
                     " is a plain feed's origin: only the nodes that read it sign "
                     "for it, never itself");
    return of_signer(origin, sig, when);
  }
  auto rec = record(origin);
  if (!rec.ok()) return rec.error();
  if (*rec && (*rec)->kind == OriginKind::kSigned)
    return refused(origin + " signs its own entries; " + quoted(sig.by) + " cannot sign for it");
  auto standing = of_signer(sig.by, sig, when);
  if (!standing.ok() || standing->kind != Standing::kVerify) return standing;
  auto signer = record(sig.by);
  if (!signer.ok()) return signer.error();
  const auto& vouched = (*signer)->vouches_for;
  if (std::find(vouched.begin(), vouched.end(), origin) != vouched.end()) return standing;
  if (keys_settled_) return refused(sig.by + " does not sign for the plain feed " + origin);
  return held();
}

Result<Standing> Authority::of_translation(const Signature& sig, TimePoint when) {
  if (sig.value.empty() && sig.key.empty()) return refused("unsigned translation", false);
  return of_signer(sig.by, sig, when);
}

Result<std::optional<std::string>> Authority::plain_refusal(const std::string& peer) {
  auto rec = record(peer);
  if (!rec.ok()) return rec.error();
  if (*rec && (*rec)->kind == OriginKind::kSigned)
    return std::optional<std::string>(peer + " signs its entries; an unsigned one is not " + peer +
                                      "'s");
  return std::optional<std::string>();
}

Status Authority::note_plain(const std::string& origin, bool direct) {
  auto rec = record(origin);
  if (!rec.ok()) return rec.error();
  if (*rec && (*rec)->kind == OriginKind::kPlain && ((*rec)->direct || !direct))
    return Status::Ok();
  OriginRecord r = *rec ? **rec : OriginRecord{.id = origin};
  r.kind = OriginKind::kPlain;
  r.direct = r.direct || direct;
  if (Status st = cat_.origins().save(r); !st.ok()) return st;
  records_[origin] = r;
  return Status::Ok();
}

}  // namespace sic::sync
