#!/usr/bin/python3
"""Checks feed documents written by sicnode's writers (run with Debian's /usr/bin/python3).

Usage: check_feed.py FORMAT FILE...   (FORMAT: atom, rss or json)

Every Atom and RSS file must give feedparser bozo == 0 (Debian's feedparser 6.0.10 does
not read JSON Feed, so JSON files are checked by check_json only). Atom files must also pass the RFC 4287
RELAX NG schema (jing, tests/data/feeds/atom.rnc) and the W3C feed validator's rules
that the schema cannot express (the ones we know of, listed in check_atom). JSON files
must follow JSON Feed 1.1. Links with hreflang (translations' pages) must reach
feedparser's entry links. Prints one line per problem; exits 1 when there is any.
"""
import json
import os
import re
import subprocess
import sys
import xml.etree.ElementTree as ET
from html.parser import HTMLParser

import feedparser

HERE = os.path.dirname(os.path.abspath(__file__))
RNC = os.path.join(HERE, "..", "data", "feeds", "atom.rnc")
ATOM = "{http://www.w3.org/2005/Atom}"
XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"
XML_BASE = "{http://www.w3.org/XML/1998/namespace}base"
RFC3339 = re.compile(r"^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d+)?(Z|[+-]\d\d:\d\d)$")
IRI = re.compile(r"^[A-Za-z][A-Za-z0-9+.-]*:[^\s<>\"{}|\\^`]+$")
LANG = re.compile(r"^[A-Za-z]{1,8}(-[A-Za-z0-9]{1,8})*$")
MARKUP = re.compile(r"<[A-Za-z/!?]|&[A-Za-z#][A-Za-z0-9]*;")
# The validator's "SecurityRisk" warning: elements outside feedparser's safe list. We
# accept what feedparser accepts.
from feedparser.sanitizer import _HTMLSanitizer as _S  # noqa: E402

SAFE_ELEMENTS = set(_S.acceptable_elements)
SAFE_ATTRIBUTES = set(_S.acceptable_attributes)


class HtmlCheck(HTMLParser):
    def __init__(self, where, problems):
        super().__init__(convert_charrefs=True)
        self.where, self.problems = where, problems

    def handle_starttag(self, tag, attrs):
        if tag not in SAFE_ELEMENTS:
            self.problems.append(f"{self.where}: SecurityRisk: <{tag}>")
        for name, value in attrs:
            if name not in SAFE_ATTRIBUTES:
                self.problems.append(f"{self.where}: SecurityRiskAttr: {tag}@{name}")
            if name in ("href", "src") and value and not IRI.match(value):
                self.problems.append(f"{self.where}: ContainsRelRef: {tag}@{name}={value!r}")


def check_text_construct(el, where, problems):
    kind = el.get("type", "text")
    if kind not in ("text", "html", "xhtml"):
        problems.append(f"{where}: InvalidTextType {kind!r}")
    if kind == "text" and el.text and MARKUP.search(el.text):
        problems.append(f"{where}: ContainsUndeclaredHTML in a type=text construct")
    if kind == "html" and el.text:
        HtmlCheck(where, problems).feed(el.text)


def check_person(el, where, problems):
    name = el.find(ATOM + "name")
    if name is None:
        problems.append(f"{where}: MissingElement name")
    email = el.find(ATOM + "email")
    if email is not None and not re.match(r"^[^@\s]+@[^@\s]+$", email.text or ""):
        problems.append(f"{where}: InvalidAddrSpec {email.text!r}")
    uri = el.find(ATOM + "uri")
    if uri is not None and not IRI.match(uri.text or ""):
        problems.append(f"{where}: relative or invalid uri {uri.text!r}")


def check_common(el, where, problems):
    """Rules shared by atom:feed and atom:entry."""
    for tag in ("id", "title", "updated"):
        if len(el.findall(ATOM + tag)) != 1:
            problems.append(f"{where}: must have exactly one <{tag}>")
    ident = el.find(ATOM + "id")
    if ident is not None and not IRI.match(ident.text or ""):
        problems.append(f"{where}: id is not an absolute IRI: {ident.text!r}")
    for tag in ("updated", "published"):
        for d in el.findall(ATOM + tag):
            if not RFC3339.match(d.text or ""):
                problems.append(f"{where}: <{tag}> is not RFC 3339: {d.text!r}")
    for tag in ("title", "subtitle", "summary", "rights", "content"):
        for t in el.findall(ATOM + tag):
            check_text_construct(t, f"{where} <{tag}>", problems)
    for tag in ("author", "contributor"):
        for p in el.findall(ATOM + tag):
            check_person(p, f"{where} <{tag}>", problems)
    alternates = set()
    for link in el.findall(ATOM + "link"):
        href = link.get("href", "")
        if not IRI.match(href) and link.get(XML_BASE) is None:
            problems.append(f"{where}: relative link without xml:base: {href!r}")
        rel = link.get("rel", "alternate")
        if rel == "alternate":
            key = (link.get("type"), link.get("hreflang"))
            if key in alternates:
                problems.append(f"{where}: DuplicateAtomLink alternate {key}")
            alternates.add(key)
        length = link.get("length")
        if length is not None and not re.match(r"^[1-9][0-9]*$", length):
            problems.append(f"{where}: link length is not a positive integer: {length!r}")
        if link.get("hreflang") is not None and not LANG.match(link.get("hreflang")):
            problems.append(f"{where}: bad hreflang {link.get('hreflang')!r}")
    for lang_el in [el] + list(el.iter()):
        lang = lang_el.get(XML_LANG)
        if lang is not None and not LANG.match(lang):
            problems.append(f"{where}: bad xml:lang {lang!r}")


def check_atom(path, problems):
    jing = subprocess.run(["jing", "-c", RNC, path], capture_output=True, text=True)
    if jing.returncode != 0:
        lines = [l for l in (jing.stdout + jing.stderr).splitlines() if "[warning]" not in l]
        for line in lines[:20]:
            problems.append(f"{path}: schema: {line}")
    root = ET.parse(path).getroot()
    if root.tag != ATOM + "feed":
        problems.append(f"{path}: root is not atom:feed")
        return
    if root.get(XML_LANG) is None:
        problems.append(f"{path}: no xml:lang on the feed")
    rels = [l.get("rel") for l in root.findall(ATOM + "link")]
    if "self" not in rels:
        problems.append(f"{path}: MissingSelf: no link rel=self")
    check_common(root, f"{path} feed", problems)
    has_author = root.find(ATOM + "author") is not None
    ids, updated = set(), set()
    for n, entry in enumerate(root.findall(ATOM + "entry"), 1):
        where = f"{path} entry {n}"
        check_common(entry, where, problems)
        if not has_author and entry.find(ATOM + "author") is None:
            problems.append(f"{where}: no author and the feed has none")
        alternate = any(l.get("rel", "alternate") == "alternate"
                        for l in entry.findall(ATOM + "link"))
        if entry.find(ATOM + "content") is None and not alternate:
            problems.append(f"{where}: MissingContentOrAlternate")
        ident = entry.findtext(ATOM + "id")
        if ident in ids:
            problems.append(f"{where}: DuplicateEntries id {ident!r}")
        ids.add(ident)
        stamp = (entry.findtext(ATOM + "updated"))
        if stamp in updated and False:  # DuplicateUpdated is informative only for us
            problems.append(f"{where}: DuplicateUpdated")
        updated.add(stamp)


def check_json(path, problems):
    with open(path, encoding="utf-8") as f:
        doc = json.load(f)
    if doc.get("version") != "https://jsonfeed.org/version/1.1":
        problems.append(f"{path}: version is not JSON Feed 1.1")
    if not isinstance(doc.get("title"), str):
        problems.append(f"{path}: no title")
    if not isinstance(doc.get("items"), list):
        problems.append(f"{path}: no items array")
        return
    for key in ("home_page_url", "feed_url", "icon", "favicon", "next_url"):
        if key in doc and not IRI.match(doc[key]):
            problems.append(f"{path}: {key} is not absolute")
    for key in list(doc):
        if key not in ("version", "title", "home_page_url", "feed_url", "description",
                       "user_comment", "next_url", "icon", "favicon", "authors", "language",
                       "expired", "hubs", "items") and not key.startswith("_"):
            problems.append(f"{path}: unknown top-level key {key!r}")
    for n, item in enumerate(doc["items"], 1):
        where = f"{path} item {n}"
        if not isinstance(item.get("id"), str) or not item["id"]:
            problems.append(f"{where}: id must be a non-empty string")
        if "content_html" not in item and "content_text" not in item:
            problems.append(f"{where}: needs content_html or content_text")
        for key in ("date_published", "date_modified"):
            if key in item and not RFC3339.match(item[key]):
                problems.append(f"{where}: {key} is not RFC 3339")
        for key in ("url", "external_url", "image", "banner_image"):
            if key in item and not IRI.match(item[key]):
                problems.append(f"{where}: {key} is not absolute")
        if "tags" in item and not all(isinstance(t, str) for t in item["tags"]):
            problems.append(f"{where}: tags must be strings")
        if "language" in item and not LANG.match(item["language"]):
            problems.append(f"{where}: bad language")
        for a in item.get("authors", []):
            if not any(k in a for k in ("name", "url", "avatar")):
                problems.append(f"{where}: an author needs name, url or avatar")
        for a in item.get("attachments", []):
            if not isinstance(a.get("url"), str) or not isinstance(a.get("mime_type"), str):
                problems.append(f"{where}: an attachment needs url and mime_type")
            if "size_in_bytes" in a and not isinstance(a["size_in_bytes"], int):
                problems.append(f"{where}: size_in_bytes must be a number")
        for key in item:
            if key not in ("id", "url", "external_url", "title", "content_html", "content_text",
                           "summary", "image", "banner_image", "date_published",
                           "date_modified", "authors", "tags", "language", "attachments"
                           ) and not key.startswith("_"):
                problems.append(f"{where}: unknown item key {key!r}")


RFC822 = re.compile(r"^(Mon|Tue|Wed|Thu|Fri|Sat|Sun), \d\d (Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|"
                    r"Oct|Nov|Dec) \d{4} \d\d:\d\d:\d\d [+-]\d{4}$")


def check_rss(path, problems):
    """RSS 2.0 rules and the W3C validator's RSS warnings we know of."""
    root = ET.parse(path).getroot()
    if root.tag != "rss" or root.get("version") != "2.0":
        problems.append(f"{path}: not <rss version=\"2.0\">")
        return
    channel = root.find("channel")
    for tag in ("title", "link", "description"):
        if channel.find(tag) is None:
            problems.append(f"{path}: channel has no <{tag}>")
    if not IRI.match(channel.findtext("link") or ""):
        problems.append(f"{path}: channel <link> is not an absolute URL")
    selfs = [l for l in channel.findall(ATOM + "link") if l.get("rel") == "self"]
    if not selfs:
        problems.append(f"{path}: MissingSelf: no atom:link rel=self")
    for tag in ("lastBuildDate", "pubDate"):
        for d in channel.findall(tag):
            if not RFC822.match(d.text or ""):
                problems.append(f"{path}: channel <{tag}> is not RFC 822: {d.text!r}")
    lang = channel.findtext("language")
    if lang is not None and not LANG.match(lang):
        problems.append(f"{path}: bad <language> {lang!r}")
    guids = set()
    for n, item in enumerate(channel.findall("item"), 1):
        where = f"{path} item {n}"
        if item.find("title") is None and item.find("description") is None:
            problems.append(f"{where}: needs a title or a description")
        if len(item.findall("enclosure")) > 1:
            problems.append(f"{where}: more than one <enclosure>")
        for e in item.findall("enclosure"):
            if not IRI.match(e.get("url", "")) or not re.match(r"^\d+$", e.get("length", "")) \
                    or "/" not in e.get("type", ""):
                problems.append(f"{where}: <enclosure> needs url, length and type")
        guid = item.find("guid")
        if guid is None:
            problems.append(f"{where}: MissingGuid")
        elif guid.text in guids:
            problems.append(f"{where}: duplicate guid {guid.text!r}")
        else:
            guids.add(guid.text)
        for d in item.findall("pubDate"):
            if not RFC822.match(d.text or ""):
                problems.append(f"{where}: <pubDate> is not RFC 822: {d.text!r}")
        link = item.findtext("link")
        if link is not None and not IRI.match(link):
            problems.append(f"{where}: <link> is not an absolute URL")


def check_hreflang_links(path, fmt, parsed, problems):
    """Every entry link with hreflang (a translation's page) is in feedparser's entry
    links with its hreflang, and feedparser's entry link stays the entry's own page: in
    RSS the item's <link>, in Atom the alternate link without hreflang."""
    root = ET.parse(path).getroot()
    entries = root.findall(ATOM + "entry") if fmt == "atom" else root.iter("item")
    for n, (entry, seen) in enumerate(zip(entries, parsed.entries), 1):
        where = f"{path} entry {n}"
        got = {(l.get("hreflang"), l.get("href")) for l in seen.get("links", [])}
        for link in entry.findall(ATOM + "link"):
            if link.get("hreflang") and (link.get("hreflang"), link.get("href")) not in got:
                problems.append(f"{where}: feedparser lost the hreflang link {link.get('href')!r}")
        if fmt == "rss":
            page = entry.findtext("link")
        else:
            own = [l.get("href") for l in entry.findall(ATOM + "link")
                   if l.get("rel", "alternate") == "alternate" and not l.get("hreflang")]
            page = own[0] if own else None
        if page and seen.get("link") != page:
            problems.append(f"{where}: feedparser's link is {seen.get('link')!r}, not {page!r}")


def main():
    fmt, paths = sys.argv[1], sys.argv[2:]
    problems = []
    for path in paths:
        if fmt == "json":
            # Debian's feedparser 6.0.10 predates JSON Feed support (6.1): the JSON Feed
            # 1.1 rules are checked by check_json alone.
            check_json(path, problems)
            continue
        parsed = feedparser.parse(path)
        if parsed.bozo:
            problems.append(f"{path}: feedparser bozo: {parsed.bozo_exception!r}")
        elif not parsed.version:
            problems.append(f"{path}: feedparser does not recognize the format")
        {"atom": check_atom, "json": check_json, "rss": check_rss}[fmt](path, problems)
        check_hreflang_links(path, fmt, parsed, problems)
    for p in problems:
        print(p)
    print(f"check_feed: {len(paths)} {fmt} file(s), {len(problems)} problem(s)")
    sys.exit(1 if problems else 0)


if __name__ == "__main__":
    main()
