"""Write tests/patterns/real_world.jsonl: regular expressions that real projects ship.

Run once, by hand, and commit the data file (the tests never download anything):

    pip download detect-secrets truffleHogRegexes whispers --no-deps -d /tmp/wheels
    python tests/patterns/extract_real_world.py /tmp/wheels/*.whl

Sources: phonenumbers' metadata (installed: every region's number patterns, short-number patterns,
format patterns and leading-digit patterns), python-stdnum's modules (installed), and the rule sets of the
secret scanners detect-secrets, truffleHogRegexes and whispers (read from their wheels as
data, never imported). Patterns Python's `re` does not compile, or compiles only with a
warning, are left out: the lint reports those as R008 before any R013.
"""

from __future__ import annotations

import ast
import json
import re
import sys
import warnings
import zipfile
from pathlib import Path

OUT = Path(__file__).with_name("real_world.jsonl")
DESCS = [
    "general_desc",
    "fixed_line",
    "mobile",
    "toll_free",
    "premium_rate",
    "shared_cost",
    "personal_number",
    "voip",
    "pager",
    "uan",
    "voicemail",
    "no_international_dialling",
]


SHORT_DESCS = [
    "general_desc",
    "toll_free",
    "premium_rate",
    "emergency",
    "short_code",
    "standard_rate",
    "carrier_specific",
    "sms_services",
]


def phonenumbers_patterns() -> list[tuple[str, str]]:
    import phonenumbers
    from phonenumbers.phonemetadata import PhoneMetadata

    found = []
    for region in sorted(phonenumbers.SUPPORTED_REGIONS):
        metadata = PhoneMetadata.metadata_for_region(region)
        source = f"phonenumbers {phonenumbers.__version__} {region}"
        for name in DESCS:
            desc = getattr(metadata, name)
            if desc is not None and desc.national_number_pattern:
                found.append((f"{source} {name}", desc.national_number_pattern))
        for number_format in metadata.number_format:
            found.append((f"{source} number_format", number_format.pattern))
            found.extend(
                (f"{source} leading_digits", p) for p in number_format.leading_digits_pattern
            )
        short = PhoneMetadata.short_metadata_for_region(region)
        for name in SHORT_DESCS if short is not None else ():
            desc = getattr(short, name)
            if desc is not None and desc.national_number_pattern:
                found.append((f"{source} short {name}", desc.national_number_pattern))
        if metadata.national_prefix_for_parsing:
            found.append(
                (f"{source} national_prefix_for_parsing", metadata.national_prefix_for_parsing)
            )
    return found


def _compile_calls(text: str) -> list[str]:
    """The constant first arguments of re.compile(...) calls in Python source."""
    found = []
    for node in ast.walk(ast.parse(text)):
        if (
            isinstance(node, ast.Call)
            and isinstance(node.func, ast.Attribute)
            and node.func.attr in {"compile", "match", "fullmatch", "search"}
            and node.args
            and isinstance(node.args[0], ast.Constant)
            and isinstance(node.args[0].value, str)
        ):
            found.append(node.args[0].value)
    return found


def stdnum_patterns() -> list[tuple[str, str]]:
    import stdnum

    root = Path(stdnum.__file__).parent
    found = []
    for path in sorted(root.rglob("*.py")):
        for pattern in _compile_calls(path.read_text(encoding="utf-8")):
            found.append((f"python-stdnum {stdnum.__version__} {path.relative_to(root)}", pattern))
    return found


def wheel_patterns(wheel: Path) -> list[tuple[str, str]]:
    found = []
    name = wheel.name.split("-")[0] + " " + wheel.name.split("-")[1]
    with zipfile.ZipFile(wheel) as archive:
        for member in sorted(archive.namelist()):
            data = archive.read(member).decode("utf-8", "replace")
            if member.endswith(".py") and "/plugins/" in member:
                found.extend((f"{name} {member}", p) for p in _compile_calls(data))
            elif member.endswith("regexes.json"):
                found.extend((f"{name} {member} {k}", v) for k, v in json.loads(data).items())
            elif member.endswith((".yml", ".yaml")) and "/rules/" in member:
                import yaml

                for rule in yaml.safe_load(data) or []:
                    for part in ("key", "value"):
                        spec = rule.get(part) if isinstance(rule, dict) else None
                        if isinstance(spec, dict) and isinstance(spec.get("regex"), str):
                            found.append(
                                (f"{name} {member} {rule.get('id')} {part}", spec["regex"])
                            )
    return found


def compiles(pattern: str) -> bool:
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("error")
            re.compile(pattern)
    except (re.error, Warning):
        return False
    return True


def main(wheels: list[str]) -> None:
    rows = phonenumbers_patterns() + stdnum_patterns()
    for wheel in wheels:
        rows += wheel_patterns(Path(wheel))
    seen: set[str] = set()
    with OUT.open("w", encoding="utf-8") as out:
        for source, pattern in rows:
            if pattern in seen or not compiles(pattern):
                continue
            seen.add(pattern)
            out.write(json.dumps({"source": source, "pattern": pattern}) + "\n")
    print(f"{len(seen)} patterns written to {OUT}")


if __name__ == "__main__":
    main(sys.argv[1:])
