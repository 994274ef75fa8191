"""``audit init [NAME]``: a new case folder a newcomer can fill in without reading the source.

Writes ``case.yaml`` (every key explained in a comment), ``articles/`` with one example article
(front matter explained in its comments; delete it once a real story is in), and an empty
``claims/`` with a README line on what goes there. Never overwrites: a folder that already holds
a case.yaml is refused.
"""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path

from audit.errors import AuditError

__all__ = ["init_case", "EXAMPLE_ARTICLE"]

CLAIM_SCHEMA_URL = "https://raw.githubusercontent.com/source-discrepancy-auditor/source-discrepancy-auditor/main/schemas/claim-file.schema.json"

_CASE_YAML = """\
# A case: several outlets' stories about one event. `audit check {folder}` audits it.
# Every key is optional except title; delete the comments you no longer need.

title: {title}

# The event's country, as an ISO 3166-1 alpha-2 code (KH, PK, PH, ...): place names in the
# articles are looked up in it first ("Sindh" -> PK-SD). Leave it out to let the auditor guess.
{country_line}

# The days the event covers, [first, last] as YYYY-MM-DD. Figures without a date of their own
# ("so far", "this week") are read as counts over this period.
# period: [{today}, {today}]

# Metadata for articles whose file carries none (a .txt page, a .md without front matter).
# The key is the article's file name without its suffix.
# sources:
#   some-story-2025-07-17:
#     outlet: The Example Times
#     url: https://example.org/some-story
#     published: 2025-07-17

# Rule selection and failing level for this case (like [tool.audit] in pyproject.toml).
# settings:
#   ignore: [SUM003]
#   fail-on: warning

# Local spellings of places the gazetteer does not know, mapped to ISO 3166-2 codes.
# places:
#   Sihanoukville: KH-18

# Accept one finding, with a reason shown in every report.
# waivers:
#   - rule: PLACE001
#     claims: [tv-provinces]
#     reason: the outlet uses the town's name for its province
"""

#: The example article: made-up figures in this project's own words, showing the front matter.
EXAMPLE_ARTICLE = """\
---
# The front matter: what the auditor knows about the story besides its text.
# title is read as the story's headline (its figures are checked against the body's);
# published (YYYY-MM-DD) dates "on Monday" and "so far" in the text.
# Delete this example once your first real article is in articles/.
title: Storm leaves 14 dead and about 2,000 homes damaged
outlet: The Example Gazette
url: https://example.org/storm-report
published: {today}
---
At least 14 people died when a storm crossed the coast on Sunday, the disaster agency said.

The agency said about 2,000 homes were damaged, 1,200 of them in the two districts nearest
the sea, and more than 300 families were moved to shelters.
"""

_CLAIMS_README = """\
Claim files: claims/<article file name>.yaml, one per article, holding the figures a person
checked. Write them with `audit extract --case {folder}`, review each claim against its article,
then set `reviewed: true`. An article without a claim file is read by the extractor on every
audit. The first line of each claim file can point your editor at the schema:
# yaml-language-server: $schema={schema}
"""


def _title(name: str) -> str:
    words = re.sub(r"[-_]+", " ", name).strip()
    return words[:1].upper() + words[1:] if words else "A new case"


def init_case(folder: Path, country: str | None = None, today: dt.date | None = None) -> list[Path]:
    """Write a case skeleton into ``folder`` (created); returns the files written."""
    folder = Path(folder)
    if (folder / "case.yaml").exists():
        raise AuditError(f"{folder}: already a case (it has case.yaml); nothing written")
    if country is not None:
        import pycountry

        if len(country) != 2 or pycountry.countries.get(alpha_2=country.upper()) is None:
            raise AuditError(f"--country must be an ISO 3166-1 alpha-2 code such as PK or KH, got {country!r}")
        country = country.upper()
    today = today or dt.date.today()
    name = folder.resolve().name
    shown = folder.as_posix()
    country_line = f"country: {country}" if country else "# country: PK"
    files = {
        folder / "case.yaml": _CASE_YAML.format(folder=shown, title=_title(name), country_line=country_line,
                                                today=today.isoformat()),
        folder / "articles" / f"example-{today.isoformat()}.md": EXAMPLE_ARTICLE.format(today=today.isoformat()),
        folder / "claims" / "README.txt": _CLAIMS_README.format(folder=shown, schema=CLAIM_SCHEMA_URL),
    }
    for path, content in files.items():
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(content, encoding="utf-8")
    return list(files)
