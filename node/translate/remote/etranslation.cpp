// The European Commission's eTranslation web service: asynchronous. The request and
// callback shapes, and what was not tried against the real service, are in
// docs/translation.md, "eTranslation".
#include <cpprest/json.h>

#include <algorithm>
#include <array>
#include <cctype>

#include "feeds/model/hash.h"
#include "node/translate/remote/engines.h"

namespace sic::translate::remote {
namespace {

namespace json = ::web::json;

// The EU's 24 official languages, which eTranslation translates between.
constexpr std::array<std::string_view, 24> kLanguages{
    "bg", "cs", "da", "de", "el", "en", "es", "et", "fi", "fr", "ga", "hr",
    "hu", "it", "lt", "lv", "mt", "nl", "pl", "pt", "ro", "sk", "sl", "sv"};

// textToTranslate takes up to this many characters; longer texts go as a document.
constexpr std::size_t kMaxSnippet = 5000;

// What the service's negative answers mean (its documentation's list of error codes;
// the ones a node can meet).
constexpr std::array<std::pair<int, std::string_view>, 12> kErrors{{
    {-20001, "invalid source language"},
    {-20003, "invalid target language(s)"},
    {-20007, "the application is not authorised to use the service"},
    {-20013, "language pair not supported by the domain"},
    {-20014, "user name not specified"},
    {-20021, "text to translate too long"},
    {-20026, "bad requester callback protocol"},
    {-20027, "bad error callback protocol"},
    {-20028, "concurrency quota exceeded"},
    {-20029, "document format not supported"},
    {-20030, "text to translate is empty"},
    {-20046, "document too big"},
}};

std::string upper(std::string_view text) {
  std::string out(text);
  for (char& c : out) c = char(std::toupper(static_cast<unsigned char>(c)));
  return out;
}

std::string lower(std::string_view text) {
  std::string out(text);
  for (char& c : out) c = char(std::tolower(static_cast<unsigned char>(c)));
  return out;
}

std::string describe_code(long code) {
  auto known =
      std::find_if(kErrors.begin(), kErrors.end(), [&](const auto& e) { return e.first == code; });
  std::string text = std::to_string(code);
  return known == kErrors.end() ? text : text + " (" + std::string(known->second) + ")";
}

// An HTML fragment as the complete document the service translates.
std::string as_document(std::string_view fragment) {
  return "<!DOCTYPE html>\n<html><head><meta charset=\"utf-8\"><title></title></head><body>" +
         std::string(fragment) + "</body></html>\n";
}

// The inside of <body>, when the document has one; else the whole text.
std::string body_of(const std::string& document) {
  std::string low = lower(document);
  std::size_t open = low.find("<body");
  std::size_t close = low.rfind("</body>");
  if (open == std::string::npos || close == std::string::npos) return document;
  std::size_t start = low.find('>', open);
  if (start == std::string::npos || start >= close) return document;
  return document.substr(start + 1, close - start - 1);
}

std::string field(const Callback& callback, std::string_view name) {
  for (const auto* list : {&callback.form, &callback.query})
    for (const auto& [key, value] : *list)
      if (key == name) return value;
  return "";
}

bool has_field(const Callback& callback, std::string_view name) {
  for (const auto* list : {&callback.form, &callback.query})
    for (const auto& [key, value] : *list)
      if (key == name) return true;
  return false;
}

class ETranslationEngine final : public AsyncEngine {
 public:
  ETranslationEngine(ETranslationOptions options, std::shared_ptr<fetch::Fetcher> fetcher)
      : options_(std::move(options)), fetcher_(std::move(fetcher)) {}

  std::string name() const override { return "etranslation"; }
  const Settings& settings() const override { return options_.settings; }
  void cancel() override { fetcher_->cancel(); }

  Result<std::vector<Pair>> pairs() override {
    std::vector<Pair> pairs;
    for (std::string_view from : kLanguages)
      for (std::string_view to : kLanguages)
        if (from != to) pairs.push_back({*LanguageTag::parse(from), *LanguageTag::parse(to)});
    return pairs;
  }

  Result<std::string> submit(std::string_view text, const LanguageTag& from, const LanguageTag& to,
                             TextFormat format, const std::string& reference,
                             const std::string& callback_prefix) override {
    if (!supported(from) || !supported(to))
      return Error{"etranslation: cannot translate from " + from.primary() + " to " + to.primary()};
    json::value body = request_body(text, from, to, format, reference, callback_prefix);
    fetch::Request post =
        http_request(options_.url, "POST", {{"Content-Type", "application/json; charset=utf-8"}},
                     body.serialize());
    post.digest = fetch::DigestCredentials{options_.application, options_.password};
    auto response = send_with_retry(*fetcher_, post, options_.retry, "etranslation");
    if (!response.ok()) return response.error();
    return request_id(response->body);
  }

  Result<CallbackContent> read_callback(const Callback& callback, TextFormat format) override {
    CallbackContent content;
    content.reference = field(callback, "external-reference");
    content.target_primary = lower(field(callback, "target-language"));
    if (callback.kind == "error") return read_error(callback, std::move(content));
    if (callback.kind == "text") {
      if (!has_field(callback, "translated-text"))
        return Error{"etranslation: the callback has no translated-text"};
      content.text = field(callback, "translated-text");
      return content;
    }
    if (callback.kind == "document") return read_document(callback, format, std::move(content));
    return Error{"etranslation: no callback of kind \"" + callback.kind + "\""};
  }

 private:
  static bool supported(const LanguageTag& lang) {
    return std::find(kLanguages.begin(), kLanguages.end(), lang.primary()) != kLanguages.end();
  }

  // The JSON body of POST {url}: a short plain text as textToTranslate (the result comes
  // as a form to requesterCallback), anything else as documentToTranslateBase64 (the
  // result comes to the HTTP destination); failures go to errorCallback.
  json::value request_body(std::string_view text, const LanguageTag& from, const LanguageTag& to,
                           TextFormat format, const std::string& reference,
                           const std::string& prefix) const {
    json::value body = json::value::object();
    json::value caller = json::value::object();
    caller["application"] = json::value::string(options_.application);
    caller["username"] = json::value::string(options_.username);
    body["callerInformation"] = caller;
    body["externalReference"] = json::value::string(reference);
    body["sourceLanguage"] = json::value::string(upper(from.primary()));
    body["targetLanguages"] = json::value::array({json::value::string(upper(to.primary()))});
    body["domain"] = json::value::string(options_.domain);
    body["errorCallback"] = json::value::string(prefix + "/error");
    if (format == TextFormat::kPlain && text.size() <= kMaxSnippet) {
      body["textToTranslate"] = json::value::string(std::string(text));
      body["requesterCallback"] = json::value::string(prefix + "/text");
      return body;
    }
    json::value document = json::value::object();
    bool html = format == TextFormat::kHtml;
    document["content"] = json::value::string(encode_base64(html ? as_document(text) : text));
    document["format"] = json::value::string(html ? "html" : "txt");
    document["fileName"] = json::value::string("sicnode-" + reference);
    body["documentToTranslateBase64"] = document;
    json::value destinations = json::value::object();
    destinations["httpDestinations"] =
        json::value::array({json::value::string(prefix + "/document")});
    body["destinations"] = destinations;
    return body;
  }

  // The answer is the request's id: a positive number, or a negative error code.
  static Result<std::string> request_id(const std::string& body) {
    std::string text = body;
    text.erase(std::remove_if(text.begin(), text.end(),
                              [](char c) { return std::isspace(static_cast<unsigned char>(c)); }),
               text.end());
    if (text.size() >= 2 && text.front() == '"' && text.back() == '"')
      text = text.substr(1, text.size() - 2);
    char* end = nullptr;
    long id = text.empty() || text.size() > 18 ? 0 : std::strtol(text.c_str(), &end, 10);
    if (text.empty() || !end || *end != '\0' || id == 0)
      return Error{"etranslation: the service did not answer with a request id: \"" +
                   body.substr(0, 100) + "\""};
    if (id < 0) return Error{"etranslation: the service refused the request: " + describe_code(id)};
    return std::to_string(id);
  }

  static Result<CallbackContent> read_error(const Callback& callback, CallbackContent content) {
    // The fields are documented with '-'; the code has also been seen as error_code.
    std::string code = field(callback, "error-code");
    if (code.empty()) code = field(callback, "error_code");
    std::string message = field(callback, "error-message");
    if (code.empty() && message.empty())
      return Error{"etranslation: the error callback has no error-code or error-message"};
    content.failed = true;
    content.error = "etranslation: the service failed the request";
    if (!code.empty()) content.error += ": " + code;
    if (!message.empty()) content.error += " " + message.substr(0, 200);
    if (content.target_primary.empty()) {
      std::string targets = lower(field(callback, "target-languages"));
      if (targets.size() == 2) content.target_primary = targets;
    }
    return content;
  }

  // The translated document is POSTed to the HTTP destination as the request body,
  // base64-encoded, with request-id, target-language and external-reference in the
  // query; a body that is not base64 is taken as the document itself.
  static Result<CallbackContent> read_document(const Callback& callback, TextFormat format,
                                               CallbackContent content) {
    if (callback.body.empty()) return Error{"etranslation: the document callback is empty"};
    std::optional<std::string> decoded = decode_base64(callback.body);
    std::string document = decoded ? *decoded : callback.body;
    content.text = format == TextFormat::kHtml ? body_of(document) : document;
    while (format == TextFormat::kPlain && !content.text.empty() &&
           (content.text.back() == '\n' || content.text.back() == '\r'))
      content.text.pop_back();
    return content;
  }

  const ETranslationOptions options_;
  const std::shared_ptr<fetch::Fetcher> fetcher_;
};

}  // namespace

std::unique_ptr<Engine> make_etranslation_engine(ETranslationOptions options,
                                                 std::shared_ptr<fetch::Fetcher> fetcher) {
  return std::make_unique<ETranslationEngine>(std::move(options), std::move(fetcher));
}

}  // namespace sic::translate::remote
