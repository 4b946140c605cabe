#!/usr/bin/python3
"""The measurement behind docs/search.md, "Compound words": the write time and file size
of the FTS5 index choices for finding compound words, on 5,000 generated documents
(8-word titles, 30-word summaries, 400-word bodies; a fifth of the words compounds such
as "cybermobbing"), one transaction each, with Debian's libsqlite3 through Python.

Usage: bench/search/compound_choice.py [DIR]   (DIR: where the scratch files go, /tmp)
"""
import os
import random
import sqlite3
import sys
import time

STEMS = ["mobbing", "schule", "kinder", "gewalt", "schutz", "hilfe", "daten", "netz", "bild",
         "recht", "jugend", "eltern", "polizei", "beratung", "sicherheit", "medien", "spiel",
         "konto", "chat", "foto"]
PREFIXES = ["cyber", "online", "internet", "kinder", "jugend", "medien", "daten", "netz"]
WORDS = "unicode61 remove_diacritics 2"
VARIANTS = {  # name: [(table, columns, tokenizer)]
    "unicode61 over title, summary, body": [("w", "title, summary, body", WORDS)],
    "+ trigram over title, summary, body": [("w", "title, summary, body", WORDS),
                                            ("g", "title, summary, body", "trigram")],
    "trigram alone over all three": [("g", "title, summary, body", "trigram")],
    "+ trigram over title and summary only": [("w", "title, summary, body", WORDS),
                                              ("g", "title, summary", "trigram")],
}


def word(rng):
    r = rng.random()
    if r < 0.2:
        return rng.choice(PREFIXES) + rng.choice(STEMS)
    if r < 0.5:
        return rng.choice(STEMS)
    return "".join(rng.choice("abcdefghijklmnopqrstuvwxyzäöü") for _ in range(rng.randint(2, 10)))


def text(rng, n):
    return " ".join(word(rng) for _ in range(n))


def measure(path, docs, tables):
    if os.path.exists(path):
        os.remove(path)
    db = sqlite3.connect(path)
    db.execute("CREATE TABLE d (id INTEGER PRIMARY KEY, title, summary, body)")
    for name, columns, tokenizer in tables:
        db.execute(f"CREATE VIRTUAL TABLE {name} USING fts5 ({columns}, content = 'd', "
                   f"content_rowid = 'id', tokenize = '{tokenizer}')")
    started = time.time()
    for i, (title, summary, body) in enumerate(docs, 1):
        db.execute("INSERT INTO d VALUES (?, ?, ?, ?)", (i, title, summary, body))
        values = {"title": title, "summary": summary, "body": body}
        for name, columns, _ in tables:
            cols = [c.strip() for c in columns.split(",")]
            db.execute(f"INSERT INTO {name} (rowid, {columns}) VALUES (?{', ?' * len(cols)})",
                       [i] + [values[c] for c in cols])
    db.commit()
    seconds = time.time() - started
    found = db.execute(f"SELECT count(*) FROM {tables[-1][0]} WHERE {tables[-1][0]} MATCH "
                       "'\"mobbing\"'").fetchone()[0]
    db.close()
    return seconds, os.path.getsize(path), found


def main():
    scratch = sys.argv[1] if len(sys.argv) > 1 else "/tmp"
    rng = random.Random(1)
    docs = [(text(rng, 8), text(rng, 30), text(rng, 400)) for _ in range(5000)]
    path = os.path.join(scratch, "compound_choice.db")
    for name, tables in VARIANTS.items():
        seconds, size, found = measure(path, docs, tables)
        print(f"{name:40s} insert {seconds:5.2f} s  file {size / 1e6:6.1f} MB  "
              f"'mobbing' in {found} documents")
    os.remove(path)


if __name__ == "__main__":
    main()
