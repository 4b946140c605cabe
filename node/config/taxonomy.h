// The network's sections and topic keywords with their labels per language
// (config/taxonomy.toml, compiled in).
#pragma once

#include <map>
#include <string>
#include <string_view>
#include <vector>

#include "feeds/model/language.h"
#include "feeds/model/result.h"

namespace sic {

struct TaxonomyTerm {
  std::string id;                             // "cyberbullying"
  std::map<std::string, std::string> labels;  // primary language subtag → label
};

class Taxonomy {
 public:
  // Parses the taxonomy file format; errors name the file, line and key.
  static Result<Taxonomy> parse(std::string_view toml, const std::string& file);

  const std::vector<TaxonomyTerm>& sections() const { return sections_; }
  const std::vector<TaxonomyTerm>& topics() const { return topics_; }
  const TaxonomyTerm* section(std::string_view id) const;
  const TaxonomyTerm* topic(std::string_view id) const;
  // The label of a section or topic id in the language (by primary subtag), else in
  // English, else the id itself: an unknown tag passes through unchanged.
  std::string section_label(std::string_view id, const LanguageTag& lang) const;
  std::string topic_label(std::string_view id, const LanguageTag& lang) const;

 private:
  std::vector<TaxonomyTerm> sections_, topics_;
};

// config/taxonomy.toml as compiled into this program.
const Taxonomy& builtin_taxonomy();

}  // namespace sic
