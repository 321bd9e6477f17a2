#!/usr/bin/env python3
"""Make a deterministic synthetic corpus from the seed page, for whole-build benchmarks.

usage: make_corpus.py OUT_DIR [--mb 100] [--seed 7]

Each output file holds one or two reports cut from the seed page (title line + body), with
digits redrawn and paragraphs of same-kind reports shuffled, so that no two files are identical
but the text keeps the seed's phenomena (traditional script, pinyin glosses, mojibake lines,
numbered sections). Files are spread over sub-folders of 500, like a real archive.
"""
import argparse
import json
import os
import random
import re

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("out")
    ap.add_argument("--mb", type=float, default=100)
    ap.add_argument("--seed", type=int, default=7)
    args = ap.parse_args()
    rng = random.Random(args.seed)
    lines = open(os.path.join(ROOT, "corpus/000_8704a95fd81a1589.txt"), encoding="utf-8").read().split("\n")
    gold = json.load(open(os.path.join(ROOT, "tests/gold/seed_sections.json"), encoding="utf-8"))
    reports = [lines[r["line_start"] - 1 : r["line_end"]] for r in gold["reports"]]
    target = int(args.mb * 1e6)
    written = 0
    n = 0
    while written < target:
        parts = []
        for _ in range(rng.choice([1, 1, 2])):
            rep = list(reports[rng.randrange(len(reports))])
            body = rep[1:]
            # Shuffle blocks of paragraphs (keep a paragraph and its blank line together).
            blocks = [body[i : i + 2] for i in range(0, len(body), 2)]
            if len(blocks) > 6:
                mid = blocks[2:-2]
                rng.shuffle(mid)
                blocks = blocks[:2] + mid + blocks[-2:]
            body = [l for b in blocks for l in b]
            body = [re.sub(r"[0-9]", lambda m: str(rng.randrange(10)), l) for l in body]
            parts.append("\n".join([rep[0].strip() + f" {n}"] + body))
        text = "\n\n".join(parts) + "\n"
        sub = os.path.join(args.out, f"{n // 500:04d}")
        os.makedirs(sub, exist_ok=True)
        with open(os.path.join(sub, f"r{n:06d}.txt"), "w", encoding="utf-8") as f:
            f.write(text)
        written += len(text.encode("utf-8"))
        n += 1
    print(f"{n} files, {written / 1e6:.1f} MB in {args.out}")


if __name__ == "__main__":
    main()
