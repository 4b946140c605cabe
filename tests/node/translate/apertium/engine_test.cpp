// The Apertium engine with Debian's real Apertium packages (scripts/setup).
#include "node/translate/apertium/engine.h"

#include <signal.h>
#include <unistd.h>

#include <algorithm>
#include <catch2/catch.hpp>
#include <filesystem>
#include <fstream>
#include <optional>
#include <regex>
#include <sstream>
#include <thread>

#include "node/translate/translator.h"
#include "tests/node/translate/support/engines.h"
#include "tests/support/poll.h"

using namespace sic;
using namespace sic::translate;

namespace {

LanguageTag tag(const char* text) { return *LanguageTag::parse(text); }

// One engine for the whole binary, so that each direction's pipeline starts once.
ApertiumEngine& engine() {
  auto shared = testing::shared_apertium();
  REQUIRE(shared);
  return *shared;
}

std::string translated(std::string_view text, const char* from, const char* to,
                       TextFormat format = TextFormat::kPlain) {
  auto result = engine().translate(text, tag(from), tag(to), format);
  INFO(text);
  if (!result.ok()) FAIL(result.error().message);
  return *result;
}

std::vector<std::string> tags_of(const std::string& html) {
  std::vector<std::string> tags;
  std::regex markup("<[^>]*>");
  for (auto it = std::sregex_iterator(html.begin(), html.end(), markup);
       it != std::sregex_iterator(); ++it)
    tags.push_back(it->str());
  return tags;
}

// A data folder with one mode, spa-eng, running `program` instead of Apertium.
std::filesystem::path fake_data_dir(const std::string& name, const std::string& program) {
  std::filesystem::path dir = std::filesystem::path(SIC_BINARY_DIR) / "test-scratch" / name;
  std::filesystem::remove_all(dir);
  std::filesystem::create_directories(dir / "modes");
  std::ofstream(dir / "modes" / "spa-eng.mode") << program << "\n";
  return dir;
}

bool process_exists(pid_t pid) { return ::kill(pid, 0) == 0 || errno != ESRCH; }

}  // namespace

TEST_CASE("The installed Debian pairs are the engine's pairs", "[translate][apertium]") {
  auto pairs = engine().pairs();
  REQUIRE(pairs.ok());
  for (auto [from, to] : {std::pair{"es", "en"},
                          {"en", "es"},
                          {"es", "pt"},
                          {"pt", "es"},
                          {"fr", "es"},
                          {"es", "fr"},
                          {"es", "it"},
                          {"it", "es"},
                          {"en", "ca"},
                          {"ca", "en"}}) {
    INFO(from << ">" << to);
    CHECK(std::count(pairs->begin(), pairs->end(), Pair{tag(from), tag(to)}) == 1);
  }
  CHECK(engine().mode_name(tag("es"), tag("en")) == "spa-eng");
  CHECK(engine().mode_name(tag("es"), tag("pt")) == "es-pt");
}

TEST_CASE("A Spanish title comes out in English", "[translate][apertium]") {
  CHECK(translated("El perro come manzanas", "es", "en") == "The dog eats apples");
  CHECK(translated("Día de la Internet Segura", "es", "en") == "Day of the Sure Internet");
}

TEST_CASE("An English title comes out in Spanish", "[translate][apertium]") {
  CHECK(translated("The dog eats apples.", "en", "es") == "El perro come manzanas.");
}

TEST_CASE("Portuguese reaches English through Catalan, labelled with the route",
          "[translate][apertium]") {
  // pt>ca>en and pt>es>en tie on steps and on the quality order (por-cat 0.10 and
  // eng-cat 1.0 against es-pt 1.1 and eng-spa 0.8); Catalan comes first.
  auto result =
      translate::translate(engine(), "O cão come maçãs.", tag("pt"), tag("en"), TextFormat::kPlain);
  REQUIRE(result.ok());
  CHECK(result->text == "The dog eats apples.");
  CHECK(result->engine == "apertium:pt>ca>en");
  auto direct =
      translate::translate(engine(), "El perro", tag("es-ES"), tag("en-GB"), TextFormat::kPlain);
  REQUIRE(direct.ok());
  CHECK(direct->engine == "apertium");
}

TEST_CASE("Unknown words come back without marks", "[translate][apertium]") {
  std::string out = translated("El perro xyzzyq come manzanas de Lisboa", "es", "en");
  CHECK(out == "The dog xyzzyq eats apples of Lisbon");
}

TEST_CASE("Characters the stream format reserves come back intact", "[translate][apertium]") {
  std::string text = "Precio [USD] ^ $ / \\ @ * # { } < > fin";
  std::string out = translated(text, "es", "en");
  CHECK(out == "Price [USD] ^ $ / \\ @ * # { } < > end");
  for (char c : std::string("[]^$/\\@*#{}<>")) {
    INFO(c);
    CHECK(std::count(out.begin(), out.end(), c) == std::count(text.begin(), text.end(), c));
  }
}

TEST_CASE("Line breaks, blank lines and runs of spaces are kept", "[translate][apertium]") {
  CHECK(translated("Uno.\n\nDos  perros\tcomen.\n", "es", "en") == "One.\n\nTwo  dogs\teat.\n");
}

TEST_CASE("An HTML body keeps its markup", "[translate][apertium][html]") {
  std::string html =
      "<p>El <b>perro</b> de <a href=\"https://example.org/?a=1&amp;b=2\">Lisboa</a> come "
      "manzanas &amp; peras.</p>\n<ul><li>Primero</li><li>Dos perros [tres]</li></ul>";
  std::string out = translated(html, "es", "en", TextFormat::kHtml);
  CHECK(out ==
        "<p>The <b>dog</b> of <a href=\"https://example.org/?a=1&amp;b=2\">Lisbon</a> eats "
        "apples &amp; pears.</p>\n<ul><li>First</li><li>Two dogs [three]</li></ul>");
  CHECK(tags_of(out) == tags_of(html));
}

TEST_CASE("HTML without words, or without markup, comes back whole",
          "[translate][apertium][html]") {
  CHECK(translated("<p><img src=\"x.png\"></p>", "es", "en", TextFormat::kHtml) ==
        "<p><img src=\"x.png\"></p>");
  CHECK(translated("Perros &amp; gatos", "es", "en", TextFormat::kHtml) == "Dogs &amp; cats");
}

TEST_CASE("Markup moves with the words it wraps when they are reordered",
          "[translate][apertium][html]") {
  // Spanish puts the adjective after the noun: "big house" becomes "casa grande".
  CHECK(translated("<p>The <em>big</em> house.</p>", "en", "es", TextFormat::kHtml) ==
        "<p>La casa <em>grande</em>.</p>");
  CHECK(translated("<p>Una <i>casa</i> grande.</p>", "es", "en", TextFormat::kHtml) ==
        "<p>A big <i>house</i>.</p>");
}

TEST_CASE("Many texts go through one pipeline", "[translate][apertium]") {
  const std::vector<std::string> titles{
      "El perro come manzanas", "La escuela enseña seguridad en internet",
      "Los niños usan el móvil", "Una guía para las familias", "El acoso en las redes sociales"};
  std::vector<std::string> first;
  for (const std::string& title : titles) first.push_back(translated(title, "es", "en"));
  std::vector<pid_t> pids = engine().pipeline_pids(tag("es"), tag("en"));
  REQUIRE(pids.size() >= 5);
  for (int round = 0; round < 40; ++round)
    for (std::size_t i = 0; i < titles.size(); ++i)
      CHECK(translated(titles[i], "es", "en") == first[i]);
  CHECK(engine().pipeline_pids(tag("es"), tag("en")) == pids);
}

TEST_CASE("A killed pipeline is restarted", "[translate][apertium]") {
  CHECK(translated("El perro come manzanas", "es", "en") == "The dog eats apples");
  std::vector<pid_t> before = engine().pipeline_pids(tag("es"), tag("en"));
  REQUIRE(before.size() >= 5);
  REQUIRE(::kill(before[before.size() / 2], SIGKILL) == 0);
  CHECK(translated("El perro come manzanas", "es", "en") == "The dog eats apples");
  std::vector<pid_t> after = engine().pipeline_pids(tag("es"), tag("en"));
  CHECK(after.size() == before.size());
  CHECK(after != before);
}

TEST_CASE("Directions translate in parallel, and one direction's callers take turns",
          "[translate][apertium]") {
  struct Job {
    const char* from;
    const char* to;
    std::string text;
  };
  const std::vector<Job> jobs{{"es", "en", "El perro come manzanas"},
                              {"en", "es", "The dog eats apples."},
                              {"pt", "es", "O cão come maçãs."},
                              {"fr", "es", "Le chien mange des pommes."},
                              {"es", "en", "La escuela enseña seguridad en internet"},
                              {"es", "en", "Los niños usan el móvil"}};
  std::vector<std::string> expected;
  for (const Job& job : jobs) expected.push_back(translated(job.text, job.from, job.to));
  std::vector<int> wrong(jobs.size(), 0);
  std::vector<std::thread> threads;
  for (std::size_t j = 0; j < jobs.size(); ++j) {
    threads.emplace_back([&, j] {
      for (int i = 0; i < 25; ++i) {
        auto out = engine().translate(jobs[j].text, tag(jobs[j].from), tag(jobs[j].to),
                                      TextFormat::kPlain);
        if (!out.ok() || *out != expected[j]) ++wrong[j];
      }
    });
  }
  for (std::thread& t : threads) t.join();
  CHECK(wrong == std::vector<int>(jobs.size(), 0));
}

TEST_CASE("Text a pipeline cannot take is refused and the pipeline goes on",
          "[translate][apertium]") {
  translated("Hola", "es", "en");
  std::vector<pid_t> pids = engine().pipeline_pids(tag("es"), tag("en"));
  auto nul =
      engine().translate(std::string("Hola\0mundo", 10), tag("es"), tag("en"), TextFormat::kPlain);
  REQUIRE_FALSE(nul.ok());
  CHECK(nul.error().message ==
        "apertium: spa-eng: the text is not valid UTF-8 or holds a NUL byte");
  CHECK_FALSE(engine().translate("Hola \xC3", tag("es"), tag("en"), TextFormat::kPlain).ok());
  CHECK(engine().pipeline_pids(tag("es"), tag("en")) == pids);
  CHECK(translated("Hola", "es", "en") == "Hello");
}

TEST_CASE("A direction that is not installed is an error naming it", "[translate][apertium]") {
  auto result = engine().translate("Hallo", tag("de"), tag("en"), TextFormat::kPlain);
  REQUIRE_FALSE(result.ok());
  CHECK(result.error().message == "apertium: no pair from de to en is installed");
  CHECK(engine().translate("Olá", tag("pt"), tag("en"), TextFormat::kPlain).error().message ==
        "apertium: no pair from pt to en is installed");  // pivots are the router's job
}

TEST_CASE("An empty text is translated to an empty text", "[translate][apertium]") {
  CHECK(translated("", "es", "en").empty());
  CHECK(translated("", "es", "en", TextFormat::kHtml).empty());
}

TEST_CASE("A text slower than the timeout fails and stops its pipeline",
          "[translate][apertium][timeout]") {
  // `sort -z` answers only at end of input: to the engine, a text that never comes back.
  auto opened =
      ApertiumEngine::open({fake_data_dir("slow-mode", "sort"), std::chrono::milliseconds(300)});
  REQUIRE(opened.ok());
  auto result = (*opened)->translate("Hola", tag("es"), tag("en"), TextFormat::kPlain);
  REQUIRE_FALSE(result.ok());
  CHECK(result.error().message == "apertium: spa-eng timed out");
  CHECK((*opened)->pipeline_pids(tag("es"), tag("en")).empty());
}

// Whether this process has a child process whose name is `comm` (from /proc/PID/stat:
// "PID (COMM) STATE PPID ...").
bool has_child_named(const std::string& comm) {
  std::string parent = std::to_string(getpid());
  for (const auto& entry : std::filesystem::directory_iterator("/proc")) {
    std::ifstream stat(entry.path() / "stat");
    std::string line;
    if (!stat || !std::getline(stat, line)) continue;
    auto open = line.find('('), close = line.rfind(')');
    if (open == std::string::npos || close == std::string::npos) continue;
    std::istringstream rest(line.substr(close + 1));
    std::string state, ppid;
    rest >> state >> ppid;
    if (line.substr(open + 1, close - open - 1) == comm && ppid == parent) return true;
  }
  return false;
}

TEST_CASE("Cancelling the engine fails the text in flight at once and every later one",
          "[translate][apertium][cancel]") {
  // `sort -z` answers only at end of input: without the cancel the text would wait
  // for the 60 s timeout.
  auto opened =
      ApertiumEngine::open({fake_data_dir("cancel-mode", "sort"), std::chrono::seconds(60)});
  REQUIRE(opened.ok());
  ApertiumEngine& slow = **opened;
  std::optional<Result<std::string>> result;
  std::thread worker(
      [&] { result = slow.translate("Hola", tag("es"), tag("en"), TextFormat::kPlain); });
  bool started = test::poll_for(std::chrono::seconds(20), [] { return has_child_named("sort"); });
  slow.cancel();
  worker.join();
  CHECK(started);
  REQUIRE(result);
  REQUIRE_FALSE(result->ok());
  CHECK(result->error().message == "apertium: spa-eng cancelled");
  CHECK(slow.pipeline_pids(tag("es"), tag("en")).empty());
  CHECK_FALSE(has_child_named("sort"));
  auto later = slow.translate("Adiós", tag("es"), tag("en"), TextFormat::kPlain);
  REQUIRE_FALSE(later.ok());
  CHECK(later.error().message == "apertium: spa-eng cancelled");
}

TEST_CASE("A pipeline that exits after a text is started again for the next",
          "[translate][apertium]") {
  // `head -z -n 2` passes one text (and its end marker) through unchanged, then exits.
  auto opened = ApertiumEngine::open(
      {fake_data_dir("one-shot-mode", "head -n 2"), std::chrono::milliseconds(5000)});
  REQUIRE(opened.ok());
  ApertiumEngine& once = **opened;
  auto first = once.translate("Uno [1] ^x$", tag("es"), tag("en"), TextFormat::kPlain);
  REQUIRE(first.ok());
  CHECK(*first == "Uno [1] ^x$");
  auto second = once.translate("Dos", tag("es"), tag("en"), TextFormat::kPlain);
  REQUIRE(second.ok());
  CHECK(*second == "Dos");
}

TEST_CASE("A mode naming a missing program is an error naming the program",
          "[translate][apertium]") {
  auto opened = ApertiumEngine::open(
      {fake_data_dir("missing-program", "no-such-apertium-program"), std::chrono::seconds(5)});
  REQUIRE(opened.ok());
  auto result = (*opened)->translate("Hola", tag("es"), tag("en"), TextFormat::kPlain);
  REQUIRE_FALSE(result.ok());
  CHECK(result.error().message ==
        "apertium: cannot start no-such-apertium-program: No such file or directory");
}

TEST_CASE("An engine stops its children when it goes away", "[translate][apertium]") {
  std::vector<pid_t> pids;
  {
    auto opened = ApertiumEngine::open({});
    REQUIRE(opened.ok());
    REQUIRE((*opened)->translate("Hola", tag("es"), tag("pt"), TextFormat::kPlain).ok());
    pids = (*opened)->pipeline_pids(tag("es"), tag("pt"));
    REQUIRE_FALSE(pids.empty());
    for (pid_t pid : pids) CHECK(process_exists(pid));
  }
  for (pid_t pid : pids) CHECK_FALSE(process_exists(pid));
}

TEST_CASE("Opening fails without installed pairs", "[translate][apertium]") {
  auto missing = ApertiumEngine::open({"/nonexistent/apertium", std::chrono::seconds(1)});
  REQUIRE_FALSE(missing.ok());
  CHECK_THAT(missing.error().message, Catch::StartsWith("apertium: cannot read"));
  std::filesystem::path empty = fake_data_dir("no-pairs", "x");
  std::filesystem::remove(empty / "modes" / "spa-eng.mode");
  auto none = ApertiumEngine::open({empty, std::chrono::seconds(1)});
  REQUIRE_FALSE(none.ok());
  CHECK_THAT(none.error().message, Catch::StartsWith("apertium: no language pair is installed"));
}
