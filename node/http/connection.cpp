// One connection: read a request head (wire::HeadScanner, then Beast's parser), check
// its framing, read its body within the route's limit, run the handler, write the
// response; again for the next request (pipelined ones are answered in order, one at a
// time). Everything a connection does runs on its strand.
#include "node/http/connection.h"

#include <boost/asio/post.hpp>
#include <boost/asio/ssl/stream.hpp>
#include <boost/asio/write.hpp>
#include <boost/beast/core/flat_buffer.hpp>
#include <boost/beast/http/empty_body.hpp>
#include <boost/beast/http/parser.hpp>
#include <optional>

#include "feeds/text/utf8.h"
#include "node/http/wire.h"

namespace sic::http::detail {

namespace beast = boost::beast;
namespace bh = boost::beast::http;
using boost::system::error_code;

ConnectionBase::~ConnectionBase() {
  if (core_) core_->remove(this);
}

namespace {

constexpr std::size_t kReadChunk = 16 * 1024;
constexpr std::size_t kMaxLingerBytes = 1 << 20;  // discarded after a refusal, at most
constexpr std::chrono::milliseconds kMaxLinger{2000};
constexpr std::int64_t kNoDeadline = INT64_MAX;

Method method_of(bh::verb verb) {
  switch (verb) {
    case bh::verb::get:
      return Method::kGet;
    case bh::verb::head:
      return Method::kHead;
    case bh::verb::post:
      return Method::kPost;
    case bh::verb::put:
      return Method::kPut;
    case bh::verb::delete_:
      return Method::kDelete;
    case bh::verb::options:
      return Method::kOptions;
    default:
      return Method::kOther;
  }
}

std::string lower(std::string_view s) {
  std::string out(s);
  for (char& c : out) c = char(std::tolower(static_cast<unsigned char>(c)));
  return out;
}

std::string_view view(boost::beast::string_view s) { return {s.data(), s.size()}; }

std::string_view trim(std::string_view s) {
  while (!s.empty() && (s.front() == ' ' || s.front() == '\t')) s.remove_prefix(1);
  while (!s.empty() && (s.back() == ' ' || s.back() == '\t')) s.remove_suffix(1);
  return s;
}

// The path and query of an origin-form ("/a?b") or absolute-form ("http://h/a?b")
// target; nullopt for anything else ("*" is handled by the caller).
std::optional<std::string> origin_form(std::string_view target) {
  if (!target.empty() && target.front() == '/') return std::string(target);
  for (std::string_view scheme : {"http://", "https://"}) {
    if (target.size() < scheme.size() || !text::iequals(target.substr(0, scheme.size()), scheme))
      continue;
    std::string_view rest = target.substr(scheme.size());
    std::size_t end = rest.find_first_of("/?");
    if (end == 0) return std::nullopt;  // no authority
    if (end == std::string_view::npos) return std::string("/");
    if (rest[end] == '?') return "/" + std::string(rest.substr(end));
    return std::string(rest.substr(end));
  }
  return std::nullopt;
}

// A request whose framing cannot be trusted gets a 400 (or 501 for a transfer coding
// we do not speak) and the connection closes. Beast refuses the rest (a Content-Length
// that is not a number or conflicts with a chunked Transfer-Encoding, a bad chunk size).
struct Refusal {
  int status;
  std::string message;
};

std::optional<Refusal> check_framing(const bh::request<bh::empty_body>& msg) {
  std::size_t hosts = 0, lengths = 0, codings = 0;
  std::string_view length, coding;
  for (const auto& field : msg) {
    switch (field.name()) {
      case bh::field::host:
        ++hosts;
        break;
      case bh::field::content_length:
        ++lengths;
        length = view(field.value());
        break;
      case bh::field::transfer_encoding:
        ++codings;
        coding = view(field.value());
        break;
      default:
        break;
    }
  }
  if (msg.version() == 11 && hosts != 1)
    return Refusal{400, hosts ? "more than one Host header" : "no Host header (HTTP/1.1)"};
  if (hosts > 1) return Refusal{400, "more than one Host header"};
  if (lengths > 1) return Refusal{400, "more than one Content-Length header"};
  if (lengths && length.find_first_not_of("0123456789") != std::string_view::npos)
    return Refusal{400, "Content-Length is not a number"};
  if (codings == 0) return std::nullopt;
  if (lengths) return Refusal{400, "both Content-Length and Transfer-Encoding"};
  if (codings > 1) return Refusal{400, "more than one Transfer-Encoding header"};
  if (msg.version() < 11) return Refusal{400, "Transfer-Encoding in an HTTP/1.0 request"};
  std::string_view last = coding;
  if (auto comma = coding.rfind(','); comma != std::string_view::npos)
    last = coding.substr(comma + 1);
  if (!text::iequals(trim(last), "chunked"))
    return Refusal{400, "Transfer-Encoding does not end with chunked"};
  if (!text::iequals(trim(coding), "chunked"))
    return Refusal{501, "transfer codings other than chunked are not supported"};
  return std::nullopt;
}

// Fills the request's head from Beast's message. False when the target is not a path.
bool convert_head(const bh::request<bh::empty_body>& msg, Request& out) {
  out.method = method_of(msg.method());
  std::string_view target(msg.target().data(), msg.target().size());
  if (target == "*" && out.method == Method::kOptions) {
    out.target = out.path = "*";
  } else {
    auto form = origin_form(target);
    if (!form) return false;
    out.target = std::move(*form);
    std::size_t q = out.target.find('?');
    out.path = out.target.substr(0, q);
    if (q != std::string::npos)
      out.query = parse_query(std::string_view(out.target).substr(q + 1)).value_or(out.query);
  }
  for (const auto& field : msg) {
    std::string name =
        lower(std::string_view(field.name_string().data(), field.name_string().size()));
    std::string_view value(field.value().data(), field.value().size());
    auto [it, added] = out.headers.try_emplace(std::move(name), value);
    if (!added) it->second.append(", ").append(value);
  }
  return true;
}

template <class Stream>
class Connection final : public ConnectionBase,
                         public std::enable_shared_from_this<Connection<Stream>> {
 public:
  static constexpr bool kTls = !std::is_same_v<Stream, tcp::socket>;

  Connection(Core& core, tcp::socket socket)
      : stream_(make_stream(core, std::move(socket))),
        scanner_(core.options.max_request_line, core.options.max_header_bytes) {
    core_ = &core;
    error_code ec;
    auto endpoint = socket_().remote_endpoint(ec);
    if (!ec) remote_ = endpoint.address().to_string();
    socket_().set_option(tcp::no_delay(true), ec);
  }

  void start() {
    if constexpr (kTls) {
      phase_ = Phase::kHandshake;
      set_deadline(opts().header_timeout);
      stream_.async_handshake(net::ssl::stream_base::server,
                              [self = this->shared_from_this()](error_code ec) {
                                if (ec || self->timed_out_) return self->close();
                                self->first_request();
                              });
    } else {
      first_request();
    }
  }

  void expire() override {
    net::post(socket_().get_executor(), [self = this->shared_from_this()] {
      if (self->deadline.load() > steady_nanos(SteadyClock::now())) return;
      self->deadline = kNoDeadline;
      self->timed_out_ = true;
      error_code ec;
      // A pending read or write completes with operation_aborted and finds timed_out_.
      if (self->phase_ == Phase::kWriting || self->phase_ == Phase::kClosing ||
          self->phase_ == Phase::kHandshake)
        self->socket_().close(ec);
      else
        self->socket_().cancel(ec);
    });
  }

  void shut_down() override {
    net::post(socket_().get_executor(), [self = this->shared_from_this()] {
      self->stopping_ = true;
      error_code ec;
      if (self->phase_ == Phase::kIdle || self->phase_ == Phase::kHead ||
          self->phase_ == Phase::kBody || self->phase_ == Phase::kHandshake)
        self->socket_().close(ec);
    });
  }

  void abort() override {
    net::post(socket_().get_executor(), [self = this->shared_from_this()] {
      error_code ec;
      self->socket_().close(ec);
    });
  }

 private:
  enum class Phase { kHandshake, kIdle, kHead, kBody, kHandling, kWriting, kClosing };

  static Stream make_stream(Core& core, tcp::socket socket) {
    if constexpr (kTls)
      return Stream(std::move(socket), *core.tls);
    else
      return socket;
  }
  tcp::socket& socket_() {
    if constexpr (kTls)
      return stream_.next_layer();
    else
      return stream_;
  }
  const ServerOptions& opts() const { return core_->options; }
  void set_deadline(std::chrono::milliseconds after) {
    deadline = steady_nanos(SteadyClock::now() + after);
  }

  // The first request of a connection must start within the header timeout.
  void first_request() {
    set_deadline(opts().header_timeout);
    begin_request(Phase::kHead);
  }

  void begin_request(Phase phase) {
    phase_ = phase;
    scanner_.reset();
    parser_.emplace();
    parser_->header_limit(std::uint32_t(opts().max_request_line + opts().max_header_bytes + 16));
    parser_->body_limit(UINT64_MAX);
    chunks_.reset();
    body_left_ = 0;
    head_read_ = false;
    request_ = Request{};
    request_.remote = remote_;
    start_ = SteadyClock::now();
    read_head();
  }

  std::string_view buffered() const {
    auto data = in_.data();
    return {static_cast<const char*>(data.data()), data.size()};
  }

  void read_head() {
    bool had_started = scanner_.started();
    wire::HeadScan scan = scanner_.scan(buffered());
    if (!had_started && scanner_.started()) {
      // The first byte of a request: it now has the header timeout to complete.
      if (phase_ == Phase::kIdle) set_deadline(opts().header_timeout);
      phase_ = Phase::kHead;
      start_ = SteadyClock::now();
    }
    using Outcome = wire::HeadScan::Outcome;
    switch (scan.outcome) {
      case Outcome::kNeedMore:
        return read_more([](Connection& c) { c.read_head(); });
      case Outcome::kLineTooLong:
        return refuse(414, "the request line is longer than " +
                               std::to_string(opts().max_request_line) + " bytes");
      case Outcome::kTooLarge:
        return refuse(431, "the header block is larger than " +
                               std::to_string(opts().max_header_bytes) + " bytes");
      case Outcome::kMalformed:
        return refuse(400, std::string("malformed request: ") + scan.why);
      case Outcome::kComplete:
        break;
    }
    error_code ec;
    std::string_view head = buffered().substr(scanner_.leading(), scan.size - scanner_.leading());
    parser_->put(net::buffer(head.data(), head.size()), ec);
    if (ec || !parser_->is_header_done())
      return refuse(400, "malformed request: " + (ec ? ec.message() : "incomplete head"));
    in_.consume(scan.size);
    head_read_ = true;
    on_head();
  }

  void on_head() {
    const auto& msg = parser_->get();
    bool converted = convert_head(msg, request_);
    keep_alive_ = msg.keep_alive();
    if (auto refusal = check_framing(msg)) return refuse(refusal->status, refusal->message);
    if (!converted) return refuse(400, "the request target is not a path");
    Admission admission = core_->admit(request_);
    limit_ = admission.max_body;
    body_left_ = parser_->content_length().value_or(0);
    bool has_body = parser_->chunked() || body_left_ > 0;
    if (admission.answer) {
      // Said before the body: unless there is none, the connection cannot go on.
      if (has_body) keep_alive_ = false;
      return respond(std::move(*admission.answer));
    }
    if (body_left_ > limit_) return too_large();
    if (parser_->chunked()) chunks_.emplace(limit_, opts().max_header_bytes);
    if (has_body) {
      phase_ = Phase::kBody;
      set_deadline(opts().body_timeout);
    }
    auto expect = msg.find(bh::field::expect);
    if (expect != msg.end()) {
      if (!text::iequals(trim(view(expect->value())), "100-continue"))
        return refuse(417, "the only expectation understood is 100-continue");
      if (has_body && msg.version() >= 11) return send_continue();
    }
    read_body();
  }

  void too_large() { refuse(413, "the body is larger than " + std::to_string(limit_) + " bytes"); }

  void send_continue() {
    static constexpr std::string_view kContinue = "HTTP/1.1 100 Continue\r\n\r\n";
    net::async_write(stream_, net::buffer(kContinue.data(), kContinue.size()),
                     [self = this->shared_from_this()](error_code ec, std::size_t) {
                       if (self->timed_out_) return self->on_timeout();
                       if (ec) return self->close();
                       self->read_body();
                     });
  }

  // Takes the body from the bytes received: Content-Length bytes, or chunks until the
  // last one (wire::ChunkedDecoder); Beast's parser is not used past the head.
  void read_body() {
    std::string_view in = buffered();
    if (chunks_) {
      auto step = chunks_->feed(in, request_.body);
      in_.consume(step.used);
      using Outcome = wire::ChunkedDecoder::Outcome;
      if (step.outcome == Outcome::kTooLarge) return too_large();
      if (step.outcome == Outcome::kMalformed)
        return refuse(400, std::string("malformed body: ") + step.why);
      if (step.outcome == Outcome::kNeedMore)
        return read_more([](Connection& c) { c.read_body(); });
    } else if (body_left_ > 0) {
      std::size_t take = std::size_t(std::min<std::uint64_t>(body_left_, in.size()));
      request_.body.append(in.substr(0, take));
      in_.consume(take);
      body_left_ -= take;
      if (body_left_ > 0) return read_more([](Connection& c) { c.read_body(); });
    }
    dispatch();
  }

  template <class Next>
  void read_more(Next next) {
    auto space = in_.prepare(kReadChunk);
    stream_.async_read_some(space,
                            [self = this->shared_from_this(), next](error_code ec, std::size_t n) {
                              if (self->timed_out_) return self->on_timeout();
                              if (ec) return self->close();
                              self->in_.commit(n);
                              next(*self);
                            });
  }

  void on_timeout() {
    timed_out_ = false;
    if (phase_ == Phase::kBody || (phase_ == Phase::kHead && scanner_.started()))
      return refuse(408, "the request did not arrive in time");
    close();
  }

  void dispatch() {
    phase_ = Phase::kHandling;
    deadline = kNoDeadline;
    Method m = request_.method;
    if (m == Method::kGet || m == Method::kHead || m == Method::kOptions || m == Method::kOther)
      return respond(core_->handle(request_));
    net::post(*core_->workers, [self = this->shared_from_this()] {
      Response response = self->core_->handle(self->request_);
      net::post(self->socket_().get_executor(), [self, response = std::move(response)]() mutable {
        self->respond(std::move(response));
      });
    });
  }

  // An answer the server makes itself; the connection closes after it. When the head
  // was not parsed, the request line (if complete) still says what was asked, for the
  // answer's shape and the log.
  void refuse(int status, std::string message) {
    keep_alive_ = false;
    if (!head_read_) guess_target(scanner_.request_line(buffered()));
    respond(Response::text(status, std::move(message) + "\n"));
  }

  void guess_target(std::string_view line) {
    std::size_t first = line.find(' '), last = line.rfind(' ');
    if (first == std::string_view::npos || last <= first) return;
    std::string_view method = line.substr(0, first),
                     target = line.substr(first + 1, last - first - 1);
    request_.method = method_of(bh::string_to_verb({method.data(), method.size()}));
    if (auto form = origin_form(target)) {
      request_.target = std::move(*form);
      request_.path = request_.target.substr(0, request_.target.find('?'));
    }
  }

  void respond(Response response) {
    core_->finish(request_, response);
    response_ = std::move(response);
    if (stopping_ || core_->stopping) keep_alive_ = false;
    head_ = wire::response_head(response_, keep_alive_);
    phase_ = Phase::kWriting;
    set_deadline(opts().write_timeout);
    std::array<net::const_buffer, 2> buffers = {net::buffer(head_), net::const_buffer()};
    if (wire::sends_body(response_, request_.method == Method::kHead)) {
      std::string_view payload = response_.payload();
      buffers[1] = net::buffer(payload.data(), payload.size());
    }
    if (core_->observer)
      core_->observer(
          request_, response_,
          std::chrono::duration_cast<std::chrono::microseconds>(SteadyClock::now() - start_));
    net::async_write(
        stream_, buffers,
        [self = this->shared_from_this()](error_code ec, std::size_t) { self->on_written(ec); });
  }

  void on_written(error_code ec) {
    timed_out_ = false;
    response_ = Response{};
    if (ec) return close();
    if (!keep_alive_) return linger();
    set_deadline(opts().idle_timeout);
    begin_request(Phase::kIdle);
  }

  // After the last response: no more writes, then read and drop what the client still
  // sends (bounded) until it closes, so that closing does not reset the connection
  // before the client has read the answer.
  void linger() {
    phase_ = Phase::kClosing;
    auto wait = std::min<std::chrono::milliseconds>(kMaxLinger, opts().header_timeout);
    set_deadline(wait);
    if constexpr (kTls) {
      stream_.async_shutdown([self = this->shared_from_this()](error_code) { self->close(); });
    } else {
      error_code ec;
      socket_().shutdown(tcp::socket::shutdown_send, ec);
      if (ec) return close();
      drain();
    }
  }

  void drain() {
    in_.consume(in_.size());
    stream_.async_read_some(in_.prepare(kReadChunk),
                            [self = this->shared_from_this()](error_code ec, std::size_t n) {
                              self->drained_ += n;
                              if (ec || self->timed_out_ || self->drained_ > kMaxLingerBytes)
                                return self->close();
                              self->drain();
                            });
  }

  void close() {
    deadline = kNoDeadline;
    error_code ec;
    socket_().close(ec);
  }

  Stream stream_;
  std::string remote_;
  beast::flat_buffer in_;
  wire::HeadScanner scanner_;
  std::optional<bh::request_parser<bh::empty_body>> parser_;
  std::size_t limit_ = 0;        // of this request's body
  std::uint64_t body_left_ = 0;  // Content-Length bytes still to read
  std::optional<wire::ChunkedDecoder> chunks_;
  bool head_read_ = false;  // the head's bytes have left in_
  Request request_;
  Response response_;
  std::string head_;
  SteadyClock::time_point start_;
  Phase phase_ = Phase::kHead;
  bool keep_alive_ = true;
  bool timed_out_ = false;
  bool stopping_ = false;
  std::size_t drained_ = 0;
};

}  // namespace

Response Core::handle(const Request& request) const {
  try {
    return handler(request);
  } catch (const std::exception& e) {
    return Response::text(500, std::string("internal error: ") + e.what() + "\n");
  }
}

Admission Core::admit(const Request& head) const {
  return options.admit ? options.admit(head) : Admission{options.max_request_body, std::nullopt};
}

void Core::finish(const Request& request, Response& response) const {
  if (options.finish) options.finish(request, response);
}

void Core::add(const std::shared_ptr<ConnectionBase>& connection) {
  std::lock_guard lock(mutex);
  connections.emplace(connection.get(), connection);
}

void Core::remove(ConnectionBase* connection) {
  std::lock_guard lock(mutex);
  connections.erase(connection);
  if (connections.empty()) emptied.notify_all();
}

std::size_t Core::size() const {
  std::lock_guard lock(mutex);
  return connections.size();
}

void serve_connection(Core& core, tcp::socket socket) {
  if (core.tls) {
    auto c = std::make_shared<Connection<net::ssl::stream<tcp::socket>>>(core, std::move(socket));
    core.add(c);
    c->start();
  } else {
    auto c = std::make_shared<Connection<tcp::socket>>(core, std::move(socket));
    core.add(c);
    c->start();
  }
}

}  // namespace sic::http::detail
