// The pages in a real browser: Debian's chromium, headless, driven over the DevTools
// protocol on a pipe (--remote-debugging-pipe). Each page is loaded in a phone-sized
// and a desktop window; the test reads what is rendered (innerText, layout boxes) and
// keeps screenshots in BUILD/test-artifacts/pages/.
#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <spawn.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cpprest/asyncrt_utils.h>
#include <cpprest/json.h>
#include <catch2/catch.hpp>
#include <fstream>

#include "tests/e2e/publish_support.h"
#include "tests/support/poll.h"

extern char** environ;

using namespace sic;
using namespace sic::test;
namespace fs = std::filesystem;
using web::json::value;

namespace {

const char* kChromium = "/usr/bin/chromium";

// A headless chromium with the DevTools protocol on fds 3 (commands) and 4 (replies),
// in a process group of its own, killed by PID when the object goes.
class Chromium {
 public:
  explicit Chromium(const fs::path& profile) {
    int in[2], out[2];
    REQUIRE(::pipe2(in, O_CLOEXEC) == 0);
    REQUIRE(::pipe2(out, O_CLOEXEC) == 0);
    posix_spawn_file_actions_t actions;
    posix_spawn_file_actions_init(&actions);
    posix_spawn_file_actions_adddup2(&actions, in[0], 3);
    posix_spawn_file_actions_adddup2(&actions, out[1], 4);
    std::string log = (profile / "chromium.log").string();
    posix_spawn_file_actions_addopen(&actions, 1, log.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0644);
    posix_spawn_file_actions_adddup2(&actions, 1, 2);
    posix_spawnattr_t attr;
    posix_spawnattr_init(&attr);
    posix_spawnattr_setflags(&attr, POSIX_SPAWN_SETPGROUP);
    posix_spawnattr_setpgroup(&attr, 0);
    std::vector<std::string> args = {kChromium,
                                     "--headless",
                                     "--no-sandbox",
                                     "--disable-gpu",
                                     "--disable-background-networking",
                                     "--disable-component-update",
                                     "--disable-sync",
                                     "--no-first-run",
                                     "--hide-scrollbars",
                                     "--user-data-dir=" + (profile / "profile").string(),
                                     "--remote-debugging-pipe",
                                     "about:blank"};
    std::vector<char*> argv;
    for (auto& a : args) argv.push_back(a.data());
    argv.push_back(nullptr);
    int rc = posix_spawn(&pid_, kChromium, &actions, &attr, argv.data(), environ);
    posix_spawn_file_actions_destroy(&actions);
    posix_spawnattr_destroy(&attr);
    ::close(in[0]);
    ::close(out[1]);
    to_ = in[1];
    from_ = out[0];
    REQUIRE(rc == 0);
  }

  ~Chromium() {
    ::close(to_);
    ::close(from_);
    if (pid_ <= 0) return;
    ::kill(-pid_, SIGTERM);
    bool gone =
        poll_for(std::chrono::seconds(5), [&] { return ::waitpid(pid_, nullptr, WNOHANG) != 0; });
    if (!gone) {
      ::kill(-pid_, SIGKILL);
      ::waitpid(pid_, nullptr, 0);
    }
  }

  // Sends a command and returns its result; fails the test on an error or after 30 s.
  value call(const std::string& method, value params = value::object(),
             const std::string& session = "") {
    value msg = value::object();
    int id = ++last_id_;
    msg["id"] = id;
    msg["method"] = value::string(method);
    msg["params"] = params;
    if (!session.empty()) msg["sessionId"] = value::string(session);
    std::string text = msg.serialize();
    text.push_back('\0');
    for (size_t sent = 0; sent < text.size();) {
      ssize_t n = ::write(to_, text.data() + sent, text.size() - sent);
      REQUIRE(n > 0);
      sent += size_t(n);
    }
    auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(30);
    while (true) {
      value reply = next(deadline);
      if (!reply.has_field("id")) {
        record(reply);
        continue;
      }
      if (reply["id"].as_integer() != id) continue;
      INFO(method << ": " << reply.serialize());
      REQUIRE_FALSE(reply.has_field("error"));
      return reply["result"];
    }
  }

  // What the pages logged as errors (console errors, CSP violations, failed loads,
  // uncaught exceptions) since the last call.
  std::vector<std::string> take_errors() { return std::exchange(errors_, {}); }

 private:
  void record(const value& event) {
    std::string method = event.has_field("method") ? event.at("method").as_string() : "";
    if (method == "Log.entryAdded") {
      const value& entry = event.at("params").at("entry");
      std::string url = entry.has_field("url") ? entry.at("url").as_string() : "";
      if (entry.at("level").as_string() == "error")
        errors_.push_back(entry.at("source").as_string() + ": " + entry.at("text").as_string() +
                          (url.empty() ? "" : " (" + url + ")"));
    } else if (method == "Runtime.exceptionThrown") {
      errors_.push_back("exception: " + event.at("params").serialize());
    } else if (method == "Runtime.consoleAPICalled" &&
               event.at("params").at("type").as_string() == "error") {
      errors_.push_back("console: " + event.at("params").serialize());
    }
  }

  value next(std::chrono::steady_clock::time_point deadline) {
    while (true) {
      size_t end = buffer_.find('\0');
      if (end != std::string::npos) {
        std::string message = buffer_.substr(0, end);
        buffer_.erase(0, end + 1);
        return value::parse(message);
      }
      auto left = std::chrono::duration_cast<std::chrono::milliseconds>(
          deadline - std::chrono::steady_clock::now());
      REQUIRE(left.count() > 0);
      pollfd p{from_, POLLIN, 0};
      if (::poll(&p, 1, int(left.count())) <= 0) continue;
      char chunk[65536];
      ssize_t n = ::read(from_, chunk, sizeof chunk);
      REQUIRE(n > 0);
      buffer_.append(chunk, size_t(n));
    }
  }

  pid_t pid_ = -1;
  int to_ = -1, from_ = -1;
  int last_id_ = 0;
  std::string buffer_;
  std::vector<std::string> errors_;
};

struct Window {
  const char* name;
  int width, height;
  bool mobile;
};
const Window kPhone{"phone", 390, 844, true};
const Window kDesktop{"desktop", 1280, 900, false};

// What the test reads from a rendered page.
const char* kProbe = R"js(JSON.stringify((() => {
  const box = e => e ? e.getBoundingClientRect() : null;
  const skip = document.querySelector('a.skip');
  const before = box(skip).right;
  skip.focus();
  const focused = box(skip);
  skip.blur();
  const h1 = box(document.querySelector('h1'));
  const controls = [...document.querySelectorAll('select, button, h1, p, li')].map(box);
  return {
    text: document.body.innerText,
    lang: document.documentElement.lang,
    h1s: document.querySelectorAll('h1').length,
    mains: document.querySelectorAll('main').length,
    overflow: document.documentElement.scrollWidth - window.innerWidth,
    widest: Math.max(...controls.map(b => b.right)),
    innerWidth: window.innerWidth,
    h1Visible: h1.left >= 0 && h1.right <= window.innerWidth && h1.top >= 0,
    skipHidden: before <= 0,
    skipShownOnFocus: focused.left >= 0 && focused.right <= window.innerWidth,
    fontSize: parseFloat(getComputedStyle(document.body).fontSize),
    styled: getComputedStyle(document.querySelector('header.site')).display === 'flex'
  };
})()))js";

class Browser {
 public:
  explicit Browser(const fs::path& dir) : chromium_(dir) {
    value target = chromium_.call("Target.createTarget", value::parse(R"({"url": "about:blank"})"));
    value attach = value::object();
    attach["targetId"] = target["targetId"];
    attach["flatten"] = value::boolean(true);
    session_ = chromium_.call("Target.attachToTarget", attach)["sessionId"].as_string();
    call("Page.enable");
    call("Runtime.enable");
    call("Log.enable");
  }

  // See Chromium::take_errors.
  std::vector<std::string> take_errors() { return chromium_.take_errors(); }

  // Loads the URL in a window of that size and returns the probe's findings.
  value load(const std::string& url, const Window& w) {
    value metrics = value::object();
    metrics["width"] = w.width;
    metrics["height"] = w.height;
    metrics["deviceScaleFactor"] = 1;
    metrics["mobile"] = value::boolean(w.mobile);
    call("Emulation.setDeviceMetricsOverride", metrics);
    value nav = value::object();
    nav["url"] = value::string(url);
    call("Page.navigate", nav);
    bool loaded = poll_for(std::chrono::seconds(20), [&] {
      return evaluate("document.readyState").as_string() == "complete" &&
             evaluate("location.href").as_string() == url;
    });
    REQUIRE(loaded);
    return value::parse(evaluate(kProbe).as_string());
  }

  // Runs axe-core (already injected with inject()) on the page with WCAG 2.1 A and AA's
  // rules; returns its violations: [{id, impact, help, nodes: [target...]}].
  value axe_violations() {
    value params = value::object();
    params["expression"] = value::string(R"js(axe.run(document, {
        runOnly: {type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']},
        resultTypes: ['violations']})
      .then(r => JSON.stringify(r.violations.map(v => ({
        id: v.id, impact: v.impact, help: v.help,
        nodes: v.nodes.map(n => n.target.join(' ') + ': ' + n.failureSummary)})))))js");
    params["returnByValue"] = value::boolean(true);
    params["awaitPromise"] = value::boolean(true);
    value result = call("Runtime.evaluate", params);
    INFO(result.serialize());
    REQUIRE_FALSE(result.has_field("exceptionDetails"));
    return value::parse(result["result"]["value"].as_string());
  }

  // Evaluates a script in the page (DevTools' evaluation is not bound by the page's
  // Content-Security-Policy, which allows no script).
  void inject(const std::string& script) { evaluate(script + "\n;true"); }

  // Saves a PNG of the viewport.
  void screenshot(const fs::path& file, bool full_page = false) {
    value params = value::parse(R"({"format": "png"})");
    if (full_page) params["captureBeyondViewport"] = value::boolean(true);
    value shot = call("Page.captureScreenshot", params);
    auto bytes = utility::conversions::from_base64(shot["data"].as_string());
    fs::create_directories(file.parent_path());
    std::ofstream(file, std::ios::binary)
        .write(reinterpret_cast<const char*>(bytes.data()), std::streamsize(bytes.size()));
    CHECK(fs::file_size(file) > 1000);
  }

 private:
  value call(const std::string& method, value params = value::object()) {
    return chromium_.call(method, params, session_);
  }
  value evaluate(const std::string& expression) {
    value params = value::object();
    params["expression"] = value::string(expression);
    params["returnByValue"] = value::boolean(true);
    value result = call("Runtime.evaluate", params);
    INFO(result.serialize());
    REQUIRE_FALSE(result.has_field("exceptionDetails"));
    return result["result"]["value"];
  }

  Chromium chromium_;
  std::string session_;
};

bool shows(const value& probe, const std::string& text) {
  return probe.at("text").as_string().find(text) != std::string::npos;
}

// The rules every page meets in every window.
void check_layout(const value& p, const Window& w) {
  INFO(w.name << ": " << p.serialize().substr(0, 600));
  CHECK(p.at("lang").as_string() == "en");
  CHECK(p.at("h1s").as_integer() == 1);
  CHECK(p.at("mains").as_integer() == 1);
  CHECK(p.at("overflow").as_double() <= 0);  // no sideways scrolling
  CHECK(p.at("widest").as_double() <= p.at("innerWidth").as_double());
  CHECK(p.at("h1Visible").as_bool());
  CHECK(p.at("skipHidden").as_bool());
  CHECK(p.at("skipShownOnFocus").as_bool());
  CHECK(p.at("fontSize").as_double() >= 16);
  CHECK(p.at("styled").as_bool());  // the style sheet was loaded
}

}  // namespace

TEST_CASE("The listing and an article render readably on a phone and a desktop",
          "[e2e][pages][chromium]") {
  if (!fs::exists(kChromium)) {
    WARN("chromium is not installed (scripts/setup installs it): the browser test is skipped");
    return;
  }
  NodeOptions options;
  options.languages = {"en", "pt"};
  TestNode node(options);
  node.start();
  Article a = simple_article("tag:sic.example.pt,2026:articles/guia", "Guia para pais e educadores",
                             now_seconds() - std::chrono::hours(2), "pt");
  a.content_html =
      "<p style=\"text-align: center\">Um guia com <strong>conselhos</strong> para conversar "
      "sobre a vida online.</p>"
      "<table><tr><th>Idade</th><th>Conselho</th><th>Recursos</th><th>Contactos</th></tr>"
      "<tr><td>6-9</td><td>Acompanhar sempre</td><td>https://sic.example.pt/recursos/"
      "muito-longo-sem-espacos-para-quebrar</td><td>Linha Internet Segura</td></tr></table>";
  a.tags = {"cyberbullying", "media-literacy"};
  a.section = "awareness";
  a.translations = {{lang("en"), "A guide for parents and educators", "Summary",
                     "<p>A guide with <strong>advice</strong> for talking about life online.</p>",
                     TranslationKind::kMachine, "apertium", a.content_hash(), now_seconds(),
                     false}};
  std::vector<Article> all = awkward_articles(12, 5);
  all.push_back(a);
  store(node, all);

  TempDir dir("sic-chromium");
  fs::path artifacts = fs::path(SIC_BINARY_DIR) / "test-artifacts" / "pages";
  Browser browser(dir.path());
  std::string article_url = node.url("/articles/" + percent_encode(a.id.str()) + "?lang=en");
  // The pages are served with their Content-Security-Policy (docs/http.md): no script,
  // style from the style sheet and articles' style attributes. Nothing they hold may
  // break it, and nothing else may fail.
  REQUIRE(http_get(node.url("/")).header("Content-Security-Policy").find("default-src 'none'") !=
          std::string::npos);
  // An error page's own status is no error of the page.
  auto no_errors = [&](const std::string& what, const std::string& loaded = "") {
    std::string all;
    for (const auto& e : browser.take_errors())
      if (loaded.empty() || e.find("(" + loaded + ")") == std::string::npos) all += e + "\n";
    INFO(what);
    CHECK(all == "");
  };
  for (const Window& w : {kPhone, kDesktop}) {
    value listing = browser.load(node.url("/"), w);
    check_layout(listing, w);
    CHECK(shows(listing, "News"));
    CHECK(shows(listing, "Filter the news"));
    CHECK(shows(listing, "Guia para pais e educadores"));
    CHECK(shows(listing, "Awareness raising"));
    CHECK(shows(listing, "Media literacy/education"));
    browser.screenshot(artifacts / (std::string(w.name) + "-listing.png"));
    no_errors("listing");

    value page = browser.load(article_url, w);
    check_layout(page, w);
    CHECK(shows(page, "A guide for parents and educators"));
    CHECK(shows(page, "Machine translation from Portuguese (apertium)"));
    CHECK(shows(page, "Read the original"));
    CHECK(shows(page, "A guide with advice for talking about life online."));
    browser.screenshot(artifacts / (std::string(w.name) + "-article.png"));
    no_errors("article");

    value original = browser.load(node.url("/articles/" + percent_encode(a.id.str())), w);
    check_layout(original, w);
    CHECK(shows(original, "Acompanhar sempre"));
    no_errors("original");
  }
  value missing = browser.load(node.url("/articles/nothing-here"), kDesktop);
  CHECK(shows(missing, "Back to the news"));
  no_errors("404 page", node.url("/articles/nothing-here"));
  value error = browser.load(node.url("/feeds/atom?lang=en_GB"), kDesktop);
  CHECK(shows(error, "400 Bad Request"));
  no_errors("400 page", node.url("/feeds/atom?lang=en_GB"));
}

// axe-core from the npm registry, installed by scripts/setup into .local/npm.
const fs::path kAxe = fs::path(SIC_SOURCE_DIR) / ".local/npm/node_modules/axe-core/axe.min.js";

TEST_CASE(
    "The listing, an article with its image, /network in English and German and a German "
    "listing have no WCAG 2.1 AA violation",
    "[e2e][pages][chromium][axe]") {
  REQUIRE(fs::exists(kChromium));
  INFO("axe-core is installed by scripts/setup into .local/npm");
  REQUIRE(fs::exists(kAxe));
  std::string axe((std::istreambuf_iterator<char>(std::ifstream(kAxe).rdbuf())),
                  std::istreambuf_iterator<char>());
  NodeOptions options;
  options.languages = {"en", "de", "pt"};
  options.extra_toml = R"([site]
logo_url = "https://sic.example.pt/logo.svg"
accent = "#0b5c8c"
helpline_phone = "116 111"
helpline_chat_url = "https://sic.example.pt/chat"
helpline_form_url = "https://sic.example.pt/write"
helpline_hours = "Monday to Friday, 9:00-19:00"
report_url = "https://sic.example.pt/report"
privacy_url = "https://sic.example.pt/privacy"
imprint_url = "https://sic.example.pt/imprint"

[[peers]]
id = "sic-es"
name = "Centro de Seguridad en Internet"
url = "http://127.0.0.1:9/feeds/atom"
)";
  TestNode node(options);
  node.start();
  Article a = simple_article("tag:sic.example.pt,2026:articles/guia", "Guia para pais e educadores",
                             now_seconds() - std::chrono::hours(2), "pt");
  a.tags = {"cyberbullying"};
  a.section = "awareness";
  a.translations = {{lang("de"), "Ein Leitfaden für Eltern", "Zusammenfassung",
                     "<p>Ein Leitfaden mit <strong>Tipps</strong>.</p>", TranslationKind::kMachine,
                     "apertium", a.content_hash(), now_seconds(), false}};
  // Thumbnails and the article's picture are checked too: one with alt text, one
  // decorative (alt="").
  a.image = {"https://sic.example.pt/uploads/guia.jpg", "Pais e filhos a ver um tablet"};
  std::vector<Article> all = awkward_articles(6, 3);
  all[0].image = {"https://sic.example.pt/uploads/sem-alt.jpg", ""};
  all.push_back(a);
  store(node, all);
  std::string listing = http_get(node.url("/")).body;
  REQUIRE(listing.find("<img class=\"thumb\" src=\"https://sic.example.pt/uploads/guia.jpg\" "
                       "alt=\"Pais e filhos a ver um tablet\"") != std::string::npos);
  REQUIRE(listing.find("<img class=\"thumb\" src=\"https://sic.example.pt/uploads/sem-alt.jpg\" "
                       "alt=\"\"") != std::string::npos);
  std::string article_url = node.url("/articles/" + percent_encode(a.id.str()) + "?lang=de");
  REQUIRE(http_get(article_url).body.find("<img class=\"hero\"") != std::string::npos);

  TempDir dir("sic-axe");
  fs::path artifacts = fs::path(SIC_BINARY_DIR) / "test-artifacts" / "pages";
  Browser browser(dir.path());
  const std::vector<std::pair<std::string, std::string>> pages = {
      {"listing", node.url("/")},
      {"article", article_url},
      {"network", node.url("/network")},
      {"network-de", node.url("/network?lang=de")},
      {"listing-de", node.url("/?lang=de")}};
  for (const Window& w : {kPhone, kDesktop}) {
    for (const auto& [name, url] : pages) {
      INFO(w.name << " " << url);
      value probe = browser.load(url, w);
      CHECK(probe.at("overflow").as_double() <= 0);
      browser.inject(axe);
      value violations = browser.axe_violations();
      INFO(violations.serialize());
      CHECK(violations.size() == 0);
      browser.screenshot(artifacts / (std::string(w.name) + "-axe-" + name + ".png"), true);
      if (name == "listing-de") {
        CHECK(probe.at("lang").as_string() == "de");
        CHECK(shows(probe, "Nachrichten filtern"));
        CHECK(shows(probe, "Brauchst du Hilfe?"));
      }
      if (name == "network-de") {
        CHECK(probe.at("lang").as_string() == "de");
        CHECK(shows(probe, "Artikel nach Herkunft"));
      }
    }
  }
  // /network at 736 px (a small tablet): each peer is a card, nothing scrolls sideways.
  const Window tablet{"tablet", 736, 1024, true};
  value network = browser.load(node.url("/network"), tablet);
  CHECK(network.at("overflow").as_double() <= 0);
  CHECK(shows(network, "Centro de Seguridad en Internet"));
  browser.screenshot(artifacts / "tablet-network.png", true);
  // The check can fail: an image without alt text is a violation axe reports.
  browser.load(node.url("/"), kDesktop);
  browser.inject(axe + ";document.querySelector('main').insertAdjacentHTML('beforeend', " +
                 "'<img src=\"/static/icon.svg\" width=\"10\" height=\"10\">')");
  CHECK(browser.axe_violations().serialize().find("\"image-alt\"") != std::string::npos);
}
