// The only file that sees cpprestsdk's HTTP types.
#include "node/http/server.h"

#include "feeds/model/datetime.h"
#include "feeds/text/utf8.h"

#include <cpprest/containerstream.h>
#include <cpprest/http_listener.h>
#include <cpprest/rawptrstream.h>

#include <atomic>
#include <condition_variable>
#include <mutex>
#include <vector>

namespace sic::http {
namespace {

namespace cp = web::http;
using cp::experimental::listener::http_listener;

Method method_of(const cp::method& m) {
  if (m == cp::methods::GET) return Method::kGet;
  if (m == cp::methods::HEAD) return Method::kHead;
  if (m == cp::methods::POST) return Method::kPost;
  if (m == cp::methods::PUT) return Method::kPut;
  if (m == cp::methods::DEL) return Method::kDelete;
  if (m == cp::methods::OPTIONS) return Method::kOptions;
  return Method::kOther;
}

std::string lower(std::string s) {
  for (char& c : s) c = char(std::tolower(static_cast<unsigned char>(c)));
  return s;
}

// Fills everything but the body from the cpprest request.
Request convert_head(const cp::http_request& in) {
  Request r;
  r.method = method_of(in.method());
  const auto& uri = in.request_uri();
  r.path = uri.path().empty() ? "/" : uri.path();
  r.target = r.path + (uri.query().empty() ? "" : "?" + uri.query());
  r.query = parse_query(uri.query()).value_or(decltype(r.query){});
  for (const auto& [name, value] : in.headers()) r.headers[lower(name)] = value;
  r.remote = in.remote_address();
  return r;
}

// Whether the reply carries the Response's bytes: read in place while they are sent.
bool streams_body(const Response& out, Method method) {
  return method != Method::kHead && out.status != 304 && out.status != 204 &&
         !out.payload().empty();
}

// cpprest writes "Content-Length: 0" itself for a response without a body stream. A
// HEAD response must announce the length of the GET body instead, so it gets an empty
// body stream and that length: cpprest sends the headers, finds the stream short and
// closes the connection (the reply then fails with "Response stream close early!",
// which cpprest observes itself). A 304 or 204 has no body and keeps cpprest's length 0.
cp::http_response convert(const Response& out, Method method) {
  cp::http_response resp(static_cast<cp::status_code>(out.status));
  resp.headers().add("Date", formatted_now<format_http_date>());
  std::string content_type;
  for (const auto& [name, value] : out.headers) {
    if (text::iequals(name, "content-type"))
      content_type = value;
    else if (!text::iequals(name, "content-length"))
      resp.headers().add(name, value);
  }
  if (!streams_body(out, method)) {
    if (!content_type.empty()) resp.headers().set_content_type(content_type);
    if (method == Method::kHead && out.status != 304 && out.status != 204) {
      using Buffer = concurrency::streams::container_buffer<std::vector<uint8_t>>;
      resp.set_body(concurrency::streams::istream(Buffer(std::vector<uint8_t>{}, std::ios::in)));
      resp.headers().set_content_length(out.payload().size());
    }
    return resp;
  }
  // The stream reads the Response's bytes in place: finish() keeps the Response until
  // the reply has been sent (or has failed).
  std::string_view payload = out.payload();
  auto bytes = reinterpret_cast<const uint8_t*>(payload.data());
  resp.set_body(concurrency::streams::rawptr_stream<uint8_t>::open_istream(bytes, payload.size()),
                payload.size(), content_type.empty() ? "application/octet-stream" : content_type);
  return resp;
}

// Runs a continuation on the thread that completes its task (a cpprest I/O thread)
// instead of handing it to pplx's thread pool: the continuation that keeps a reply's
// body alive does nothing else and must not cost a thread switch.
struct InlineScheduler final : pplx::scheduler_interface {
  void schedule(pplx::TaskProc_t proc, void* param) override { proc(param); }
};

class CpprestServer final : public Server {
 public:
  CpprestServer(const ServerOptions& options, Handler handler, Observer observer)
      : options_(options), handler_(std::move(handler)), observer_(std::move(observer)) {
    bool v6 = options.host.find(':') != std::string::npos;
    url_ = "http://" + (v6 ? "[" + options.host + "]" : options.host) + ":" +
           std::to_string(options.port);
  }
  ~CpprestServer() override { stop(); }

  Status open() {
    try {
      listener_ = std::make_unique<http_listener>(url_);
      listener_->support([this](cp::http_request req) { serve(std::move(req)); });
      listener_->open().wait();
      return Status::Ok();
    } catch (const std::exception& e) {
      listener_.reset();
      return Error{"http: cannot listen on " + url_ + ": " + e.what()};
    }
  }

  void stop() override {
    if (stopped_.exchange(true) || !listener_) return;
    try {
      listener_->close().wait();
    } catch (const std::exception&) {
      // Already closed: nothing left to stop.
    }
    // Requests still being handled finish; replies still being sent finish (or fail) on
    // their own, holding only their own bytes.
    std::unique_lock lock(flight_mutex_);
    flight_done_.wait(lock, [&] { return in_flight_.load() == 0; });
  }

  std::string url() const override { return url_; }

 private:
  // Runs on one of cpprest's I/O threads. Nothing here waits for cpprest: a handler that
  // blocked until its reply was sent would hold the thread that has to send it, and as
  // many concurrent clients as there are threads (40) would stop the server for good.
  void serve(cp::http_request in) {
    auto start = std::chrono::steady_clock::now();
    Request request = convert_head(in);
    begin_flight();
    auto length = in.headers().content_length();
    if (length > options_.max_request_body)
      return finish(in, request,
                    Response::text(413, "request body larger than " +
                                            std::to_string(options_.max_request_body) + " bytes\n"),
                    start);
    // Reading a body is a continuation; requests that announce none skip it.
    if (length == 0 && !in.headers().has(cp::header_names::transfer_encoding))
      return finish(in, request, handle(request), start);
    auto shared = std::make_shared<Request>(std::move(request));
    in.extract_vector().then(
        [this, in, shared, start](pplx::task<std::vector<uint8_t>> body) mutable {
          Response response;
          try {
            auto bytes = body.get();
            if (bytes.size() > options_.max_request_body) {
              response = Response::text(413, "request body too large\n");
            } else {
              shared->body.assign(bytes.begin(), bytes.end());
              response = handle(*shared);
            }
          } catch (const std::exception& e) {
            response =
                Response::text(400, std::string("http: cannot read the body: ") + e.what() + "\n");
          }
          finish(in, *shared, std::move(response), start);
        });
  }

  Response handle(const Request& request) {
    try {
      return handler_(request);
    } catch (const std::exception& e) {
      return Response::text(500, std::string("internal error: ") + e.what() + "\n");
    }
  }

  // Hands the response to cpprest, reports it to the observer and ends the request's
  // flight: the time reported is the time to answer, up to the hand-off. A body is sent
  // from the Response's bytes in place, so a continuation keeps the Response alive until
  // cpprest is done with it. cpprest observes the reply's task itself (a client that went
  // away is an error no one needs to hear of), so a reply without a body costs no
  // continuation.
  void finish(cp::http_request& in, const Request& request, Response response,
              std::chrono::steady_clock::time_point start) {
    auto kept = streams_body(response, request.method)
                    ? std::make_shared<Response>(std::move(response))
                    : nullptr;
    const Response& sent = kept ? *kept : response;
    try {
      auto reply = in.reply(convert(sent, request.method));
      if (kept) reply.then([kept](pplx::task<void>) {}, pplx::task_options(inline_));
    } catch (const std::exception&) {
      // Already answered, or the connection is gone: nothing left to send.
    }
    if (observer_)
      observer_(request, sent,
                std::chrono::duration_cast<std::chrono::microseconds>(
                    std::chrono::steady_clock::now() - start));
    end_flight();
  }

  void begin_flight() { in_flight_.fetch_add(1); }
  void end_flight() {
    if (in_flight_.fetch_sub(1) != 1) return;
    std::lock_guard lock(flight_mutex_);
    flight_done_.notify_all();
  }

  ServerOptions options_;
  Handler handler_;
  Observer observer_;
  std::string url_;
  std::unique_ptr<http_listener> listener_;
  std::atomic<bool> stopped_{false};
  pplx::scheduler_ptr inline_{std::make_shared<InlineScheduler>()};
  std::mutex flight_mutex_;
  std::condition_variable flight_done_;
  std::atomic<std::size_t> in_flight_{0};  // requests whose observer has not run yet
};

}  // namespace

Result<std::unique_ptr<Server>> Server::start(const ServerOptions& options, Handler handler,
                                              Observer observer) {
  auto server = std::make_unique<CpprestServer>(options, std::move(handler), std::move(observer));
  if (Status st = server->open(); !st.ok()) return st.error();
  return std::unique_ptr<Server>(std::move(server));
}

}  // namespace sic::http
