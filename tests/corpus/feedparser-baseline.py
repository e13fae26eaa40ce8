#!/usr/bin/python3
"""What Python's feedparser makes of every document of ../shared/corpus, for the corpus test.

Writes tests/fixtures/corpus/feedparser.tsv: per document whether feedparser flags it
"bozo" (not well-formed, or read with a guessed encoding), how many entries it reads,
the format version it sees, the bozo reason and the first entry's link. The checked-in
file lets the test compare Gazette with feedparser without needing Python.

Run from the repository root:  /usr/bin/python3 tests/corpus/feedparser-baseline.py
(Debian's python3-feedparser; ../shared/validate/validate-feed installs it if missing.)
"""
import csv
import gzip
import os
import sys

import feedparser

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
CORPUS = os.path.join(os.path.dirname(ROOT), 'shared', 'corpus')
OUTPUT = os.path.join(ROOT, 'tests', 'fixtures', 'corpus', 'feedparser.tsv')


def clean(text):
    return ' '.join(str(text).split())


def main():
    with open(os.path.join(CORPUS, 'MANIFEST.tsv'), encoding='utf-8') as manifest:
        files = [row['file'] for row in csv.DictReader(manifest, delimiter='\t')]
    rows = []
    for name in files:
        with open(os.path.join(CORPUS, name), 'rb') as handle:
            data = handle.read()
        # The fetch stage undoes gzip (Content-Encoding) before parsing; do the same here.
        if data[:2] == b'\x1f\x8b':
            data = gzip.decompress(data)
        parsed = feedparser.parse(data)
        problem = parsed.get('bozo_exception')
        first_link = parsed.entries[0].get('link', '') if parsed.entries else ''
        rows.append([
            name,
            '1' if parsed.bozo else '0',
            str(len(parsed.entries)),
            parsed.get('version', ''),
            clean(f'{type(problem).__name__}: {problem}')[:200] if problem else '',
            clean(first_link),
        ])
    with open(OUTPUT, 'w', encoding='utf-8', newline='') as out:
        out.write(f'# feedparser {feedparser.__version__} on ../shared/corpus; written by tests/corpus/feedparser-baseline.py\n')
        # clean() leaves no tab or newline inside a value.
        for row in [['file', 'bozo', 'entries', 'version', 'bozo_exception', 'first_link'], *rows]:
            out.write('\t'.join(row) + '\n')
    print(f'{len(rows)} documents, {sum(1 for row in rows if row[1] == "0")} not bozo -> {os.path.relpath(OUTPUT, ROOT)}')


if __name__ == '__main__':
    sys.exit(main())
