// The words of the HTML pages, and language names (docs/pages.md, "Languages of the
// page's words"). The words are node/pages/po/<lang>.po, keyed by the English text;
// a word a language has not translated is shown in English. Thread-safe.
#pragma once

#include <cstdint>
#include <string>

#include "feeds/model/datetime.h"
#include "feeds/model/language.h"

namespace sic::pages {

enum class Text {
  kSkipToContent,
  kNews,
  kSiteNavigation,
  kFeeds,
  kFilterHeading,
  kTopic,
  kSection,
  kOrigin,
  kLanguage,
  kAny,
  kApply,
  kClear,
  kOlder,
  kNewest,
  kPagination,
  kNoArticles,
  kTopics,
  kPublished,
  kUpdated,
  kFrom,
  kMachineTranslation,  // "Machine translation from %s"
  kHumanTranslation,    // "Translation from %s"
  kOutdated,
  kReadOriginal,
  kAlsoIn,
  kOriginalPage,
  kAttachments,
  kDeletedTitle,
  kDeletedText,  // "%s deleted this article on %s."
  kNotFoundTitle,
  kNotFoundText,
  kNotInLanguage,  // "This article is not available in %s."
  kBackToNews,
  kFeedsOf,       // "Subscribe"
  kTranslatedBy,  // "by %s": the node that made a translation
  kSearch,
  kSearchLabel,
  kSearchHeading,  // "Search: %s"
  kSearchNoResults,
  kSearchWithout,  // "Search without this filter: %s"
  kSearchMore,
  kSearchFirst,
  kSearchRefused,
  kSearchHelp,
  kSearchSubscribe,
  kHelpline,
  kNeedHelp,
  kCallHelpline,  // "Call %s"
  kChat,
  kWriteToUs,
  kOpeningHours,  // "Opening hours: %s"
  kReportContent,
  kPrivacy,
  kImprint,
  kBadAddress,
  kServerError,
  // The /network page (docs/pages.md, "Network").
  kNetwork,
  kPeersAndSources,
  kPeer,  // the peers table's columns, kPeer to kLastError
  kHealth,
  kLastSuccess,
  kLag,
  kFailures,
  kNextAttempt,
  kEntries,
  kReceived,
  kPending,
  kFeed,
  kLastError,
  kHealthNew,  // health, in the order of sic::Health
  kHealthOk,
  kHealthFailing,
  kHealthBackingOff,
  kKindPeer,
  kKindSource,
  kNever,
  kJustNow,
  kInLessThanAMinute,
  kSeconds,  // "%s s": lags, abbreviated
  kMinutes,  // "%s min"
  kHours,    // "%s h"
  kAsOf,     // "as of %s"
  kNoPeers,  // "This node reads no peers yet (see %s)."
  kArticlesByOrigin,
  kArticles,
  kCoverageUnknown,  // "Translation coverage is unknown: %s"
  kCoverageCaption,  // "... (engines: %s)"
  kInto,             // "Into %s"
  kSameLanguage,
  kUnreachable,
  kDirect,        // "direct (%s)": the engines
  kPivot,         // "pivot %s (%s)": the languages between, the engines
  kPairsCovered,  // "...: %s of %s."
  kSyncNow,       // "A sync round now: %s with an API token (%s)."
  kPush,          // the peers table's WebSub column (docs/websub.md, "Visibility")
  kPushPolling,
  kPushUntil,          // "subscribed; lease ends %s": a relative time
  kPushLeaseEnded,     // "lease ended %s"
  kPushLastDelivery,   // "last delivery: %s"
  kPushBadSignatures,  // "signature failures: %s": a number
  kCount
};

// Words that change with a number: the English is "%s peer" / "%s peers"; a .po file
// gives its language's forms (msgid_plural, msgstr[N]) and its Plural-Forms rule.
enum class Counted {
  kPeers,
  kSources,
  kMinutesAgo,
  kHoursAgo,
  kDaysAgo,
  kInMinutes,
  kInHours,
  kInDays,
  kDays,
  kCount
};

// The UI language used for a requested language: its primary subtag when there is a
// .po file for it, else English.
LanguageTag ui_language(const LanguageTag& requested);

// The words in the UI language. "%s" marks where an argument goes (see fill()).
const char* text(Text id, const LanguageTag& ui);
// The words for n in the UI language, its "%s" replaced by n.
std::string counted(Counted id, std::int64_t n, const LanguageTag& ui);
// Replaces each "%s" in order with the arguments (already escaped by the caller).
std::string fill(std::string_view pattern, std::initializer_list<std::string_view> args);

// The language's own name for itself ("Português" for "pt", "Deutsch" for "de-AT"),
// else the tag itself.
std::string language_name(const LanguageTag& lang);

// The language's name in the UI language ("Spanish" for "es" on English pages), for
// running text such as the translation notice (docs/translation.md, "Labelling").
// in_ui is false when the UI language has no name for it: text is then
// language_name(lang), which the caller marks with the language's lang attribute.
struct LanguageName {
  std::string text;
  bool in_ui = true;
};
LanguageName language_name_in(const LanguageTag& lang, const LanguageTag& ui);

// "28 June 2026" in the UI language (UTC).
std::string format_date(TimePoint t, const LanguageTag& ui);

}  // namespace sic::pages
