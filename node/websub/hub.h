// The node as the WebSub hub of its own documents (docs/websub.md, "The hub"):
// subscription requests at POST /websub, verification of intent, and the delivery of
// every changed document to its subscribers, signed with their secrets, with retries;
// and the pings of external hubs ([publish] websub_hubs).
//
// A topic is any document of this node that names this hub as rel="hub" (the live
// feeds in every format, with every filter and ?lang=, and the listing pages); its
// canonical URL is the document's own rel="self". What is delivered is exactly what a
// GET of the topic returns, read through the node's own routes (and render cache).
#pragma once

#include <atomic>
#include <chrono>
#include <condition_variable>
#include <cstdint>
#include <functional>
#include <map>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <thread>
#include <vector>

#include "node/context/context.h"
#include "node/http/http.h"
#include "sync/http_client/http_client.h"

namespace sic::websub {

// Answers a request with the node's own routes (App::handle).
using LocalHandler = std::function<http::Response(const http::Request&)>;

// What a GET of a topic returned, as it is delivered.
struct Content {
  std::string topic;  // its rel="self"
  std::string body;
  std::string content_type;
  std::string etag;
  std::string link;  // its Link header (self and hubs)
};

class Hub {
 public:
  // Threads start with start(); until then requests are taken and wait.
  Hub(NodeContext& context, LocalHandler local, std::unique_ptr<fetch::Fetcher> fetcher);
  ~Hub();
  Hub(const Hub&) = delete;
  Hub& operator=(const Hub&) = delete;

  // The watcher (woken when a lease of the pool comes back after a commit, and every
  // 100 ms for commits of other processes, it looks whether the catalogue changed) and
  // the workers
  // (verifications, deliveries, pings: four at once, so that a slow callback does not
  // hold the others up).
  void start();
  // Stops the threads; deliveries in flight are cancelled (they are not recorded as
  // delivered). Idempotent.
  void stop();

  // POST /websub. 202 when the request is well-formed and will be verified at the
  // callback; 400 naming the parameter, 415 for another Content-Type, 429 when the
  // callback's host has max_subscriptions_per_host, 503 when too many wait for
  // verification.
  http::Response handle(const http::Request& request);

  // The topic's document now, read through the node's routes. Errors: the URL is not
  // this node's, or its document does not name this hub.
  Result<Content> read_topic(const std::string& url) const;

  std::string url() const;  // base_url + "websub"

 private:
  struct Job;
  struct Pending;
  void watch();
  void work();
  void plan();
  void enqueue(Job job, std::chrono::steady_clock::time_point due);
  void verify(const Job& job);
  // Stores (or removes) a verified subscription; true when one was stored.
  bool store_verified(const Job& job);
  void deliver(std::int64_t subscription);
  void ping(const Job& job);
  std::chrono::seconds backoff(int attempt) const;

  NodeContext& ctx_;
  LocalHandler local_;
  std::unique_ptr<fetch::Fetcher> fetcher_;

  std::mutex mutex_;
  std::condition_variable wake_;  // the watcher's: stopping
  std::condition_variable jobs_;  // the workers': a job queued, stopping
  bool stopping_ = false;
  bool replan_ = true;  // plan at the next look even when the catalogue did not change
  std::multimap<std::chrono::steady_clock::time_point, std::shared_ptr<Job>> queue_;
  std::map<std::int64_t, std::shared_ptr<Pending>> pending_;  // deliveries by subscription
  std::map<std::int64_t, std::string> delivered_;             // ETag delivered last
  std::map<std::string, std::size_t> verifying_;              // by callback host
  std::map<std::string, std::string> pinged_;                 // topic -> ETag told the hubs
  std::optional<std::int64_t> seen_version_;
  std::vector<std::thread> threads_;
};

}  // namespace sic::websub
