"""`registry export`: one zip archive an auditor can check without the system that wrote it.

Inside: `records.jsonl` (the selected records, their exact lines), `logs/` (every log file a
selected record came from, with its family's checkpoint and head files when present: what
`registry verify-log` proves them with), `public-key.pem` (when given), `docs/` (the catalog's
Markdown pages of the events involved, when given), `ocsf.jsonl` (with `--format ocsf`: the
records as OCSF events, see `registry.query.ocsf`) and `README.txt` (how to verify, and which
events have no OCSF mapping). Entries are written in a fixed order with a fixed time stamp, so
one selection gives one archive.
"""

from __future__ import annotations

import os
import zipfile
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Final

from registry.escape.terminal import plural, printable
from registry.query.ocsf import OCSF_VERSION, Converted
from registry_runtime.rotation import CHECKPOINT_SUFFIX, HEAD_SUFFIX, families, rotated_index

STAMP: Final = (1980, 1, 1, 0, 0, 0)
RECORDS: Final = "records.jsonl"
PUBLIC_KEY: Final = "public-key.pem"
OCSF: Final = "ocsf.jsonl"
README: Final = """\
Audit records exported by `registry export`
===========================================

records.jsonl    the {count} selected record(s), one JSON object per line, exactly as written
logs/            the log files they came from, with their checkpoint (.checkpoints) and
                 head (.head) files when the log had them
{key_line}{docs_line}{ocsf_lines}
To check that the records are genuine and complete (install: pip install audit-registry):

  registry verify-log logs/{key_option}
      proves each log intact: every record present, in order, unaltered{sealed}

  registry query logs/ --format jsonl > all.jsonl
      reads every record of the logs; each line of records.jsonl is one of them, byte for
      byte (e.g. `grep -Fxf records.jsonl all.jsonl | wc -l` gives {count})

  registry prove logs/ --id ID --out proof.json
  registry verify-proof proof.json{key_option}
      the inclusion proof of one record (ID: its "id") against a signed checkpoint
"""


@dataclass(frozen=True, slots=True)
class Selected:
    """What the query selected: the records' exact lines and the files they came from."""

    lines: tuple[str, ...]
    files: tuple[str, ...]
    events: tuple[str, ...]


def proving_files(files: Iterable[str]) -> list[str]:
    """Every file of the families of `files` (a chain is proven from its first file on), then
    their checkpoint and head files that exist."""
    found: dict[str, None] = {}
    for path in sorted(set(files)):
        active = rotated_index(path)[0]
        family = families([os.path.dirname(path) or "."]).get(active, [path])
        found.update(dict.fromkeys(family if path in family else [path]))
        for side in (active + CHECKPOINT_SUFFIX, active + HEAD_SUFFIX):
            if os.path.isfile(side):
                found.setdefault(side)
    return list(found)


def _archive_names(paths: list[str]) -> dict[str, str]:
    """`logs/<name>`, made unique when two directories hold files of one name."""
    names: dict[str, str] = {}
    taken: set[str] = set()
    for path in paths:
        name = os.path.basename(path)
        candidate, number = name, 1
        while candidate in taken:
            number += 1
            candidate = f"{number}-{name}"
        taken.add(candidate)
        names[path] = "logs/" + candidate
    return names


def write_archive(
    out: str,
    selected: Selected,
    *,
    public_key: str | None = None,
    docs: Mapping[str, str] | None = None,
    ocsf: Converted | None = None,
) -> list[str]:
    """Write the archive to `out`; the names of its entries."""
    entries: list[str] = []

    def add(archive: zipfile.ZipFile, name: str, data: bytes) -> None:
        info = zipfile.ZipInfo(name, STAMP)
        info.compress_type = zipfile.ZIP_DEFLATED
        archive.writestr(info, data)
        entries.append(name)

    readme = README.format(
        count=len(selected.lines),
        key_line=f"{PUBLIC_KEY}   the public key the checkpoints are signed with\n"
        if public_key
        else "",
        docs_line="docs/           the catalog's pages for the events involved\n" if docs else "",
        key_option=f" --public-key {PUBLIC_KEY}" if public_key else "",
        sealed=", and sealed by checkpoints signed with the key" if public_key else "",
        ocsf_lines=ocsf_readme(ocsf) if ocsf is not None else "",
    )
    with zipfile.ZipFile(out, "w") as archive:
        add(archive, "README.txt", readme.encode("utf-8"))
        add(archive, RECORDS, "".join(line + "\n" for line in selected.lines).encode("utf-8"))
        names = _archive_names(proving_files(selected.files))
        for path, name in names.items():
            with open(path, "rb") as handle:
                add(archive, name, handle.read())
        if public_key is not None:
            with open(public_key, "rb") as handle:
                add(archive, PUBLIC_KEY, handle.read())
        for name, text in sorted((docs or {}).items()):
            add(archive, "docs/" + name, text.encode("utf-8"))
        if ocsf is not None:
            add(archive, OCSF, "".join(line + "\n" for line in ocsf.lines).encode("utf-8"))
    return entries


def unmapped_lines(ocsf: Converted) -> list[str]:
    """`EVENT: N records (why)` for each selected event with no OCSF mapping."""
    return [
        f"{printable(u.event)}: {plural(count, 'record')} ({u.why})" for u, count in ocsf.unmapped
    ]


def ocsf_readme(ocsf: Converted) -> str:
    text = (
        f"{OCSF}       {plural(len(ocsf.lines), 'record')} as OCSF {OCSF_VERSION} events: class "
        "and activity from the\n                 catalog's xref (ocsf_class, ocsf_activity)\n"
    )
    if ocsf.unmapped:
        text += "\nNot in ocsf.jsonl (left out, never guessed):\n"
        text += "".join(f"  {line}\n" for line in unmapped_lines(ocsf))
    return text
