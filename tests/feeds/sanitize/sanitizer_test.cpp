#include <catch2/catch.hpp>

#include "feeds/feeds.h"
#include "feeds/sanitize/allowlist.h"

using namespace sic;

namespace {

const char* kBase = "https://sic.example.eu/news/1/";

std::string clean(std::string_view html, std::vector<std::string> video_hosts = {}) {
  SanitizeOptions options;
  options.video_hosts = std::move(video_hosts);
  return sanitize_html(html, kBase, options);
}

}  // namespace

TEST_CASE("Readable markup is kept", "[feeds][sanitize]") {
  std::string html =
      "<h2>Title</h2><p>A <strong>b</strong> <em>c</em> <a href=\"https://x.eu/\">d</a></p>"
      "<ul><li>1</li></ul><ol start=\"3\"><li>2</li></ol><blockquote>q</blockquote>"
      "<table><thead><tr><th scope=\"col\">h</th></tr></thead><tbody><tr><td colspan=\"2\">c</td>"
      "</tr></tbody></table><pre><code>x</code></pre><img src=\"https://x.eu/i.png\" "
      "alt=\"i\"><br><hr>";
  CHECK(clean(html) == html);
}

TEST_CASE("Scripts, styles and their content are removed", "[feeds][sanitize]") {
  CHECK(clean("a<script>alert(1)</script>b") == "ab");
  CHECK(clean("a<SCRIPT type=x>alert('</p>')</SCRIPT>b") == "ab");
  CHECK(clean("a<style>body{}</style>b") == "ab");
  CHECK(clean("a<script>never closed") == "a");
  CHECK(clean("<noscript><p>x</p></noscript>y") == "y");
}

TEST_CASE("Forms and their controls are removed", "[feeds][sanitize]") {
  CHECK(clean("a<form action=\"/x\"><input name=q><button>Go</button></form>b") == "ab");
  CHECK(clean("a<input type=\"text\">b<select><option>1</option></select>c") == "abc");
  CHECK(clean("<textarea><b>x</b></textarea>y") == "y");
}

TEST_CASE("Embedded objects, SVG and MathML are removed", "[feeds][sanitize]") {
  CHECK(clean("a<object data=x><param name=a></object>b<embed src=x>c") == "abc");
  CHECK(clean("a<svg><script>x</script><a href='javascript:1'>y</a></svg>b") == "ab");
  CHECK(clean("a<math><mi>x</mi></math>b") == "ab");
}

TEST_CASE("Event handlers and unknown attributes are removed", "[feeds][sanitize]") {
  CHECK(clean("<p onclick=\"evil()\" ONMOUSEOVER=x class=\"c\" id=\"i\">t</p>") == "<p>t</p>");
  CHECK(clean("<img src=\"https://x.eu/i.png\" onerror=\"evil()\">") ==
        "<img src=\"https://x.eu/i.png\">");
  CHECK(clean("<a href=\"https://x.eu/\" target=\"_blank\" rel=\"x\">l</a>") ==
        "<a href=\"https://x.eu/\">l</a>");
}

TEST_CASE("javascript: and vbscript: URLs are removed in all their disguises",
          "[feeds][sanitize]") {
  CHECK(clean("<a href=\"javascript:alert(1)\">x</a>") == "<a>x</a>");
  CHECK(clean("<a href=\"JaVaScRiPt:alert(1)\">x</a>") == "<a>x</a>");
  CHECK(clean("<a href=\"vbscript:msgbox(1)\">x</a>") == "<a>x</a>");
  CHECK(clean("<a href=\"  javascript:alert(1)\">x</a>") == "<a>x</a>");
  CHECK(clean("<a href=\"java\tscript:alert(1)\">x</a>") == "<a>x</a>");
  CHECK(clean("<a href=\"java&#x09;script:alert(1)\">x</a>") == "<a>x</a>");
  CHECK(clean("<a href=\"java&#10;script:alert(1)\">x</a>") == "<a>x</a>");
  CHECK(
      clean("<a href=\"&#106;&#97;&#118;&#97;&#115;&#99;&#114;&#105;&#112;&#116;&#58;x\">x</a>") ==
      "<a>x</a>");
  CHECK(clean("<a href=\"&#x6A;avascript&colon;x\">x</a>") != "<a href=\"javascript:x\">x</a>");
  CHECK(clean("<img src=\"data:image/svg+xml;base64,PHN2Zz4=\">") == "");
  CHECK(clean("<a href=\"data:text/html,<script>x</script>\">x</a>") == "<a>x</a>");
}

TEST_CASE("Relative URLs are resolved against the base", "[feeds][sanitize]") {
  CHECK(clean("<a href=\"../2\">x</a>") == "<a href=\"https://sic.example.eu/news/2\">x</a>");
  CHECK(clean("<img src=\"/i.png\">") == "<img src=\"https://sic.example.eu/i.png\">");
  CHECK(clean("<a href=\"#top\">x</a>") == "<a href=\"https://sic.example.eu/news/1/#top\">x</a>");
  CHECK(sanitize_html("<a href=\"/x\">x</a>", "", {}) == "<a>x</a>");
}

TEST_CASE("mailto and tel links are kept, other schemes are not", "[feeds][sanitize]") {
  CHECK(clean("<a href=\"mailto:a@x.eu\">m</a>") == "<a href=\"mailto:a@x.eu\">m</a>");
  CHECK(clean("<a href=\"tel:+351800\">t</a>") == "<a href=\"tel:+351800\">t</a>");
  CHECK(clean("<a href=\"file:///etc/passwd\">f</a>") == "<a>f</a>");
  CHECK(clean("<img src=\"ftp://x.eu/i.png\">") == "");
}

TEST_CASE("Iframes are kept only for https video hosts on the list", "[feeds][sanitize]") {
  std::vector<std::string> hosts = {"www.youtube-nocookie.com", "player.vimeo.com"};
  CHECK(clean("<iframe src=\"https://player.vimeo.com/video/1\" width=\"640\" "
              "onload=\"x\">fallback</iframe>",
              hosts) == "<iframe src=\"https://player.vimeo.com/video/1\" width=\"640\"></iframe>");
  CHECK(clean("<iframe src=\"https://evil.example/x\"></iframe>", hosts) == "");
  CHECK(clean("<iframe src=\"http://player.vimeo.com/video/1\"></iframe>", hosts) == "");
  CHECK(clean("<iframe src=\"https://player.vimeo.com.evil.example/\"></iframe>", hosts) == "");
  CHECK(clean("<iframe src=\"https://player.vimeo.com/video/1\"></iframe>") == "");
  CHECK(clean("<frameset><frame src=x></frameset>a") == "a");
}

TEST_CASE("Dangerous CSS is removed and safe CSS kept in a canonical form", "[feeds][sanitize]") {
  CHECK(clean("<p style=\"COLOR: red;text-align:center\">x</p>") ==
        "<p style=\"color: red; text-align: center\">x</p>");
  CHECK(clean("<p style=\"background-image: url(javascript:x)\">x</p>") == "<p>x</p>");
  CHECK(clean("<p style=\"width: expression(alert(1))\">x</p>") == "<p>x</p>");
  CHECK(clean("<p style=\"color: rgb(1,2,3); position: fixed\">x</p>") ==
        "<p style=\"color: rgb(1,2,3)\">x</p>");
  CHECK(clean("<p style=\"color: red\\;x\">x</p>") == "<p>x</p>");
  CHECK(clean("<p style=\"behavior: url(x.htc)\">x</p>") == "<p>x</p>");
}

TEST_CASE("Unknown tags lose the tag but keep their text", "[feeds][sanitize]") {
  CHECK(clean("<font color=red>a</font><mark>b</mark><custom-el>c</custom-el>") == "abc");
}

TEST_CASE("The output is balanced", "[feeds][sanitize]") {
  CHECK(clean("<p><b>x") == "<p><b>x</b></p>");
  CHECK(clean("x</p></div>") == "x");
  CHECK(clean("<b><i>x</b>y</i>") == "<b><i>x</i></b>y");
  CHECK(clean("<ul><li>a<li>b</ul>") == "<ul><li>a</li><li>b</li></ul>");
  CHECK(clean("<table><tr><td>a<td>b<tr><td>c</table>") ==
        "<table><tr><td>a</td><td>b</td></tr><tr><td>c</td></tr></table>");
  CHECK(clean("<p>a<div>b</div>") == "<p>a</p><div>b</div>");
}

TEST_CASE("Comments, doctypes and processing instructions are removed", "[feeds][sanitize]") {
  CHECK(clean("a<!-- <script>x</script> -->b") == "ab");
  CHECK(clean("a<!-->b") == "ab");
  CHECK(clean("a<!DOCTYPE html>b<?php x ?>c") == "abc");
  CHECK(clean("a<!-- never closed <p>") == "a");
}

TEST_CASE("Text is escaped and entities decoded once", "[feeds][sanitize]") {
  CHECK(clean("a < b & c > d") == "a &lt; b &amp; c &gt; d");
  CHECK(clean("&lt;script&gt;") == "&lt;script&gt;");
  CHECK(clean("caf&eacute;&nbsp;&amp;amp;") == "café\u00A0&amp;amp;");
  CHECK(clean("<a title='a \"q\" &amp; b'>x</a>") == "<a title=\"a &quot;q&quot; &amp; b\">x</a>");
}

TEST_CASE("Control characters are dropped and line ends normalized", "[feeds][sanitize]") {
  CHECK(clean("a\x01"
              "b\x7f"
              "c\r\nd\re") == "abc\nd\ne");
  CHECK(clean("x\xff"
              "y") == "x\uFFFDy");
}

TEST_CASE("Attribute values survive quotes and odd spacing", "[feeds][sanitize]") {
  CHECK(clean("<img alt = 'a b' src = \"https://x.eu/i.png\" >") ==
        "<img alt=\"a b\" src=\"https://x.eu/i.png\">");
  CHECK(clean("<img src=https://x.eu/i.png alt=x>") ==
        "<img src=\"https://x.eu/i.png\" alt=\"x\">");
  CHECK(clean("<img/src=\"https://x.eu/i.png\">") == "<img src=\"https://x.eu/i.png\">");
  CHECK(clean("<p title=\"unterminated>x") == "");
}

TEST_CASE("Images without a usable source are dropped", "[feeds][sanitize]") {
  CHECK(clean("<img alt=\"x\">") == "");
  CHECK(clean("<img src=\"javascript:x\">") == "");
}

TEST_CASE("The allowlist is data with small predicates", "[feeds][sanitize]") {
  CHECK(sanitize::is_allowed_tag("p"));
  CHECK_FALSE(sanitize::is_allowed_tag("script"));
  CHECK(sanitize::is_dropped_with_content("script"));
  CHECK(sanitize::allowed_attribute("a", "href") == sanitize::AttrKind::kLink);
  CHECK(sanitize::allowed_attribute("img", "src") == sanitize::AttrKind::kMedia);
  CHECK(sanitize::allowed_attribute("p", "title") == sanitize::AttrKind::kText);
  CHECK_FALSE(sanitize::allowed_attribute("p", "onclick"));
  CHECK(sanitize::is_safe_link_scheme("mailto"));
  CHECK_FALSE(sanitize::is_safe_link_scheme("javascript"));
  CHECK_FALSE(sanitize::is_safe_media_scheme("data"));
  CHECK(sanitize::is_allowed_css_property("color"));
  CHECK_FALSE(sanitize::is_allowed_css_property("position"));
}
