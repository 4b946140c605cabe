// What the /api handlers share (private to node/api).
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <variant>

#include "node/catalogue/catalogue.h"
#include "node/context/context.h"
#include "node/http/router.h"

namespace sic::api {

// A JSON error answer (error_json).
http::Response error(int status, std::string_view message, std::string_view field = "");
// 503 with the catalogue's message.
http::Response unavailable(const Error& e);
// The name of the caller's valid bearer token, or the 401 to send.
std::variant<std::string, http::Response> authenticate(const http::Request& req, Catalogue& cat);
// The 415 to send when the body is declared as something other than JSON.
std::optional<http::Response> check_json_body(const http::Request& req);

// GET and PUT /api/articles/{id}/translations/{lang} (translations.cpp).
void add_translation_routes(http::Router& router, NodeContext& context);

}  // namespace sic::api
