"""What the translation services' stand-ins share (fake_translation_services.py,
fake_etranslation.py): their "translation" and how they serve."""
import os
import re
import signal
import sys
import threading
from http.server import ThreadingHTTPServer


def swap_words(text, words, html):
    """Words swapped through a small glossary, outside HTML tags and entities, keeping
    a capital letter."""
    def swap(match):
        word = match.group(0)
        out = words.get(word.lower(), word)
        return out.capitalize() if word[0].isupper() else out

    parts = re.split(r'(<[^>]*>|&[a-zA-Z#0-9]+;)', text) if html else [text]
    return ''.join(p if html and (p.startswith('<') or p.startswith('&'))
                   else re.sub(r'[^\W\d_]+', swap, p) for p in parts)


def exit_with_parent():
    """Standard input is a pipe from the test: its end means the test is gone."""
    sys.stdin.buffer.read()
    os.kill(os.getpid(), signal.SIGTERM)


def serve(handler, until_killed=False):
    """Serves on 127.0.0.1 and a free port, printed as "port N"; unless until_killed,
    exits when standard input ends."""
    if not until_killed:
        threading.Thread(target=exit_with_parent, daemon=True).start()
    server = ThreadingHTTPServer(('127.0.0.1', 0), handler)
    server.daemon_threads = True
    print('port', server.server_address[1], flush=True)
    sys.stdout = sys.stderr
    server.serve_forever()
