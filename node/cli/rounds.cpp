#include "node/cli/rounds.h"

#include <unistd.h>

#include <algorithm>
#include <cstdio>
#include <string>

#include "node/app/federation.h"
#include "node/cli/cli.h"

namespace sic::cli {
namespace {

constexpr int kBarWidth = 24;

void draw_bar(const sync::RoundProgress& p) {
  std::size_t total = std::max<std::size_t>(p.peers_total, 1);
  int filled = int(kBarWidth * p.peers_done / total);
  std::string bar(std::size_t(filled), '#');
  bar.resize(kBarWidth, '.');
  std::fprintf(stderr, "\r\x1b[Ksync: [%s] %zu/%zu peers, %zu documents", bar.c_str(), p.peers_done,
               p.peers_total, p.documents);
  std::fflush(stderr);
}

std::string count(std::int64_t n) { return std::to_string(n); }

}  // namespace

Result<sync::RoundReport> run_visible_round(const Config& config, Catalogue& catalogue,
                                            const sync::SyncSettings& settings,
                                            sync::RoundOptions options) {
  const bool tty = isatty(STDERR_FILENO) == 1;
  if (tty) options.progress = draw_bar;
  auto fetcher = federation::make_fetcher(config);
  auto random = fetch::system_unit_random();
  auto report = sync::run_round(catalogue, *fetcher, settings, options, random);
  if (tty) std::fputs("\r\x1b[K", stderr);
  return report;
}

int print_round(const sync::RoundReport& report, const char* command) {
  int width = 4;
  for (const auto& p : report.peers) width = std::max(width, int(p.peer.size()));
  std::printf("%-*s  %-12s %5s %7s %7s %12s %7s %7s %5s %4s  %s\n", width, "PEER", "STATUS", "NEW",
              "UPDATED", "DELETED", "NOT MODIFIED", "REFUSED", "BAD SIG", "HELD", "DOCS", "ERROR");
  std::size_t failed = 0;
  for (const auto& p : report.peers) {
    const sync::MergeStats& s = p.stats;
    std::printf("%-*s  %-12s %5s %7s %7s %12s %7s %7s %5s %4zu  %s\n", width, p.peer.c_str(),
                to_string(p.status), count(s.added).c_str(), count(s.updated).c_str(),
                count(s.deleted).c_str(), count(s.unchanged).c_str(), count(s.refused).c_str(),
                count(s.bad_signatures).c_str(), count(s.held).c_str(), p.documents,
                p.error.c_str());
    if (p.status == sync::PeerStatus::kFailed || p.status == sync::PeerStatus::kBackingOff)
      ++failed;
  }
  for (const auto& p : report.peers)
    for (const auto& note : p.stats.notes)
      std::printf("refused from %s: %s\n", p.peer.c_str(), note.c_str());
  for (const auto& signer : report.keys_learned) std::printf("keys: read %s's\n", signer.c_str());
  for (const auto& failure : report.key_failures) std::printf("keys: %s\n", failure.c_str());
  sync::MergeStats total = report.total();
  std::printf("%s: %zu peers in %.1f s: %zu ok, %zu not ok; %lld new, %lld updated, %lld deleted\n",
              command, report.peers.size(), double(report.elapsed.count()) / 1000.0,
              report.peers.size() - failed, failed, (long long)total.added,
              (long long)total.updated, (long long)total.deleted);
  return report.all_ok() ? kOk : kFailed;
}

}  // namespace sic::cli
