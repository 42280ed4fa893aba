"""Record: the base of the pipeline's immutable records, the document tree's nodes and what
the stages hand on.

A record is a frozen dataclass written as a plain class on this base:

    class Heading(Record):
        depth: int
        label: str
        remark: str | None = None

Each subclass is made a dataclass (`dataclasses.fields`, `replace` work on it) whose fields
cannot be set once made; mypy and editors know its constructor through PEP 681. A record of
four fields or more is made with keywords only (`class Entry(Record, kw_only=True)`: a
test holds every such class to it), so that inserting a field can never shift the values
of a construction written by position.

Why not `@dataclass(frozen=True)` on each: Python compiles a dataclass's generated methods
anew at every start, six of them per frozen class, and qtreport has some forty record
classes: about a twentieth of a whole `check`. Here each class compiles one method, its
`__init__`; equality, hash, repr and frozenness are the base's, by the fields.
"""

from __future__ import annotations

import dataclasses
from typing import Any, dataclass_transform

_MISSING = dataclasses.MISSING


@dataclass_transform(frozen_default=True, eq_default=True)
class Record:
    __slots__ = ()
    __match_args__: tuple[str, ...] = ()  # the fields, in order (set by dataclass)

    def __init_subclass__(cls, kw_only: bool = False, **kwargs: Any) -> None:
        super().__init_subclass__(**kwargs)
        if "__doc__" not in cls.__dict__ or cls.__doc__ is None:
            cls.__doc__ = cls.__name__  # else dataclass asks inspect for a signature
        dataclasses.dataclass(init=False, repr=False, eq=False, match_args=True)(cls)
        cls.__init__ = _init_of(cls, kw_only)  # type: ignore[method-assign]

    def _fields(self) -> tuple[Any, ...]:
        return tuple(getattr(self, name) for name in self.__match_args__)

    def __eq__(self, other: object) -> bool:
        if type(other) is not type(self):
            return NotImplemented
        return self._fields() == other._fields()

    def __hash__(self) -> int:
        return hash((type(self), self._fields()))

    def __repr__(self) -> str:
        fields = ", ".join(f"{name}={getattr(self, name)!r}" for name in self.__match_args__)
        return f"{type(self).__name__}({fields})"

    def __setattr__(self, name: str, value: Any) -> None:
        raise dataclasses.FrozenInstanceError(f"cannot assign to field '{name}'")

    def __delattr__(self, name: str) -> None:
        raise dataclasses.FrozenInstanceError(f"cannot delete field '{name}'")


def _init_of(cls: type, kw_only: bool) -> Any:
    """The class's __init__: its fields as parameters, in order, with their defaults;
    keywords only if `kw_only`."""
    fields = dataclasses.fields(cls)
    defaults: dict[str, Any] = {"__set": object.__setattr__}
    parameters = []
    for field in fields:
        if field.default_factory is not _MISSING:
            raise TypeError(f"{cls.__name__}.{field.name}: a record takes plain defaults")
        if field.default is _MISSING:
            parameters.append(field.name)
        else:
            defaults[f"__default_{field.name}"] = field.default
            parameters.append(f"{field.name}=__default_{field.name}")
    body = "".join(f"\n    __set(self, {f.name!r}, {f.name})" for f in fields) or "\n    pass"
    star = ["*"] if kw_only and parameters else []
    source = f"def __init__(self, {', '.join([*star, *parameters])}):{body}"
    namespace: dict[str, Any] = {}
    exec(source, defaults, namespace)
    init = namespace["__init__"]
    init.__qualname__ = f"{cls.__qualname__}.__init__"
    return init
