// bare_listener PORT BODY HEADERS: the reference server of bench/publish/run.
// A cpprestsdk http_listener that answers every GET with the bytes of BODY and the
// header lines of HEADERS ("Name: value", as sicnode sent them; Content-Length is
// computed, Date is made per response as sicnode does), and a 304 with the same
// headers but Content-Type when If-None-Match is the ETag among them. That is the
// same response sicnode sends, without routing, the render cache, the catalogue's
// version check, metrics or the request log.
#include <cpprest/http_listener.h>
#include <signal.h>

#include <ctime>
#include <fstream>
#include <iostream>
#include <iterator>
#include <string>
#include <utility>
#include <vector>

using namespace web::http;
using web::http::experimental::listener::http_listener;

namespace {

std::string http_date() {
  char buf[64];
  std::time_t now = std::time(nullptr);
  std::tm tm{};
  gmtime_r(&now, &tm);
  std::strftime(buf, sizeof buf, "%a, %d %b %Y %H:%M:%S GMT", &tm);
  return buf;
}

}  // namespace

int main(int argc, char** argv) {
  if (argc != 4) {
    std::cerr << "usage: bare_listener PORT BODY HEADERS\n";
    return 2;
  }
  std::ifstream in(argv[2], std::ios::binary);
  const std::vector<unsigned char> body((std::istreambuf_iterator<char>(in)),
                                        std::istreambuf_iterator<char>());
  std::vector<std::pair<std::string, std::string>> headers;
  std::string content_type, etag, line;
  std::ifstream header_file(argv[3]);
  while (std::getline(header_file, line)) {
    if (!line.empty() && line.back() == '\r') line.pop_back();
    size_t colon = line.find(": ");
    if (colon == std::string::npos) continue;
    std::string name = line.substr(0, colon), value = line.substr(colon + 2);
    std::string lower = name;
    for (char& c : lower) c = char(std::tolower(static_cast<unsigned char>(c)));
    if (lower == "content-type") content_type = value;
    if (lower == "etag") etag = value;
    if (lower != "content-length" && lower != "content-type" && lower != "date")
      headers.emplace_back(name, value);
  }
  sigset_t stop;
  sigemptyset(&stop);
  sigaddset(&stop, SIGINT);
  sigaddset(&stop, SIGTERM);
  pthread_sigmask(SIG_BLOCK, &stop, nullptr);
  http_listener listener("http://127.0.0.1:" + std::string(argv[1]));
  listener.support(methods::GET, [&](http_request request) {
    http_response response(status_codes::OK);
    response.headers().add("Date", http_date());
    for (const auto& [name, value] : headers) response.headers().add(name, value);
    if (request.headers().has("If-None-Match") && request.headers()["If-None-Match"] == etag) {
      response.set_status_code(status_codes::NotModified);
    } else {
      response.set_body(body);
      response.headers().set_content_type(content_type);
    }
    // Not waiting for the reply: a handler that waits holds one of cpprest's I/O
    // threads, and 40 concurrent clients would then stop the listener.
    request.reply(response);
  });
  listener.open().wait();
  std::cerr << "bare_listener: " << body.size() << " bytes, " << headers.size()
            << " headers on port " << argv[1] << "\n";
  int signal = 0;
  sigwait(&stop, &signal);
  listener.close().wait();
  return 0;
}
