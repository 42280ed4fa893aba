"""Stage 1, load: read every YAML file under data/ (and templates/) into plain data with the
line and column of every key and item.

PyYAML's safe loader is used only to *compose* nodes; we build the Python values ourselves
so that we can (a) record the line of every key and item, (b) refuse what PyYAML would
silently accept: duplicate keys, anchors and aliases (and with them "billion laughs"),
tabs in indentation, non-UTF-8 bytes, non-standard tags, and escapes of characters a Word
document cannot store ("\x01" in a double-quoted string).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from .. import rules
from ..diagnostics import Findings, Rule, SourceRef
from ..record import Record
from ..xmlchars import XML_ILLEGAL

MAX_FILE_BYTES = 2_000_000  # the whole real report is ~200 kB; anything this big is a mistake
Path_ = tuple[str | int, ...]  # a path into a document: keys and list indexes


@dataclass(kw_only=True)
class SourceFile:
    """One loaded YAML file: its data and the line and column of every node, by path."""

    name: str  # path as the user sees it, e.g. "data/sections/phan-1.yaml"
    data: Any
    lines: dict[Path_, int] = field(default_factory=dict)
    columns: dict[Path_, int] = field(default_factory=dict)  # 1-based, where the node starts
    number_text: dict[Path_, str] = field(default_factory=dict)  # "6.150" as written
    text: str = ""  # the file as read

    def line_of(self, path: Path_) -> int:
        """Line of the node at `path`, or of its nearest ancestor that has one."""
        return self.ref(path).line

    def find_words(self, line: int, words: str) -> SourceRef | None:
        """Where `words` are written in the node that starts at `line` (its line, and the
        more indented lines under it): a folded paragraph may break them across lines. None
        when they are not written as such (a template printed them)."""
        lines = self.text.splitlines()
        if not 1 <= line <= len(lines) or not words.strip():
            return None
        indent = len(lines[line - 1]) - len(lines[line - 1].lstrip())
        end = line
        while end < len(lines) and (not lines[end].strip() or
                                    len(lines[end]) - len(lines[end].lstrip()) > indent):
            end += 1
        block = "\n".join(lines[line - 1:end])
        pattern = r"\s+".join(re.escape(w) for w in words.split(" ")) if "  " not in words \
            else re.escape(words)
        if words[0].isalnum():
            pattern = r"(?<!\w)" + pattern
        if words[-1].isalnum():
            pattern += r"(?!\w)"
        found = re.search(pattern, block)
        if found is None:
            return None
        before = block[:found.start()]
        return SourceRef(self.name, line + before.count("\n"),
                         found.start() - (before.rfind("\n") + 1) + 1)

    def ref(self, path: Path_ = ()) -> SourceRef:
        """Where the node at `path` was written, or its nearest ancestor that was."""
        path = tuple(path)
        while path not in self.lines and path:
            path = path[:-1]
        return SourceRef(self.name, self.lines.get(path, 1), self.columns.get(path, 0))


class _Reject(Exception):
    def __init__(self, line: int, column: int, rule: Rule, message: str, message_en: str,
                 hint: str = ""):
        super().__init__(message_en)
        self.line, self.column, self.rule = line, column, rule
        self.message, self.message_en, self.hint = message, message_en, hint


def is_report_file(path: Path, folder: Path) -> bool:
    """A YAML file of the report under `folder`. Hidden files and folders are not (an
    editor's lock file ".#kinh-te.yaml", a ".backup/" copy): neither `check` reads them nor
    does `watch` rebuild for them."""
    relative = path.relative_to(folder)
    return path.suffix in (".yaml", ".yml") and \
        not any(part.startswith((".", "#")) for part in relative.parts)


class LoadedSources(Record, kw_only=True):
    """Every YAML source of one report, loaded: what the validate stage reads."""

    data: dict[str, SourceFile]  # every file under data/, by its name
    data_name: str  # how data/ is named in findings ("data")
    styles: SourceFile | None  # templates/styles.yaml
    front_matter: SourceFile | None  # templates/front-matter.yaml
    layouts: dict[str, SourceFile]  # templates/appendices/<layout>.yaml, by layout
    feedback: dict[str, SourceFile]  # feedback/<round>.yaml, the registers of comment rounds

    def texts(self) -> dict[str, str]:
        """Every file of data/ and templates/ as read, by name."""
        return {name: file.text for name, file in self._files().items()}

    def _files(self) -> dict[str, SourceFile]:
        return {**self.data, **{f.name: f for f in (self.styles, self.front_matter,
                                                      *self.layouts.values()) if f}}

    def digest(self) -> str:
        """A fingerprint of every source as read: the same files give the same digest. A
        built document carries it, so a copy that comes back says which sources made it."""
        from hashlib import sha256

        files = self._files()
        hasher = sha256()
        for name in sorted(files):
            hasher.update(f"{name}\0{files[name].text}\0".encode())
        return hasher.hexdigest()[:16]


def load_sources(data_dir: Path, templates_dir: Path, root: Path, findings: Findings,
                 feedback_dir: Path | None = None,
                 feedback_findings: Findings | None = None) -> LoadedSources:
    """Load data/, templates/ and feedback/, reporting every file that cannot be read (a
    register's into `feedback_findings`, if given: they are the comment round's)."""
    def template(name: str) -> SourceFile | None:
        path = templates_dir / name
        return load_file(path, _name(path, root), findings, inside=templates_dir)

    layouts = {}
    for path in sorted((templates_dir / "appendices").glob("*.yaml")):
        if is_report_file(path, templates_dir):
            loaded = load_file(path, _name(path, root), findings, inside=templates_dir)
            if loaded is not None:
                layouts[path.stem] = loaded
    feedback = load_tree(feedback_dir, root, feedback_findings or findings) \
        if feedback_dir is not None and feedback_dir.is_dir() else {}
    return LoadedSources(
        data=load_tree(data_dir, root, findings),
        data_name=_name(data_dir, root),
        styles=template("styles.yaml"),
        front_matter=template("front-matter.yaml"),
        layouts=layouts,
        feedback=feedback,
    )


def _name(path: Path, root: Path) -> str:
    """A path as findings name it: relative to the repository when it is inside."""
    return path.relative_to(root).as_posix() if path.is_relative_to(root) else str(path)


def load_tree(data_dir: Path, root: Path, findings: Findings) -> dict[str, SourceFile]:
    """Load every *.yaml file under `data_dir`; files named relative to `root` (the repo)."""
    files: dict[str, SourceFile] = {}
    for path in sorted(data_dir.rglob("*.yaml")) + sorted(data_dir.rglob("*.yml")):
        if not is_report_file(path, data_dir):
            continue
        name = _name(path, root)
        loaded = load_file(path, name, findings, inside=data_dir)
        if loaded is not None:
            files[name] = loaded
    return files


def load_file(path: Path, name: str, findings: Findings,
              inside: Path | None = None) -> SourceFile | None:
    """Load one file; on any problem add a finding and return None. A link must stay
    `inside` its folder (data/ or templates/)."""
    try:
        folder = (inside or path.parent).resolve()
        if path.is_symlink() and not _resolved(path).is_relative_to(folder):
            raise _Reject(1, 0, rules.LINK_OUTSIDE, "tệp là liên kết trỏ ra ngoài thư mục dữ liệu",
                          "the file is a link that points outside the data folder")
        raw = _read_regular(path)
        if len(raw) > MAX_FILE_BYTES:
            raise _Reject(1, 0, rules.FILE_TOO_LARGE, f"tệp quá lớn ({len(raw):,} byte)",
                          f"the file is too large ({len(raw):,} bytes)",
                          f"a report file should be well under {MAX_FILE_BYTES:,} bytes; "
                          "split it, or check that it is really a YAML text file")
        text = _decode(raw)
        _check_indentation(text)
        data, builder = _parse(text)
    except _Reject as err:
        findings.report(err.rule, SourceRef(name, err.line, err.column), err.message,
                        err.message_en, err.hint)
        return None
    except OSError as err:
        findings.report(rules.FILE_UNREADABLE, SourceRef(name, 1), "không đọc được tệp",
                        f"the file cannot be read: {err.strerror or err}")
        return None
    if data is None:
        findings.report(rules.EMPTY_FILE, SourceRef(name, 1), "tệp rỗng", "the file is empty")
        return None
    return SourceFile(
        name=name,
        data=data,
        lines=builder.lines,
        columns=builder.columns,
        number_text=builder.number_text,
        text=text,
    )


def _resolved(path: Path) -> Path:
    try:
        return path.resolve()
    except RuntimeError:  # a link to itself, or a ring of links
        raise _Reject(1, 0, rules.FILE_UNREADABLE, "tệp là liên kết vòng",
                      "the file is a link that leads back to itself", "replace the link by "
                      "the file itself") from None


def _read_regular(path: Path) -> bytes:
    """The bytes of a regular file, at most MAX_FILE_BYTES + 1 of them; a pipe, a device
    or a folder named like a YAML file is refused, not read (reading a pipe would wait
    forever, /dev/zero never ends)."""
    import os
    import stat

    fd = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0))
    try:
        if not stat.S_ISREG(os.fstat(fd).st_mode):
            raise _Reject(1, 0, rules.FILE_UNREADABLE, "không phải tệp văn bản thông thường",
                          "it is not a regular file (a folder, a pipe or a device)",
                          "replace it by a YAML text file, or remove it")
        chunks, size = [], 0
        while size <= MAX_FILE_BYTES:
            chunk = os.read(fd, min(1 << 20, MAX_FILE_BYTES + 1 - size))
            if not chunk:
                break
            chunks.append(chunk)
            size += len(chunk)
        return b"".join(chunks)
    finally:
        os.close(fd)


def _decode(raw: bytes) -> str:
    if b"\x00" in raw:
        raise _Reject(*_byte_position(raw, raw.index(b"\x00")), rules.NOT_UTF8_TEXT,
                      "tệp không phải văn bản (có byte NUL)",
                      "the file is not text (it contains NUL bytes)")
    try:
        return raw.decode("utf-8-sig")
    except UnicodeDecodeError as err:
        raise _Reject(*_byte_position(raw, err.start), rules.NOT_UTF8_TEXT,
                      "tệp không được lưu theo mã UTF-8",
                      f"the file is not UTF-8 (byte 0x{raw[err.start]:02x} cannot be read)",
                      "save the file as UTF-8 (in most editors: Save with encoding → UTF-8)"
                      ) from None


def _byte_position(raw: bytes, offset: int) -> tuple[int, int]:
    """1-based line and column (in characters) of the byte at `offset`."""
    before = raw[:offset].decode("utf-8", "replace")
    return _position(before, len(before))


_TAB_IN_INDENT = re.compile(r"^[ ]*\t", re.MULTILINE)


def _check_indentation(text: str) -> None:
    match = _TAB_IN_INDENT.search(text)
    if match:
        raise _Reject(*_position(text, match.end() - 1), rules.TAB_INDENTATION,
                      "thụt lề bằng ký tự Tab",
                      "a tab is used for indentation")


def _position(text: str, offset: int) -> tuple[int, int]:
    """1-based line and column of the character at `offset`."""
    return text.count("\n", 0, offset) + 1, offset - text.rfind("\n", 0, offset)


# libyaml's parser when PyYAML has it (ten times faster); the same safe constructor.
_Loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


def _parse(text: str) -> tuple[Any, _Builder]:
    loader = None
    try:
        loader = _Loader(text)
        builder = _Builder(loader)
        node = loader.get_single_node()
        return (builder.build(node, (), 0) if node is not None else None), builder
    except yaml.reader.ReaderError as err:  # a control character YAML refuses to read
        raise _Reject(*_control_character_position(text, err.position), rules.NOT_UTF8_TEXT,
                      "tệp chứa ký tự điều khiển không hợp lệ",
                      f"the file contains a control character ({err.character!r}) that YAML "
                      "does not allow", "delete the invisible character on this line "
                      "(it often comes from copying out of a PDF)") from None
    except yaml.MarkedYAMLError as err:
        mark = err.problem_mark or err.context_mark
        line, column = (mark.line + 1, mark.column + 1) if mark else (1, 0)
        problem = err.problem or err.context or "invalid YAML"
        line, column, hint = _the_mistake(text, line, column, problem)
        raise _Reject(line, column, rules.YAML_SYNTAX, "lỗi cú pháp YAML",
                      f"YAML syntax error: {problem}", hint) from None
    except yaml.YAMLError as err:
        raise _Reject(1, 0, rules.YAML_SYNTAX, "lỗi cú pháp YAML",
                      f"YAML syntax error: {err}") from None
    finally:
        if loader is not None:
            loader.dispose()


def _control_character_position(text: str, offset: int) -> tuple[int, int]:
    """libyaml counts the offset in bytes of the UTF-8 text; PyYAML's own reader, in
    characters."""
    if _Loader is yaml.SafeLoader:
        return _position(text, offset)
    return _byte_position(text.encode("utf-8"), offset)


_KEY_WITHOUT_COLON = re.compile(r"^(\s*(?:- )?)([a-z_][a-z0-9_-]*) (\S.*)$")
_STRUCTURE = re.compile(r"^(\s*)(- |[a-z_][a-z0-9_-]*:( |$))")


def _the_mistake(text: str, line: int, column: int, problem: str) -> tuple[int, int, str]:
    """Where the mistake is, and what to do about it: PyYAML notices a key without its
    colon, or a line indented one space off, only on a later line."""
    lines = text.splitlines()
    before = [i for i in range(min(line, len(lines)) - 1, max(line - 12, 0) - 1, -1)
              if lines[i].strip() and not lines[i].lstrip().startswith("#")]
    earlier = [i for i in before if i < line - 1]  # the lines before the one PyYAML names
    if "mapping values are not allowed" in problem and earlier:
        found = _KEY_WITHOUT_COLON.match(lines[earlier[0]])
        if found and ":" not in lines[earlier[0]]:
            return (earlier[0] + 1, len(found.group(1)) + len(found.group(2)) + 1,
                    f"a key needs its colon: '{found.group(2)}: {found.group(3)}'")
    odd = _odd_indent(lines, before)
    if odd is not None:
        indent = len(lines[odd]) - len(lines[odd].lstrip())
        return (odd + 1, indent + 1,
                f"this line is indented {indent} space{'s' if indent != 1 else ''}, and the "
                "file indents by two: line it up with the lines of its level above it")
    return line, column, _syntax_hint(problem)


def _odd_indent(lines: list[str], candidates: list[int]) -> int | None:
    """The nearest line (of `candidates`, nearest first) that starts a key or an item at
    an odd indentation, in a file whose other such lines are all indented by twos."""
    def indent(i: int) -> int:
        return len(lines[i]) - len(lines[i].lstrip())

    structure = [i for i, text in enumerate(lines) if _STRUCTURE.match(text)]
    odd = [i for i in structure if indent(i) % 2]
    if len(odd) != 1 or len(structure) < 3:
        return None
    return odd[0] if odd[0] in candidates else None


def _syntax_hint(problem: str) -> str:
    if "mapping values are not allowed" in problem:
        return ("a text containing ': ' must be written as a block (>-) on its own lines, "
                "or in double quotes")
    if "found character '\\t'" in problem or "tab" in problem:
        return "indent with spaces only"
    if "could not find expected ':'" in problem:
        return "each key needs a colon after it, e.g. 'title: …'"
    return "check the indentation and quotes on this line and the one before"


MAX_DIGITS = 30  # in one integer: a report's largest figures have a dozen
MAX_DEPTH = 40  # the report nests about a dozen levels; a deeper file is a mistake


class _Builder:
    """Plain Python data from composed nodes, with the line of every node by path."""

    def __init__(self, loader: Any):
        self.loader = loader
        self.lines: dict[Path_, int] = {}
        self.columns: dict[Path_, int] = {}
        self.number_text: dict[Path_, str] = {}
        self.seen: set[int] = set()

    def build(self, node: yaml.Node, path: Path_, depth: int) -> Any:
        if path not in self.lines:  # a key's own position comes first (see mapping)
            self.lines[path] = node.start_mark.line + 1
            self.columns[path] = node.start_mark.column + 1
        if id(node) in self.seen:  # the composer hands back the same node for an alias
            raise _Reject(self.lines[path], self.columns[path], rules.YAML_ALIAS,
                          "không dùng neo và bí danh YAML (&tên / *tên)",
                          "YAML anchors and aliases (&name / *name) are not allowed")
        self.seen.add(id(node))
        if depth > MAX_DEPTH:
            raise _Reject(self.lines[path], self.columns[path], rules.NESTED_TOO_DEEP,
                          "cấu trúc lồng quá sâu",
                          f"the file nests more than {MAX_DEPTH} levels deep")
        if isinstance(node, yaml.ScalarNode):
            value = _scalar(node, self.loader)
            if isinstance(value, int | float) and not isinstance(value, bool) and \
                    not node.style:  # a plain number: keep how it was written
                self.number_text[path] = node.value
            return value
        if isinstance(node, yaml.SequenceNode):
            return [self.build(item, (*path, i), depth + 1)
                    for i, item in enumerate(node.value)]
        assert isinstance(node, yaml.MappingNode)
        return self.mapping(node, path, depth)

    def mapping(self, node: yaml.MappingNode, path: Path_, depth: int) -> dict[Any, Any]:
        result: dict[Any, Any] = {}
        first_line: dict[Any, int] = {}
        for key_node, value_node in node.value:
            line, column = key_node.start_mark.line + 1, key_node.start_mark.column + 1
            if key_node.tag == "tag:yaml.org,2002:merge":
                raise _Reject(line, column, rules.YAML_ALIAS, "không dùng khóa gộp YAML (<<)",
                              "YAML merge keys (<<) are not allowed",
                              "write the keys out in full")
            if not isinstance(key_node, yaml.ScalarNode):
                raise _Reject(line, column, rules.YAML_TAG, "khóa phải là một chữ đơn giản",
                              "a key must be a plain word, not a list or mapping",
                              "write the key as a word followed by a colon, e.g. 'title:'")
            key = _scalar(key_node, self.loader)
            if key in first_line:
                raise _Reject(line, column, rules.DUPLICATE_KEY, f"khóa '{key}' bị lặp",
                              f"duplicate key '{key}' (first written on line "
                              f"{first_line[key]})")
            first_line[key] = line
            self.lines[(*path, key)] = line
            self.columns[(*path, key)] = column
            result[key] = self.build(value_node, (*path, key), depth + 1)
        return result


_SAFE_TAG = re.compile(r"^tag:yaml\.org,2002:(str|int|float|bool|null|timestamp)$")


_STR_TAG = "tag:yaml.org,2002:str"


def _scalar(node: yaml.ScalarNode, loader: Any) -> Any:
    if node.style == '"':  # only a double-quoted scalar can spell out "\x01"
        _check_storable(node)
    if node.tag == _STR_TAG:  # most of a report: text is the node's value as it stands
        return node.value
    if not _SAFE_TAG.match(node.tag):
        raise _Reject(node.start_mark.line + 1, node.start_mark.column + 1, rules.YAML_TAG,
                      f"thẻ YAML không được hỗ trợ: {node.tag}",
                      f"unsupported YAML tag {node.tag}",
                      "remove the '!…' tag; write plain text, numbers or lists")
    where = (node.start_mark.line + 1, node.start_mark.column + 1)
    if node.tag.endswith(":int") and sum(c.isdigit() for c in node.value) > MAX_DIGITS:
        raise _Reject(*where, rules.INVALID_VALUE, "số quá dài",
                      f"a number of {sum(c.isdigit() for c in node.value):,} digits: no figure "
                      f"of a report has more than {MAX_DIGITS}",
                      "check the figure; a number written by mistake")
    try:
        return loader.construct_object(node, deep=True)
    except (ValueError, OverflowError) as err:  # 2025-13-45: a date YAML cannot make
        raise _Reject(*where, rules.INVALID_VALUE, "giá trị không đọc được",
                      f"'{node.value[:40]}' cannot be read: {err}",
                      "write a real date (2025-12-31), or put the text in quotes") from None


def _check_storable(node: yaml.ScalarNode) -> None:
    """A control character written as an escape ("\x01") reaches no Word document: refused
    where it is written, as YAML refuses the raw character itself (QT002)."""
    bad = XML_ILLEGAL.search(node.value)
    if bad is not None:
        raise _Reject(node.start_mark.line + 1, node.start_mark.column + 1,
                      rules.UNSTORABLE_CHARACTER, "ký tự điều khiển Word không lưu được",
                      f"control character U+{ord(bad.group()):04X} cannot be stored in a Word "
                      "document")
