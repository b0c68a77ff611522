#!/usr/bin/env python3
"""Measure the privacy rules P001 (personal data) and P002 (credentials) on a labelled list.

    python bench/bench_privacy.py [--tsv bench/privacy_names.tsv] [--no-corpora]

`bench/privacy_names.tsv` lists field names with a catalog type and the expected verdict:
`personal` (P001 must report the untagged field), `credential` (P002 must report it) or
`none` (neither may). Every row becomes an untagged field of an in-memory catalog, linted by
`registry.lint.engine.lint` with `select=("P001", "P002")`, so the measured thing is the rules as
a user runs them, not the classifier alone. The report gives, per class and overall (micro
average), TP / FP / FN / precision / recall, and lists every miss.

It then prints the findings of the whole P and A rule set, per rule code, on the built-in
catalog (`catalog/`) and on the Okta and WorkOS event-name corpora converted to field-less
catalogs (event name and description; `actor: [user]`, `targets: []`).

It is a report: the exit code is always 0.
"""

from __future__ import annotations

import argparse
import csv
import os
import sys
import tempfile
import time
from collections import Counter, defaultdict
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

import yaml

from registry.catalog.config import Config, load_config
from registry.findings.errors import RegistryError
from registry.lint.engine import LintResult, lint
from registry.lint.rules import known_codes

ROOT = Path(__file__).resolve().parent.parent
TSV = ROOT / "bench" / "privacy_names.tsv"
CATALOG = ROOT / "catalog"
CORPORA = ROOT / "corpora"

CLASSES = ("personal", "credential")
RULE_OF = {"personal": "P001", "credential": "P002"}
EXPECTED_VALUES = (*CLASSES, "none")
TYPES = ("string", "integer", "number", "boolean", "timestamp", "date", "uuid", "enum",
         "list", "object")
PERSONAL_CATEGORIES = ("email", "phone", "person_name", "postal_address", "date_of_birth",
                       "government_id", "ip_address", "user_agent", "device_id", "geolocation",
                       "card_bank", "health")
CREDENTIAL_CATEGORIES = ("password", "secret", "api_key", "token", "private_key",
                         "session_cookie", "otp_mfa", "recovery_codes")
FIELDS_PER_EVENT = 60


@dataclass(frozen=True, slots=True)
class Row:
    name: str
    type: str
    expected: str
    category: str
    note: str


@dataclass(frozen=True, slots=True)
class Score:
    tp: int
    fp: int
    fn: int

    @property
    def precision(self) -> float:
        return self.tp / (self.tp + self.fp) if self.tp + self.fp else 1.0

    @property
    def recall(self) -> float:
        return self.tp / (self.tp + self.fn) if self.tp + self.fn else 1.0


@dataclass(frozen=True, slots=True)
class Report:
    rows: tuple[Row, ...]
    found: dict[str, frozenset[str]]
    """Rule codes (P001, P002) reported on each field name."""
    scores: dict[str, Score]
    """Per class and `overall`."""
    false_negatives: dict[str, tuple[Row, ...]]
    false_positives: dict[str, tuple[Row, ...]]


def load_rows(path: Path = TSV) -> list[Row]:
    with path.open(encoding="utf-8", newline="") as handle:
        reader = csv.DictReader(handle, delimiter="\t", quoting=csv.QUOTE_NONE)
        return [Row(r["name"], r["type"], r["expected"], r["category"], r["note"] or "")
                for r in reader]


def field_spec(row: Row) -> dict[str, object]:
    """An untagged field of the row's type, valid for the schema."""
    spec: dict[str, object] = {"type": row.type}
    if row.type == "string":
        spec["max_length"] = 256
    elif row.type == "enum":
        spec["values"] = ["first_value", "second_value"]
    elif row.type == "list":
        spec["items"] = {"type": "string", "max_length": 256}
    elif row.type == "object":
        spec["fields"] = {"bench_member_kind": {"type": "enum", "values": ["first_value"],
                                                "description": "Neutral member."}}
    spec["description"] = "Field under measurement."
    return spec


def catalog_text(rows: Iterable[Row]) -> str:
    rows = list(rows)
    events: dict[str, object] = {}
    for start in range(0, len(rows), FIELDS_PER_EVENT):
        chunk = rows[start:start + FIELDS_PER_EVENT]
        events[f"bench.measured_batch_{start // FIELDS_PER_EVENT + 1}"] = {
            "description": "A batch of fields whose names are measured.",
            "category": "system",
            "actor": ["system"],
            "targets": [],
            "fields": {row.name: field_spec(row) for row in chunk},
        }
    document = {
        "domain": "bench",
        "description": "Field names of the privacy benchmark.",
        "owners": ["bench"],
        "events": events,
    }
    return yaml.safe_dump(document, sort_keys=False, allow_unicode=True, width=100)


@contextmanager
def _inside(directory: Path) -> Iterator[None]:
    cwd = os.getcwd()
    os.chdir(directory)
    try:
        yield
    finally:
        os.chdir(cwd)


def _config(directory: Path, text: str | None = None) -> Config:
    if text is not None:
        (directory / "registry.yaml").write_text(text, encoding="utf-8")
    return load_config(None, directory, known_codes())


def lint_rows(rows: list[Row], select: tuple[str, ...] = ("P001", "P002")) -> LintResult:
    with tempfile.TemporaryDirectory(prefix="bench-privacy-") as tmp:
        directory = Path(tmp)
        (directory / "bench.yaml").write_text(catalog_text(rows), encoding="utf-8")
        config = _config(directory)
        with _inside(directory):
            return lint(("bench.yaml",), config, select=select)


def measure(rows: list[Row]) -> Report:
    names = [row.name for row in rows]
    duplicates = sorted(n for n, c in Counter(names).items() if c > 1)
    if duplicates:
        raise ValueError(f"duplicate names in the list: {duplicates}")
    result = lint_rows(rows)
    found: dict[str, set[str]] = defaultdict(set)
    for finding in result.findings:
        if finding.field is not None:
            found[finding.field].add(finding.rule)
    frozen = {row.name: frozenset(found.get(row.name, ())) for row in rows}
    scores: dict[str, Score] = {}
    false_negatives: dict[str, tuple[Row, ...]] = {}
    false_positives: dict[str, tuple[Row, ...]] = {}
    for cls in CLASSES:
        rule = RULE_OF[cls]
        tp = [r for r in rows if r.expected == cls and rule in frozen[r.name]]
        fn = [r for r in rows if r.expected == cls and rule not in frozen[r.name]]
        fp = [r for r in rows if r.expected != cls and rule in frozen[r.name]]
        scores[cls] = Score(len(tp), len(fp), len(fn))
        false_negatives[cls] = tuple(fn)
        false_positives[cls] = tuple(fp)
    scores["overall"] = Score(*(sum(getattr(scores[c], k) for c in CLASSES)
                                for k in ("tp", "fp", "fn")))
    return Report(tuple(rows), frozen, scores, false_negatives, false_positives)


# -- corpora -------------------------------------------------------------------------------


def _tsv(path: Path) -> list[dict[str, str]]:
    with path.open(encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle, delimiter="\t", quoting=csv.QUOTE_NONE))


def names_catalog(rows: list[dict[str, str]], domain: str, what: str) -> str:
    """A field-less catalog: the event names and descriptions of a corpus."""
    events: dict[str, object] = {}
    for row in rows:
        event: dict[str, object] = {}
        description = (row.get("description") or "").strip()
        if description:
            event["description"] = description
        event["actor"] = ["user"]
        event["targets"] = []
        events[row["name"]] = event
    document = {"domain": domain, "description": what, "owners": [domain], "events": events}
    return yaml.safe_dump(document, sort_keys=False, allow_unicode=True, width=100)


def lint_corpus(text: str, config_text: str | None) -> LintResult:
    with tempfile.TemporaryDirectory(prefix="bench-corpus-") as tmp:
        directory = Path(tmp)
        (directory / "corpus.yaml").write_text(text, encoding="utf-8")
        config = _config(directory, config_text)
        with _inside(directory):
            return lint(("corpus.yaml",), config, select=("P", "A"))


def lint_builtin_catalog() -> LintResult:
    config = load_config(None, ROOT, known_codes())
    with _inside(ROOT):
        return lint(("catalog",), config, select=("P", "A"))


def corpus_results() -> list[tuple[str, LintResult | None]]:
    results: list[tuple[str, LintResult | None]] = [("built-in catalog/", lint_builtin_catalog())]
    for label, file, domain, config in (
        ("Okta event types", "okta_event_types.tsv", "okta", "extends: okta\n"),
        ("WorkOS events", "workos_events.tsv", "workos", None),
    ):
        path = CORPORA / file
        if not path.is_file():
            results.append((label, None))
            continue
        text = names_catalog(_tsv(path), domain, f"{label} (names only).")
        results.append((label, lint_corpus(text, config)))
    return results


# -- printing ------------------------------------------------------------------------------


def _print_scores(report: Report, out: Iterable[str] = ()) -> None:
    rows = report.rows
    counts = Counter(r.expected for r in rows)
    print(f"privacy names: {len(rows)} rows ({', '.join(f'{counts[c]} {c}' for c in EXPECTED_VALUES)})")
    print()
    print(f"{'class':<12}{'rule':<6}{'TP':>5}{'FP':>5}{'FN':>5}{'precision':>11}{'recall':>8}")
    for cls in (*CLASSES, "overall"):
        s = report.scores[cls]
        rule = RULE_OF.get(cls, "P00*")
        print(f"{cls:<12}{rule:<6}{s.tp:>5}{s.fp:>5}{s.fn:>5}{s.precision:>11.3f}{s.recall:>8.3f}")
    print()
    for cls in CLASSES:
        rule = RULE_OF[cls]
        misses = report.false_negatives[cls]
        print(f"false negatives, {cls} ({rule} silent): {len(misses)}")
        for r in misses:
            print(f"  {r.name:<32}{r.type:<11}{r.category:<16}{r.note}")
        wrong = report.false_positives[cls]
        print(f"false positives, {cls} ({rule} reported): {len(wrong)}")
        for r in wrong:
            print(f"  {r.name:<32}{r.type:<11}expected {r.expected} ({r.category}) {r.note}")
    print()


def _print_corpora(results: list[tuple[str, LintResult | None]]) -> None:
    codes = sorted(c for c in known_codes() if c[:1] in "PA")
    print("P and A findings per rule code")
    print(f"{'':<20}{'events':>7}" + "".join(f"{c:>6}" for c in codes) + f"{'total':>7}")
    for label, result in results:
        if result is None:
            print(f"{label:<20}  (corpus not found)")
            continue
        per = Counter(f.rule for f in result.findings)
        other = sum(v for k, v in per.items() if k not in codes)
        print(f"{label:<20}{result.events:>7}" + "".join(f"{per[c]:>6}" for c in codes)
              + f"{sum(per.values()):>7}" + (f"  (+{other} other)" if other else ""))
    print()


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--tsv", type=Path, default=TSV)
    parser.add_argument("--no-corpora", action="store_true")
    args = parser.parse_args(argv)
    started = time.perf_counter()
    try:
        report = measure(load_rows(args.tsv))
        _print_scores(report)
        if not args.no_corpora:
            _print_corpora(corpus_results())
    except (RegistryError, OSError, ValueError, KeyError, yaml.YAMLError) as error:
        # a report: say what went wrong, exit 0
        print(f"bench failed: {type(error).__name__}: {error}", file=sys.stderr)
    print(f"({time.perf_counter() - started:.1f} s)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
