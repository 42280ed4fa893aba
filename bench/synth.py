"""Synthetic reports N times the real one: every section file, footnote and appendix row of
data/ copied N times under new ids, so the benchmark can show how time grows with size.

    python bench/synth.py 10 /tmp/report-10x     # writes data/ and templates/ there
"""

from __future__ import annotations

import re
import shutil
import sys
from pathlib import Path
from typing import Any

import yaml

REPO = Path(__file__).resolve().parent.parent
MARK = re.compile(r"\[\^([a-z0-9-]+)\]")


class _PlainDumper(yaml.SafeDumper):
    """No anchors and aliases: the report's format refuses them (QT006)."""

    def ignore_aliases(self, data: Any) -> bool:
        return True


def _dump(data: Any, path: Path) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(yaml.dump(data, Dumper=_PlainDumper, allow_unicode=True, sort_keys=False,
                              width=1000), encoding="utf-8")


def _rename(node: Any, suffix: str, copies: dict[str, str]) -> Any:
    """A copy of a section with footnote ids and included files made unique by `suffix`."""
    if isinstance(node, str):
        return MARK.sub(lambda m: f"[^{m.group(1)}{suffix}]", node)
    if isinstance(node, list):
        return [_rename(item, suffix, copies) for item in node]
    if isinstance(node, dict):
        out = {}
        for key, value in node.items():
            if key == "include":
                copies[value] = value.replace(".yaml", f"{suffix}.yaml")
                out[key] = copies[value]
            elif key == "footnotes":
                out[key] = {k + suffix: _rename(v, suffix, copies) for k, v in value.items()}
            else:
                out[key] = _rename(value, suffix, copies)
        return out
    return node


def _copy_section(rel: str, suffix: str, data_in: Path, data_out: Path) -> dict:
    data = yaml.safe_load((data_in / rel).read_text(encoding="utf-8"))
    copies: dict[str, str] = {}
    renamed = _rename(data, suffix, copies)
    for original, copy in copies.items():
        _dump(_copy_section(original, suffix, data_in, data_out), data_out / copy)
    return renamed


def _indicators(node: Any, suffix: str) -> Any:
    if isinstance(node, list):
        return [_indicators(item, suffix) for item in node]
    if isinstance(node, dict):
        return {k: (v + suffix if k == "id" else _indicators(v, suffix)) for k, v in node.items()}
    return node


def make(factor: int, out: Path) -> None:
    data_in, data_out = REPO / "data", out / "data"
    if out.exists():
        shutil.rmtree(out)
    shutil.copytree(REPO / "templates", out / "templates")
    shutil.copytree(data_in, data_out)
    for part in ("sections/phan-1.yaml", "sections/phan-2.yaml"):
        original = yaml.safe_load((data_in / part).read_text(encoding="utf-8"))
        merged = dict(original)
        merged["sections"] = list(original["sections"])
        merged["footnotes"] = dict(original.get("footnotes", {}))
        for k in range(1, factor):
            copy = _copy_section(part, f"-x{k}", data_in, data_out)
            merged["sections"] += copy["sections"]
            merged["body"] = merged.get("body", []) + copy.get("body", [])
            merged["footnotes"].update(copy.get("footnotes", {}))
        _dump(merged, data_out / part)
    targets = yaml.safe_load((data_in / "targets_2020_2025.yaml").read_text(encoding="utf-8"))
    years = {p: yaml.safe_load(p.read_text(encoding="utf-8"))
             for p in (data_in / "actuals").glob("*.yaml")}
    for appendix in targets["appendices"]:
        rows = appendix["groups"] if appendix.get("groups") else appendix["indicators"]
        extra = [_indicators(row, f"-x{k}") for k in range(1, factor) for row in rows]
        rows.extend(extra)
    figures = targets.get("figures", [])
    figures.extend([_indicators(row, f"-x{k}") for k in range(1, factor) for row in figures])
    for path, year in years.items():
        values = dict(year["values"])
        for k in range(1, factor):
            values.update({f"{key}-x{k}": value for key, value in year["values"].items()})
        year["values"] = values
        _dump(year, data_out / "actuals" / path.name)
    _dump(targets, data_out / "targets_2020_2025.yaml")


if __name__ == "__main__":
    make(int(sys.argv[1]), Path(sys.argv[2]))
