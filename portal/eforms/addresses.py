"""Vietnam's administrative units after the 2025 reform (34 provinces and
cities, 3,321 communes, wards and special zones, no districts), read from the
`vietnam-provinces` package's data file (National Statistics Office codes).

Addresses keep both the code and the name of the unit, so an answer stays
readable when the package's data is updated later.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from functools import cache

import vietnam_provinces

from portal.text import fold, vietnamese_sort_key

# Division names start with their kind; people usually type the name alone.
_KIND_PREFIXES = ("Thành phố ", "Tỉnh ", "Phường ", "Xã ", "Đặc khu ")


@dataclass(frozen=True)
class Unit:
    """A province or a commune: its statistics-office code and its name."""

    code: int
    name: str

    @property
    def short_name(self) -> str:
        """The name without its kind: "Phường Ba Đình" → "Ba Đình"."""
        for prefix in _KIND_PREFIXES:
            if self.name.startswith(prefix):
                return self.name[len(prefix) :]
        return self.name


@dataclass(frozen=True)
class Province(Unit):
    """A province or centrally governed city, with its communes and wards."""

    communes: tuple[Unit, ...] = ()


def data_version() -> str:
    """The date of the statistics-office list the package carries."""
    return str(vietnam_provinces.__data_version__)


@cache
def provinces() -> tuple[Province, ...]:
    """Every province, in Vietnamese dictionary order of their names."""
    raw = json.loads(vietnam_provinces.NESTED_DIVISIONS_JSON_PATH.read_text("utf-8"))
    result = []
    for item in raw:
        communes = tuple(
            sorted(
                (Unit(int(ward["code"]), ward["name"]) for ward in item["wards"]),
                key=lambda unit: vietnamese_sort_key(unit.short_name),
            )
        )
        result.append(Province(int(item["code"]), item["name"], communes))
    return tuple(sorted(result, key=lambda unit: vietnamese_sort_key(unit.short_name)))


@cache
def _by_code() -> dict[int, Province]:
    return {province.code: province for province in provinces()}


def province(code: int | str | None) -> Province | None:
    """The province with this code, or None."""
    try:
        return _by_code().get(int(code))
    except (TypeError, ValueError):
        return None


def find_communes(province_code: int | str | None, text: str) -> list[Unit]:
    """The communes of a province whose name or code is `text`.

    Diacritics, case and the kind ("Phường", "Xã") are optional: "ba dinh"
    finds "Phường Ba Đình". More than one result means the text is ambiguous
    (a ward and a commune of the same name).
    """
    found = province(province_code)
    wanted = fold(text)
    if found is None or not wanted:
        return []
    if wanted.isdigit():
        return [unit for unit in found.communes if unit.code == int(wanted)]
    exact = [unit for unit in found.communes if fold(unit.name) == wanted]
    if exact:
        return exact
    return [unit for unit in found.communes if fold(unit.short_name) == wanted]


def address_text(answer: dict | None) -> str:
    """One line: "12 Lý Thái Tổ, Phường Hoàn Kiếm, Thành phố Hà Nội"."""
    if not answer:
        return ""
    parts = [answer.get("street"), answer.get("commune"), answer.get("province")]
    return ", ".join(part for part in parts if part)
