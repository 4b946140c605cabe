// What the /api handlers share (private to node/api).
#pragma once

#include <string>
#include <string_view>

#include "node/catalogue/catalogue.h"
#include "node/context/context.h"
#include "node/http/router.h"

namespace sic::api {

// A JSON error answer (error_json).
http::Response error(int status, std::string_view message, std::string_view field = "");
// 503 with the catalogue's message.
http::Response unavailable(const Error& e);
// The steps of a handler return Result<T, http::Response>: the value, or the answer
// to send instead of going on (an error status).

// The name of the caller's valid bearer token, or the 401 (503) to send.
Result<std::string, http::Response> authenticate(const http::Request& req, Catalogue& cat);
// The request's body when it is JSON (declared so, or not declared), or the 415 to send.
Result<std::string_view, http::Response> json_body(const http::Request& req);

// GET and PUT /api/articles/{id}/translations/{lang} (translations.cpp).
void add_translation_routes(http::Router& router, NodeContext& context);

}  // namespace sic::api
