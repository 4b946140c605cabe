#include "node/config/taxonomy.h"

#include "node/config/toml_text.h"

namespace sic {

extern const char* const kBuiltinTaxonomy;  // generated from config/taxonomy.toml

namespace {

std::string where(const std::string& file, const toml::node& n) {
  return file + ":" + std::to_string(n.source().begin.line);
}

Result<std::vector<TaxonomyTerm>> read_terms(const toml::table& root, const char* group,
                                             const std::string& file) {
  std::vector<TaxonomyTerm> out;
  const toml::table* table = root[group].as_table();
  if (!table) return Error{file + ": [" + group + "]: missing table"};
  for (const auto& [id, node] : *table) {
    const toml::table* labels = node.as_table();
    if (!labels)
      return Error{where(file, node) + ": " + group + "." + std::string(id.str()) +
                   ": expected a table of labels"};
    TaxonomyTerm term{std::string(id.str()), {}};
    for (const auto& [lang, label] : *labels) {
      auto text = label.value_exact<std::string>();
      auto tag = LanguageTag::parse(lang.str());
      if (!text || !tag.ok() || tag->str() != tag->primary())
        return Error{where(file, label) + ": " + group + "." + term.id + "." +
                     std::string(lang.str()) + ": expected a label keyed by a language subtag"};
      term.labels[tag->str()] = *text;
    }
    out.push_back(std::move(term));
  }
  return out;
}

const TaxonomyTerm* find(const std::vector<TaxonomyTerm>& terms, std::string_view id) {
  for (const auto& t : terms)
    if (t.id == id) return &t;
  return nullptr;
}

std::string label(const TaxonomyTerm* term, std::string_view id, const LanguageTag& lang) {
  if (!term) return std::string(id);
  if (auto it = term->labels.find(lang.primary()); it != term->labels.end()) return it->second;
  if (auto it = term->labels.find("en"); it != term->labels.end()) return it->second;
  return term->id;
}

}  // namespace

Result<Taxonomy> Taxonomy::parse(std::string_view text, const std::string& file) {
  auto root = parse_toml(text, file);
  if (!root.ok()) return root.error();
  Taxonomy t;
  auto sections = read_terms(*root, "sections", file);
  if (!sections.ok()) return sections.error();
  auto topics = read_terms(*root, "topics", file);
  if (!topics.ok()) return topics.error();
  t.sections_ = std::move(*sections);
  t.topics_ = std::move(*topics);
  return t;
}

const TaxonomyTerm* Taxonomy::section(std::string_view id) const { return find(sections_, id); }
const TaxonomyTerm* Taxonomy::topic(std::string_view id) const { return find(topics_, id); }

std::string Taxonomy::section_label(std::string_view id, const LanguageTag& lang) const {
  return label(section(id), id, lang);
}

std::string Taxonomy::topic_label(std::string_view id, const LanguageTag& lang) const {
  return label(topic(id), id, lang);
}

const Taxonomy& builtin_taxonomy() {
  static const Taxonomy taxonomy =
      Taxonomy::parse(kBuiltinTaxonomy, "config/taxonomy.toml (built in)").value();
  return taxonomy;
}

}  // namespace sic
