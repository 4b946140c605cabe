// Apertium APy (https://wiki.apertium.org/wiki/Apertium-apy): languages in ISO 639-3.
#include <cpprest/json.h>

#include "feeds/model/iri.h"
#include "node/translate/engine/languages.h"
#include "node/translate/remote/engines.h"

namespace sic::translate::remote {
namespace {

namespace json = ::web::json;

class ApyEngine final : public RemoteEngine {
 public:
  ApyEngine(RemoteOptions options, std::shared_ptr<fetch::Fetcher> fetcher)
      : RemoteEngine("apy", std::move(options), std::move(fetcher)) {}

 private:
  // {"responseData": [{"sourceLanguage": "spa", "targetLanguage": "eng"}, ...]}.
  // Variants ("por_BR") are left out, as the Apertium engine leaves out their modes.
  Result<Languages> load_languages() override {
    return ask(http_request(options().url + "/listPairs", "GET"), read_pairs,
               "/listPairs did not answer with a list of pairs");
  }

  static Result<Languages> read_pairs(const std::string& body) {
    Languages languages;
    auto data = json::value::parse(body).at("responseData").as_array();
    for (const auto& entry : data) {
      std::string from_code = entry.at("sourceLanguage").as_string();
      std::string to_code = entry.at("targetLanguage").as_string();
      auto from = language_from_iso639(from_code);
      auto to = language_from_iso639(to_code);
      if (!from || !to) continue;
      languages.pairs.push_back({*from, *to});
      languages.source_codes.emplace(from->primary(), from_code);
      languages.target_codes.emplace(to->primary(), to_code);
    }
    return languages;
  }

  // POST /translate, form-encoded; markUnknown=no leaves out the unknown-word marks.
  // HTML is what APy does by default (deshtml, rehtml-noent: characters, not entities).
  Result<std::string> request_translation(std::string_view text, const std::string& source,
                                          const std::string& target, TextFormat format) override {
    std::string body = "langpair=" + percent_encode(source + "|" + target) +
                       "&q=" + percent_encode(text) + "&markUnknown=no" +
                       (format == TextFormat::kHtml ? "&deformat=html&reformat=html-noent"
                                                    : "&deformat=txt&reformat=txt");
    return ask(
        http_request(options().url + "/translate", "POST",
                     {{"Content-Type", "application/x-www-form-urlencoded"}}, std::move(body)),
        [this](const std::string& answer) -> Result<std::string> {
          auto json = json::value::parse(answer);
          if (json.has_integer_field("responseStatus") &&
              json.at("responseStatus").as_integer() != 200)
            return error("answered responseStatus " +
                         std::to_string(json.at("responseStatus").as_integer()));
          return json.at("responseData").at("translatedText").as_string();
        },
        "the answer to /translate has no responseData.translatedText");
  }
};

}  // namespace

std::unique_ptr<Engine> make_apy_engine(RemoteOptions options,
                                        std::shared_ptr<fetch::Fetcher> fetcher) {
  return std::make_unique<ApyEngine>(std::move(options), std::move(fetcher));
}

}  // namespace sic::translate::remote
