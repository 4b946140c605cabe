#include "node/publish/urls.h"

#include <cstdio>
#include <iterator>

namespace sic::publish {

std::string month_text(Month month) {
  char buf[16];
  std::snprintf(buf, sizeof buf, "%04d-%02u", int(month.year()), unsigned(month.month()));
  return buf;
}

std::optional<Month> parse_month(std::string_view text) {
  if (text.size() != 7 || text[4] != '-') return std::nullopt;
  for (size_t i : {0, 1, 2, 3, 5, 6})
    if (text[i] < '0' || text[i] > '9') return std::nullopt;
  int year = std::stoi(std::string(text.substr(0, 4)));
  unsigned month = unsigned(std::stoi(std::string(text.substr(5, 2))));
  if (year < 1970 || month < 1 || month > 12) return std::nullopt;
  return Month(std::chrono::year(year), std::chrono::month(month));
}

TimePoint month_start(Month month) {
  return TimePoint(std::chrono::sys_days(month / std::chrono::day(1)));
}

TimePoint month_end(Month month) { return month_start(month + std::chrono::months(1)); }

Month month_of(TimePoint t) {
  std::chrono::year_month_day day(std::chrono::floor<std::chrono::days>(t));
  return Month(day.year(), day.month());
}

std::string feed_url(const NodeContext& ctx, FeedFormat format, const FeedQuery& query) {
  return ctx.url(std::string("/feeds/") + to_string(format) + query_suffix(query));
}

std::string archive_url(const NodeContext& ctx, FeedFormat format, Month month,
                        const FeedQuery& query) {
  return ctx.url(std::string("/feeds/") + to_string(format) + "/archive/" + month_text(month) +
                 query_suffix(query.first_page()));
}

std::string archive_part_url(const NodeContext& ctx, FeedFormat format, Month month,
                             std::size_t part, const FeedQuery& query) {
  return ctx.url(std::string("/feeds/") + to_string(format) + "/archive/" + month_text(month) +
                 "/" + std::to_string(part) + query_suffix(query.first_page()));
}

std::string listing_url(const NodeContext& ctx, const FeedQuery& query) {
  return ctx.url("/" + query_suffix(query));
}

std::string article_page_url(const NodeContext& ctx, const Iri& id, const LanguageTag& lang) {
  std::string url = ctx.article_url(id);
  return lang.empty() ? url : url + "?lang=" + percent_encode(lang.str());
}

namespace {

// What people and programs call each format, in FeedFormat's order.
struct FormatNames {
  const char* name;
  const char* media_type;
  const char* bare_media_type;
};
constexpr FormatNames kFormatNames[] = {
    {"Atom", "application/atom+xml; charset=utf-8", "application/atom+xml"},
    {"JSON Feed", "application/feed+json; charset=utf-8", "application/feed+json"},
    {"RSS", "application/rss+xml; charset=utf-8", "application/rss+xml"},
};
static_assert(std::size(kFormatNames) == std::size_t(FeedFormat::kRss) + 1);

const FormatNames& names_of(FeedFormat format) { return kFormatNames[std::size_t(format)]; }

}  // namespace

const char* format_name(FeedFormat format) { return names_of(format).name; }

const char* media_type(FeedFormat format) { return names_of(format).media_type; }

const char* bare_media_type(FeedFormat format) { return names_of(format).bare_media_type; }

std::vector<std::string> hub_urls(const NodeContext& ctx) {
  std::vector<std::string> hubs;
  if (ctx.config.websub.hub) hubs.push_back(ctx.url("/websub"));
  for (const auto& hub : ctx.config.publish.websub_hubs) hubs.push_back(hub);
  return hubs;
}

}  // namespace sic::publish
