"""Coverage reports as text (terminal), JSON (tools) and Markdown (pull-request comments)."""

from __future__ import annotations

import json

from registry.coverage.compute import CoverageReport, ItemResult
from registry.escape.markdown import md_code, md_escape

BUILTIN_INCLUDE = "include: [builtin:security]"


def hint_text(item: ItemResult) -> str:
    """What to do about a gap, in one sentence."""
    rid = item.requirement.id
    if item.hint is None:
        return f"add an event that declares `covers: [{rid}]`"
    if item.hint_in_catalog:
        like = (
            f"the category and outcomes of the baseline's {item.hint}"
            if item.hint_in_baseline
            else "the category and outcomes the requirement matches"
        )
        return (
            f"{item.hint} is in the catalog but does not cover it: give it {like}, "
            f"or declare `covers: [{rid}]`"
        )
    if item.hint_in_baseline:
        return f"add {item.hint} from the baseline ({BUILTIN_INCLUDE}, or copy it from there)"
    return f"add {item.hint} (profile {item.hint_from} names it) with `covers: [{rid}]`"


def _items(count: int) -> str:
    return f"{count} required item{'s' * (count != 1)}"


def _events(count: int) -> str:
    return f"{count} event" if count == 1 else f"{count} events"


def _status(item: ItemResult) -> str:
    if item.covered:
        return "ok"
    return "GAP" if item.requirement.required else "-"


def _covered_by(item: ItemResult) -> str:
    parts = list(item.events)
    if item.envelope:
        parts.append(f"(envelope: {item.envelope})")
    return ", ".join(parts)


def format_text(report: CoverageReport) -> str:
    lines: list[str] = []
    for result in report.profiles:
        total = len(result.items)
        lines.append(
            f"{result.profile.name}: {result.profile.title} "
            f"({result.covered}/{total} covered, {len(result.gaps)} required missing)"
        )
        width = max(len(item.requirement.item) for item in result.items)
        for item in result.items:
            requirement = item.requirement
            optional = "" if requirement.required else " (optional)"
            lines.append(
                f"  {_status(item):<3}  {requirement.item:<{width}}  {requirement.title}{optional}"
            )
            if item.covered:
                lines.append(f"       {'':<{width}}  covered by: {_covered_by(item)}")
            elif requirement.required:
                if item.missing:
                    lines.append(f"       {'':<{width}}  missing: {', '.join(item.missing)}")
                lines.append(f"       {'':<{width}}  hint: {hint_text(item)}")
        lines.append("")
    gaps = report.gaps
    if gaps:
        lines.append(f"{_items(gaps)} not covered by the {_events(report.events)}.")
    else:
        lines.append(f"Every required item is covered by the {_events(report.events)}.")
    return "\n".join(lines) + "\n"


def as_data(report: CoverageReport) -> dict[str, object]:
    return {
        "profiles": [
            {
                "profile": result.profile.name,
                "title": result.profile.title,
                "source": result.profile.source or result.profile.path or "",
                "covered": result.covered,
                "total": len(result.items),
                "requirements": [
                    {
                        "id": item.requirement.id,
                        "item": item.requirement.item,
                        "title": item.requirement.title,
                        "required": item.requirement.required,
                        "covered": item.covered,
                        "events": list(item.events),
                        "envelope": item.envelope,
                        "missing": list(item.missing),
                        "hint": hint_text(item) if item.gap else None,
                        "hint_event": item.hint if item.gap else None,
                    }
                    for item in result.items
                ],
            }
            for result in report.profiles
        ],
        "summary": {"events": report.events, "gaps": report.gaps},
    }


def format_json(report: CoverageReport) -> str:
    return json.dumps(as_data(report), indent=2) + "\n"


def format_markdown(report: CoverageReport) -> str:
    out: list[str] = ["## Security event coverage", ""]
    for result in report.profiles:
        profile = result.profile
        out += [
            f"### {md_escape(profile.title, table=False)} ({md_code(profile.name)})",
            "",
            (
                f"{result.covered} of {len(result.items)} items covered; "
                f"{_items(len(result.gaps))} missing."
            ),
            "",
            "| | Requirement | Covered by | To do |",
            "|---|---|---|---|",
        ]
        for item in result.items:
            requirement = item.requirement
            mark = {"ok": "✅", "GAP": "❌", "-": "➖"}[_status(item)]
            title = md_escape(requirement.title)
            if not requirement.required:
                title += " (optional)"
            covered = ", ".join(md_code(e) for e in item.events)
            if item.envelope:
                covered = ", ".join(filter(None, [covered, f"envelope {md_code(item.envelope)}"]))
            todo = md_escape(hint_text(item)) if item.gap else ""
            out.append(
                f"| {mark} | {md_code(requirement.item)} {title} | {covered or '–'} | {todo} |"
            )
        out.append("")
    out.append(
        f"{_items(report.gaps)} not covered." if report.gaps else "Every required item is covered."
    )
    return "\n".join(out) + "\n"


FORMATTERS = {"text": format_text, "json": format_json, "markdown": format_markdown}
