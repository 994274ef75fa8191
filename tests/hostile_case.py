"""A case whose article, metadata and claims try to inject markup into the reports (used by the report tests)."""

from __future__ import annotations

from pathlib import Path

import yaml

SCRIPT = "<script>alert('pwned')</script>"
IMAGE = '"><img src=x onerror=alert(1)>'
HEADLINE = f"Police detain 1,000 {SCRIPT} in raids"
BODY = f"Officers detained over 1,000 people {IMAGE} across the country, the ministry @octocat said."


def write_hostile_case(root: Path, name: str = "hostile") -> Path:
    """A case with one source whose headline (1,000) contradicts its body (over 1,000): an AGREE002 finding."""
    case = root / name
    (case / "articles").mkdir(parents=True)
    (case / "claims").mkdir()
    (case / "case.yaml").write_text(yaml.safe_dump({"title": f"Hostile {SCRIPT}", "country": "KH"}), "utf-8")
    front = {"title": HEADLINE, "outlet": f"Outlet {SCRIPT}", "url": "javascript:alert(1)", "published": "2025-07-17"}
    (case / "articles" / "evil.md").write_text(f"---\n{yaml.safe_dump(front)}---\n{BODY}\n", "utf-8")
    text = f"{HEADLINE}\n\n{BODY}\n"  # the article as read: the front matter's title, a blank line, the body
    headline = f"Police detain 1,000 {SCRIPT}"
    body = f"over 1,000 people {IMAGE}"
    claims = [
        {"id": "headline", "text": headline, "start": text.index(headline), "end": text.index(headline) + len(headline),
         "value": 1000, "qualifier": "exact", "measure": "detained", "place": ["KH"], "role": "headline"},
        {"id": "body", "text": body, "start": text.index(body), "end": text.index(body) + len(body),
         "value": 1000, "qualifier": "more_than", "measure": "detained", "place": ["KH"]},
    ]
    (case / "claims" / "evil.yaml").write_text(yaml.safe_dump({"source": "evil", "reviewed": True, "claims": claims}), "utf-8")
    return case
