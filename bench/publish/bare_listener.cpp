// bare_listener PORT FILE CONTENT_TYPE ETAG: the reference server of bench/publish/run.
// A cpprestsdk http_listener that answers every GET with FILE's bytes, its ETag and
// Content-Type, and 304 when If-None-Match is ETAG — what sicnode's warm path does,
// without routing, the render cache, the catalogue's version check, metrics or logging.
#include <cpprest/http_listener.h>
#include <signal.h>

#include <fstream>
#include <iostream>
#include <iterator>
#include <vector>

using namespace web::http;
using web::http::experimental::listener::http_listener;

int main(int argc, char** argv) {
  if (argc != 5) {
    std::cerr << "usage: bare_listener PORT FILE CONTENT_TYPE ETAG\n";
    return 2;
  }
  std::ifstream in(argv[2], std::ios::binary);
  const std::vector<unsigned char> body((std::istreambuf_iterator<char>(in)),
                                        std::istreambuf_iterator<char>());
  const std::string type = argv[3], etag = argv[4];
  sigset_t stop;
  sigemptyset(&stop);
  sigaddset(&stop, SIGINT);
  sigaddset(&stop, SIGTERM);
  pthread_sigmask(SIG_BLOCK, &stop, nullptr);
  http_listener listener("http://127.0.0.1:" + std::string(argv[1]));
  listener.support(methods::GET, [&](http_request request) {
    http_response response(status_codes::OK);
    response.headers().add("ETag", etag);
    if (request.headers().has("If-None-Match") && request.headers()["If-None-Match"] == etag) {
      response.set_status_code(status_codes::NotModified);
    } else {
      response.set_body(body);
      response.headers().set_content_type(type);
    }
    request.reply(response).wait();
  });
  listener.open().wait();
  std::cerr << "bare_listener: " << body.size() << " bytes on port " << argv[1] << "\n";
  int signal = 0;
  sigwait(&stop, &signal);
  listener.close().wait();
  return 0;
}
