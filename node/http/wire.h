// The server's own checks on the bytes of a request head, before Beast parses it, and
// the bytes of a response head (private to node/http; docs/http.md, "Framing").
#pragma once

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

#include "node/http/http.h"

namespace sic::http::wire {

// Where a request head ends in the bytes received, or why it cannot be one.
struct HeadScan {
  enum class Outcome {
    kNeedMore,     // no complete head yet, within the limits
    kComplete,     // `size` bytes, through the empty line
    kLineTooLong,  // 414: the request line is longer than the limit
    kTooLarge,     // 431: the header block is larger than the limit
    kMalformed,    // 400: a bare CR or LF, obsolete line folding
  };
  Outcome outcome = Outcome::kNeedMore;
  std::size_t size = 0;
  const char* why = "";  // for kMalformed: "a bare LF ends a line"
};

// Scans a request head as its bytes arrive: every line ends with CRLF (a bare CR or LF
// is refused, not guessed at), no header line is folded, the request line is at most
// max_line bytes without its CRLF and the header block after it at most max_block bytes
// with its empty line. Empty lines before a request line are skipped (a client may send
// CRLF after a body): leading() says how many bytes they took.
class HeadScanner {
 public:
  HeadScanner(std::size_t max_line, std::size_t max_block)
      : max_line_(max_line), max_block_(max_block) {}

  // `bytes` start where the previous request ended and only grow between calls until
  // reset(); each byte is looked at once.
  HeadScan scan(std::string_view bytes);
  std::size_t leading() const { return leading_; }
  bool started() const { return started_; }  // a byte of the request line has arrived
  // The request line without its CRLF, once it is complete (and within the limit);
  // "" before. `bytes` as given to scan().
  std::string_view request_line(std::string_view bytes) const {
    return line_end_ ? bytes.substr(leading_, line_end_ - 2 - leading_) : std::string_view();
  }
  void reset() { *this = HeadScanner(max_line_, max_block_); }

 private:
  std::size_t max_line_, max_block_;
  std::size_t leading_ = 0;   // empty lines before the request line
  std::size_t pos_ = 0;       // next byte to look at
  std::size_t line_end_ = 0;  // end of the request line (after its CRLF); 0: not yet
  std::size_t line_start_ = 0;
  bool started_ = false;
};

// Decodes a chunked body (RFC 9112 7.1) as its bytes arrive, strictly: chunk sizes of
// hex digits that fit in 64 bits, every line ended by CRLF, extensions and trailer
// fields read and dropped (the trailer section bounded by max_trailer bytes).
class ChunkedDecoder {
 public:
  enum class Outcome {
    kNeedMore,   // all input used; more is needed
    kDone,       // the body is complete; `used` bytes of the input were part of it
    kTooLarge,   // 413: a chunk would take the body past the limit
    kMalformed,  // 400: `why` says what
  };
  struct Step {
    Outcome outcome = Outcome::kNeedMore;
    std::size_t used = 0;
    const char* why = "";
  };
  ChunkedDecoder(std::size_t limit, std::size_t max_trailer)
      : limit_(limit), max_trailer_(max_trailer) {}
  // Appends the chunks' data found in `in` to `body`. Bytes of an unfinished line are
  // kept inside, so `in` need not start at a line.
  Step feed(std::string_view in, std::string& body);

 private:
  enum class State { kSize, kData, kDataEnd, kTrailer, kDone };
  Step line_done(std::string_view line, std::string& body);
  std::size_t limit_, max_trailer_;
  State state_ = State::kSize;
  std::string line_;         // the current size or trailer line, so far
  std::uint64_t left_ = 0;   // data bytes left in the current chunk
  std::size_t total_ = 0;    // data bytes so far
  std::size_t trailer_ = 0;  // trailer bytes so far
};

// The response head: status line, Date, the response's headers, Content-Length (for
// HEAD the length of the body a GET would get; none for 1xx, 204 and 304) and
// Connection: close when `keep_alive` is false. A Content-Length among the response's
// headers is ignored.
std::string response_head(const Response& response, bool keep_alive);

// Whether the response has a body on the wire (not for HEAD, 1xx, 204, 304).
bool sends_body(const Response& response, bool head_request);

}  // namespace sic::http::wire
