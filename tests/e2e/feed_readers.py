#!/usr/bin/python3
"""Reads feeds as two real feed readers do, and prints what each shows.

feedparser (Debian's python3-feedparser): every entry's id, title, link (the page a
reader opens) and content (the first content value, else the summary).

newsboat (Debian's newsboat), driven without its interface: `newsboat -x reload` with
a config, URL list and cache file of its own in a temporary folder fetches one feed,
then the entries are read from its cache, an SQLite file (table rss_item: guid, title,
url, content), which is what newsboat shows when an entry is opened (url is the page
its "open in browser" opens). One run per feed:
newsboat keeps one item per guid across all its feeds, and the Atom and RSS feeds of
a node share their entries' ids.

Prints one JSON object: {"feedparser": {URL: [{"id", "title", "link", "content",
"image"}]} (image: the Media RSS image URL, or ""),
"newsboat": {...}},
entries in the feed's order (newsboat: by publication date, newest first).

Usage: feed_readers.py URL...
"""
import json
import os
import sqlite3
import subprocess
import sys
import tempfile

import feedparser


def image_of(entry):
    """The entry's Media RSS image URL as feedparser gives it, or ''."""
    for key in ('media_content', 'media_thumbnail'):
        for m in entry.get(key, []):
            if m.get('url') and (key == 'media_thumbnail' or m.get('medium') == 'image'
                                 or m.get('type', '').startswith('image/')):
                return m['url']
    return ''


def with_feedparser(url):
    parsed = feedparser.parse(url)
    entries = []
    for e in parsed.entries:
        content = e.content[0].value if e.get('content') else e.get('summary', '')
        entries.append({'id': e.get('id', ''), 'title': e.get('title', ''),
                        'link': e.get('link', ''), 'content': content, 'image': image_of(e)})
    return entries


def with_newsboat(url):
    with tempfile.TemporaryDirectory(prefix='newsboat-') as home:
        paths = {name: os.path.join(home, name) for name in ('config', 'urls', 'cache.db')}
        with open(paths['config'], 'w') as f:
            f.write('download-timeout 20\nreload-threads 1\nshow-read-feeds yes\n')
        with open(paths['urls'], 'w') as f:
            f.write(url + '\n')
        env = dict(os.environ, HOME=home, XDG_CONFIG_HOME=home, XDG_DATA_HOME=home,
                   LANG='C.UTF-8', LC_ALL='C.UTF-8', TERM='dumb')
        subprocess.run(['newsboat', '-C', paths['config'], '-u', paths['urls'],
                        '-c', paths['cache.db'], '-x', 'reload'],
                       env=env, stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL,
                       stderr=subprocess.PIPE, timeout=60, check=True)
        db = sqlite3.connect(paths['cache.db'])
        out = [{'id': guid, 'title': title, 'link': link, 'content': content}
               for guid, title, link, content in db.execute(
                   'SELECT guid, title, url, content FROM rss_item ORDER BY pubDate DESC, id')]
        db.close()
        return out


urls = sys.argv[1:]
print(json.dumps({'feedparser': {url: with_feedparser(url) for url in urls},
                  'newsboat': {url: with_newsboat(url) for url in urls}}))
