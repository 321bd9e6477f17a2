#!/usr/bin/env python3
"""Load every output of `baogao build` the way the dashboard notebook does, and check its shape.

usage: check_outputs.py [INDEX_DIR]   (default: index)

This is the contract test for notebooks and BI tools: if it passes, `dashboard.ipynb` can read
the index. It needs pandas (notebooks/requirements.txt).
"""
import json
import sys
from pathlib import Path

import pandas as pd


def main():
    index = Path(sys.argv[1] if len(sys.argv) > 1 else "index")
    reports = pd.read_json(index / "reports.jsonl", lines=True)
    figures = pd.read_json(index / "figures.jsonl", lines=True, dtype={"year": "string"})
    sections = pd.read_json(index / "sections.jsonl", lines=True)
    totals = json.loads((index / "totals.json").read_text(encoding="utf-8"))
    aggregate = json.loads((index / "aggregate.json").read_text(encoding="utf-8"))

    expect = {
        "reports": (reports, ["id", "source", "ordinal", "title", "title_simplified", "line_start",
                              "line_end", "encoding", "script", "chars", "tokens"]),
        "figures": (figures, ["source", "line", "report", "kind", "text", "char_span", "value", "currency",
                              "range", "approx", "role", "year", "points", "sentence"]),
        "sections": (sections, ["source", "report", "type", "heading", "heading_line",
                                "line_start", "line_end", "items"]),
    }
    for name, (df, cols) in expect.items():
        missing = [c for c in cols if c not in df.columns]
        assert not missing, f"{name}: missing columns {missing}"
        assert len(df) > 0, f"{name}: empty"
    # Every figure and section points to a known report.
    ids = set(reports["id"])
    assert set(figures["report"]) <= ids, "figures of unknown reports"
    assert set(sections["report"]) <= ids, "sections of unknown reports"
    # Every item says where in its line its headline was read.
    items = [it for its in sections["items"] for it in its]
    assert items and all(len(it["char_span"]) == 2 for it in items), "items without char_span"

    # Funds by year, as the notebook plots them: one measure, year and currency per total.
    facts = pd.read_json(index / "facts.jsonl", lines=True, dtype={"period_year": "string"})
    by_year = pd.DataFrame(totals["actual"]).drop(columns=["largest"])
    amounts = figures[(figures.kind == "money") & (figures.role == "amount")]
    assert totals["statements"] <= len(amounts)
    assert by_year["facts"].sum() == totals["facts_in_scope"] <= len(facts)
    assert not by_year.duplicated(["key", "measure", "currency"]).any(), "a total mixes groups"

    themes = pd.json_normalize(aggregate["problems"])
    assert {"label", "reports", "independent_reports", "item_count"} <= set(themes.columns)
    print(f"ok: {len(reports)} reports, {len(figures)} figures ({len(amounts)} amounts), "
          f"{len(sections)} sections, {len(themes)} problem themes; funds by year:")
    print(by_year.to_string(index=False))

    # Run the dashboard notebook's code cells headless (no Jupyter needed), against INDEX.
    notebook = Path(__file__).with_name("dashboard.ipynb")
    if notebook.exists():
        import matplotlib

        matplotlib.use("Agg")
        cells = json.loads(notebook.read_text(encoding="utf-8"))["cells"]
        scope = {}
        for cell in cells:
            if cell["cell_type"] == "code":
                source = "".join(cell["source"]).replace('Path("../index")', f"Path({str(index.resolve())!r})")
                exec(compile(source, str(notebook), "exec"), scope)
        print(f"ok: {notebook.name} ran ({sum(c['cell_type'] == 'code' for c in cells)} code cells)")


if __name__ == "__main__":
    main()
