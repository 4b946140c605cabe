// /static/style.css: one small style sheet, readable on a phone and a desktop, with
// visible focus, a skip link that appears on focus and the system's fonts.
#include "node/pages/layout.h"
#include "node/pages/pages.h"

namespace sic::pages {
namespace {

// The default accent; [site] accent replaces it (checked for contrast by the config).
constexpr std::string_view kDefaultAccent = "#0b4f9c";

constexpr const char* kStyle = R"css(:root {
  --text: #1b1b1f; --muted: #4a4a55; --line: #d8d8e0; --accent: #0b4f9c; --bg: #fff;
  --note: #fff6d6;
  font-family: system-ui, -apple-system, "Segoe UI", Roboto, "Noto Sans", sans-serif;
  line-height: 1.5; color: var(--text); background: var(--bg);
}
* { box-sizing: border-box; }
body { margin: 0; }
a { color: var(--accent); }
a:focus, button:focus, select:focus, main:focus { outline: 3px solid #f0a500; outline-offset: 2px; }
.skip { position: absolute; left: -999px; top: 0; padding: .5rem 1rem; background: var(--bg); }
.skip:focus { left: .5rem; z-index: 1; }
header.site, main, footer.site { max-width: 48rem; margin: 0 auto; padding: 0 1rem; }
header.site { display: flex; flex-wrap: wrap; align-items: baseline; justify-content: space-between;
  gap: .5rem 1.5rem; border-bottom: 1px solid var(--line); padding-top: .75rem; padding-bottom: .75rem; }
.site-name { margin: 0; font-weight: 700; font-size: 1.15rem; }
.site-name a { color: var(--text); text-decoration: none; }
header.site ul, .topics, .pages ul, .languages ul { list-style: none; margin: 0; padding: 0;
  display: flex; flex-wrap: wrap; gap: .25rem 1rem; }
.switcher { font-size: .95rem; }
.switcher [aria-current] { font-weight: 700; color: var(--text); text-decoration: none; }
.site-name a { display: inline-flex; align-items: center; gap: .5rem; }
.logo { height: 2.5rem; width: auto; }
.help { margin: 0; flex-basis: 100%; }
footer.site h2 { font-size: 1rem; margin: 1rem 0 .25rem; color: var(--text); }
footer.site ul { list-style: none; margin: 0 0 .5rem; padding: 0; display: flex; flex-wrap: wrap;
  gap: .25rem 1.25rem; }
h1 { font-size: 1.75rem; line-height: 1.25; margin: 1.5rem 0 1rem; overflow-wrap: anywhere; }
h2 { font-size: 1.25rem; line-height: 1.3; overflow-wrap: anywhere; }
.filters { background: #f5f6f9; border: 1px solid var(--line); border-radius: .5rem;
  padding: .25rem 1rem 1rem; margin-bottom: 1.5rem; }
.filters h2 { font-size: 1rem; margin: .75rem 0; }
.filters form { display: flex; flex-wrap: wrap; gap: .75rem 1rem; align-items: flex-end; }
.field { display: flex; flex-direction: column; flex: 1 1 9rem; min-width: 0; }
.field label { font-size: .9rem; color: var(--muted); }
select, button { font: inherit; padding: .35rem .5rem; max-width: 100%; }
button { background: var(--accent); color: #fff; border: 0; border-radius: .3rem; padding: .4rem 1rem; }
.actions { display: flex; gap: 1rem; align-items: center; }
.news { list-style: none; margin: 0; padding: 0; }
.item { border-bottom: 1px solid var(--line); padding: .75rem 0 1rem; }
.item h2 { margin: .25rem 0; }
.item::after { content: ""; display: block; clear: both; }
.thumb { float: right; width: 10rem; max-width: 35%; height: auto; aspect-ratio: 16 / 9;
  object-fit: cover; margin: .25rem 0 .5rem 1rem; border-radius: .3rem; background: var(--line); }
.hero { display: block; width: 100%; max-width: 40rem; height: auto; aspect-ratio: 16 / 9;
  object-fit: cover; margin: .5rem 0; border-radius: .3rem; background: var(--line); }
.meta, .translation { color: var(--muted); font-size: .9rem; margin: .25rem 0; }
.topics { font-size: .9rem; }
.topics li a { display: inline-block; padding: 0 .5rem; border: 1px solid var(--line);
  border-radius: 1rem; text-decoration: none; }
.notice { background: var(--note); border-left: 4px solid #c99a00; padding: .5rem .75rem; }
.summary { font-size: 1.05rem; }
.body { overflow-wrap: anywhere; }
.body img, .body iframe, .body video { max-width: 100%; height: auto; }
.body table { display: block; overflow-x: auto; border-collapse: collapse; }
.body thead th { overflow-wrap: normal; }
.body pre { overflow-x: auto; white-space: pre-wrap; }
.pages { margin: 1.5rem 0; }
footer.site { border-top: 1px solid var(--line); margin-top: 2rem; padding-top: .5rem;
  padding-bottom: 1.5rem; color: var(--muted); font-size: .9rem; }
/* /network: one card per peer (eleven columns fit no 48rem column); each cell shows
   its column's name from data-label. */
.body table.network { display: block; overflow: visible; }
.network caption { display: block; text-align: left; font-weight: 700; margin: 0 0 .5rem; }
.network thead { position: absolute; left: -9999px; }
.network tbody { display: grid; grid-template-columns: repeat(auto-fill, minmax(20rem, 1fr));
  gap: .75rem; }
.network tr, .network th, .network td { display: block; text-align: left; }
.network tr { border: 1px solid var(--line); border-radius: .5rem; padding: .5rem .75rem; }
.network tbody th { font-size: 1.05rem; padding: 0 0 .25rem; overflow-wrap: normal; }
.network .id, .network .kind { display: block; font-weight: 400; color: var(--muted); font-size: .85rem; }
.network td { display: flex; gap: .75rem; padding: .1rem 0; overflow-wrap: anywhere; }
.network td::before { content: attr(data-label); flex: 0 0 8rem; color: var(--muted); }
.network td:empty { display: none; }
/* Articles by origin: the origin's name, its id under it. */
.origins tbody th { text-align: left; }
.origins .id { display: block; font-weight: 400; color: var(--muted); font-size: .85rem; }
@media (max-width: 30rem) {
  h1 { font-size: 1.4rem; margin-top: 1rem; }
  .filters { padding: .25rem .75rem .75rem; }
  .filters form { gap: .5rem .75rem; }
  .field { flex-basis: 8rem; }
}
)css";

// A plain mark in the accent colour; linked from every page so that browsers do not
// ask for /favicon.ico.
constexpr const char* kIcon =
    R"svg(<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 32 32">)svg"
    R"svg(<rect width="32" height="32" rx="6" fill="#0b4f9c"/>)svg"
    R"svg(<path d="M7 23 16 7l9 16z" fill="#fff"/></svg>)svg"
    "\n";

// The text with the default accent replaced by the config's.
std::string with_accent(const NodeContext& ctx, std::string text) {
  for (size_t at = text.find(kDefaultAccent); at != std::string::npos;
       at = text.find(kDefaultAccent, at + 1))
    text.replace(at, kDefaultAccent.size(), ctx.config.site.accent);
  return text;
}

// A file that changes only with the program and its config: cached for a day.
publish::Document static_file(const char* type, std::string body) {
  publish::Document doc;
  doc.content_type = type;
  doc.body = std::move(body);
  doc.cache_control = "public, max-age=86400";
  return doc;
}

}  // namespace

publish::Document icon(const NodeContext& ctx) {
  return static_file("image/svg+xml", with_accent(ctx, kIcon));
}

publish::Document style_sheet(const NodeContext& ctx) {
  return static_file("text/css; charset=utf-8", with_accent(ctx, kStyle));
}

}  // namespace sic::pages
