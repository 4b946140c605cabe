#include "node/log/log.h"

#include <sys/stat.h>
#include <unistd.h>

#include <cpprest/json.h>
#include <catch2/catch.hpp>
#include <cstdlib>
#include <regex>

#include "tests/support/pipe.h"

using namespace sic;
using log::Field;
using log::Format;
using log::Level;
using log::Logger;
using sic::test::Pipe;

namespace {

// Sets an environment variable for the scope of a test.
struct ScopedEnv {
  std::string name;
  ScopedEnv(std::string n, const std::string& value) : name(std::move(n)) {
    ::setenv(name.c_str(), value.c_str(), 1);
  }
  ~ScopedEnv() { ::unsetenv(name.c_str()); }
};

}  // namespace

TEST_CASE("A text line has the time, the level and the message", "[log]") {
  Pipe p;
  Logger logger(Level::kInfo, Format::kText, p.out());
  logger.warn("sync: 3 peers in 0.4 s: 2 ok, 1 not ok");
  CHECK(std::regex_match(
      p.read(), std::regex("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\dZ warn sync: 3 peers in 0.4 "
                           "s: 2 ok, 1 not ok\n")));
}

TEST_CASE("Lines below the level are not written", "[log]") {
  Pipe p;
  Logger logger(Level::kWarn, Format::kText, p.out());
  CHECK_FALSE(logger.enabled(Level::kInfo));
  CHECK(logger.enabled(Level::kError));
  logger.info("quiet");
  logger.write(Level::kDebug, "quieter");
  logger.error("loud");
  std::string text = p.read();
  CHECK(text.find("quiet") == std::string::npos);
  CHECK(text.find(" error loud\n") != std::string::npos);
}

TEST_CASE("A JSON line is one object with the time, the level, the message and the fields",
          "[log]") {
  Pipe p;
  Logger logger(Level::kDebug, Format::kJson, p.out());
  logger.write(
      Level::kInfo, "say \"hi\"\n\tnow \x01 \xff",
      {Field("client", "203.0.113.7"), Field("status", 200.0), Field("duration_seconds", 0.0008)});
  std::string text = p.read();
  REQUIRE(text.back() == '\n');
  CHECK(std::count(text.begin(), text.end(), '\n') == 1);
  auto json = web::json::value::parse(text.substr(0, text.size() - 1));
  CHECK(json["level"].as_string() == "info");
  CHECK(std::regex_match(json["time"].as_string(), std::regex("\\d{4}-.*T.*Z")));
  CHECK(json["msg"].as_string() == "say \"hi\"\n\tnow \x01 \xef\xbf\xbd");
  CHECK(json["client"].as_string() == "203.0.113.7");
  CHECK(json["status"].as_integer() == 200);
  CHECK(json["duration_seconds"].as_double() == Approx(0.0008));
}

TEST_CASE("On the journal, lines start with the syslog priority and text lines have no time",
          "[log]") {
  Pipe p;
  struct stat st {};
  REQUIRE(::fstat(p.out(), &st) == 0);
  ScopedEnv journal("JOURNAL_STREAM", std::to_string(st.st_dev) + ":" + std::to_string(st.st_ino));
  Logger text(Level::kDebug, Format::kText, p.out());
  text.warn("peer down");
  text.write(Level::kDebug, "probe");
  CHECK(p.read() == "<4>warn peer down\n<7>debug probe\n");
  Logger json(Level::kDebug, Format::kJson, p.out());
  json.error("broken");
  CHECK(p.read().rfind("<3>{\"time\":", 0) == 0);
  Pipe other;  // another stream is not the journal
  Logger elsewhere(Level::kInfo, Format::kText, other.out());
  elsewhere.info("x");
  CHECK(other.read().rfind("<", 0) == std::string::npos);
}

TEST_CASE("Levels and formats are read by name", "[log]") {
  CHECK(log::parse_level("debug") == Level::kDebug);
  CHECK(log::parse_level("warn") == Level::kWarn);
  CHECK_FALSE(log::parse_level("warning").has_value());
  CHECK_FALSE(log::parse_level("INFO").has_value());
  CHECK(log::parse_format("json") == Format::kJson);
  CHECK_FALSE(log::parse_format("logfmt").has_value());
  CHECK(std::string(log::to_string(Level::kError)) == "error");
}
