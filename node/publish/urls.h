// The public URLs of a node's documents (docs/publishing.md, "URLs"), all absolute,
// made from [node] base_url, and the archive months.
#pragma once

#include <chrono>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "feeds/model/article.h"
#include "node/context/context.h"
#include "node/publish/query.h"

namespace sic::publish {

using Month = std::chrono::year_month;

// "2026-06", and back; nullopt unless exactly YYYY-MM with a year 1970-9999.
std::string month_text(Month month);
std::optional<Month> parse_month(std::string_view text);
// The first second of the month (UTC) and of the month after it.
TimePoint month_start(Month month);
TimePoint month_end(Month month);
Month month_of(TimePoint t);

// /feeds/atom?lang=pt (the page included when the query has one).
std::string feed_url(const NodeContext& ctx, FeedFormat format, const FeedQuery& query);
// /feeds/atom/archive/2026-06?lang=pt (the query's page is ignored): the month's last
// archive part (docs/publishing.md, "Archives").
std::string archive_url(const NodeContext& ctx, FeedFormat format, Month month,
                        const FeedQuery& query);
// /feeds/atom/archive/2026-06/2?lang=pt: the month's part 2 (parts count from 1).
std::string archive_part_url(const NodeContext& ctx, FeedFormat format, Month month,
                             std::size_t part, const FeedQuery& query);
// The listing page: /?lang=pt&page=...
std::string listing_url(const NodeContext& ctx, const FeedQuery& query);
// An article's page, /articles/{percent-encoded id}, with ?lang=X when lang is set.
std::string article_page_url(const NodeContext& ctx, const Iri& id, const LanguageTag& lang = {});

// The WebSub hubs of the node's topics (the live feeds' first pages, the listing's):
// its own /websub when [websub] hub is on, then [publish] websub_hubs.
std::vector<std::string> hub_urls(const NodeContext& ctx);

// The name of a format for people: "Atom", "JSON Feed", "RSS".
const char* format_name(FeedFormat format);
// The media type of a format, with its charset: "application/atom+xml; charset=utf-8".
const char* media_type(FeedFormat format);
// The media type without parameters (for <link type> and OPML).
const char* bare_media_type(FeedFormat format);

}  // namespace sic::publish
