#include "sync/trust/keys.h"

#include <algorithm>
#include <set>

#include "node/catalogue/origins.h"
#include "sync/trust/authority.h"

namespace sic::sync {
namespace {

bool has_key(const std::vector<OriginKey>& keys, const std::string& key) {
  return std::any_of(keys.begin(), keys.end(), [&](const OriginKey& k) { return k.key == key; });
}

// The spec's pin and revocations over the stored keys.
std::vector<OriginKey> keys_for(const OriginSpec& spec, std::vector<OriginKey> stored) {
  std::erase_if(stored, [](const OriginKey& k) { return k.status == KeyStatus::kRevoked; });
  for (auto& k : stored) k.pinned = false;
  if (!spec.key.empty()) {
    if (!has_key(stored, spec.key)) stored = {{spec.key, KeyStatus::kCurrent}};
    for (auto& k : stored) k.pinned = k.key == spec.key;
  }
  for (const auto& revoked : spec.revoked_keys) {
    std::erase_if(stored, [&](const OriginKey& k) { return k.key == revoked; });
    stored.push_back({revoked, KeyStatus::kRevoked});
  }
  return stored;
}

Status apply_spec(Catalogue& cat, const OriginSpec& spec) {
  auto found = cat.origins().find(spec.id);
  if (!found.ok()) return found.error();
  OriginRecord r = found->value_or(OriginRecord{.id = spec.id});
  auto stored = cat.origins().keys(spec.id);
  if (!stored.ok()) return stored.error();
  // Keys learned at another place than the configured one are not kept.
  if (!r.base_url.empty() && web_origin(r.base_url) != web_origin(spec.base_url)) stored->clear();
  r.base_url = spec.base_url;
  r.bound_by = BoundBy::kConfig;
  if (!spec.key.empty()) r.kind = OriginKind::kSigned;
  if (Status st = cat.origins().save(r); !st.ok()) return st;
  return cat.origins().set_keys(spec.id, keys_for(spec, std::move(*stored)));
}

Status release(Catalogue& cat, OriginRecord r) {
  r.bound_by = BoundBy::kLearned;
  auto stored = cat.origins().keys(r.id);
  if (!stored.ok()) return stored.error();
  if (Status st = cat.origins().save(r); !st.ok()) return st;
  return cat.origins().set_keys(r.id, keys_for(OriginSpec{.id = r.id}, std::move(*stored)));
}

}  // namespace

std::string base_url_of_feed(const std::string& feed_url) {
  auto url = parse_http_url(feed_url);
  if (!url.ok()) return "";
  std::string path = url->path.substr(0, url->path.find('?'));
  std::size_t feeds = path.rfind("/feeds/");
  return url->origin() + (feeds == std::string::npos ? "/" : path.substr(0, feeds + 1));
}

std::string key_document_url(const std::string& base_url) {
  std::string base = base_url;
  if (base.empty() || base.back() != '/') base += '/';
  return base + ".well-known/sicnode";
}

Status reconcile_origins(Catalogue& cat, const std::vector<OriginSpec>& specs) {
  return cat.transaction([&]() -> Status {
    std::set<std::string> named;
    for (const auto& spec : specs) {
      named.insert(spec.id);
      if (Status st = apply_spec(cat, spec); !st.ok()) return st;
    }
    auto all = cat.origins().list();
    if (!all.ok()) return all.error();
    for (const auto& r : *all)
      if (r.bound_by == BoundBy::kConfig && !named.count(r.id))
        if (Status st = release(cat, r); !st.ok()) return st;
    return Status::Ok();
  });
}

namespace {

Status check_document(const std::string& signer, const std::string& fetched_base,
                      const crypto::KeyDocument& doc) {
  if (doc.node != signer)
    return Error{"trust: " + key_document_url(fetched_base) + " is node " + doc.node + "'s, not " +
                 signer + "'s"};
  if (web_origin(doc.base_url) != web_origin(fetched_base))
    return Error{"trust: " + key_document_url(fetched_base) + " states the base URL " +
                 doc.base_url + ", elsewhere"};
  return crypto::verify_key_chain(doc);
}

// The keys the document states, with what this node decided before (pins,
// revocations) kept.
std::vector<OriginKey> document_keys(const crypto::KeyDocument& doc,
                                     const std::vector<OriginKey>& stored) {
  std::vector<OriginKey> out;
  auto pinned = [&](const std::string& key) {
    return std::any_of(stored.begin(), stored.end(),
                       [&](const OriginKey& k) { return k.key == key && k.pinned; });
  };
  for (const auto& k : doc.earlier_keys)
    out.push_back({k.key, KeyStatus::kEarlier, pinned(k.key), k.retired});
  out.push_back({doc.key, KeyStatus::kCurrent, pinned(doc.key)});
  for (const auto& k : stored) {
    if (k.status != KeyStatus::kRevoked) continue;
    std::erase_if(out, [&](const OriginKey& o) { return o.key == k.key; });
    out.push_back(k);
  }
  return out;
}

}  // namespace

Status apply_key_document(Catalogue& cat, const std::string& signer,
                          const std::string& fetched_base, const crypto::KeyDocument& doc,
                          TimePoint now, TimePoint next_check) {
  if (Status st = check_document(signer, fetched_base, doc); !st.ok()) return st;
  auto found = cat.origins().find(signer);
  if (!found.ok()) return found.error();
  OriginRecord r = found->value_or(OriginRecord{.id = signer});
  if (r.kind == OriginKind::kPlain)
    return Error{"trust: " + signer + " is a plain feed's origin here; it cannot sign"};
  if (!r.base_url.empty() && web_origin(r.base_url) != web_origin(doc.base_url))
    return Error{"trust: " + signer + "'s keys are at " + r.base_url + ", not " + doc.base_url};
  auto stored = cat.origins().keys(signer);
  if (!stored.ok()) return stored.error();
  for (const auto& k : *stored) {
    if (k.status != KeyStatus::kCurrent) continue;
    bool listed = k.key == doc.key ||
                  std::any_of(doc.earlier_keys.begin(), doc.earlier_keys.end(),
                              [&](const crypto::EarlierKey& e) { return e.key == k.key; });
    if (!listed)
      return Error{"trust: " + key_document_url(fetched_base) + " does not descend from " + signer +
                   "'s key " + k.key + " (pin its new key if it lost that one)"};
  }
  r.kind = OriginKind::kSigned;
  r.base_url = doc.base_url;
  if (r.bound_by == BoundBy::kNone) r.bound_by = BoundBy::kLearned;
  r.vouches_for = doc.vouches_for;
  r.checked_at = now;
  r.next_check = next_check;
  r.failures = 0;
  r.last_error.clear();
  return cat.transaction([&]() -> Status {
    if (Status st = cat.origins().save(r); !st.ok()) return st;
    return cat.origins().set_keys(signer, document_keys(doc, *stored));
  });
}

}  // namespace sic::sync
