#include "feeds/crypto/ed25519.h"

#include <catch2/catch.hpp>

#include "feeds/crypto/key_document.h"
#include "feeds/crypto/signer.h"
#include "feeds/model/signature.h"

using namespace sic;
using namespace sic::crypto;

namespace {
Article sample() {
  Article a;
  a.id = Iri::parse("tag:sic.example.pt,2026:a/1").value();
  a.origin = "sic-pt";
  a.lang = LanguageTag::parse("pt").value();
  a.title = "Linha Internet Segura";
  a.updated = from_unix(1795881845);
  return a;
}
}  // namespace

TEST_CASE("A key's signature verifies with its public key and nothing else", "[crypto]") {
  SigningKey key = SigningKey::generate();
  auto pub = PublicKey::parse(key.public_key());
  REQUIRE(pub.ok());
  std::string sig = key.sign("hello");
  CHECK(pub->verify("hello", sig));
  CHECK_FALSE(pub->verify("hellO", sig));
  auto other = PublicKey::parse(SigningKey::generate().public_key());
  REQUIRE(other.ok());
  CHECK_FALSE(other->verify("hello", sig));
}

TEST_CASE("A key rebuilt from its seed signs as the same key", "[crypto]") {
  SigningKey key = SigningKey::generate();
  auto again = SigningKey::from_seed(key.seed());
  REQUIRE(again.ok());
  CHECK(again->public_key() == key.public_key());
  CHECK_FALSE(SigningKey::from_seed("short").ok());
}

TEST_CASE("Mangled signatures are refusals, never crashes", "[crypto][hostile]") {
  SigningKey key = SigningKey::generate();
  auto pub = PublicKey::parse(key.public_key()).value();
  std::string sig = key.sign("m");
  std::string flipped = sig;
  flipped[3] = flipped[3] == 'A' ? 'B' : 'A';
  for (const std::string& bad : {std::string(), std::string("!!!"), sig.substr(0, 20), sig + "AAAA",
                                 flipped, std::string(2000, 'A'), std::string("\0\0\0", 3)})
    CHECK_FALSE(pub.verify("m", bad));
}

TEST_CASE("Malformed public keys are refused with a reason", "[crypto][hostile]") {
  for (const char* bad : {"", "ed25519:", "rsa:AAAA", "ed25519:!!!!", "ed25519:AAAA",
                          "ed25519:AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA"}) {
    auto parsed = PublicKey::parse(bad);
    INFO(bad);
    CHECK_FALSE(parsed.ok());
  }
}

TEST_CASE("Node ids follow the documented grammar", "[crypto][origin]") {
  CHECK(is_node_id("sic-pt"));
  CHECK(is_node_id("a"));
  CHECK(is_node_id(std::string(64, 'a')));
  for (const char* bad :
       {"", "SIC", "../../etc", "<img src=x onerror=alert(1)>", "sic pt", "sic_pt", "sic.pt"})
    CHECK_FALSE(is_node_id(bad));
  CHECK_FALSE(is_node_id(std::string(65, 'a')));
}

TEST_CASE("A signed version verifies over its statement and fails once edited", "[crypto]") {
  KeySigner signer("sic-pt", "https://sic.example.pt/", SigningKey::generate());
  Article a = sample();
  sign(signer, a);
  CHECK(a.signature.by == "sic-pt");
  CHECK(a.signature.url == "https://sic.example.pt/");
  auto pub = PublicKey::parse(a.signature.key).value();
  CHECK(pub.verify(statement_of(a), a.signature.value));
  Article edited = a;
  edited.title = "Forged helpline number";
  CHECK_FALSE(pub.verify(statement_of(edited), a.signature.value));
  Article moved = a;
  moved.origin = "sic-es";
  CHECK_FALSE(pub.verify(statement_of(moved), a.signature.value));
}

TEST_CASE("A tombstone's statement differs from its version's", "[crypto]") {
  Article a = sample();
  Tombstone t{a.id, a.origin, a.updated, "", {}};
  CHECK(statement_of(t) != statement_of(a));
  CHECK(statement_of(t).rfind("sicnode-sig-v1\n", 0) == 0);
}

TEST_CASE("Statements are length-prefixed so fields cannot slide", "[crypto]") {
  Iri id = Iri::parse("tag:x,2026:1").value();
  CHECK(article_statement(id, "ab", from_unix(1), "c", false) !=
        article_statement(id, "a", from_unix(1), "bc", false));
  CHECK(article_statement(id, "sic-pt", from_unix(1), "h", false) ==
        "sicnode-sig-v1\n7:article\n12:tag:x,2026:1\n6:sic-pt\n1:1\n1:h\n1:0\n");
}

TEST_CASE("A key document's rotation chain verifies, and a forged one does not", "[crypto]") {
  SigningKey first = SigningKey::generate(), second = SigningKey::generate();
  TimePoint t1 = from_unix(1795000000), t2 = from_unix(1795100000);
  KeyDocument doc{"sic-pt", "SIC Portugal", "https://sic.example.pt/", second.public_key(), t2, {},
                  {}};
  EarlierKey old{first.public_key(), t1, t2, second.public_key(), ""};
  old.signature =
      first.sign(rotation_statement("sic-pt", first.public_key(), second.public_key(), t2));
  doc.earlier_keys.push_back(old);
  CHECK(verify_key_chain(doc).ok());

  auto read = parse_key_document(write_key_document(doc));
  REQUIRE(read.ok());
  CHECK(*read == doc);
  CHECK(verify_key_chain(*read).ok());

  KeyDocument forged = doc;  // a thief's key, "rotated to" by a statement it signed itself
  SigningKey thief = SigningKey::generate();
  forged.key = thief.public_key();
  forged.earlier_keys[0].next_key = thief.public_key();
  forged.earlier_keys[0].signature =
      thief.sign(rotation_statement("sic-pt", first.public_key(), thief.public_key(), t2));
  CHECK_FALSE(verify_key_chain(forged).ok());
}

TEST_CASE("Malformed key documents are refused naming the field", "[crypto][hostile]") {
  CHECK_FALSE(parse_key_document("").ok());
  CHECK_FALSE(parse_key_document("[]").ok());
  auto bad_node = parse_key_document(
      R"({"node": "../etc", "name": "x", "base_url": "https://x.eu/", "key": "ed25519:AAAA"})");
  REQUIRE_FALSE(bad_node.ok());
  CHECK(bad_node.error().message.find("node") != std::string::npos);
}
