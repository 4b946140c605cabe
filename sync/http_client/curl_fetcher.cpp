// The libcurl fetcher: one multi handle per fetch_all call, one easy handle per
// request. See docs/sync.md, "Fetching".
#include <curl/curl.h>
#include <netinet/in.h>
#include <sys/socket.h>

#include <arpa/inet.h>

#include <algorithm>
#include <atomic>
#include <cctype>
#include <chrono>
#include <memory>
#include <mutex>
#include <string>
#include <vector>

#include "sync/http_client/address.h"
#include "sync/http_client/http_client.h"
#include "sync/http_client/status.h"

namespace sic::fetch {
namespace {

using Clock = std::chrono::steady_clock;

// The part of an error body kept for messages.
constexpr std::size_t kErrorBodyBytes = 64 * 1024;

struct EasyDeleter {
  void operator()(CURL* easy) const { curl_easy_cleanup(easy); }
};
struct ListDeleter {
  void operator()(curl_slist* list) const { curl_slist_free_all(list); }
};

// What one transfer collects while it runs. It stays at one address while curl
// holds pointers to it (callbacks' user data, CURLOPT_PRIVATE).
struct Transfer {
  std::size_t index = 0;
  const Request* request = nullptr;
  const Limits* limits = nullptr;
  std::unique_ptr<CURL, EasyDeleter> easy;
  std::unique_ptr<curl_slist, ListDeleter> header_list;
  char error_buffer[CURL_ERROR_SIZE] = {};
  bool added = false;  // to the multi handle

  // The latest response's head; reset at each status line (redirects, 1xx).
  int status = 0;
  std::string reason;
  Validators validators;
  std::string retry_after;
  std::string content_length;

  std::string body;
  bool too_large = false;
  std::string refused_address;  // set when the last socket opened was refused
};

// ---- callbacks -------------------------------------------------------------

std::string_view trim(std::string_view text) {
  auto space = [](char c) { return c == ' ' || c == '\t' || c == '\r' || c == '\n'; };
  while (!text.empty() && space(text.front())) text.remove_prefix(1);
  while (!text.empty() && space(text.back())) text.remove_suffix(1);
  return text;
}

bool iequals(std::string_view a, std::string_view b) {
  if (a.size() != b.size()) return false;
  for (std::size_t i = 0; i < a.size(); ++i) {
    if (std::tolower(static_cast<unsigned char>(a[i])) !=
        std::tolower(static_cast<unsigned char>(b[i]))) {
      return false;
    }
  }
  return true;
}

// "HTTP/1.1 404 Not Found" -> 404, "Not Found". "HTTP/2 304" has no reason.
void read_status_line(Transfer& t, std::string_view line) {
  t.status = 0;
  t.reason.clear();
  t.validators = {};
  t.retry_after.clear();
  t.content_length.clear();
  t.body.clear();
  t.too_large = false;
  auto space = line.find(' ');
  if (space == std::string_view::npos || line.size() < space + 4) return;
  std::string_view code = line.substr(space + 1, 3);
  for (char c : code) {
    if (c < '0' || c > '9') return;
  }
  t.status = (code[0] - '0') * 100 + (code[1] - '0') * 10 + (code[2] - '0');
  if (line.size() > space + 5) t.reason = std::string(trim(line.substr(space + 5)));
}

void read_header_field(Transfer& t, std::string_view line) {
  auto colon = line.find(':');
  if (colon == std::string_view::npos) return;
  std::string_view name = trim(line.substr(0, colon));
  std::string value(trim(line.substr(colon + 1)));
  if (iequals(name, "ETag")) t.validators.etag = value;
  if (iequals(name, "Last-Modified")) t.validators.last_modified = value;
  if (iequals(name, "Retry-After")) t.retry_after = value;
  if (iequals(name, "Content-Length")) t.content_length = value;
}

size_t on_header(char* data, size_t size, size_t count, void* user) {
  auto& t = *static_cast<Transfer*>(user);
  std::string_view line = trim(std::string_view(data, size * count));
  if (line.starts_with("HTTP/")) {
    read_status_line(t, line);
  } else {
    read_header_field(t, line);
  }
  return size * count;
}

bool is_success_status(int status) { return status >= 200 && status < 300; }

// Returning less than given makes curl abort the transfer (CURLE_WRITE_ERROR).
size_t on_body(char* data, size_t size, size_t count, void* user) {
  auto& t = *static_cast<Transfer*>(user);
  size_t length = size * count;
  bool success = is_success_status(t.status);
  size_t cap = success ? t.limits->max_body_bytes : kErrorBodyBytes;
  if (length > cap - t.body.size()) {
    if (success) {
      t.too_large = true;
    } else {
      t.body.append(data, cap - t.body.size());  // enough for a message
    }
    return 0;
  }
  t.body.append(data, length);
  return length;
}

// The text form of a socket address, for messages.
std::string address_text(int family, const void* address) {
  char text[INET6_ADDRSTRLEN] = "?";
  inet_ntop(family, address, text, sizeof text);
  return text;
}

// Called instead of socket(2) for every connection, after DNS and after each
// redirect: the one place where the address actually connected to is known.
curl_socket_t on_open_socket(void* user, curlsocktype, curl_sockaddr* address) {
  auto& t = *static_cast<Transfer*>(user);
  if (!t.limits->allow_private_addresses) {
    const unsigned char* bytes = nullptr;
    std::size_t size = 0;
    if (address->family == AF_INET) {
      bytes = reinterpret_cast<const unsigned char*>(
          &reinterpret_cast<const sockaddr_in*>(&address->addr)->sin_addr);
      size = 4;
    } else if (address->family == AF_INET6) {
      bytes = reinterpret_cast<const unsigned char*>(
          &reinterpret_cast<const sockaddr_in6*>(&address->addr)->sin6_addr);
      size = 16;
    }
    if (bytes == nullptr || is_private_address(bytes, size)) {
      t.refused_address = bytes ? address_text(address->family, bytes) : "a non-IP address";
      return CURL_SOCKET_BAD;
    }
  }
  t.refused_address.clear();
  return socket(address->family, address->socktype | SOCK_CLOEXEC, address->protocol);
}

// ---- setting a transfer up -------------------------------------------------

bool has_line_break(std::string_view text) {
  return text.find_first_of("\r\n") != std::string_view::npos;
}

// The request's headers, or an error message when one cannot be sent.
std::string build_header_list(Transfer& t) {
  const Request& r = *t.request;
  std::vector<std::string> lines;
  if (!r.validators.etag.empty()) lines.push_back("If-None-Match: " + r.validators.etag);
  if (!r.validators.last_modified.empty()) {
    lines.push_back("If-Modified-Since: " + r.validators.last_modified);
  }
  if (r.method == "POST") lines.push_back("Expect:");  // no 100-continue round trip
  for (const auto& [name, value] : r.headers) {
    if (name.empty() || has_line_break(name) || has_line_break(value) ||
        name.find(':') != std::string::npos) {
      return "request header \"" + std::string(trim(name)) + "\" is not a valid header";
    }
    lines.push_back(name + ": " + value);
  }
  for (const auto& line : lines) {
    if (has_line_break(line)) return "request validators contain a line break";
    curl_slist* appended = curl_slist_append(t.header_list.get(), line.c_str());
    if (appended == nullptr) return "out of memory";
    t.header_list.release();
    t.header_list.reset(appended);
  }
  return {};
}

long to_millis(std::chrono::seconds s) {
  return static_cast<long>(std::chrono::milliseconds(s).count());
}

void set_limits(CURL* easy, const Limits& limits) {
  curl_easy_setopt(easy, CURLOPT_PROTOCOLS_STR, "http,https");
  curl_easy_setopt(easy, CURLOPT_REDIR_PROTOCOLS_STR, "http,https");
  curl_easy_setopt(easy, CURLOPT_FOLLOWLOCATION, 1L);
  curl_easy_setopt(easy, CURLOPT_MAXREDIRS, static_cast<long>(limits.max_redirects));
  curl_easy_setopt(easy, CURLOPT_CONNECTTIMEOUT_MS, to_millis(limits.connect_timeout));
  curl_easy_setopt(easy, CURLOPT_TIMEOUT_MS, to_millis(limits.total_timeout));
  if (limits.max_body_bytes > 0) {  // 0 would disable the check; on_body still applies
    curl_easy_setopt(easy, CURLOPT_MAXFILESIZE_LARGE,
                     static_cast<curl_off_t>(limits.max_body_bytes));
  }
  curl_easy_setopt(easy, CURLOPT_SSL_VERIFYPEER, 1L);
  curl_easy_setopt(easy, CURLOPT_SSL_VERIFYHOST, 2L);
  curl_easy_setopt(easy, CURLOPT_PROXY, "");  // no environment proxies: see Limits
  curl_easy_setopt(easy, CURLOPT_NOSIGNAL, 1L);
}

void set_callbacks(Transfer& t) {
  CURL* easy = t.easy.get();
  curl_easy_setopt(easy, CURLOPT_PRIVATE, &t);
  curl_easy_setopt(easy, CURLOPT_ERRORBUFFER, t.error_buffer);
  curl_easy_setopt(easy, CURLOPT_HEADERFUNCTION, on_header);
  curl_easy_setopt(easy, CURLOPT_HEADERDATA, &t);
  curl_easy_setopt(easy, CURLOPT_WRITEFUNCTION, on_body);
  curl_easy_setopt(easy, CURLOPT_WRITEDATA, &t);
  curl_easy_setopt(easy, CURLOPT_OPENSOCKETFUNCTION, on_open_socket);
  curl_easy_setopt(easy, CURLOPT_OPENSOCKETDATA, &t);
}

// Sets t.easy up for its request; returns an error message when the request
// cannot be made.
std::string configure(Transfer& t, const std::string& user_agent) {
  const Request& r = *t.request;
  if (r.method != "GET" && r.method != "POST" && r.method != "HEAD") {
    return "unsupported method \"" + r.method + "\" (GET, POST or HEAD)";
  }
  t.easy.reset(curl_easy_init());
  if (!t.easy) return "could not create a transfer";
  if (auto error = build_header_list(t); !error.empty()) return error;
  CURL* easy = t.easy.get();
  set_limits(easy, *t.limits);
  set_callbacks(t);
  curl_easy_setopt(easy, CURLOPT_URL, r.url.c_str());
  curl_easy_setopt(easy, CURLOPT_USERAGENT, user_agent.c_str());
  curl_easy_setopt(easy, CURLOPT_ACCEPT_ENCODING, "gzip");
  curl_easy_setopt(easy, CURLOPT_HTTPHEADER, t.header_list.get());
  if (r.method == "HEAD") curl_easy_setopt(easy, CURLOPT_NOBODY, 1L);
  if (r.digest) {
    if (has_line_break(r.digest->user) || r.digest->user.find(':') != std::string::npos)
      return "the Digest user name holds a line break or ':'";
    curl_easy_setopt(easy, CURLOPT_HTTPAUTH, CURLAUTH_DIGEST);
    curl_easy_setopt(easy, CURLOPT_USERNAME, r.digest->user.c_str());
    curl_easy_setopt(easy, CURLOPT_PASSWORD, r.digest->password.c_str());
  }
  if (r.method == "POST") {
    curl_easy_setopt(easy, CURLOPT_POST, 1L);
    curl_easy_setopt(easy, CURLOPT_POSTFIELDS, r.body.data());
    curl_easy_setopt(easy, CURLOPT_POSTFIELDSIZE_LARGE, static_cast<curl_off_t>(r.body.size()));
  }
  return {};
}

// ---- reading the result ----------------------------------------------------

// "404 Not Found": the server's reason phrase, or the table's when it sent none (HTTP/2
// has no reason phrase).
std::string status_text(int status, const std::string& reason) {
  std::string text = std::to_string(status);
  if (!reason.empty()) return text + " " + reason;
  std::string_view known = http_status::reason_phrase(status);
  return known.empty() ? text : text + " " + std::string(known);
}

std::string size_text(std::size_t bytes) {
  constexpr std::size_t kKiB = 1024, kMiB = 1024 * 1024;
  if (bytes >= kMiB && bytes % kMiB == 0) return std::to_string(bytes / kMiB) + " MB";
  if (bytes >= kKiB && bytes % kKiB == 0) return std::to_string(bytes / kKiB) + " KB";
  return std::to_string(bytes) + " bytes";
}

void set_outcome(Response& r, Outcome outcome, std::string error) {
  r.outcome = outcome;
  r.error = std::move(error);
}

// A final response that is not 2xx decides the outcome whatever happened to its body.
void classify_status(Response& r, const Transfer& t) {
  if (r.status == 304) {
    r.outcome = Outcome::kNotModified;
    if (r.validators.etag.empty()) r.validators.etag = t.request->validators.etag;
    if (r.validators.last_modified.empty()) {
      r.validators.last_modified = t.request->validators.last_modified;
    }
    return;
  }
  r.body = t.body;
  std::string text = "server answered " + status_text(r.status, t.reason);
  if (r.status == 429 || r.status == 503) {
    if (r.retry_after) text += ", retry after " + std::to_string(r.retry_after->count()) + " s";
    set_outcome(r, Outcome::kRateLimited, text);
  } else {
    set_outcome(r, Outcome::kHttpError, text);
  }
}

std::string too_large_text(const Transfer& t, CURLcode code) {
  std::string limit = size_text(t.limits->max_body_bytes);
  if (code == CURLE_FILESIZE_EXCEEDED && !t.content_length.empty()) {
    return "Content-Length " + t.content_length + " is over the " + limit + " limit";
  }
  return "body is over the " + limit + " limit";
}

std::string timeout_text(const Transfer& t) {
  curl_off_t connect_us = 0;
  curl_easy_getinfo(t.easy.get(), CURLINFO_CONNECT_TIME_T, &connect_us);
  if (connect_us == 0) {
    return "could not connect within " + std::to_string(t.limits->connect_timeout.count()) + " s";
  }
  return "timed out after " + std::to_string(t.limits->total_timeout.count()) + " s";
}

std::string network_text(const Transfer& t, CURLcode code) {
  std::string detail = t.error_buffer[0] ? t.error_buffer : curl_easy_strerror(code);
  switch (code) {
    case CURLE_UNSUPPORTED_PROTOCOL:
      return "unsupported URL scheme (only http and https are fetched)";
    case CURLE_URL_MALFORMAT:
      return "malformed URL";
    case CURLE_COULDNT_RESOLVE_HOST:
      return "could not resolve the host name";
    case CURLE_COULDNT_CONNECT:
      return "could not connect: " + detail;
    case CURLE_PARTIAL_FILE:
      return "connection closed before the end of the body";
    case CURLE_GOT_NOTHING:
      return "server closed the connection without answering";
    case CURLE_BAD_CONTENT_ENCODING:
      return "server sent a corrupt compressed body";
    case CURLE_WEIRD_SERVER_REPLY:
      return "server did not answer in HTTP";
    case CURLE_PEER_FAILED_VERIFICATION:
      return "TLS certificate not trusted: " + detail;
    default:
      return detail;
  }
}

// Maps curl's result and the final response to an Outcome and a message.
void classify(Response& r, const Transfer& t, CURLcode code) {
  if (code != CURLE_OK && !t.refused_address.empty()) {
    r.status = 0;
    return set_outcome(r, Outcome::kRefused,
                       "refused to connect to " + t.refused_address +
                           ": a loopback, private or reserved address "
                           "(private addresses are not allowed)");
  }
  if (code == CURLE_TOO_MANY_REDIRECTS) {
    return set_outcome(r, Outcome::kHttpError,
                       "more than " + std::to_string(t.limits->max_redirects) + " redirects");
  }
  // A redirect that failed to be followed is judged by why it failed.
  bool failed_redirect = code != CURLE_OK && r.status >= 300 && r.status < 400 && r.status != 304;
  if (r.status != 0 && !is_success_status(r.status) && !failed_redirect) {
    return classify_status(r, t);
  }
  if (code == CURLE_OK) {
    r.outcome = Outcome::kOk;
    r.body = t.body;
    return;
  }
  if (t.too_large || code == CURLE_FILESIZE_EXCEEDED) {
    return set_outcome(r, Outcome::kTooLarge, too_large_text(t, code));
  }
  if (code == CURLE_OPERATION_TIMEDOUT) return set_outcome(r, Outcome::kTimeout, timeout_text(t));
  set_outcome(r, Outcome::kNetworkError, network_text(t, code));
}

Response finish(Transfer& t, CURLcode code) {
  CURL* easy = t.easy.get();
  Response r;
  long status = 0, header_bytes = 0;
  curl_off_t body_bytes = 0;
  char* url = nullptr;
  char* content_type = nullptr;
  curl_easy_getinfo(easy, CURLINFO_RESPONSE_CODE, &status);
  curl_easy_getinfo(easy, CURLINFO_HEADER_SIZE, &header_bytes);
  curl_easy_getinfo(easy, CURLINFO_SIZE_DOWNLOAD_T, &body_bytes);
  curl_easy_getinfo(easy, CURLINFO_EFFECTIVE_URL, &url);
  curl_easy_getinfo(easy, CURLINFO_CONTENT_TYPE, &content_type);
  r.status = static_cast<int>(status);
  r.wire_bytes = static_cast<std::size_t>(header_bytes) + static_cast<std::size_t>(body_bytes);
  r.final_url = url ? url : t.request->url;
  if (content_type) r.content_type = content_type;
  r.validators = t.validators;
  if (!t.retry_after.empty()) r.retry_after = parse_retry_after(t.retry_after, now_seconds());
  classify(r, t, code);
  if (r.outcome != Outcome::kOk && r.outcome != Outcome::kNotModified) r.validators = {};
  return r;
}

Response setup_failure(std::string error, const Request& request) {
  Response r;
  r.final_url = request.url;
  set_outcome(r, Outcome::kNetworkError, std::move(error));
  return r;
}

// ---- the multi loop --------------------------------------------------------

// One fetch_all call: its multi handle and its transfers. The destructor
// detaches every transfer still attached, so an early exit leaks nothing.
class Batch {
 public:
  Batch(const std::vector<Request>& requests, const Limits& limits, const std::string& user_agent,
        const Progress& progress)
      : multi_(curl_multi_init()), responses_(requests.size()), progress_(progress) {
    transfers_.reserve(requests.size());
    for (std::size_t i = 0; i < requests.size(); ++i) {
      add(i, requests[i], limits, user_agent);
    }
  }
  ~Batch() {
    for (auto& t : transfers_) {
      if (t->added) curl_multi_remove_handle(multi_, t->easy.get());
    }
    transfers_.clear();
    curl_multi_cleanup(multi_);
  }
  Batch(const Batch&) = delete;
  Batch& operator=(const Batch&) = delete;

  // Runs until every transfer has finished, deadline has passed or cancelled is set.
  std::vector<Response> run(Clock::time_point deadline, const std::atomic<bool>& cancelled) {
    while (running() > 0 && Clock::now() < deadline && !cancelled) {
      int still_running = 0;
      curl_multi_perform(multi_, &still_running);
      collect();
      if (running() > 0) curl_multi_poll(multi_, nullptr, 0, 100, nullptr);
    }
    abandon_the_rest(cancelled);
    return std::move(responses_);
  }

 private:
  void add(std::size_t index, const Request& request, const Limits& limits,
           const std::string& user_agent) {
    auto t = std::make_unique<Transfer>();
    t->index = index;
    t->request = &request;
    t->limits = &limits;
    std::string error = multi_ ? configure(*t, user_agent) : "could not create a transfer";
    if (error.empty() && curl_multi_add_handle(multi_, t->easy.get()) != CURLM_OK) {
      error = "could not start the transfer";
    }
    t->added = error.empty();
    if (!t->added) done(index, setup_failure(error, request));
    transfers_.push_back(std::move(t));
  }

  std::size_t running() const { return responses_.size() - finished_; }

  void collect() {
    int left = 0;
    while (CURLMsg* message = curl_multi_info_read(multi_, &left)) {
      if (message->msg != CURLMSG_DONE) continue;
      Transfer* t = nullptr;
      curl_easy_getinfo(message->easy_handle, CURLINFO_PRIVATE, &t);
      CURLcode code = message->data.result;
      curl_multi_remove_handle(multi_, t->easy.get());
      t->added = false;
      done(t->index, finish(*t, code));
    }
  }

  // After a cancel, or as a safety net: curl's own timeouts end every transfer well
  // before the deadline.
  void abandon_the_rest(bool cancelled) {
    for (auto& t : transfers_) {
      if (!t->added) continue;
      curl_multi_remove_handle(multi_, t->easy.get());
      t->added = false;
      Response r = setup_failure({}, *t->request);
      if (cancelled)
        set_outcome(r, Outcome::kNetworkError, "cancelled");
      else
        set_outcome(r, Outcome::kTimeout,
                    "timed out after " + std::to_string(t->limits->total_timeout.count()) + " s");
      done(t->index, std::move(r));
    }
  }

  void done(std::size_t index, Response response) {
    responses_[index] = std::move(response);
    ++finished_;
    if (progress_) progress_(finished_, responses_.size());
  }

  CURLM* multi_;
  std::vector<std::unique_ptr<Transfer>> transfers_;
  std::vector<Response> responses_;
  std::size_t finished_ = 0;
  const Progress& progress_;
};

// Limits that curl would read as "no limit" (a zero timeout, a negative
// redirect count) are raised to the smallest real limit instead.
Limits sane(Limits limits) {
  limits.connect_timeout = std::max(limits.connect_timeout, std::chrono::seconds(1));
  limits.total_timeout = std::max(limits.total_timeout, std::chrono::seconds(1));
  limits.max_redirects = std::max(limits.max_redirects, 0);
  return limits;
}

class CurlFetcher : public Fetcher {
 public:
  CurlFetcher(const Limits& limits, std::string user_agent)
      : limits_(sane(limits)), user_agent_(std::move(user_agent)) {
    static std::once_flag once;
    std::call_once(once, [] { curl_global_init(CURL_GLOBAL_DEFAULT); });
  }

  std::vector<Response> fetch_all(const std::vector<Request>& requests,
                                  const Progress& progress) override {
    if (requests.empty()) return {};
    auto deadline = Clock::now() + limits_.total_timeout + std::chrono::seconds(5);
    Batch batch(requests, limits_, user_agent_, progress);
    return batch.run(deadline, cancelled_);
  }

  void cancel() override { cancelled_ = true; }

 private:
  std::atomic<bool> cancelled_{false};
  const Limits limits_;
  const std::string user_agent_;
};

}  // namespace

std::unique_ptr<Fetcher> make_curl_fetcher(const Limits& limits, std::string user_agent) {
  return std::make_unique<CurlFetcher>(limits, std::move(user_agent));
}

}  // namespace sic::fetch
