#!/usr/bin/env python3
"""Accuracy of the privacy rules on labelled data they were not tuned on (issue 17).

    python bench/bench_accuracy.py [--split tune|heldout|heldout2|...|heldout7|all] [--json]
                                   [--misses] [--sample N]

Field names (bench/accuracy/names.tsv) go through P001 and P002 as a user runs them: every row
becomes an untagged field of an in-memory catalog, linted with `select=("P001", "P002")`
(bench_privacy.lint_rows). Values (bench/accuracy/values.tsv) go through check-events' own
per-value check (`registry.checkevents.scan.leak_problems`), so the codes and severities are the
ones a user sees. For each split it prints precision, recall and F1 per class and overall, per
category (names) and per kind (values), the error-level false positives on the clean values,
and whether any message carried a value unmasked; then the fitted figures of the same rules on
bench/privacy_names.tsv, the list they were tuned on. The protocol is bench/accuracy/README.md.

Misses are listed with `--misses`: names in full, values only as format and a masked stub; the
misses of a split never tuned on (`heldout`, and `heldout4` of values) are withheld, names and
values alike, as the protocol says.
It is a report: the exit code is 0 unless the data cannot be read (2).
"""

from __future__ import annotations

import argparse
import csv
import hashlib
import json
import re
import sys
import time
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

BENCH = Path(__file__).resolve().parent
ROOT = BENCH.parent
ACCURACY = BENCH / "accuracy"
NAMES_TSV = ACCURACY / "names.tsv"
VALUES_TSV = ACCURACY / "values.tsv"
PRIVACY_TSV = BENCH / "privacy_names.tsv"
CORPORA = ROOT / "corpora"

NAME_COLUMNS = ("name", "type", "expected", "category", "group", "source", "split", "note")
VALUE_COLUMNS = ("value", "expected", "format", "group", "source", "split", "note")
SPLITS = ("tune", "heldout")
"""The splits of the first batch, drawn by a hash of the group (`split_of`)."""
LATER_BATCHES = {
    "heldout2": "heldout2",
    "tune2": "tune",
    "heldout3": "heldout3",
    "tune3": "tune",
    "heldout4": "heldout4",
    "heldout5": "heldout5",
    "heldout6": "heldout6",
    "heldout7": "heldout7",
}
"""Later batches of names and their split: a batch is appended whole to one split
(bench/accuracy/README.md), and its groups start with its name (`heldout2.hr_ids`)."""
LATER_SPLITS = ("heldout2", "heldout3", "heldout4", "heldout5", "heldout6", "heldout7")
NAME_SPLITS = (*SPLITS, *LATER_SPLITS)
HELD_OUT = ("heldout",)
"""Splits never tuned on: their misses are not listed (README.md, protocol rule 4). heldout2 to
heldout7 were read after their blind figures were reported (README.md, "The third held-out
split" to "The seventh held-out split")."""
HELD_OUT_VALUES = ("heldout", "heldout4")
"""The values' splits whose misses are withheld, as they were before the names' fifth round;
which value splits are still blind is for values_results.md to say."""
PERSONAL_TAGS = ("pii", "quasi_identifier", "special_category", "financial")
NAME_LABELS = (*PERSONAL_TAGS, "credential", "none")
NAME_TYPES = (
    "string",
    "integer",
    "number",
    "boolean",
    "timestamp",
    "date",
    "uuid",
    "enum",
    "list",
    "object",
)
VALUE_KINDS = ("email", "phone", "card", "iban", "national_id", "secret", "ip")
VALUE_LABELS = (*VALUE_KINDS, "none")
# check-events' leak kinds (registry.privacy.leaks) under the labels of values.tsv; a kind a
# later recogniser adds is reported under its own name.
LABEL_OF_LEAK = {
    "email": "email",
    "ip_address": "ip",
    "card_number": "card",
    "iban": "iban",
    "phone_number": "phone",
    "secret": "secret",
    "national_id": "national_id",
}


# -- the data ----------------------------------------------------------------------------------


def name_key(name: str) -> str:
    """The words of a name, lower-case, joined by `_`, whatever its case style."""
    spaced = re.sub(r"([a-z0-9])([A-Z])", r"\1_\2", name)
    spaced = re.sub(r"([A-Z]+)([A-Z][a-z])", r"\1_\2", spaced)
    return "_".join(w.lower() for w in re.split(r"[^A-Za-z0-9]+", spaced) if w)


def split_of(group: str) -> str:
    """The split of a group of rows: a stable hash, so that a group never straddles two; a
    later batch's group names its split."""
    batch = group.split(".", 1)[0]
    if batch in LATER_BATCHES:
        return LATER_BATCHES[batch]
    return SPLITS[hashlib.sha256(group.encode()).digest()[0] % 2]


def read_tsv(path: Path) -> list[dict[str, str]]:
    with path.open(encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle, delimiter="\t", quoting=csv.QUOTE_NONE))


def excluded_name_keys() -> set[str]:
    """Names the held-out data must not contain: the fitted list and the shared corpora."""
    keys = {name_key(row["name"]) for row in read_tsv(PRIVACY_TSV)}
    if CORPORA.is_dir():
        for path in sorted(CORPORA.glob("*.tsv")):
            for row in read_tsv(path):
                if "name" in row:
                    keys.add(name_key(row["name"]))
                for param in (row.get("params") or "").split(","):
                    keys.add(name_key(param.split("(")[0]))
                for alternative in (row.get("pattern") or "").split("|"):
                    literal = alternative.strip("^$")
                    if re.fullmatch(r"[A-Za-z0-9_]+", literal):
                        keys.add(name_key(literal))
    keys.discard("")
    return keys


def rows_of(path: Path, split: str, sample: int | None = None) -> list[dict[str, str]]:
    rows = [
        {**r, "line": str(line)}
        for line, r in enumerate(read_tsv(path), start=2)
        if split == "all" or r["split"] == split
    ]
    if sample is not None:
        rows = rows[:: max(1, len(rows) // sample)][:sample]
    return rows


# -- scores ------------------------------------------------------------------------------------


@dataclass
class Score:
    tp: int = 0
    fp: int = 0
    fn: int = 0

    @property
    def precision(self) -> float:
        return self.tp / (self.tp + self.fp) if self.tp + self.fp else 1.0

    @property
    def recall(self) -> float:
        return self.tp / (self.tp + self.fn) if self.tp + self.fn else 1.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0

    def as_dict(self) -> dict[str, float | int]:
        return {
            "tp": self.tp,
            "fp": self.fp,
            "fn": self.fn,
            "precision": round(self.precision, 4),
            "recall": round(self.recall, 4),
            "f1": round(self.f1, 4),
        }


@dataclass
class Result:
    rows: int
    classes: dict[str, Score]
    """Per class and `overall` (micro average)."""
    groups: dict[str, Score]
    """Per category (names) or per kind (values); FP counted on the expected label's group."""
    extra: dict[str, int] = field(default_factory=dict)
    misses: list[str] = field(default_factory=list)
    sources: dict[str, Score] = field(default_factory=dict)
    """Per source family (names): hand, python-stdnum, faker ..., so no source hides another."""

    def as_dict(self) -> dict[str, object]:
        return {
            "rows": self.rows,
            "classes": {k: v.as_dict() for k, v in self.classes.items()},
            "groups": {k: v.as_dict() for k, v in sorted(self.groups.items())},
            "sources": {k: v.as_dict() for k, v in sorted(self.sources.items())},
            **self.extra,
        }


def _overall(classes: dict[str, Score]) -> Score:
    return Score(*(sum(getattr(s, k) for s in classes.values()) for k in ("tp", "fp", "fn")))


# -- names: P001 and P002 ----------------------------------------------------------------------

_TAG = re.compile(r"sensitivity: ([a-z_]+)")


def lint_names(rows: list[dict[str, str]]) -> dict[str, tuple[set[str], str | None]]:
    """Rule codes reported on each name, and the tag P001 suggested."""
    sys.path.insert(0, str(BENCH))
    from bench_privacy import Row, lint_rows

    result = lint_rows([Row(r["name"], r["type"], r["expected"], r["category"], "") for r in rows])
    found: dict[str, tuple[set[str], str | None]] = {r["name"]: (set(), None) for r in rows}
    for finding in result.findings:
        if finding.field is None or finding.field not in found:
            continue
        rules, tag = found[finding.field]
        rules.add(finding.rule)
        if finding.rule == "P001":
            match = _TAG.search(finding.hint or "")
            tag = match.group(1) if match else tag
        found[finding.field] = (rules, tag)
    return found


def measure_names(rows: list[dict[str, str]]) -> Result:
    found = lint_names(rows)
    classes = {"personal": Score(), "credential": Score()}
    groups: dict[str, Score] = defaultdict(Score)
    sources: dict[str, Score] = defaultdict(Score)
    tag_agree = tag_total = 0
    misses: list[str] = []
    for row in rows:
        rules, tag = found[row["name"]]
        truth = {
            "personal": row["expected"] in PERSONAL_TAGS,
            "credential": row["expected"] == "credential",
        }
        said = {"personal": "P001" in rules, "credential": "P002" in rules}
        where = f"{row['name']:<36} {row['expected']}/{row['category']}"
        family = re.split(r"[ :]", row["source"], maxsplit=1)[0]
        counted = (groups[f"{row['expected']}/{row['category']}"], sources[family])
        for cls, score in classes.items():
            if truth[cls] and said[cls]:
                outcome = "tp"
            elif truth[cls]:
                outcome = "fn"
                misses.append(f"missed {cls:<10} {where}")
            elif said[cls]:
                outcome = "fp"
                misses.append(f"false {cls:<11} {where}")
            else:
                continue
            for target in (score, *counted):
                setattr(target, outcome, getattr(target, outcome) + 1)
        if truth["personal"] and said["personal"]:
            tag_total += 1
            tag_agree += tag == row["expected"]
    classes["overall"] = _overall(classes)
    extra = {"tag_agreement": tag_agree, "tag_compared": tag_total}
    return Result(len(rows), classes, dict(groups), extra, misses, dict(sources))


def fitted_names() -> Score:
    """P001/P002 on bench/privacy_names.tsv, the list the rules were tuned on."""
    sys.path.insert(0, str(BENCH))
    from bench_privacy import load_rows, measure

    report = measure(load_rows(PRIVACY_TSV))
    s = report.scores["overall"]
    return Score(s.tp, s.fp, s.fn)


# -- values: check-events' per-value recognisers -----------------------------------------------


def _mask(value: str) -> str:
    return value[:3] + "***" if len(value) > 8 else "***"


def measure_values(rows: list[dict[str, str]]) -> Result:
    from registry.checkevents import codes
    from registry.checkevents.scan import leak_problems
    from registry.findings import Severity

    kind_of_code = {code: LABEL_OF_LEAK.get(kind, kind) for kind, code in codes.LEAK_CODES.items()}
    classes: dict[str, Score] = {kind: Score() for kind in VALUE_KINDS}
    groups: dict[str, Score] = defaultdict(Score)
    clean = error_fp = unmasked = 0
    misses: list[str] = []
    for row in rows:
        value, expected = row["value"], row["expected"]
        problems: list[tuple[str, str, str]] = []
        leak_problems(value, "field", problems)
        reported = {kind_of_code.get(code, code) for code, _, _ in problems}
        unmasked += sum(len(value) >= 6 and value in message for _, _, message in problems)
        group = groups[f"{expected}/{row['format']}"]
        if expected != "none":
            score = classes.setdefault(expected, Score())
            if expected in reported:
                score.tp += 1
                group.tp += 1
            else:
                score.fn += 1
                group.fn += 1
        else:
            clean += 1
            if any(codes.severity(code) is Severity.ERROR for code, _, _ in problems):
                error_fp += 1
        for kind in sorted(reported - {expected}):
            classes.setdefault(kind, Score()).fp += 1
            group.fp += 1
        if reported != ({expected} - {"none"}):
            said = ",".join(sorted(reported)) or "nothing"
            misses.append(
                f"line {row.get('line', '?'):<5} {expected:<12} {row['format']:<44} reported {said:<16}"
                f" {_mask(value)}"
            )
    classes["overall"] = _overall(classes)
    extra = {
        "clean_values": clean,
        "error_level_false_positives": error_fp,
        "unmasked_messages": unmasked,
    }
    return Result(len(rows), classes, dict(groups), extra, misses)


# -- report ------------------------------------------------------------------------------------


def _line(label: str, s: Score) -> str:
    return (
        f"  {label:<44}{s.tp:>5}{s.fp:>5}{s.fn:>5}{s.precision:>10.3f}{s.recall:>8.3f}{s.f1:>7.3f}"
    )


def _print(title: str, split: str, result: Result, misses: bool) -> None:
    """One split's figures; `misses` lists what went wrong, except on a split never tuned on."""
    print(f"{title}, split {split}: {result.rows} rows")
    print(f"  {'':<44}{'TP':>5}{'FP':>5}{'FN':>5}{'precision':>10}{'recall':>8}{'F1':>7}")
    for cls, score in result.classes.items():
        print(_line(cls, score))
    if result.sources:
        print("  per source:")
        for name, score in sorted(result.sources.items()):
            print(_line(name, score))
    print("  per category:")
    for name, score in sorted(result.groups.items()):
        if score.tp + score.fp + score.fn:
            print(_line(name, score))
    for key, number in result.extra.items():
        print(f"  {key.replace('_', ' ')}: {number}")
    if misses and split in (HELD_OUT if result.sources else HELD_OUT_VALUES):
        print(f"  misses of {split} withheld: it is never tuned on (bench/accuracy/README.md)")
    elif misses:
        for text in result.misses:
            print("   ", text)
    print()


def _summary(results: dict[str, dict[str, Result]], fitted: Score | None) -> None:
    print("summary (overall micro average)")
    print(f"  {'':<28}{'precision':>10}{'recall':>8}{'F1':>7}")
    for what, per_split in results.items():
        for split, result in per_split.items():
            s = result.classes["overall"]
            print(f"  {what + ' ' + split:<28}{s.precision:>10.3f}{s.recall:>8.3f}{s.f1:>7.3f}")
    if fitted is not None:
        label = "names fitted (privacy_names)"
        print(f"  {label:<28}{fitted.precision:>10.3f}{fitted.recall:>8.3f}{fitted.f1:>7.3f}")


def main(argv: Iterable[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument(
        "--split",
        choices=(*NAME_SPLITS, "all"),
        default=None,
        help="one split (default: every split side by side)",
    )
    parser.add_argument("--json", action="store_true", help="print the figures as JSON")
    parser.add_argument("--misses", action="store_true", help="list every miss and false alarm")
    parser.add_argument("--sample", type=int, default=None, help="an even sample of N rows")
    parser.add_argument("--names", type=Path, default=NAMES_TSV)
    parser.add_argument("--values", type=Path, default=VALUES_TSV)
    parser.add_argument(
        "--no-fitted",
        action="store_true",
        help="skip the fitted figures on bench/privacy_names.tsv",
    )
    args = parser.parse_args(list(argv) if argv is not None else None)
    started = time.perf_counter()
    splits = (args.split,) if args.split else NAME_SPLITS
    try:
        results = {
            "names": {s: measure_names(rows_of(args.names, s, args.sample)) for s in splits},
            "values": {
                s: measure_values(rows_of(args.values, s, args.sample))
                for s in splits
                if s not in LATER_SPLITS
            },
        }
        fitted = None if args.no_fitted else fitted_names()
    except (OSError, KeyError, ValueError) as error:
        print(
            f"bench_accuracy: cannot read the data: {type(error).__name__}: {error}",
            file=sys.stderr,
        )
        return 2
    if args.json:
        document: dict[str, object] = {
            what: {s: r.as_dict() for s, r in per.items()} for what, per in results.items()
        }
        if fitted is not None:
            document["names_fitted"] = fitted.as_dict()
        print(json.dumps(document, indent=2, sort_keys=True))
        return 0
    for split in splits:
        _print(
            "field names (P001 personal, P002 credential)",
            split,
            results["names"][split],
            args.misses,
        )
        if split in results["values"]:
            _print(
                "values (check-events recognisers)", split, results["values"][split], args.misses
            )
    _summary(results, fitted)
    print(f"({time.perf_counter() - started:.1f} s)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
