"""Validation of a whole catalogue file before anything is written.

Two layers: the JSON Schema (Draft 2020-12) of the format, then the business
rules the schema cannot say (codes unique within the file, values that fit
the database, translated lists no longer than the lists they translate). Every problem names the record's
index (0-based, as in the file's array) and its code.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from django.conf import settings
from jsonschema import Draft202012Validator

from .catalogue_format import TRANSLATION_FIELDS, load_schema
from .catalogue_forms import form_problems

SMALL_INT_MAX = 32767
BIG_INT_MAX = 9223372036854775807


@dataclass(frozen=True)
class Problem:
    """One thing wrong (or worth a warning) in one record of the file."""

    index: int | None
    code: str
    message: str

    def __str__(self) -> str:
        if self.index is None:
            return self.message
        code = self.code or "?"
        return f"record #{self.index} ({code}): {self.message}"


def content_languages() -> set[str]:
    """Locales the site has besides the source language (translations go there)."""
    return {code for code, _ in settings.WAGTAIL_CONTENT_LANGUAGES} - {
        settings.LANGUAGE_CODE
    }


def _code_of(record: Any) -> str:
    if isinstance(record, dict) and isinstance(record.get("code"), str):
        return record["code"]
    return ""


def _where(path: Sequence[Any]) -> str:
    return "".join(f"[{p}]" if isinstance(p, int) else f".{p}" for p in path).lstrip(
        "."
    )


def schema_problems(data: Any) -> list[Problem]:
    """Every JSON Schema error, grouped under the record it is in."""
    validator = Draft202012Validator(load_schema())
    problems = []
    for error in sorted(
        validator.iter_errors(data), key=lambda e: list(map(str, e.path))
    ):
        path = list(error.path)
        if not path:
            problems.append(Problem(None, "", f"the file: {error.message}"))
            continue
        index = path[0]
        record = data[index] if isinstance(data, list) else None
        where = _where(path[1:])
        message = f"{where}: {error.message}" if where else error.message
        problems.append(Problem(index, _code_of(record), message))
    return problems


#: Translated lists and the record list each is aligned with.
ALIGNED_LISTS = {
    "steps": "steps",
    "documents": "documents",
    "fees": "fees",
    "legal_basis": "legal_basis",
}
#: Translatable texts that may be empty in the Vietnamese record.
OPTIONAL_TEXTS = ("processing_time_note", "requirements")


def _record_problems(index: int, record: dict[str, Any]) -> list[Problem]:
    """Values of one record that the database cannot hold."""
    code = record["code"]
    errors = []
    for i, doc in enumerate(record.get("documents") or []):
        for count in ("originals", "copies"):
            if (doc.get(count) or 0) > SMALL_INT_MAX:
                errors.append(
                    Problem(
                        index,
                        code,
                        f"documents[{i}].{count}: {doc[count]} is too large",
                    )
                )
    for i, fee in enumerate(record.get("fees") or []):
        if (fee.get("amount_vnd") or 0) > BIG_INT_MAX:
            errors.append(Problem(index, code, f"fees[{i}].amount_vnd: too large"))
    return errors


def _translation_problems(
    index: int, record: dict[str, Any], language: str, translation: dict[str, Any]
) -> tuple[list[Problem], list[Problem]]:
    """(errors, warnings) of one `translations.<language>` entry."""
    code, where = record["code"], f"translations.{language}"
    errors: list[Problem] = []
    warnings: list[Problem] = []
    unknown = sorted(set(translation) - set(TRANSLATION_FIELDS) - {"form"})
    if unknown:
        warnings.append(
            Problem(
                index, code, f"{where}: unknown fields ignored: {', '.join(unknown)}"
            )
        )
    for listed, source_key in ALIGNED_LISTS.items():
        given, source = translation.get(listed) or [], record.get(source_key) or []
        if len(given) > len(source):
            errors.append(
                Problem(
                    index,
                    code,
                    f"{where}.{listed}: {len(given)} items but only {len(source)} "
                    f"in {source_key}",
                )
            )
    for key in OPTIONAL_TEXTS:
        if translation.get(key) and not record.get(key):
            warnings.append(
                Problem(
                    index,
                    code,
                    f"{where}.{key}: the record has no Vietnamese {key}; ignored",
                )
            )
    return errors, warnings


def business_problems(
    records: Sequence[tuple[int, dict[str, Any]]],
) -> tuple[list[Problem], list[Problem]]:
    """Rules beyond the schema, on (index, record) pairs. Returns (errors, warnings).

    Names of shared sectors and agencies are not checked here: a second English
    name for the same one is a warning that needs the site's names
    (`catalogue_names.resolve_names`).
    """
    errors: list[Problem] = []
    warnings: list[Problem] = []
    first_index: dict[str, int] = {}
    languages = content_languages()
    for index, record in records:
        code = record["code"]
        key = code.casefold()
        if key in first_index:
            errors.append(
                Problem(
                    index,
                    code,
                    f"duplicate code: record #{first_index[key]} has the same code",
                )
            )
        else:
            first_index[key] = index
        errors.extend(_record_problems(index, record))
        for language, translation in (record.get("translations") or {}).items():
            if language not in languages:
                warnings.append(
                    Problem(
                        index,
                        code,
                        f"translations.{language}: the site has no such language; ignored",
                    )
                )
                continue
            more_errors, more_warnings = _translation_problems(
                index, record, language, translation
            )
            errors.extend(more_errors)
            warnings.extend(more_warnings)
    errors.extend(form_problems(records, Problem))
    return errors, warnings


def validate(data: Any) -> tuple[list[Problem], list[Problem]]:
    """All errors and warnings of a parsed file.

    Business rules run on the records the schema accepts, so one run reports
    everything that is wrong.
    """
    problems = schema_problems(data)
    if not isinstance(data, list):
        return problems, []
    broken = {p.index for p in problems}
    if None in broken:
        return problems, []
    valid = [(i, r) for i, r in enumerate(data) if i not in broken]
    errors, warnings = business_problems(valid)
    errors = sorted(
        problems + errors, key=lambda p: p.index if p.index is not None else -1
    )
    return errors, warnings
