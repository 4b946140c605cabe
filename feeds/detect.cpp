#include "feeds/detect.h"

#include <cstring>
#include <string>

#include "feeds/text/utf8.h"
#include "feeds/xml/encoding.h"

namespace sic::detect {

Result<Syntax> syntax_of(std::string_view bytes) {
  // Look at the first characters in whatever encoding the bytes are in.
  auto prefix = xml::to_utf8(bytes.substr(0, 256), xml::Syntax::kJson);
  if (!prefix.ok()) return prefix.error();
  std::string_view s = text::trim(*prefix);
  if (s.empty()) return Error{"detect: the document is empty"};
  if (s[0] == '{' || s[0] == '[') return Syntax::kJson;
  if (s[0] == '<') return Syntax::kXml;
  return Error{"detect: not a feed: the document starts with neither '<' nor '{'"};
}

std::string_view root_name(std::string_view s) {
  size_t pos = 0;
  while (pos < s.size()) {
    size_t lt = s.find('<', pos);
    if (lt == std::string_view::npos) return "";
    std::string_view rest = s.substr(lt);
    size_t end;
    if (rest.substr(0, 4) == "<!--") {
      end = s.find("-->", lt);
      pos = end == std::string_view::npos ? s.size() : end + 3;
    } else if (rest.substr(0, 2) == "<?" || rest.substr(0, 2) == "<!") {
      end = s.find('>', lt);
      pos = end == std::string_view::npos ? s.size() : end + 1;
    } else {
      size_t name_end = s.find_first_of(" \t\r\n/>", lt + 1);
      std::string_view qname = s.substr(
          lt + 1, name_end == std::string_view::npos ? std::string_view::npos : name_end - lt - 1);
      size_t colon = qname.find(':');
      return colon == std::string_view::npos ? qname : qname.substr(colon + 1);
    }
  }
  return "";
}

}  // namespace sic::detect

namespace sic {

Result<FeedFormat> detect_format(std::string_view bytes) {
  auto syntax = detect::syntax_of(bytes);
  if (!syntax.ok()) return syntax.error();
  if (*syntax == detect::Syntax::kJson) {
    auto head = xml::to_utf8(bytes.substr(0, 1 << 20), xml::Syntax::kJson);
    if (!head.ok()) return head.error();
    // The reader checks the version; here a "version" next to "items" is enough.
    bool json_feed = head->find("jsonfeed.org") != std::string::npos ||
                     (head->find("\"version\"") != std::string::npos &&
                      head->find("\"items\"") != std::string::npos);
    if (!json_feed) return Error{"detect: not a feed: JSON without a JSON Feed \"version\""};
    return FeedFormat::kJsonFeed;
  }
  // An encoding iconv does not know is reported by the reader; the root's name is
  // ASCII in every ASCII-compatible encoding.
  auto utf8 = xml::to_utf8(bytes.substr(0, 64 * 1024), xml::Syntax::kXml);
  std::string head = utf8.ok() ? std::move(*utf8) : std::string(bytes.substr(0, 64 * 1024));
  std::string_view root = detect::root_name(head);
  if (root == "feed" || root == "entry") return FeedFormat::kAtom;
  if (root == "rss" || root == "RDF" || root == "channel") return FeedFormat::kRss;
  if (root.empty()) return Error{"detect: not a feed: no root element"};
  return Error{"detect: not a feed: the root element is <" + std::string(root.substr(0, 40)) + ">"};
}

}  // namespace sic
