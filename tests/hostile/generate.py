"""Write a corpus of broken and hostile inputs, mixed with good articles.

``python -m tests.hostile.generate OUTDIR`` writes it; ``build(folder)`` returns what
each file is expected to become (``mapped``, ``no_places``, ``failed``), so a test can
check that every input is accounted for.  Everything is generated: no fixture files.
"""

from __future__ import annotations

import gzip
import json
import sys
from dataclasses import dataclass
from pathlib import Path

#: A limit small enough to test refusal quickly; the run under test uses it.
MAX_DOC_BYTES = 200_000

GOOD = {
    "kherson.txt": (
        "date 2022-03-03\nKHERSON, Ukraine - Russian forces shelled the port of Kherson on "
        "Thursday, and explosions were reported in Mykolaiv, officials said.\n"
    ),
    "talks.txt": (
        "date 2022-03-07\nDelegations met for a third round of peace talks in Belarus on "
        "Monday. Thousands of refugees fled Kharkiv for Poland.\n"
    ),
}
HOSTILE_TEXT = (
    'Shelling hit Mariupol <script>window.__pwned=1</script> and "Kyiv" </script>'
    '<script>window.__pwned=2</script> <img src=x onerror="window.__pwned=3"> '
    "`${window.__pwned=4}` \\u2028 ' \" \\ on Tuesday."
)


@dataclass(frozen=True)
class Expect:
    status: str  # mapped | no_places | failed
    reason: str | None = None  # a word the failure reason must contain
    line: int | None = None


def _w(folder: Path, name: str, data: bytes | str) -> Path:
    path = folder / name
    path.parent.mkdir(parents=True, exist_ok=True)
    if isinstance(data, str):
        path.write_text(data, encoding="utf-8")
    else:
        path.write_bytes(data)
    return path


def build(folder: Path) -> dict[tuple[str, int | None], Expect]:
    """Write the corpus into ``folder``; map (file name, line) to the expected outcome."""
    folder.mkdir(parents=True, exist_ok=True)
    e: dict[tuple[str, int | None], Expect] = {}

    def add(name: str, data: bytes | str, expect: Expect) -> None:
        _w(folder, name, data)
        e[(name, expect.line)] = expect

    for name, text in GOOD.items():
        add(name, text, Expect("mapped"))
    # 1-5 unreadable files
    add("empty.txt", b"", Expect("failed", "empty"))
    add("blank.txt", b" \n\t\n", Expect("failed", "empty"))
    add("image.txt", b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)), Expect(
        "failed", "binary"))
    add("noise.txt", bytes((i * 7919 + 13) % 256 for i in range(4096)),
        Expect("failed", "binary"))
    add("mojibake.txt", bytes([0x81, 0x8d, 0x8f, 0x90, 0x9d, 0x98, 0x83]) * 50,
        Expect("failed", "encoding"))
    # 6-10 other encodings, decoded
    ru = "date 2022-03-03\nВзрывы в Киеве. Obstrel v Kharkiv, Ukraine, prodolzhaetsya.\n"
    add("cp1251.txt", ru.encode("cp1251"), Expect("mapped"))
    add("koi8.txt", ru.encode("koi8_r"), Expect("mapped"))
    fr = "Des explosions ont secoué Kyiv, a déclaré le maire. Les réfugiés arrivent à Lviv."
    add("latin1.txt", fr.encode("latin-1"), Expect("mapped"))
    add("utf16.txt", GOOD["kherson.txt"].encode("utf-16"), Expect("mapped"))
    add("bom.txt", b"\xef\xbb\xbf" + GOOD["talks.txt"].encode(), Expect("mapped"))
    # 11-13 size and shape extremes
    add("huge.txt", b"Kyiv was shelled. " * (MAX_DOC_BYTES // 18 + 100),
        Expect("failed", "limit"))
    add("oneword.txt", "a" * (MAX_DOC_BYTES // 2), Expect("no_places"))
    add("numbers.txt", "1234 5678 !!! ??? 42.", Expect("no_places"))
    # 14-16 broken headers and hostile text
    add("baddate.txt", "date 2022-02-30\nShelling hit Kyiv.", Expect("failed", "date"))
    add("worddate.txt", "date: yesterday\nShelling hit Kyiv.", Expect("failed", "date"))
    add("hostile.txt", HOSTILE_TEXT, Expect("mapped"))
    add("controls.txt", "Shelling hit Odesa.\x1b[31m red \x1b[0m\u202eevil\u202c \u200b",
        Expect("mapped"))
    # 17-24 JSON Lines, line by line
    lines = [
        json.dumps({"id": "j-good", "text": "Explosions rocked Kyiv.", "date": "2022-03-03"}),
        "{not json",
        json.dumps(["a", "list"]),
        json.dumps({"id": "j-notext"}),
        json.dumps({"id": "j-number", "text": 42}),
        json.dumps({"id": "j-date", "text": "Kyiv", "date": "someday"}),
        json.dumps({"id": "j-long", "text": "Kyiv " * (MAX_DOC_BYTES // 5 + 10)}),
        json.dumps({"id": "../../etc/passwd", "text": "Fighting near Donetsk."}),
        json.dumps({"id": "j-u2028", "text": "Shelling in Kharkiv\u2028and Sumy."}),
    ]
    _w(folder, "docs.jsonl", "\n".join(lines) + "\n")
    for lineno, status, reason in [(1, "mapped", None), (2, "failed", "JSON"),
                                   (3, "failed", "object"), (4, "failed", "text"),
                                   (5, "failed", "text"), (6, "failed", "date"),
                                   (7, "failed", "limit"), (8, "mapped", None),
                                   (9, "mapped", None)]:
        e[("docs.jsonl", lineno)] = Expect(status, reason, lineno)
    _w(folder, "badbytes.jsonl", b'{"id": "x", "text": "Kyiv \xff\xfe"}\n')
    e[("badbytes.jsonl", 1)] = Expect("failed", "UTF-8", 1)
    # 25-28 CSV and gzip
    add("notext.csv", "id,headline\n1,Kyiv shelled\n", Expect("failed", "text column"))
    _w(folder, "rows.csv", 'id,date,body\nc1,2022-03-03,"Shelling hit Kharkiv, Ukraine."\n'
                           'c2,2022-03-03,""\n')
    e[("rows.csv", 2)] = Expect("mapped", None, 2)
    e[("rows.csv", 3)] = Expect("failed", "empty", 3)
    _w(folder, "broken.csv", 'id,text\nb1,"Kyiv was shelled."\nb2,"bad"quote,x\n')
    e[("broken.csv", 2)] = Expect("mapped", None, 2)
    e[("broken.csv", 3)] = Expect("failed", "CSV", 3)
    with gzip.open(folder / "packed.jsonl.gz", "wt", encoding="utf-8") as f:
        f.write(json.dumps({"id": "gz1", "text": "Air strikes hit Aleppo, Syria."}) + "\n")
    e[("packed.jsonl.gz", 1)] = Expect("mapped", None, 1)
    add("truncated.txt.gz", gzip.compress(b"Kyiv was shelled." * 100)[:40],
        Expect("failed", "read"))
    add("weird name ✓ (1).txt", "Protesters gathered in Tbilisi, Georgia.", Expect("mapped"))
    return e


if __name__ == "__main__":
    out = Path(sys.argv[1] if len(sys.argv) > 1 else "hostile-corpus")
    print(f"{len(build(out))} inputs written to {out}")
