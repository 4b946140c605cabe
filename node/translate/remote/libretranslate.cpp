// LibreTranslate (https://docs.libretranslate.com): languages in ISO 639-1, some with
// a region or script ("pt-BR", "zh-Hans").
#include <cpprest/json.h>

#include "node/translate/remote/engines.h"

namespace sic::translate::remote {
namespace {

namespace json = ::web::json;

class LibreTranslateEngine final : public RemoteEngine {
 public:
  LibreTranslateEngine(RemoteOptions options, std::shared_ptr<fetch::Fetcher> fetcher)
      : RemoteEngine("libretranslate", std::move(options), std::move(fetcher)) {}

 private:
  // [{"code": "en", "name": "English", "targets": ["es", ...]}, ...]; without
  // "targets" (older servers) every language translates into every other.
  Result<Languages> load_languages() override {
    return ask(http_request(options().url + "/languages", "GET"), read_languages,
               "/languages did not answer with a list of languages");
  }

  static Result<Languages> read_languages(const std::string& body) {
    auto list = json::value::parse(body).as_array();
    Languages languages;
    std::vector<std::string> all;
    for (const auto& entry : list) add_code(languages, entry.at("code").as_string(), all);
    for (const auto& entry : list) {
      auto from = LanguageTag::parse(entry.at("code").as_string());
      if (!from.ok()) continue;
      std::vector<std::string> targets = all;
      if (entry.has_array_field("targets")) {
        targets.clear();
        for (const auto& t : entry.at("targets").as_array()) targets.push_back(t.as_string());
      }
      for (const std::string& code : targets)
        if (auto to = LanguageTag::parse(code); to.ok())
          languages.pairs.push_back(Pair{primary_of(*from), primary_of(*to)});
    }
    return languages;
  }

  static LanguageTag primary_of(const LanguageTag& tag) {
    return *LanguageTag::parse(tag.primary());
  }

  // The code for a primary subtag: the plain one ("pt") when offered, else the first.
  static void add_code(Languages& languages, const std::string& code,
                       std::vector<std::string>& all) {
    auto tag = LanguageTag::parse(code);
    if (!tag.ok()) return;
    all.push_back(code);
    for (auto* codes : {&languages.source_codes, &languages.target_codes}) {
      auto [at, inserted] = codes->emplace(tag->primary(), code);
      if (!inserted && code == tag->primary()) at->second = code;
    }
  }

  Result<std::string> request_translation(std::string_view text, const std::string& source,
                                          const std::string& target, TextFormat format) override {
    json::value body = json::value::object();
    body["q"] = json::value::string(std::string(text));
    body["source"] = json::value::string(source);
    body["target"] = json::value::string(target);
    body["format"] = json::value::string(format == TextFormat::kHtml ? "html" : "text");
    if (!options().api_key.empty()) body["api_key"] = json::value::string(options().api_key);
    return ask(
        http_request(options().url + "/translate", "POST", {{"Content-Type", "application/json"}},
                     body.serialize()),
        [](const std::string& answer) -> Result<std::string> {
          return json::value::parse(answer).at("translatedText").as_string();
        },
        "the answer to /translate has no translatedText");
  }
};

}  // namespace

std::unique_ptr<Engine> make_libretranslate_engine(RemoteOptions options,
                                                   std::shared_ptr<fetch::Fetcher> fetcher) {
  return std::make_unique<LibreTranslateEngine>(std::move(options), std::move(fetcher));
}

}  // namespace sic::translate::remote
