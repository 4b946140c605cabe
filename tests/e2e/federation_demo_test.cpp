// scripts/demo-network --check: the documented three-node demo converges.
#include "tests/e2e/federation_support.h"
#include "tests/support/net.h"

using namespace sic;
using namespace sic::test;

TEST_CASE("The three-node demo converges", "[e2e][federation][demo]") {
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
  INFO(demo.stdout_text() << demo.stderr_text());
  REQUIRE(status == 0);
  std::string out = demo.stdout_text();
  CHECK(out.find("9 created") != std::string::npos);
  for (const char* node : {"sic-hub ", "sic-es  ", "sic-pt  "}) {
    INFO(node);
    CHECK(out.find(std::string(node) +
                   "  21 articles: 6 from sic-es, 9 from sic-hub, 6 from sic-pt") !=
          std::string::npos);
  }
  CHECK(out.find("The three nodes hold the same articles") != std::string::npos);
}
