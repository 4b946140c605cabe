#!/usr/bin/python3
"""A local stand-in for the European Commission's eTranslation web service.

Not the real service: it speaks the request and callback shapes written down in
docs/translation.md ("eTranslation"), so that the tests can check that sicnode's
engine sends what the service expects and reads what the service sends back, and can
make the service misbehave: delay, duplicate, lose and fail callbacks. It listens on
127.0.0.1 and a free port, printed as "port N".

The service: POST /etranslation/si/translate, HTTP Digest authentication (RFC 7616,
MD5, qop=auth) with the application's name and password, a JSON body:
  {"callerInformation": {"application", "username"}, "externalReference",
   "sourceLanguage": "DE", "targetLanguages": ["EN"], "domain", "errorCallback",
   and either "textToTranslate" + "requesterCallback"
   or "documentToTranslateBase64": {"content", "format", "fileName"} +
      "destinations": {"httpDestinations": [url]}}
answered with the request's id as text (a positive number), or a negative error code.
Later, for each target language:
  text:     POST requesterCallback, form: request-id, target-language, translated-text,
            external-reference
  document: POST the destination with request-id, target-language and
            external-reference in the query, the translated document base64 as body
  failure:  POST errorCallback, form: request-id, target-languages, error-code,
            error-message, external-reference
"Translation" swaps words from a small German/English glossary, outside HTML tags.

For the tests:
  POST /_plan {"mode": "deliver"|"duplicate"|"lose"|"fail"|"hold"|"refuse", "delay": s,
               "count": n, "code": c}  the next n requests' callbacks (default: all later
                          ones); "refuse" answers the request with the error code c
  POST /_release          delivers the held callbacks now
  GET  /_requests         every request received: id, reference, text, kind, mode,
                          deliveries (callbacks the node answered), last status
Callbacks that cannot be delivered (the node is down) are tried again every 0.2 s for
--retry-seconds (default 30), as a service would.

It exits when its standard input ends (the test that started it is gone), unless
--until-killed is given (for tests that stop it by its PID and give it no pipe).

Usage: fake_etranslation.py [--application A] [--password P] [--delay S] [--until-killed]
"""
import argparse
import base64
import hashlib
import http.client
import itertools
import json
import os
import re
import threading
import time
import urllib.parse
from http.server import BaseHTTPRequestHandler

from standin import serve, swap_words

GLOSSARY = {
    ('de', 'en'): {'der': 'the', 'die': 'the', 'das': 'the', 'hund': 'dog', 'frisst': 'eats',
                   'äpfel': 'apples', 'sicherheit': 'safety', 'kinder': 'children',
                   'und': 'and', 'im': 'on the', 'internet': 'internet', 'tag': 'day',
                   'des': 'of the', 'sicheren': 'safer', 'schule': 'school'},
    ('en', 'de'): {'the': 'der', 'dog': 'Hund', 'eats': 'frisst', 'apples': 'Äpfel'},
}
LANGUAGES = {'BG', 'CS', 'DA', 'DE', 'EL', 'EN', 'ES', 'ET', 'FI', 'FR', 'GA', 'HR', 'HU', 'IT',
             'LT', 'LV', 'MT', 'NL', 'PL', 'PT', 'RO', 'SK', 'SL', 'SV'}
REALM = 'eTranslation'

lock = threading.Lock()
requests = []      # every request received, as dicts
plans = []         # [{"mode", "delay", "count"}]
held = []          # callbacks waiting for /_release: (request, sender)
ids = itertools.count(4711)
nonces = set()


def fake_translate(text, source, target, html):
    return swap_words(text, GLOSSARY.get((source, target), {}), html)


def md5(text):
    return hashlib.md5(text.encode()).hexdigest()


def digest_fields(header):
    if not header.startswith('Digest '):
        return None
    return dict(re.findall(r'(\w+)="?([^",]*)"?', header[7:]))


def next_plan():
    with lock:
        if not plans:
            return {'mode': 'deliver', 'delay': args.delay}
        plan = plans[0]
        if plan.get('count') is not None:
            plan['count'] -= 1
            if plan['count'] <= 0:
                plans.pop(0)
        return dict(plan)


def post(url, body, content_type):
    """POSTs body; without content_type, the request has no Content-Type at all."""
    parts = urllib.parse.urlsplit(url)
    connection = http.client.HTTPConnection(parts.hostname, parts.port, timeout=5)
    try:
        headers = {'Content-Type': content_type} if content_type else {}
        target = parts.path + ('?' + parts.query if parts.query else '')
        connection.request('POST', target, body=body, headers=headers)
        return connection.getresponse().status
    finally:
        connection.close()


def send(entry, url, body, content_type):
    """Delivers one callback, trying again while the node is down."""
    deadline = time.time() + args.retry_seconds
    while True:
        try:
            status = post(url, body, content_type)
        except (ConnectionError, OSError, http.client.HTTPException):
            if time.time() < deadline:
                time.sleep(0.2)
                continue
            status = 0
        with lock:
            entry['deliveries'] += 1
            entry['statuses'].append(status)
        return


def callback(entry, failed):
    """The callback the service sends for this request: (url, body, content type)."""
    form = {'request-id': str(entry['id']), 'external-reference': entry['reference']}
    if failed:
        form.update({'target-languages': entry['target'], 'error-code': '-20028',
                     'error-message': 'Concurrency quota exceeded'})
        return entry['error_callback'], urllib.parse.urlencode(form).encode(), \
            'application/x-www-form-urlencoded'
    source, target = entry['source'].lower(), entry['target'].lower()
    form['target-language'] = entry['target']
    if entry['kind'] == 'text':
        form['translated-text'] = fake_translate(entry['text'], source, target, False)
        return entry['callback'], urllib.parse.urlencode(form).encode(), \
            'application/x-www-form-urlencoded'
    translated = fake_translate(entry['text'], source, target, entry['format'] == 'html')
    url = entry['callback'] + '?' + urllib.parse.urlencode(form)
    return url, base64.b64encode(translated.encode()), ''


def answer_later(entry, plan):
    mode = plan.get('mode', 'deliver')
    if mode == 'lose':
        return
    time.sleep(plan.get('delay', 0))
    times = 2 if mode == 'duplicate' else 1
    url, body, content_type = callback(entry, mode == 'fail')
    if mode == 'hold':
        with lock:
            held.append((entry, url, body, content_type))
        return
    for _ in range(times):
        send(entry, url, body, content_type)


class Handler(BaseHTTPRequestHandler):
    protocol_version = 'HTTP/1.1'

    def log_message(self, *args):
        pass

    def reply(self, status, body, content_type='text/plain', headers=()):
        data = body.encode() if isinstance(body, str) else body
        self.send_response(status)
        self.send_header('Content-Type', content_type)
        self.send_header('Content-Length', str(len(data)))
        for name, value in headers:
            self.send_header(name, value)
        self.end_headers()
        self.wfile.write(data)

    def authorized(self):
        fields = digest_fields(self.headers.get('Authorization', ''))
        if fields and fields.get('nonce') in nonces and fields.get('username') == args.application:
            ha1 = md5('%s:%s:%s' % (args.application, REALM, args.password))
            ha2 = md5('POST:%s' % fields.get('uri', ''))
            expected = md5('%s:%s:%s:%s:%s:%s' % (ha1, fields['nonce'], fields.get('nc', ''),
                                                  fields.get('cnonce', ''), fields.get('qop', ''),
                                                  ha2))
            if fields.get('response') == expected and fields.get('uri') == self.path:
                return True
        nonce = os.urandom(16).hex()
        with lock:
            nonces.add(nonce)
        self.reply(401, 'Unauthorized', headers=[(
            'WWW-Authenticate',
            'Digest realm="%s", qop="auth", nonce="%s", opaque="%s", algorithm=MD5' %
            (REALM, nonce, os.urandom(8).hex()))])
        return False

    def do_GET(self):
        if self.path == '/_requests':
            with lock:
                return self.reply(200, json.dumps(requests), 'application/json')
        self.reply(404, 'Not Found')

    def do_POST(self):
        body = self.rfile.read(int(self.headers.get('Content-Length', 0)))
        if self.path == '/_plan':
            with lock:
                plans.append(json.loads(body))
            return self.reply(200, '{}', 'application/json')
        if self.path == '/_release':
            with lock:
                releasing = list(held)
                held.clear()
            for entry, url, data, content_type in releasing:
                threading.Thread(target=send, args=(entry, url, data, content_type),
                                 daemon=True).start()
            return self.reply(200, '{"released": %d}' % len(releasing), 'application/json')
        if self.path != '/etranslation/si/translate':
            return self.reply(404, 'Not Found')
        if not self.authorized():
            return
        self.translate(body)

    def translate(self, body):
        if self.headers.get('Content-Type', '').split(';')[0] != 'application/json':
            return self.reply(200, '-20000')
        try:
            r = json.loads(body)
        except ValueError:
            return self.reply(200, '-20000')
        caller = r.get('callerInformation') or {}
        if caller.get('application') != args.application:
            return self.reply(200, '-20007')
        if not caller.get('username'):
            return self.reply(200, '-20014')
        if r.get('sourceLanguage') not in LANGUAGES:
            return self.reply(200, '-20001')
        targets = r.get('targetLanguages')
        if not isinstance(targets, list) or not targets or \
                any(t not in LANGUAGES for t in targets):
            return self.reply(200, '-20003')
        if not str(r.get('errorCallback', '')).startswith('http'):
            return self.reply(200, '-20027')
        text = r.get('textToTranslate')
        document = r.get('documentToTranslateBase64')
        if (text is None) == (document is None):
            return self.reply(200, '-20012')
        entry = {'id': next(ids), 'reference': str(r.get('externalReference', '')),
                 'source': r['sourceLanguage'], 'target': targets[0],
                 'error_callback': r['errorCallback'], 'deliveries': 0, 'statuses': []}
        if text is not None:
            if not str(r.get('requesterCallback', '')).startswith('http'):
                return self.reply(200, '-20026')
            if len(text) > 5000:
                return self.reply(200, '-20021')
            entry.update(kind='text', text=text, format='text', callback=r['requesterCallback'])
        else:
            http = (r.get('destinations') or {}).get('httpDestinations')
            if not isinstance(http, list) or not http or not isinstance(document, dict):
                return self.reply(200, '-20036')
            if document.get('format') not in ('html', 'txt') or not document.get('content'):
                return self.reply(200, '-20029')
            try:
                content = base64.b64decode(document['content'], validate=True).decode()
            except ValueError:
                return self.reply(200, '-20041')
            entry.update(kind='document', text=content, format=document['format'],
                         callback=http[0])
        plan = next_plan()
        if plan.get('mode') == 'refuse':
            return self.reply(200, str(plan.get('code', -20028)))
        entry['mode'] = plan.get('mode', 'deliver')
        with lock:
            requests.append(entry)
        threading.Thread(target=answer_later, args=(entry, plan), daemon=True).start()
        self.reply(200, str(entry['id']))


parser = argparse.ArgumentParser()
parser.add_argument('--application', default='SIC_Node')
parser.add_argument('--password', default='secret-password')
parser.add_argument('--delay', type=float, default=0.05)
parser.add_argument('--retry-seconds', type=float, default=30)
parser.add_argument('--until-killed', action='store_true')
args = parser.parse_args()


serve(Handler, until_killed=args.until_killed)
