"""List the action words of the public taxonomies in bench/naming/ that the verb lexicon
(registry/lint/lexicon.py) does not know, with counts: the input for growing the lexicon.

Okta names end in a base-form verb (`user.session.start`), WorkOS names in a past-tense one
(`user.created`), OCSF activities are base-form verbs or phrases (`account_change.create`).
A word printed here is either a verb to add to the lexicon (with the taxonomy as its source
note) or a noun, which the rules must keep reporting.

    python bench/naming/derive_verbs.py
"""

from __future__ import annotations

import csv
from collections import Counter
from pathlib import Path

from registry.lint.lexicon import is_base, is_past

HERE = Path(__file__).parents[2] / "corpora"
TAXONOMIES = ("okta_event_types", "workos_events", "ocsf_iam_activities")


def unknown_words() -> Counter[tuple[str, str]]:
    counts: Counter[tuple[str, str]] = Counter()
    for taxonomy in TAXONOMIES:
        with (HERE / f"{taxonomy}.tsv").open(encoding="utf-8") as handle:
            for row in csv.DictReader(handle, delimiter="\t"):
                action = [w for w in row["name"].rsplit(".", 1)[-1].lower().split("_") if w]
                for word in {action[0], action[-1]} if action else set():
                    if not is_base(word) and not is_past(word):
                        counts[(taxonomy, word)] += 1
    return counts


def main() -> None:
    for (taxonomy, word), count in unknown_words().most_common():
        print(f"{count}\t{taxonomy}\t{word}")


if __name__ == "__main__":
    main()
