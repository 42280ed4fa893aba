"""The shape docs/architecture.md promises, held by tests: no import circle, writers that
read only the document tree, no XML made from strings, no private python-docx members."""

from __future__ import annotations

import ast
import re
from pathlib import Path

from conftest import REPO

PACKAGE = REPO / "src" / "qtreport"


def module_name(path: Path) -> str:
    parts = path.relative_to(PACKAGE.parent).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def imports_of(path: Path) -> set[str]:
    """Every module `path` imports, at the top, under TYPE_CHECKING or inside a function."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    package = module_name(path).split(".")
    if path.name != "__init__.py":
        package = package[:-1]
    found: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            found.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom):
            if node.level:
                base = package[:len(package) - node.level + 1]
                target = ".".join([*base, node.module] if node.module else base)
            else:
                target = node.module or ""
            found.add(target)
            found.update(f"{target}.{alias.name}" for alias in node.names)
    return found


def graph() -> dict[str, set[str]]:
    """Module -> the modules importing it runs: what it names, and the packages those are
    in (importing a.b.c runs a.b's __init__ first), but for the packages it is in itself."""
    modules = {module_name(p): p for p in PACKAGE.rglob("*.py")}
    edges = {}
    for name, path in modules.items():
        targets = set()
        for imported in imports_of(path):
            parts = imported.split(".")
            for end in range(2, len(parts) + 1):
                candidate = ".".join(parts[:end])
                if candidate in modules and not name.startswith(candidate + "."):
                    targets.add(candidate)
        edges[name] = targets - {name}
    return edges


def test_no_import_circle():
    edges = graph()
    seen: dict[str, int] = {}  # 1 on the path, 2 done

    def visit(name: str, path: list[str]) -> None:
        seen[name] = 1
        for target in sorted(edges[name]):
            if seen.get(target) == 1:
                raise AssertionError(" → ".join([*path, name, target]))
            if target not in seen:
                visit(target, [*path, name])
        seen[name] = 2

    for name in sorted(edges):
        if name not in seen:
            visit(name, [])


def test_writers_and_lints_read_only_the_tree():
    forbidden = ("qtreport.validate", "qtreport.compute", "qtreport.expand", "jinja2",
                 "qtreport.readers", "pydantic")
    for folder in ("writers", "lint"):
        for path in (PACKAGE / folder).rglob("*.py"):
            wrong = {m for m in imports_of(path) if m.startswith(forbidden)}
            if folder == "lint":  # what lints read besides the tree (docs/architecture.md):
                # the allow-list of data/spelling-allow.yaml, the registers of feedback/
                wrong -= {"qtreport.validate.models", "qtreport.validate.models.SpellingAllowList",
                          "qtreport.validate.models.FeedbackRegister"}
            assert not wrong, (path.name, wrong)


# Every module and package of qtreport, by floor: a module imports only what stands on its
# own floor or below (docs/architecture.md draws them). A new module must be given a floor
# here, so that no package is left unguarded.
FLOORS = [
    # the vocabulary everything shares: records, findings, the catalogue, numbers, markup,
    # Word's names, the tree, writing to disk
    ["record", "xmlchars", "numformat", "markup", "numbering", "folding", "diagnostics", "rules",
     "word", "ast", "write", "output"],
    ["readers"],  # load
    ["validate"],
    ["compute"],
    ["expand"],
    ["lint"],
    ["writers"],
    ["diff", "feedback"],  # what the comment round and revisions make of trees
    ["pipeline"],  # check and build
    ["workflows", "watch"],  # the other commands' workflows
    ["cli", "__main__"],
]


def floor_of(module: str) -> int:
    name = module.split(".")[1] if "." in module else ""
    for index, floor in enumerate(FLOORS):
        if name in floor:
            return index
    raise AssertionError(f"{module} has no floor in FLOORS")


def test_every_module_has_a_floor():
    for name in graph():
        if name != "qtreport":
            floor_of(name)


def test_no_module_imports_a_higher_floor():
    for name, targets in graph().items():
        if name == "qtreport":
            continue
        higher = {t for t in targets if t != "qtreport" and floor_of(t) > floor_of(name)}
        assert not higher, (name, higher)


def test_stages_import_no_later_stage():
    order = ["readers", "validate", "compute", "expand", "lint", "writers", "feedback",
             "pipeline", "workflows"]
    for index, stage in enumerate(order):
        later = tuple(f"qtreport.{name}" for name in order[index + 1:])
        folder = PACKAGE / stage
        for path in folder.rglob("*.py") if folder.is_dir() else [folder.with_suffix(".py")]:
            wrong = {m for m in imports_of(path) if m.startswith(later)}
            assert not wrong, (path.relative_to(PACKAGE), wrong)


def _docstrings(tree: ast.AST) -> set[int]:
    ids = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Module | ast.ClassDef | ast.FunctionDef) and node.body and \
                isinstance(node.body[0], ast.Expr) and isinstance(node.body[0].value, ast.Constant):
            ids.add(id(node.body[0].value))
    return ids


def test_no_xml_from_strings_and_no_private_python_docx():
    for path in (PACKAGE / "writers" / "docx").rglob("*.py"):
        source = path.read_text(encoding="utf-8")
        assert "parse_xml" not in source and "nsdecls" not in source, path.name
        assert "fromstring" not in source, path.name
        tree = ast.parse(source)
        docstrings = _docstrings(tree)
        markup = [node.value for node in ast.walk(tree)
                  if isinstance(node, ast.Constant) and isinstance(node.value, str)
                  and id(node) not in docstrings and re.search(r"<[/a-zA-Z]", node.value)]
        assert not markup, (path.name, markup)
        private = [node.attr for node in ast.walk(tree) if isinstance(node, ast.Attribute)
                   and node.attr.startswith("_") and not node.attr.startswith("__")
                   and not (isinstance(node.value, ast.Name) and node.value.id == "self")]
        assert not private, (path.name, private)
