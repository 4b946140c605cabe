#include "node/websub/hub.h"

#include <algorithm>

#include "feeds/model/hash.h"
#include "feeds/model/iri.h"
#include "node/catalogue/websub.h"
#include "sync/http_client/address.h"

namespace sic::websub {
namespace {

using Steady = std::chrono::steady_clock;

constexpr std::size_t kWorkers = 4;
constexpr std::size_t kMaxVerifying = 1000;  // requests waiting for verification, all hosts
constexpr std::size_t kMaxSecret = 200;      // bytes (WebSub 5.1)
constexpr std::size_t kMaxUrl = 2048;
constexpr auto kLook = std::chrono::milliseconds(100);

const char* kRequests = "sicnode_websub_requests_total";
const char* kVerifications = "sicnode_websub_verifications_total";
const char* kDeliveries = "sicnode_websub_deliveries_total";
const char* kSubscribers = "sicnode_websub_subscribers";
const char* kPings = "sicnode_websub_pings_total";

// The URLs of a Link header with this rel (our own headers: `<url>; rel="x", ...`).
std::vector<std::string> links(const std::string& header, const std::string& rel) {
  std::vector<std::string> out;
  std::size_t at = 0;
  while ((at = header.find('<', at)) != std::string::npos) {
    std::size_t end = header.find('>', at);
    if (end == std::string::npos) break;
    std::size_t next = header.find('<', end);
    std::string params = header.substr(end + 1, next == std::string::npos ? next : next - end - 1);
    if (params.find("rel=\"" + rel + "\"") != std::string::npos)
      out.push_back(header.substr(at + 1, end - at - 1));
    at = end;
  }
  return out;
}

http::Response bad(const std::string& message) {
  return http::Response::text(400, "websub: " + message + "\n");
}

}  // namespace

struct Hub::Job {
  enum class Kind { kVerify, kDeliver, kPing } kind = Kind::kVerify;
  // kVerify
  std::string mode, topic, callback, host, secret;
  std::int64_t lease_seconds = 0;
  // kDeliver
  std::int64_t subscription = 0;
  // kPing: topic above, to hub
  std::string hub;
  int attempt = 0;
};

struct Hub::Pending {
  std::shared_ptr<const Content> content;
  std::string callback, secret;
  int attempt = 0;
  bool in_flight = false;
};

Hub::Hub(NodeContext& context, LocalHandler local, std::unique_ptr<fetch::Fetcher> fetcher)
    : ctx_(context), local_(std::move(local)), fetcher_(std::move(fetcher)) {
  metrics::Registry& m = ctx_.metrics;
  m.counter(kRequests, "Subscription requests at /websub, by mode and answer (accepted, refused).");
  m.counter(kVerifications,
            "Verifications of intent, by mode and result (verified, not echoed: the callback did "
            "not answer 2xx with the challenge).");
  m.counter(kDeliveries,
            "Documents POSTed to subscribers, by result (ok, failed: a retry follows, gave up, "
            "gone: the callback answered 410 and the subscription was removed, too large).");
  m.gauge(kSubscribers, "Verified subscriptions whose lease has not ended.");
  m.counter(kPings, "Pings of external hubs ([publish] websub_hubs), by result (ok, failed).");
  m.add_collector([this](metrics::Registry& reg) {
    auto cat = ctx_.catalogue->lease();
    if (!cat.ok()) return;
    auto subs = (*cat)->hub_subscriptions().active(ctx_.clock->now());
    if (subs.ok()) reg.set(kSubscribers, {}, double(subs->size()));
  });
}

Hub::~Hub() { stop(); }

std::string Hub::url() const { return ctx_.url("/websub"); }

void Hub::start() {
  std::lock_guard lock(mutex_);
  if (!threads_.empty() || stopping_) return;
  threads_.emplace_back([this] { watch(); });
  for (std::size_t i = 0; i < kWorkers; ++i) threads_.emplace_back([this] { work(); });
}

void Hub::stop() {
  {
    std::lock_guard lock(mutex_);
    stopping_ = true;
  }
  wake_.notify_all();
  jobs_.notify_all();
  fetcher_->cancel();
  for (auto& t : threads_)
    if (t.joinable()) t.join();
  threads_.clear();
}

Result<Content> Hub::read_topic(const std::string& url) const {
  const std::string base = ctx_.config.node.base_url.str();
  if (url.size() > kMaxUrl || url.compare(0, base.size(), base) != 0)
    return Error{"hub.topic: not a document of this node (its URLs begin with " + base + ")"};
  std::string target = "/" + url.substr(base.size());
  if (target.find('#') != std::string::npos) return Error{"hub.topic: has a fragment"};
  http::Request get;
  get.method = http::Method::kGet;
  get.target = target;
  std::size_t q = target.find('?');
  get.path = target.substr(0, q);
  if (q != std::string::npos) {
    auto query = http::parse_query(target.substr(q + 1));
    if (!query) return Error{"hub.topic: malformed percent escape"};
    get.query = std::move(*query);
  }
  get.remote = "websub";
  http::Response r = local_(get);
  if (r.status == 503) return Error{"hub.topic: the catalogue is unavailable"};
  std::string link = r.header_value("Link");
  auto hubs = links(link, "hub");
  auto self = links(link, "self");
  if (r.status != 200 || self.empty() ||
      std::find(hubs.begin(), hubs.end(), this->url()) == hubs.end())
    return Error{"hub.topic: " + url +
                 " is not a document of this node that names this hub (a live feed or a "
                 "listing page)"};
  return Content{self.front(), std::string(r.payload()), r.header_value("Content-Type"),
                 r.header_value("ETag"), link};
}

http::Response Hub::handle(const http::Request& request) {
  auto refuse = [&](const std::string& mode, http::Response r) {
    ctx_.metrics.inc(kRequests, {{"mode", mode}, {"answer", "refused"}});
    return r;
  };
  std::string type = request.header("content-type");
  if (type.substr(0, type.find(';')) != "application/x-www-form-urlencoded")
    return refuse("", http::Response::text(415,
                                           "websub: send the request as "
                                           "application/x-www-form-urlencoded\n"));
  auto fields = http::parse_query(request.body);
  if (!fields) return refuse("", bad("the body is not a well-formed form (a percent escape)"));
  std::map<std::string, std::string> p;
  for (const auto& [name, value] : *fields)
    if (!p.emplace(name, value).second) return refuse("", bad(name + ": given more than once"));
  const std::string mode = p["hub.mode"];
  if (mode == "publish")
    return refuse(mode, bad("hub.mode: this hub delivers only its own node's documents, which it "
                            "watches itself; publish pings are not needed"));
  if (mode != "subscribe" && mode != "unsubscribe")
    return refuse(mode, bad("hub.mode: must be subscribe or unsubscribe"));
  const std::string callback = p["hub.callback"];
  if (callback.empty()) return refuse(mode, bad("hub.callback: missing"));
  auto cb = parse_http_url(callback);
  if (!cb.ok()) return refuse(mode, bad("hub.callback: " + cb.error().message));
  if (callback.size() > kMaxUrl || callback.find('#') != std::string::npos)
    return refuse(mode, bad("hub.callback: longer than 2048 bytes or has a fragment"));
  std::string host = cb->host;
  std::string literal =
      host.size() > 2 && host.front() == '[' ? host.substr(1, host.size() - 2) : host;
  if (!ctx_.config.sync.allow_private_addresses &&
      fetch::is_private_address(literal).value_or(false))
    return refuse(mode, bad("hub.callback: " + host +
                            " is a private address (the node's [sync] allow_private_addresses is "
                            "false)"));
  if (p["hub.topic"].empty()) return refuse(mode, bad("hub.topic: missing"));
  auto topic = read_topic(p["hub.topic"]);
  if (!topic.ok()) return refuse(mode, bad(topic.error().message));
  const WebSubSection& w = ctx_.config.websub;
  std::int64_t lease = w.lease.count();
  if (auto it = p.find("hub.lease_seconds"); it != p.end()) {
    const std::string& text = it->second;
    if (text.empty() || text.size() > 12 ||
        text.find_first_not_of("0123456789") != std::string::npos)
      return refuse(mode, bad("hub.lease_seconds: not a number of seconds"));
    lease = std::clamp<std::int64_t>(std::stoll(text), w.min_lease.count(), w.max_lease.count());
  }
  const std::string secret = p["hub.secret"];
  if (secret.size() > kMaxSecret) return refuse(mode, bad("hub.secret: longer than 200 bytes"));
  if (mode == "subscribe") {
    auto cat = ctx_.catalogue->lease();
    if (!cat.ok()) return http::Response::text(503, "websub: catalogue unavailable\n");
    auto held = (*cat)->hub_subscriptions().count_for_host(host, topic->topic, callback);
    if (!held.ok()) return http::Response::text(503, "websub: catalogue unavailable\n");
    std::lock_guard lock(mutex_);
    if (std::size_t(*held) + verifying_[host] >= w.max_subscriptions_per_host)
      return refuse(mode, http::Response::text(
                              429, "websub: callbacks on " + host + " have " +
                                       std::to_string(w.max_subscriptions_per_host) +
                                       " subscriptions already (max_subscriptions_per_host)\n"));
  }
  {
    std::lock_guard lock(mutex_);
    std::size_t waiting = 0;
    for (const auto& [h, n] : verifying_) waiting += n;
    if (waiting >= kMaxVerifying)
      return refuse(mode, http::Response::text(503,
                                               "websub: too many requests waiting for "
                                               "verification; try again later\n")
                              .header("Retry-After", "60"));
    ++verifying_[host];
  }
  Job job;
  job.kind = Job::Kind::kVerify;
  job.mode = mode;
  job.topic = topic->topic;
  job.callback = callback;
  job.host = host;
  job.secret = secret;
  job.lease_seconds = lease;
  enqueue(std::move(job), Steady::now());
  ctx_.metrics.inc(kRequests, {{"mode", mode}, {"answer", "accepted"}});
  return http::Response::text(202, "websub: accepted; the intent will be verified at " + callback +
                                       " for " + topic->topic + "\n");
}

void Hub::enqueue(Job job, Steady::time_point due) {
  {
    std::lock_guard lock(mutex_);
    queue_.emplace(due, std::make_shared<Job>(std::move(job)));
  }
  jobs_.notify_all();
}

std::chrono::seconds Hub::backoff(int attempt) const {
  // 5 s, 15 s, 45 s, 135 s... at most an hour.
  std::int64_t s = 5;
  for (int i = 1; i < attempt && s < 3600; ++i) s *= 3;
  return std::chrono::seconds(std::min<std::int64_t>(s, 3600));
}

void Hub::watch() {
  std::unique_lock lock(mutex_);
  std::uint64_t commits = ctx_.catalogue->commits();
  while (!stopping_) {
    lock.unlock();
    // Woken by a commit of this process at once; another process's within kLook.
    ctx_.catalogue->wait_for_commit(commits, kLook);
    commits = ctx_.catalogue->commits();
    lock.lock();
    if (stopping_) return;
    lock.unlock();
    auto version = ctx_.catalogue->version();
    bool changed = version.ok() && (!seen_version_ || *version != *seen_version_);
    lock.lock();
    if (!changed && !replan_) continue;
    replan_ = false;
    if (version.ok()) seen_version_ = *version;
    lock.unlock();
    plan();
    lock.lock();
  }
}

void Hub::plan() {
  std::vector<HubSubscription> subs;
  {
    auto cat = ctx_.catalogue->lease();
    if (!cat.ok()) return;
    (void)(*cat)->hub_subscriptions().expire(ctx_.clock->now());
    auto active = (*cat)->hub_subscriptions().active(ctx_.clock->now());
    if (!active.ok()) return;
    subs = std::move(*active);
  }
  std::map<std::string, std::shared_ptr<const Content>> documents;
  auto document = [&](const std::string& topic) -> std::shared_ptr<const Content> {
    auto it = documents.find(topic);
    if (it != documents.end()) return it->second;
    auto read = read_topic(topic);
    auto made = read.ok() ? std::make_shared<const Content>(std::move(*read)) : nullptr;
    documents[topic] = made;
    return made;
  };
  for (const auto& s : subs) {
    auto content = document(s.topic);
    if (!content) continue;
    std::lock_guard lock(mutex_);
    auto done = delivered_.find(s.id);
    const std::string& last = done != delivered_.end() ? done->second : s.delivered_etag;
    if (last == content->etag) continue;
    auto& pending = pending_[s.id];
    if (!pending) pending = std::make_shared<Pending>();
    bool queued = pending->content != nullptr;
    if (queued && pending->content->etag == content->etag) continue;
    pending->content = content;
    pending->callback = s.callback;
    pending->secret = s.secret;
    pending->attempt = 0;
    if (!queued) {
      auto job = std::make_shared<Job>();
      job->kind = Job::Kind::kDeliver;
      job->subscription = s.id;
      queue_.emplace(Steady::now(), job);
    }
  }
  // External hubs: told about the three unfiltered live feeds when they change.
  for (const auto& hub : ctx_.config.publish.websub_hubs)
    for (const char* path : {"feeds/atom", "feeds/json", "feeds/rss"}) {
      auto content = document(ctx_.config.node.base_url.str() + path);
      if (!content) continue;
      std::lock_guard lock(mutex_);
      std::string& told = pinged_[hub + " " + content->topic];
      if (told == content->etag) continue;
      told = content->etag;
      auto job = std::make_shared<Job>();
      job->kind = Job::Kind::kPing;
      job->hub = hub;
      job->topic = content->topic;
      queue_.emplace(Steady::now(), job);
    }
  jobs_.notify_all();
}

void Hub::work() {
  std::unique_lock lock(mutex_);
  while (true) {
    if (stopping_) return;
    if (queue_.empty()) {
      jobs_.wait(lock);
      continue;
    }
    auto first = queue_.begin();
    if (first->first > Steady::now()) {
      jobs_.wait_until(lock, first->first);
      continue;
    }
    std::shared_ptr<Job> job = first->second;
    queue_.erase(first);
    lock.unlock();
    switch (job->kind) {
      case Job::Kind::kVerify:
        verify(*job);
        break;
      case Job::Kind::kDeliver:
        deliver(job->subscription);
        break;
      case Job::Kind::kPing:
        ping(*job);
        break;
    }
    lock.lock();
  }
}

void Hub::verify(const Job& job) {
  std::string challenge = hex_encode(random_bytes(16));
  std::string url = job.callback + (job.callback.find('?') == std::string::npos ? "?" : "&") +
                    form_encode({{"hub.mode", job.mode},
                                 {"hub.topic", job.topic},
                                 {"hub.challenge", challenge},
                                 {"hub.lease_seconds", std::to_string(job.lease_seconds)}});
  fetch::Response r = fetcher_->fetch({.url = url});
  bool echoed = r.outcome == fetch::Outcome::kOk && r.body == challenge;
  ctx_.metrics.inc(kVerifications,
                   {{"mode", job.mode}, {"result", echoed ? "verified" : "not echoed"}});
  bool stored = echoed && store_verified(job);
  // The request counts for its host until it is stored (or dropped), so that the
  // per-host limit never misses it in between.
  std::lock_guard lock(mutex_);
  if (--verifying_[job.host] == 0) verifying_.erase(job.host);
  if (stored) replan_ = true;  // the current document goes out at once
}

bool Hub::store_verified(const Job& job) {
  auto cat = ctx_.catalogue->lease();
  if (!cat.ok()) return false;
  HubSubscriptionStore& store = (*cat)->hub_subscriptions();
  if (job.mode == "unsubscribe") {
    (void)store.unsubscribe(job.topic, job.callback);
    return false;
  }
  TimePoint now = ctx_.clock->now();
  HubSubscription s;
  s.topic = job.topic;
  s.callback = job.callback;
  s.host = job.host;
  s.secret = job.secret;
  s.lease_seconds = job.lease_seconds;
  s.created_at = now;
  s.expires_at = now + std::chrono::seconds(job.lease_seconds);
  return store.subscribe(s).ok();
}

void Hub::deliver(std::int64_t subscription) {
  std::shared_ptr<Pending> pending;
  std::shared_ptr<const Content> content;
  std::string callback, secret;
  {
    std::lock_guard lock(mutex_);
    auto it = pending_.find(subscription);
    if (it == pending_.end()) return;
    pending = it->second;
    content = pending->content;
    callback = pending->callback;
    secret = pending->secret;
    pending->in_flight = true;
  }
  const WebSubSection& w = ctx_.config.websub;
  auto finish = [&](const char* result) { ctx_.metrics.inc(kDeliveries, {{"result", result}}); };
  auto cat = ctx_.catalogue->lease();
  if (content->body.size() > w.max_delivery_bytes) {
    std::lock_guard lock(mutex_);
    pending_.erase(subscription);
    delivered_[subscription] = content->etag;  // not again until the document changes
    finish("too large");
    if (cat.ok())
      (void)(*cat)->hub_subscriptions().failed(
          subscription, "the document (" + std::to_string(content->body.size()) +
                            " bytes) is larger than max_delivery_bytes; the subscriber polls");
    return;
  }
  fetch::Request post{.url = callback,
                      .method = "POST",
                      .headers = {{"Content-Type", content->content_type}, {"Link", content->link}},
                      .body = content->body};
  if (!secret.empty())
    post.headers.push_back(
        {"X-Hub-Signature", "sha256=" + hmac_hex("sha256", secret, content->body)});
  fetch::Response r = fetcher_->fetch(post);
  bool ok = r.outcome == fetch::Outcome::kOk;
  bool gone = r.outcome == fetch::Outcome::kHttpError && r.status == 410;
  std::unique_lock lock(mutex_);
  if (stopping_) return;
  if (ok || gone) {
    bool newer = pending->content != content;
    delivered_[subscription] = content->etag;
    if (gone || !newer) {
      pending_.erase(subscription);
    } else {
      pending->attempt = 0;
      pending->in_flight = false;
      auto job = std::make_shared<Job>();
      job->kind = Job::Kind::kDeliver;
      job->subscription = subscription;
      queue_.emplace(Steady::now(), job);
      jobs_.notify_all();
    }
    lock.unlock();
    finish(ok ? "ok" : "gone");
    if (!cat.ok()) return;
    if (gone)
      (void)(*cat)->hub_subscriptions().remove(subscription);
    else
      (void)(*cat)->hub_subscriptions().delivered(subscription, content->etag, ctx_.clock->now());
    return;
  }
  pending->in_flight = false;
  int attempt = ++pending->attempt;
  bool retry = attempt < w.delivery_attempts;
  if (retry) {
    auto job = std::make_shared<Job>();
    job->kind = Job::Kind::kDeliver;
    job->subscription = subscription;
    queue_.emplace(Steady::now() + backoff(attempt), job);
    jobs_.notify_all();
  } else {
    pending_.erase(subscription);
  }
  lock.unlock();
  finish(retry ? "failed" : "gave up");
  std::string why = r.error.empty() ? fetch::to_string(r.outcome) : r.error;
  if (cat.ok()) (void)(*cat)->hub_subscriptions().failed(subscription, why);
}

void Hub::ping(const Job& job) {
  fetch::Request post{.url = job.hub,
                      .method = "POST",
                      .headers = {{"Content-Type", "application/x-www-form-urlencoded"}},
                      .body = form_encode({{"hub.mode", "publish"}, {"hub.url", job.topic}})};
  fetch::Response r = fetcher_->fetch(post);
  bool ok = r.outcome == fetch::Outcome::kOk;
  ctx_.metrics.inc(kPings, {{"result", ok ? "ok" : "failed"}});
  if (ok || job.attempt + 1 >= 3) return;
  Job again = job;
  ++again.attempt;
  enqueue(std::move(again), Steady::now() + backoff(again.attempt));
}

}  // namespace sic::websub
