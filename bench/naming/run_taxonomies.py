"""Lint three public audit taxonomies with the naming rules and print the findings per rule.

The taxonomies (bench/naming/*.tsv, sources in bench/naming/README.md) are converted to one
catalog each, under the configuration that fits their style, with the default reserved,
vague and filler word lists:

- Okta System Log event types: dotted, base-form verbs (`user.session.start`);
- WorkOS events: dotted, past tense (`user.created`);
- OCSF IAM activities: `class.activity`, base-form verbs (`account_change.create`);
- OWASP logging vocabulary: single-token names of nouns (`authn_login_fail`), any tense.

    python bench/naming/run_taxonomies.py              # counts per rule and taxonomy
    python bench/naming/run_taxonomies.py --findings   # and every finding, tab-separated
    python bench/naming/run_taxonomies.py --sample 70 --seed 1701
        # a seeded random sample of up to 70 findings per rule (all of a rule with fewer),
        # tab-separated (rule, taxonomy, name, finding, hint), for the hand review
    python bench/naming/run_taxonomies.py --sample 70 --seed 2026 \
        --exclude bench/naming/sample_before.tsv    # a new sample, after the fixes
"""

from __future__ import annotations

import argparse
import csv
import json
import os
import random
import tempfile
from collections import Counter
from pathlib import Path

from registry.catalog.config import load_config
from registry.findings import Finding
from registry.lint.engine import lint
from registry.lint.rules import known_codes

HERE = Path(__file__).parents[2] / "corpora"
RULES = ("N003", "N005", "N010", "N011", "N012", "N013", "N014", "N015")
_COMMON = """naming:
  event_pattern: "^.+$"
  segments: {min: 1, max: 12}
  max_length: 200
"""
TAXONOMIES = {
    "okta": ("okta_event_types.tsv", _COMMON + "  verb_tense: base\n"),
    "workos": ("workos_events.tsv", _COMMON + "  verb_tense: past\n"),
    "ocsf": ("ocsf_iam_activities.tsv", _COMMON + "  verb_tense: base\n"),
    "owasp": ("owasp_vocabulary.tsv", _COMMON + "  verb_tense: any\n"),
}


def catalog_text(names: list[str]) -> str:
    lines = ["domain: corpus", "description: A public audit taxonomy.", "owners: [bench]"]
    lines.append("events:")
    for name in names:
        lines += [
            f"  {json.dumps(name)}:",
            "    description: An event of a public audit taxonomy, converted for the bench.",
            "    category: system",
            "    actor: [system]",
            "    targets: [system]",
        ]
    return "\n".join(lines) + "\n"


def names_of(tsv: str) -> list[str]:
    with (HERE / tsv).open(encoding="utf-8") as handle:
        return sorted({row["name"] for row in csv.DictReader(handle, delimiter="\t")})


def run(taxonomy: str) -> list[Finding]:
    tsv, config_yaml = TAXONOMIES[taxonomy]
    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp)
        (root / "catalog.yaml").write_text(catalog_text(names_of(tsv)), encoding="utf-8")
        (root / "registry.yaml").write_text(config_yaml, encoding="utf-8")
        config = load_config(str(root / "registry.yaml"), root, known_codes())
        cwd = os.getcwd()
        os.chdir(root)
        try:
            result = lint(("catalog.yaml",), config, select=RULES)
        finally:
            os.chdir(cwd)
    return [f for f in result.findings if f.rule in RULES]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--findings", action="store_true", help="print every finding")
    parser.add_argument("--sample", type=int, default=0, help="findings per rule to sample")
    parser.add_argument("--seed", type=int, default=17, help="seed of the sample")
    parser.add_argument(
        "--exclude",
        type=Path,
        help="a reviewed sample (TSV with rule and name columns): draw other findings of a rule "
        "while it has enough unreviewed ones",
    )
    args = parser.parse_args()
    print("taxonomy\t" + "\t".join(RULES))
    found = {taxonomy: run(taxonomy) for taxonomy in TAXONOMIES}
    for taxonomy, findings in found.items():
        counts = Counter(f.rule for f in findings)
        print(taxonomy + "\t" + "\t".join(str(counts[rule]) for rule in RULES))
    if args.findings:
        for taxonomy, findings in found.items():
            for f in findings:
                print(f"{taxonomy}\t{f.rule}\t{f.message}")
    if args.sample:
        rng = random.Random(args.seed)
        every = [(t, f) for t, findings in found.items() for f in findings]
        reviewed: set[tuple[str, str]] = set()
        if args.exclude:
            with args.exclude.open(encoding="utf-8") as handle:
                rows = csv.DictReader(handle, delimiter="\t")
                reviewed = {(row["rule"], row["name"]) for row in rows}
        for rule in RULES:
            of_rule = [(t, f) for t, f in every if f.rule == rule]
            fresh = [(t, f) for t, f in of_rule if (rule, f.event or "") not in reviewed]
            if len(fresh) >= args.sample:
                of_rule = fresh
            picked = rng.sample(of_rule, min(args.sample, len(of_rule)))
            for taxonomy, f in sorted(picked, key=lambda pair: (pair[0], pair[1].event or "")):
                print(f"{rule}\t{taxonomy}\t{f.event}\t{f.message}\t{f.hint or ''}")


if __name__ == "__main__":
    main()
