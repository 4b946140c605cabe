// sicnode token create|list|revoke
#include <CLI/CLI.hpp>

#include "node/catalogue/tokens.h"
#include "node/cli/common.h"

namespace sic::cli {
namespace {

int with_tokens(const GlobalOptions& global, const std::function<int(TokenStore&)>& fn) {
  return with_catalogue(global, [&fn](const Config&, Catalogue& cat) { return fn(cat.tokens()); });
}

}  // namespace

void add_token(CLI::App& app, const GlobalOptions& global, Runner& run) {
  auto* token = app.add_subcommand("token", "Create, list and revoke API tokens");
  token->require_subcommand(1);
  static std::string name;

  auto* create = token->add_subcommand(
      "create", "Create a token for the write API; it is printed once and stored hashed");
  create->add_option("NAME", name, "A name for the token (who or what uses it)")->required();
  create->callback([&] {
    run = [&] {
      return with_tokens(global, [](TokenStore& tokens) {
        auto t = tokens.create(name);
        if (!t.ok()) return fail(t.error().message);
        std::cout << "Created token \"" << name
                  << "\". Copy it now: it is not shown again and only its hash is kept.\n"
                  << *t << "\n";
        return int(kOk);
      });
    };
  });

  auto* list = token->add_subcommand("list", "List the tokens (names and dates, never tokens)");
  list->callback([&] {
    run = [&] {
      return with_tokens(global, [](TokenStore& tokens) {
        auto all = tokens.list();
        if (!all.ok()) return fail(all.error().message);
        std::printf("%-24s %-22s %s\n", "NAME", "CREATED", "LAST USED");
        for (const auto& t : *all)
          std::printf("%-24s %-22s %s\n", t.name.c_str(), format_rfc3339(t.created_at).c_str(),
                      t.last_used ? format_rfc3339(*t.last_used).c_str() : "never");
        return int(kOk);
      });
    };
  });

  auto* revoke = token->add_subcommand("revoke", "Revoke a token by name");
  revoke->add_option("NAME", name, "The token's name")->required();
  revoke->callback([&] {
    run = [&] {
      return with_tokens(global, [](TokenStore& tokens) {
        if (Status st = tokens.revoke(name); !st.ok()) return fail(st.message());
        std::cout << "Revoked token \"" << name << "\".\n";
        return int(kOk);
      });
    };
  });
}

}  // namespace sic::cli
