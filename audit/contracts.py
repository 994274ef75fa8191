"""The published data contracts in ``schemas/``: the frame schemas as YAML (from the Pandera
models), the claim file's and findings.json's JSON Schemas. ``audit schemas`` writes them; a test keeps them in sync."""

from __future__ import annotations

import json
import warnings
from pathlib import Path

from audit.claimfile import CLAIM_FILE_SCHEMA
from audit.validate import MODELS

__all__ = ["contracts", "write_contracts", "stale_contracts"]


def _model_yaml(model) -> str:
    """Pandera's YAML export, plus the frame-level checks it cannot serialise (named, with their message)."""
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", UserWarning)  # "only registered checks may be serialized"
        text = model.to_yaml()
    checks = [check for check in model.to_schema().checks if check.name]
    if checks:
        text += "frame_checks:  # checked on whole rows; not expressible as column statistics\n"
        text += "".join(f"  {check.name}: {check.error}\n" for check in checks)
    return text


def contracts() -> dict[str, str]:
    """File name -> content of every published contract."""
    files = {f"{name}.yaml": _model_yaml(model) for name, model in MODELS.items()}
    files["claim-file.schema.json"] = json.dumps(CLAIM_FILE_SCHEMA, indent=2, ensure_ascii=False) + "\n"
    from audit.report.json_format import FINDINGS_SCHEMA  # the shape of findings.json, beside the renderer that writes it

    files["findings.schema.json"] = json.dumps(FINDINGS_SCHEMA, indent=2, ensure_ascii=False) + "\n"
    return files


def write_contracts(folder: Path) -> list[Path]:
    folder.mkdir(parents=True, exist_ok=True)
    written = []
    for name, content in contracts().items():
        (folder / name).write_text(content, encoding="utf-8")
        written.append(folder / name)
    return written


def stale_contracts(folder: Path) -> list[str]:
    """Names of contracts in ``folder`` that are missing or differ from the code."""
    return [name for name, content in contracts().items()
            if not (folder / name).is_file() or (folder / name).read_text("utf-8") != content]
