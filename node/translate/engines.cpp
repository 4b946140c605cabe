#include "node/translate/engines.h"

#include <algorithm>
#include <stdexcept>

#include "node/translate/route.h"

namespace sic::translate {
namespace {

bool allowed(const EngineSet::Member& member, const Pair& pair) {
  if (member.languages.empty()) return true;
  return std::any_of(member.languages.begin(), member.languages.end(), [&](const LanguageTag& l) {
    return l.primary() == pair.from.primary() || l.primary() == pair.to.primary();
  });
}

}  // namespace

EngineSet::EngineSet(std::vector<Member> members) : members_(std::move(members)) {
  for (const Member& m : members_)
    if (!m.engine) throw std::invalid_argument("EngineSet: a member has no engine");
}

std::shared_ptr<EngineSet> EngineSet::of(std::shared_ptr<Engine> engine) {
  return std::make_shared<EngineSet>(std::vector<Member>{{std::move(engine), {}}});
}

EngineSet EngineSet::borrowing(Engine& engine) {
  return EngineSet({{std::shared_ptr<Engine>(&engine, [](Engine*) {}), {}}});
}

std::vector<std::string> EngineSet::names() const {
  std::vector<std::string> out;
  for (const Member& m : members_) out.push_back(m.engine->name());
  return out;
}

std::string EngineSet::description() const {
  std::string out;
  for (const std::string& name : names()) out += (out.empty() ? "" : ", ") + name;
  return out.empty() ? "(none)" : out;
}

Result<std::vector<Step>> EngineSet::steps() {
  std::vector<Step> out;
  for (std::size_t i = 0; i < members_.size(); ++i) {
    const Member& member = members_[i];
    auto pairs = member.engine->pairs();
    if (!pairs.ok()) return pairs.error();
    for (const Pair& p : *pairs) {
      if (!allowed(member, p)) continue;
      Pair primary{primary_language(p.from), primary_language(p.to)};
      out.push_back({primary, i, member.engine->pair_cost(p)});
    }
  }
  return out;
}

void EngineSet::cancel() {
  for (const Member& m : members_) m.engine->cancel();
}

}  // namespace sic::translate
