// XML namespaces the readers and writers know (internal to feeds/; docs/feeds.md).
#pragma once

#include <string_view>

namespace sic::ns {

inline constexpr std::string_view kAtom = "http://www.w3.org/2005/Atom";
inline constexpr std::string_view kAtom03 = "http://purl.org/atom/ns#";
inline constexpr std::string_view kXml = "http://www.w3.org/XML/1998/namespace";
inline constexpr std::string_view kXhtml = "http://www.w3.org/1999/xhtml";
inline constexpr std::string_view kHistory = "http://purl.org/syndication/history/1.0";
inline constexpr std::string_view kTombstones = "http://purl.org/atompub/tombstones/1.0";
inline constexpr std::string_view kRss10 = "http://purl.org/rss/1.0/";
inline constexpr std::string_view kRss090 = "http://my.netscape.com/rdf/simple/0.9/";
inline constexpr std::string_view kRdf = "http://www.w3.org/1999/02/22-rdf-syntax-ns#";
inline constexpr std::string_view kDc = "http://purl.org/dc/elements/1.1/";
inline constexpr std::string_view kDcTerms = "http://purl.org/dc/terms/";
inline constexpr std::string_view kContent = "http://purl.org/rss/1.0/modules/content/";
inline constexpr std::string_view kItunes = "http://www.itunes.com/dtds/podcast-1.0.dtd";
// The spelling Apple's early documentation used, still found in feeds.
inline constexpr std::string_view kItunesAlt = "http://www.itunes.com/DTDs/PodCast-1.0.dtd";
inline constexpr std::string_view kMedia = "http://search.yahoo.com/mrss/";

// Our own extension: origin, section, via, translations, tombstones in RSS.
inline constexpr std::string_view kSic = "https://sicnode.eu/ns/1.0";
// The category scheme (Atom) / domain (RSS) that marks an article's section.
inline constexpr std::string_view kSicSection = "https://sicnode.eu/ns/1.0/section";

}  // namespace sic::ns
