// DeepL API v2 (https://developers.deepl.com): languages in upper case; targets may
// carry a region ("EN-GB", "PT-PT"), sources do not ("EN", "PT").
#include <cpprest/json.h>

#include <algorithm>
#include <array>

#include "node/translate/remote/engines.h"

namespace sic::translate::remote {
namespace {

namespace json = ::web::json;

// The variant a European network writes, where DeepL asks for one.
constexpr std::array<std::pair<std::string_view, std::string_view>, 2> kPreferredTargets{{
    {"en", "EN-GB"},
    {"pt", "PT-PT"},
}};

std::string default_url(const std::string& key) {
  return key.ends_with(":fx") ? "https://api-free.deepl.com" : "https://api.deepl.com";
}

class DeepLEngine final : public RemoteEngine {
 public:
  DeepLEngine(RemoteOptions options, std::shared_ptr<fetch::Fetcher> fetcher)
      : RemoteEngine("deepl", with_url(std::move(options)), std::move(fetcher)) {}

 private:
  static RemoteOptions with_url(RemoteOptions options) {
    if (options.url.empty()) options.url = default_url(options.api_key);
    return options;
  }

  fetch::Request request(std::string path, std::string method) const {
    return http_request(options().url + path, std::move(method),
                        {{"Authorization", "DeepL-Auth-Key " + options().api_key}});
  }

  // [{"language": "EN-GB", "name": "English (British)"}, ...]
  Result<std::vector<std::string>> codes(const char* type) {
    return ask(
        request(std::string("/v2/languages?type=") + type, "GET"),
        [](const std::string& body) -> Result<std::vector<std::string>> {
          std::vector<std::string> codes;
          json::value list = json::value::parse(body);
          for (const auto& entry : list.as_array())
            codes.push_back(entry.at("language").as_string());
          return codes;
        },
        "/v2/languages did not answer with a list of languages");
  }

  static void add_target(std::map<std::string, std::string>& codes, const std::string& primary,
                         const std::string& code) {
    auto preferred = std::find_if(kPreferredTargets.begin(), kPreferredTargets.end(),
                                  [&](const auto& p) { return p.first == primary; });
    bool better = preferred != kPreferredTargets.end() ? code == preferred->second
                                                       : code.find('-') == std::string::npos;
    auto [at, inserted] = codes.emplace(primary, code);
    if (!inserted && better) at->second = code;
  }

  Result<Languages> load_languages() override {
    auto sources = codes("source");
    if (!sources.ok()) return sources.error();
    auto targets = codes("target");
    if (!targets.ok()) return targets.error();
    Languages languages;
    for (const std::string& code : *sources)
      if (auto tag = LanguageTag::parse(code); tag.ok())
        languages.source_codes.emplace(tag->primary(), code);
    for (const std::string& code : *targets)
      if (auto tag = LanguageTag::parse(code); tag.ok())
        add_target(languages.target_codes, tag->primary(), code);
    for (const auto& [from, from_code] : languages.source_codes)
      for (const auto& [to, to_code] : languages.target_codes)
        languages.pairs.push_back({*LanguageTag::parse(from), *LanguageTag::parse(to)});
    return languages;
  }

  Result<std::string> request_translation(std::string_view text, const std::string& source,
                                          const std::string& target, TextFormat format) override {
    json::value body = json::value::object();
    body["text"] = json::value::array({json::value::string(std::string(text))});
    body["source_lang"] = json::value::string(source);
    body["target_lang"] = json::value::string(target);
    if (format == TextFormat::kHtml) body["tag_handling"] = json::value::string("html");
    fetch::Request post = request("/v2/translate", "POST");
    post.headers.emplace_back("Content-Type", "application/json");
    post.body = body.serialize();
    return ask(
        post,
        [this](const std::string& answer) -> Result<std::string> {
          auto translations = json::value::parse(answer).at("translations").as_array();
          if (translations.size() != 1) return error("/v2/translate answered with no translation");
          return translations.at(0).at("text").as_string();
        },
        "the answer to /v2/translate has no translations[0].text");
  }
};

}  // namespace

std::unique_ptr<Engine> make_deepl_engine(RemoteOptions options,
                                          std::shared_ptr<fetch::Fetcher> fetcher) {
  return std::make_unique<DeepLEngine>(std::move(options), std::move(fetcher));
}

}  // namespace sic::translate::remote
