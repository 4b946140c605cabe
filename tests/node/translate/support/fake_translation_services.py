#!/usr/bin/python3
"""A local stand-in for LibreTranslate and DeepL, speaking their documented APIs.

Not the real services: the tests check that sicnode's engines speak these APIs as
documented (docs/translation.md says which parts were not tried against the real
services). It listens on 127.0.0.1 and a free port, printed as "port N".

LibreTranslate: GET /languages, POST /translate (JSON: q, source, target, format,
api_key). DeepL v2: GET /v2/languages?type=source|target, POST /v2/translate (JSON:
text[], source_lang, target_lang, tag_handling), "Authorization: DeepL-Auth-Key KEY".
"Translation" swaps words from a small Spanish/English glossary, outside HTML tags.

For the tests: POST /_script {"path": "/translate", "replies": [{"status": 429,
"retry_after": 0, "delay": 0.0}, ...]} makes the next requests to that path answer so,
in order (a reply with "body" answers that text as it is); GET /_count?path=P tells
how many requests P received, GET /_last?path=P the last one's headers and body.

It exits when its standard input ends (the test that started it is gone).

Usage: fake_translation_services.py [--libre-key KEY] [--deepl-key KEY]
"""
import argparse
import json
import threading
import time
import urllib.parse
from http.server import BaseHTTPRequestHandler

from standin import serve, swap_words

GLOSSARY = {
    ('es', 'en'): {'hola': 'hello', 'mundo': 'world', 'perro': 'dog', 'el': 'the',
                   'come': 'eats', 'manzanas': 'apples', 'seguridad': 'safety'},
    ('en', 'es'): {'hello': 'hola', 'world': 'mundo', 'dog': 'perro', 'the': 'el',
                   'eats': 'come', 'apples': 'manzanas', 'safety': 'seguridad'},
}
LIBRE_LANGUAGES = [
    {'code': 'en', 'name': 'English', 'targets': ['es', 'pt-BR']},
    {'code': 'es', 'name': 'Spanish', 'targets': ['en']},
    {'code': 'pt-BR', 'name': 'Portuguese (Brazil)', 'targets': ['en']},
]
DEEPL_SOURCES = [{'language': 'EN', 'name': 'English'}, {'language': 'ES', 'name': 'Spanish'},
                 {'language': 'PT', 'name': 'Portuguese'}]
DEEPL_TARGETS = [{'language': 'EN-GB', 'name': 'English (British)'},
                 {'language': 'EN-US', 'name': 'English (American)'},
                 {'language': 'ES', 'name': 'Spanish'},
                 {'language': 'PT-BR', 'name': 'Portuguese (Brazilian)'},
                 {'language': 'PT-PT', 'name': 'Portuguese (European)'}]

scripts = {}
counts = {}
last = {}
lock = threading.Lock()


def fake_translate(text, source, target, html):
    return swap_words(text, GLOSSARY.get((source, target), {}), html)


class Handler(BaseHTTPRequestHandler):
    protocol_version = 'HTTP/1.1'

    def log_message(self, *args):
        pass

    def reply(self, status, payload, retry_after=None):
        body = json.dumps(payload).encode()
        self.send_response(status)
        self.send_header('Content-Type', 'application/json')
        self.send_header('Content-Length', str(len(body)))
        self.send_header('Connection', 'close')
        if retry_after is not None:
            self.send_header('Retry-After', str(retry_after))
        self.end_headers()
        self.wfile.write(body)
        self.close_connection = True

    def scripted(self, path):
        """Answers from the script for `path`; True when it did."""
        with lock:
            counts[path] = counts.get(path, 0) + 1
            queue = scripts.get(path, [])
            step = queue.pop(0) if queue else None
        if step is None:
            return False
        time.sleep(step.get('delay', 0))
        status = step.get('status', 200)
        if 'body' in step:
            body = step['body'].encode()
            self.send_response(status)
            self.send_header('Content-Type', 'application/json')
            self.send_header('Content-Length', str(len(body)))
            self.send_header('Connection', 'close')
            self.end_headers()
            self.wfile.write(body)
            self.close_connection = True
            return True
        if status == 200:
            return False
        self.reply(status, {'error': 'scripted %d' % status, 'message': 'scripted %d' % status},
                   step.get('retry_after'))
        return True

    def read_body(self):
        body = self.rfile.read(int(self.headers.get('Content-Length', 0)))
        with lock:
            last[urllib.parse.urlsplit(self.path).path] = {
                'headers': dict(self.headers.items()), 'body': body.decode()}
        return body

    def json_body(self):
        if self.headers.get('Content-Type', '').split(';')[0] != 'application/json':
            return None
        try:
            return json.loads(self.body)
        except ValueError:
            return None

    def do_GET(self):
        url = urllib.parse.urlsplit(self.path)
        query = urllib.parse.parse_qs(url.query)
        if url.path == '/_count':
            with lock:
                return self.reply(200, {'count': counts.get(query['path'][0], 0)})
        if url.path == '/_last':
            with lock:
                return self.reply(200, last.get(query['path'][0], {}))
        if self.scripted(url.path):
            return
        if url.path == '/languages':
            return self.reply(200, LIBRE_LANGUAGES)
        if url.path == '/v2/languages':
            if not self.deepl_authorized():
                return
            kind = query.get('type', ['source'])[0]
            return self.reply(200, DEEPL_TARGETS if kind == 'target' else DEEPL_SOURCES)
        self.reply(404, {'error': 'Not Found'})

    def do_POST(self):
        url = urllib.parse.urlsplit(self.path)
        self.body = self.read_body()  # first: a reply must not leave the request unread
        if url.path == '/_script':
            request = json.loads(self.body)
            with lock:
                scripts[request['path']] = list(request['replies'])
                counts[request['path']] = 0
            return self.reply(200, {})
        if self.scripted(url.path):
            return
        if url.path == '/translate':
            return self.libre_translate()
        if url.path == '/v2/translate':
            return self.deepl_translate()
        self.reply(404, {'error': 'Not Found'})

    def libre_translate(self):
        request = self.json_body()
        if not isinstance(request, dict) or not all(k in request for k in ('q', 'source', 'target')):
            return self.reply(400, {'error': 'Invalid request: missing q, source or target'})
        if args.libre_key and request.get('api_key') != args.libre_key:
            return self.reply(403, {'error': 'Invalid API key'})
        if request.get('format', 'text') not in ('text', 'html'):
            return self.reply(400, {'error': 'Invalid format'})
        codes = {entry['code'] for entry in LIBRE_LANGUAGES}
        if request['source'] not in codes or request['target'] not in codes:
            return self.reply(400, {'error': 'Language not supported'})
        self.reply(200, {'translatedText': fake_translate(
            request['q'], request['source'][:2], request['target'][:2],
            request.get('format') == 'html')})

    def deepl_authorized(self):
        if self.headers.get('Authorization') != 'DeepL-Auth-Key ' + args.deepl_key:
            self.reply(403, {'message': 'Authorization failure, check auth_key'})
            return False
        return True

    def deepl_translate(self):
        if not self.deepl_authorized():
            return
        request = self.json_body()
        if (not isinstance(request, dict) or not isinstance(request.get('text'), list)
                or 'target_lang' not in request):
            return self.reply(400, {'message': 'Bad request: text (a list) and target_lang'})
        source = request.get('source_lang', '')
        target = request['target_lang']
        if source not in {l['language'] for l in DEEPL_SOURCES} or \
                target not in {l['language'] for l in DEEPL_TARGETS}:
            return self.reply(400, {'message': "Value for 'target_lang' not supported."})
        if request.get('tag_handling') not in (None, 'html', 'xml'):
            return self.reply(400, {'message': 'Invalid tag_handling'})
        html = request.get('tag_handling') == 'html'
        self.reply(200, {'translations': [
            {'detected_source_language': source,
             'text': fake_translate(t, source.lower(), target[:2].lower(), html)}
            for t in request['text']]})


parser = argparse.ArgumentParser()
parser.add_argument('--libre-key', default='')
parser.add_argument('--deepl-key', default='test-key:fx')
args = parser.parse_args()

serve(Handler)
