#include "feeds/crypto/key_document.h"

#include <cpprest/json.h>

#include <set>

#include "feeds/crypto/ed25519.h"
#include "feeds/model/iri.h"
#include "feeds/model/signature.h"
#include "feeds/text/json_depth.h"
#include "feeds/text/json_writer.h"

namespace sic::crypto {
namespace {

using web::json::value;

constexpr std::size_t kMaxEarlierKeys = 100;
constexpr std::size_t kMaxVouched = 1000;

Error fail(const std::string& what) { return Error{"key document: " + what}; }

Result<std::string> string_field(const value& v, const char* key, bool required = true) {
  if (!v.has_field(key)) {
    if (!required) return std::string();
    return fail("no \"" + std::string(key) + "\"");
  }
  const value& f = v.at(key);
  if (!f.is_string()) return fail("\"" + std::string(key) + "\" is not a string");
  return f.as_string();
}

Result<std::string> key_field(const value& v, const char* name) {
  auto text = string_field(v, name);
  if (!text.ok()) return text;
  if (auto key = PublicKey::parse(*text); !key.ok())
    return fail("\"" + std::string(name) + "\": " + key.error().message);
  return text;
}

Result<TimePoint> date_field(const value& v, const char* name) {
  auto text = string_field(v, name);
  if (!text.ok()) return text.error();
  auto t = parse_rfc3339(*text);
  if (!t.ok()) return fail("\"" + std::string(name) + "\": " + t.error().message);
  return *t;
}

Result<EarlierKey> earlier_key(const value& v) {
  if (!v.is_object()) return fail("an earlier key is not an object");
  EarlierKey k;
  auto key = key_field(v, "key");
  auto next = key_field(v, "next_key");
  auto signature = string_field(v, "signature");
  auto created = date_field(v, "created");
  auto retired = date_field(v, "retired");
  for (const Error* e :
       {key.ok() ? nullptr : &key.error(), next.ok() ? nullptr : &next.error(),
        signature.ok() ? nullptr : &signature.error(), created.ok() ? nullptr : &created.error(),
        retired.ok() ? nullptr : &retired.error()})
    if (e) return *e;
  return EarlierKey{*key, *created, *retired, *next, *signature};
}

Status read_lists(const value& doc, KeyDocument& out) {
  if (doc.has_field("earlier_keys")) {
    const value& list = doc.at("earlier_keys");
    if (!list.is_array() || list.size() > kMaxEarlierKeys)
      return fail("\"earlier_keys\" is not an array of at most 100 keys");
    for (const auto& item : list.as_array()) {
      auto k = earlier_key(item);
      if (!k.ok()) return k.error();
      out.earlier_keys.push_back(std::move(*k));
    }
  }
  if (doc.has_field("vouches_for")) {
    const value& list = doc.at("vouches_for");
    if (!list.is_array() || list.size() > kMaxVouched)
      return fail("\"vouches_for\" is not an array of at most 1000 node ids");
    for (const auto& item : list.as_array()) {
      if (!item.is_string() || !is_node_id(item.as_string()))
        return fail("\"vouches_for\" holds something that is not a node id");
      out.vouches_for.push_back(item.as_string());
    }
  }
  return Status::Ok();
}

Result<KeyDocument> read(const value& doc) {
  if (!doc.is_object()) return fail("not a JSON object");
  KeyDocument out;
  auto node = string_field(doc, "node");
  if (!node.ok()) return node.error();
  if (!is_node_id(*node)) return fail("\"node\" is not a node id");
  out.node = *node;
  auto name = string_field(doc, "name", false);
  auto base = string_field(doc, "base_url");
  if (!name.ok() || !base.ok()) return !name.ok() ? name.error() : base.error();
  if (auto url = parse_http_url(*base); !url.ok())
    return fail("\"base_url\": " + url.error().message);
  out.name = *name;
  out.base_url = *base;
  auto key = key_field(doc, "key");
  if (!key.ok()) return key.error();
  out.key = *key;
  auto created = date_field(doc, "created");
  if (!created.ok()) return created.error();
  out.created = *created;
  if (Status st = read_lists(doc, out); !st.ok()) return st.error();
  return out;
}

}  // namespace

std::string write_key_document(const KeyDocument& d) {
  text::JsonWriter w;
  w.begin_object().number("version", 1).string("node", d.node).string("name", d.name);
  w.string("base_url", d.base_url).string("key", d.key);
  w.string("created", format_rfc3339(d.created));
  w.begin_array("earlier_keys");
  for (const auto& k : d.earlier_keys) {
    w.begin_object().string("key", k.key).string("created", format_rfc3339(k.created));
    w.string("retired", format_rfc3339(k.retired)).string("next_key", k.next_key);
    w.string("signature", k.signature).end_object();
  }
  w.end_array().begin_array("vouches_for");
  for (const auto& origin : d.vouches_for) w.string(origin);
  w.end_array().end_object();
  return w.finish();
}

Result<KeyDocument> parse_key_document(std::string_view json) {
  if (json_nesting_depth(json) > 8) return fail("nested too deeply");
  std::error_code error;
  value doc = value::parse(std::string(json), error);
  if (error) return fail("not valid JSON (" + error.message() + ")");
  try {
    return read(doc);
  } catch (const web::json::json_exception& e) {
    return fail(e.what());
  }
}

Status verify_key_chain(const KeyDocument& d) {
  std::set<std::string> seen = {d.key};
  for (std::size_t i = 0; i < d.earlier_keys.size(); ++i) {
    const EarlierKey& k = d.earlier_keys[i];
    const std::string& expected = i + 1 < d.earlier_keys.size() ? d.earlier_keys[i + 1].key : d.key;
    std::string name = "key document: earlier key " + k.key;
    if (!seen.insert(k.key).second) return Error{name + " appears twice"};
    if (k.next_key != expected) return Error{name + " was not replaced by the key after it"};
    if (i > 0 && k.retired < d.earlier_keys[i - 1].retired)
      return Error{name + " was retired before the key it replaced"};
    auto key = PublicKey::parse(k.key);
    if (!key.ok()) return Error{name + ": " + key.error().message};
    if (!key->verify(rotation_statement(d.node, k.key, k.next_key, k.retired), k.signature))
      return Error{name + ": its rotation statement does not verify"};
  }
  return Status::Ok();
}

}  // namespace sic::crypto
