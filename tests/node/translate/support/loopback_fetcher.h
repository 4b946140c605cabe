// A small sync/fetcher Fetcher for the translation tests, speaking HTTP/1.1 over a
// real socket to 127.0.0.1 only (no TLS, no redirects, one request per connection).
// It stands in for the libcurl fetcher until that lands on main; the engines see the
// same contract (sync/fetcher/fetcher.h).
#pragma once

#include <chrono>
#include <memory>

#include "sync/fetcher/fetcher.h"

namespace sic::testing {

std::unique_ptr<fetch::Fetcher> make_loopback_fetcher(std::chrono::milliseconds timeout);

}  // namespace sic::testing
