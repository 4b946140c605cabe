// scripts/demo-network --check: the documented three-node demo converges.
#include "tests/e2e/federation_support.h"
#include "tests/support/net.h"

using namespace sic;
using namespace sic::test;

namespace {

struct DemoRun {
  int status = -1;
  std::string out, err;
};

// Runs the demo on three free ports (base, base + 1, base + 2).
DemoRun run_demo() {
  int base = free_loopback_port();
  for (int tries = 0;
       tries < 20 && (loopback_port_accepts(base + 1) || loopback_port_accepts(base + 2)); ++tries)
    base = free_loopback_port();
  TempDir dir("sic-demo-network");
  Process demo(ProcessOptions{.program = std::string(SIC_SOURCE_DIR) + "/scripts/demo-network",
                              .args = {"--check"},
                              .env = {{"SICNODE_BIN", sicnode_binary().string()},
                                      {"SICNODE_DEMO_DIR", (dir.path() / "demo").string()},
                                      {"SICNODE_BASE_PORT", std::to_string(base)}},
                              .output_dir = dir.path(),
                              .name = "demo-network"});
  auto status = demo.wait_for(std::chrono::steady_clock::now() + std::chrono::minutes(2));
  return {status ? *status : -1, demo.stdout_text(), demo.stderr_text()};
}

}  // namespace

TEST_CASE("The three-node demo converges", "[e2e][federation][demo]") {
  // The ports are free when chosen, but a test running alongside may take one before
  // a node binds it: then (only then) the demo is run again on other ports.
  DemoRun demo = run_demo();
  for (int again = 0;
       again < 2 && demo.status != 0 && demo.err.find("did not start") != std::string::npos;
       ++again)
    demo = run_demo();
  INFO(demo.out << demo.err);
  REQUIRE(demo.status == 0);
  const std::string& out = demo.out;
  CHECK(out.find("9 created") != std::string::npos);
  for (const char* node : {"sic-hub ", "sic-es  ", "sic-pt  "}) {
    INFO(node);
    CHECK(out.find(std::string(node) +
                   "  21 articles: 6 from sic-es, 9 from sic-hub, 6 from sic-pt") !=
          std::string::npos);
  }
  CHECK(out.find("The three nodes hold the same articles") != std::string::npos);
}
