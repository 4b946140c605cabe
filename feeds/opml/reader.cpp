#include "feeds/opml/reader.h"

#include "feeds/text/utf8.h"
#include "feeds/xml/document.h"
#include "feeds/xml/encoding.h"

namespace sic::opml {
namespace {

std::string title_of(const xml::Element& e) {
  std::string title(text::trim(e.attr("title").value_or("")));
  if (title.empty()) title = std::string(text::trim(e.attr("text").value_or("")));
  return title;
}

// Some exporters write the attribute names in lower case.
std::optional<std::string> url_attr(const xml::Element& e, std::string_view name,
                                    std::string_view lower) {
  auto v = e.attr(name);
  if (!v) v = e.attr(lower);
  if (v) v = std::string(text::trim(*v));
  return v;
}

Status collect(const xml::Document& doc, const xml::Element& parent,
               std::vector<std::string>& categories, std::vector<Outline>& out) {
  for (const auto& e : xml::Children(parent, "", "outline")) {
    int line = doc.line_of(e.qname().data());
    if (auto xml_url = url_attr(e, "xmlUrl", "xmlurl")) {
      if (xml_url->empty())
        return Error{"opml: line " + std::to_string(line) + ": an outline with an empty xmlUrl"};
      out.push_back({title_of(e), *xml_url, url_attr(e, "htmlUrl", "htmlurl").value_or(""),
                     categories, line});
    }
    categories.push_back(title_of(e));
    Status inner = collect(doc, e, categories, out);
    categories.pop_back();
    if (!inner.ok()) return inner;
  }
  return Status::Ok();
}

}  // namespace

Result<std::vector<Outline>> read(std::string_view bytes) {
  auto utf8 = xml::to_utf8(bytes, xml::Syntax::kXml);
  if (!utf8.ok()) return Error{"opml: " + utf8.error().message};
  auto doc = xml::Document::parse(std::move(*utf8), "");
  if (!doc.ok()) return Error{"opml: " + doc.error().message};
  const xml::Element& root = (*doc)->root();
  if (!root.is("", "opml"))
    return Error{"opml: the root element is <" + std::string(root.qname()) + ">, not <opml>"};
  const xml::Element* body = root.child("", "body");
  if (!body) return Error{"opml: the document has no <body>"};
  std::vector<Outline> out;
  std::vector<std::string> categories;
  if (Status st = collect(**doc, *body, categories, out); !st.ok()) return st.error();
  return out;
}

}  // namespace sic::opml
