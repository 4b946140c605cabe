#include "node/http/wire.h"

#include <algorithm>
#include <charconv>

#include "feeds/model/datetime.h"
#include "feeds/text/utf8.h"

namespace sic::http::wire {
namespace {

constexpr std::size_t kMaxLeadingEmptyLines = 4;

using Outcome = HeadScan::Outcome;

HeadScan malformed(const char* why) { return {Outcome::kMalformed, 0, why}; }

}  // namespace

HeadScan HeadScanner::scan(std::string_view bytes) {
  const std::size_t n = bytes.size();
  while (pos_ < n) {
    char c = bytes[pos_];
    if (!started_) {
      if (c != '\r' && c != '\n') {
        started_ = true;
        line_start_ = pos_;
        continue;
      }
      if (c == '\n') return malformed("a bare LF ends a line");
      if (pos_ + 1 >= n) break;
      if (bytes[pos_ + 1] != '\n') return malformed("a bare CR in the request");
      pos_ += 2;
      leading_ = pos_;
      if (leading_ > 2 * kMaxLeadingEmptyLines) return malformed("empty lines before the request");
      continue;
    }
    if (line_end_ != 0 && pos_ == line_start_ && (c == ' ' || c == '\t'))
      return malformed("a folded header line (obsolete line folding)");
    if (c == '\n') return malformed("a bare LF ends a line");
    if (c != '\r') {
      ++pos_;
      continue;
    }
    if (pos_ + 1 >= n) break;
    if (bytes[pos_ + 1] != '\n') return malformed("a bare CR in the request");
    std::size_t end = pos_ + 2;
    if (line_end_ == 0) {
      if (pos_ - line_start_ > max_line_) return {Outcome::kLineTooLong, 0, ""};
      line_end_ = end;
    } else if (pos_ == line_start_) {
      if (end - line_end_ > max_block_) return {Outcome::kTooLarge, 0, ""};
      return {Outcome::kComplete, end, ""};
    }
    line_start_ = end;
    pos_ = end;
  }
  // Incomplete: too long already?
  if (started_ && line_end_ == 0 && n - line_start_ > max_line_ + 1)
    return {Outcome::kLineTooLong, 0, ""};
  if (line_end_ != 0 && n - line_end_ > max_block_) return {Outcome::kTooLarge, 0, ""};
  return {};
}

namespace {

constexpr std::size_t kMaxChunkLine = 4096;  // a size line with its extensions

using Step = ChunkedDecoder::Step;
using ChunkOutcome = ChunkedDecoder::Outcome;

Step bad_chunk(const char* why) { return {ChunkOutcome::kMalformed, 0, why}; }

}  // namespace

ChunkedDecoder::Step ChunkedDecoder::feed(std::string_view in, std::string& body) {
  std::size_t pos = 0;
  while (pos < in.size() && state_ != State::kDone) {
    if (state_ == State::kData) {
      std::size_t take = std::size_t(std::min<std::uint64_t>(left_, in.size() - pos));
      body.append(in.substr(pos, take));
      pos += take;
      left_ -= take;
      if (left_ == 0) state_ = State::kDataEnd;
      continue;
    }
    // A line: size, the CRLF after data, or a trailer field.
    char c = in[pos++];
    if (!line_.empty() && line_.back() == '\r' && c != '\n')
      return bad_chunk("a bare CR in a chunk");
    if (c == '\n' && (line_.empty() || line_.back() != '\r'))
      return bad_chunk("a bare LF in a chunk");
    line_.push_back(c);
    if (state_ == State::kTrailer && ++trailer_ > max_trailer_)
      return bad_chunk("the trailer section is too large");
    if (line_.size() > kMaxChunkLine) return bad_chunk("a chunk line is too long");
    if (c != '\n') continue;
    std::string line = std::move(line_);
    line_.clear();
    line.resize(line.size() - 2);
    Step step = line_done(line, body);
    if (step.outcome != ChunkOutcome::kNeedMore) {
      step.used = pos;
      if (step.outcome == ChunkOutcome::kDone) state_ = State::kDone;
      return step;
    }
  }
  return {state_ == State::kDone ? ChunkOutcome::kDone : ChunkOutcome::kNeedMore, pos, ""};
}

ChunkedDecoder::Step ChunkedDecoder::line_done(std::string_view line, std::string&) {
  switch (state_) {
    case State::kDataEnd:
      if (!line.empty()) return bad_chunk("chunk data longer than its size");
      state_ = State::kSize;
      return {};
    case State::kTrailer:
      if (line.empty()) return {ChunkOutcome::kDone, 0, ""};
      if (line.find(':') == std::string_view::npos || line.front() == ' ' || line.front() == '\t')
        return bad_chunk("a malformed trailer field");
      return {};
    case State::kSize:
      break;
    default:
      return bad_chunk("unexpected");
  }
  std::uint64_t size = 0;
  std::size_t digits = 0;
  for (; digits < line.size(); ++digits) {
    char c = line[digits];
    int v = c >= '0' && c <= '9'   ? c - '0'
            : c >= 'a' && c <= 'f' ? c - 'a' + 10
            : c >= 'A' && c <= 'F' ? c - 'A' + 10
                                   : -1;
    if (v < 0) break;
    if (size >> 60) return bad_chunk("a chunk size that does not fit in 64 bits");
    size = size * 16 + std::uint64_t(v);
  }
  if (digits == 0) return bad_chunk("a chunk size that is not a hex number");
  std::string_view rest = line.substr(digits);
  while (!rest.empty() && (rest.front() == ' ' || rest.front() == '\t')) rest.remove_prefix(1);
  if (!rest.empty() && rest.front() != ';')
    return bad_chunk("a chunk size that is not a hex number");
  for (char c : rest)
    if ((unsigned char)c < 0x20 && c != '\t')
      return bad_chunk("a control byte in a chunk extension");
  if (size == 0) {
    state_ = State::kTrailer;
    return {};
  }
  if (size > limit_ - total_) return {ChunkOutcome::kTooLarge, 0, ""};
  total_ += std::size_t(size);
  left_ = size;
  state_ = State::kData;
  return {};
}

bool sends_body(const Response& response, bool head_request) {
  int s = response.status;
  return !head_request && s >= 200 && s != 204 && s != 304;
}

std::string response_head(const Response& response, bool keep_alive) {
  const std::string& date = formatted_now<format_http_date>();
  std::string out;
  std::size_t size = 64 + date.size();
  for (const auto& [name, value] : response.headers) size += name.size() + value.size() + 4;
  out.reserve(size);
  char digits[24];
  auto number = [&](std::size_t n) {
    auto end = std::to_chars(digits, digits + sizeof digits, n).ptr;
    out.append(digits, end);
  };
  out += "HTTP/1.1 ";
  number(std::size_t(response.status));
  out += ' ';
  out += reason(response.status);
  out += "\r\nDate: ";
  out += date;
  out += "\r\n";
  for (const auto& [name, value] : response.headers) {
    if (text::iequals(name, "content-length") || text::iequals(name, "connection")) continue;
    out += name;
    out += ": ";
    out += value;
    out += "\r\n";
  }
  int s = response.status;
  if (s >= 200 && s != 204 && s != 304) {
    out += "Content-Length: ";
    number(response.payload().size());
    out += "\r\n";
  }
  if (!keep_alive) out += "Connection: close\r\n";
  out += "\r\n";
  return out;
}

}  // namespace sic::http::wire
