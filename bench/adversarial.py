"""Cost of pathological text shapes against prose, per 100 KB, through the whole analysis.

Each shape is about ``--kb`` kilobytes of text in one document, analysed by
``frenemy.nlp.pipeline.analyse`` (the trained model, our components and the row building, as
ingest runs them). Prose is the dev corpus (../shared/corpus/dev) joined into one document, or,
without ../shared, a generated news-like text. The others are text no reporter writes but any
scraper may deliver: one-word paragraphs, a run of one character, thousands of tiny paragraphs,
a single sentence with no full stop, a list of actor names, markup left in the text. For each it
prints seconds per 100 KB and the ratio to prose (issue 15's bar: no shape above 5x).

    python bench/adversarial.py [--shared ../shared] [--kb 100] [--shapes prose,one-word-paragraphs]
"""

from __future__ import annotations

import argparse
import time
from collections.abc import Callable
from pathlib import Path

_NEWS = ("Iran said on Tuesday that it had arrested several members of al-Qaeda near the border with "
         "Afghanistan, and the United States welcomed the move. Officials in Tehran denied any links to the group. ")


def _fill(unit: str, size: int) -> str:
    return (unit * (size // len(unit) + 1))[:size]


def _prose(shared: Path, size: int) -> str:
    folder = shared / "corpus" / "dev"
    if folder.is_dir():
        from frenemy.ingest import Document, iter_inputs

        texts = [d.text for d in iter_inputs([str(folder)]) if isinstance(d, Document)]
        return _fill("\n\n".join(texts) + "\n\n", size)
    return _fill(_NEWS, size)


SHAPES: dict[str, Callable[[int], str]] = {
    "one-word paragraphs": lambda n: _fill("Iran\n\n", n),
    "one-word lines": lambda n: _fill("word\n", n),
    "run of '<'": lambda n: "<" * n,
    "run of 'a'": lambda n: "a" * n,
    "run of spaces and dots": lambda n: _fill(". ", n),
    "tiny paragraphs": lambda n: _fill("Iran met Iraq.\n\n", n),
    "one sentence, no stop": lambda n: _fill("Iran and Iraq and Syria talked with Turkey while ", n),
    "actor list": lambda n: _fill("Iran, Iraq, Syria, Turkey, Israel, Egypt, Jordan, Lebanon, ", n),
    "markup": lambda n: _fill("<div class=\"a\"><span>Iran</span> &amp; <b>Iraq</b></div>\n", n),
    "numbers": lambda n: _fill("1234567890 ", n),
}


def seconds(text: str) -> float:
    from frenemy.nlp.pipeline import DocRecord, analyse

    started = time.perf_counter()
    analyse([DocRecord("adversarial", text)])
    return time.perf_counter() - started


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--shared", type=Path, default=Path(__file__).resolve().parents[1].parent / "shared")
    parser.add_argument("--kb", type=int, default=100, help="size of each shape in kilobytes")
    parser.add_argument("--shapes", default=None, help="comma-separated subset of the shapes (prose is always run)")
    args = parser.parse_args()
    size = args.kb * 1000
    seconds("warm up the model once.")
    wanted = set(args.shapes.split(",")) if args.shapes else set(SHAPES)
    prose = seconds(_prose(args.shared, size)) * 100 / args.kb
    print(f"{'prose':26} {prose:8.2f} s/100KB   1.00x")
    for name, make in SHAPES.items():
        if name in wanted:
            cost = seconds(make(size)) * 100 / args.kb
            print(f"{name:26} {cost:8.2f} s/100KB {cost / prose:6.2f}x", flush=True)


if __name__ == "__main__":
    main()
