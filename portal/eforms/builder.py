"""The Django form of one e-form page, built from the definition at run time.

Fields are flat, named by path: `child_name`, `father__birth_date`,
`members__0__full_name`, `members__count`; on the wire they carry the step
prefix like every wizard field (`eform-2-members__0__full_name`). Repeating
groups work without JavaScript: "Add another" and "Remove" are submit buttons
that change the page's data and show it again, keeping every answer.

`cleaned_data` of a valid page is its answers as JSON-ready values (answers.py
describes them); questions that are not asked leave no answer and no error.
"""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.datastructures import MultiValueDict
from django.utils.translation import gettext as _

from . import addresses
from . import definition as d
from .fields import address_fields, person_fields, simple_field
from .page_answers import PageAnswersMixin
from .pages import FormPage, asked_before_page, decided_on_page

SEP = "__"


def join(*parts: Any) -> str:
    return SEP.join(str(part) for part in parts)


class Item:
    """One question on the page as the template draws it."""

    def __init__(
        self,
        form: EFormPageForm,
        question: d.Question,
        key: str,
        condition: tuple[str, d.Question] | None,
    ):
        self.form, self.question, self.key = form, question, key
        self.kind = question["type"]
        self.parts: dict[str, str] = {}
        self.entries: list[list[Item]] = []
        # The field (and question) this question's visibility follows on this
        # page, if any: the page shows or hides it as that answer changes.
        self.condition_key, self.condition_question = condition or (None, None)

    @property
    def condition_text(self) -> str:
        """Said to people without JavaScript, who see every question."""
        target = self.condition_question
        if target is None:
            return ""
        equals = self.question["show_if"].get("equals")
        if target["type"] == d.YES_NO:
            answer = _("Yes") if d.yes_no_value(equals) else _("No")
        else:
            labels = {c["value"]: c["label"] for c in target.get("choices") or []}
            answer = labels.get(str(equals), str(equals))
        return _("Answer only if your answer to “%(question)s” is “%(answer)s”.") % {
            "question": target["label"],
            "answer": answer,
        }

    @property
    def field(self) -> forms.BoundField:
        return self.form[self.key]

    @property
    def part_fields(self) -> list[forms.BoundField]:
        return [self.form[name] for name in self.parts.values()]

    @property
    def condition_name(self) -> str:
        return self.form.add_prefix(self.condition_key) if self.condition_key else ""

    @property
    def condition_value(self) -> str:
        value = (self.question.get("show_if") or {}).get("equals")
        if isinstance(value, bool):
            return "yes" if value else "no"
        return str(value)

    @property
    def dom_id(self) -> str:
        return f"q-{self.form.prefix}-{self.key}".replace("_", "-")

    @property
    def item_label(self) -> str:
        return self.question.get("item_label") or _("Item")

    @property
    def count_name(self) -> str:
        return join(self.key, "count")

    @property
    def count_field(self) -> forms.BoundField:
        return self.form[self.count_name]

    @property
    def can_add(self) -> bool:
        return len(self.entries) < self.form.group_max(self.question)

    @property
    def add_name(self) -> str:
        return self.form.add_prefix(join(self.key, "add"))

    @property
    def remove_name(self) -> str:
        return self.form.add_prefix(join(self.key, "remove"))

    @property
    def datalist_id(self) -> str:
        return f"{self.dom_id}-communes"

    @property
    def communes(self) -> list[str]:
        """The communes of the chosen province, for the commune field's list."""
        if self.kind != d.ADDRESS:
            return []
        chosen = addresses.province(self.form[self.parts["province"]].value())
        return [unit.name for unit in chosen.communes] if chosen else []

    def field_names(self) -> list[str]:
        names = [self.key] if self.kind not in (d.PERSON, d.ADDRESS, d.GROUP) else []
        names += list(self.parts.values())
        if self.kind == d.GROUP:
            names.append(join(self.key, "count"))
        for entry in self.entries:
            for child in entry:
                names += child.field_names()
        return names


class EFormPageForm(PageAnswersMixin, forms.Form):
    """One page of an e-form. `earlier` holds the answers of earlier pages (for
    conditions); `prefill` the applicant's answers (for questions that start
    from them, used while the page has no data yet)."""

    def __init__(
        self,
        *args,
        page: FormPage,
        earlier: dict | None = None,
        prefill: dict | None = None,
        show_all: bool = False,
        known_questions: dict | None = None,
        **kwargs,
    ):
        super().__init__(*args, **kwargs)
        # The admin preview shows every question, whatever the conditions, and
        # says on which earlier answer each depends.
        self.show_all = show_all
        self.known = known_questions or {}
        self.page = page
        self.earlier = dict(earlier or {})
        self.prefill = prefill or {}
        self.action = self._apply_action() if self.is_bound else None
        self.items: list[Item] = []
        page_keys = {q["name"]: (q["name"], q) for q in page.questions}
        for question in page.questions:
            if not (show_all or asked_before_page(question, self.earlier, page.names)):
                continue
            local = decided_on_page(question, page.names)
            target = page_keys[question["show_if"]["question"]] if local else None
            self.items.append(
                self._add_item(
                    question, question["name"], target, page_keys, first=True
                )
            )

    # Building -----------------------------------------------------------

    def _add_item(self, question, key, condition, scope_keys, *, first) -> Item:
        depends_on = (question.get("show_if") or {}).get("question")
        if condition is None and self.show_all and depends_on in self.known:
            condition = (None, self.known[depends_on])
        item = Item(self, question, key, condition)
        kind = question["type"]
        if kind == d.GROUP:
            self._add_group(item, scope_keys)
        elif kind in (d.PERSON, d.ADDRESS):
            parts = person_fields(question) if kind == d.PERSON else address_fields()
            for part, field in parts.items():
                item.parts[part] = join(key, part)
                self.fields[join(key, part)] = field
            if kind == d.ADDRESS:
                parts["commune"].widget.attrs["list"] = item.datalist_id
                parts["province"].widget.attrs["data-communes"] = item.datalist_id
        else:
            field = simple_field(question)
            field.label = question["label"]
            field.help_text = question.get("hint", "")
            self.fields[key] = field
        if first and not self.is_bound:
            self._prefill(item)
        return item

    def _add_group(self, item: Item, scope_keys: dict[str, str]) -> None:
        question = item.question
        count_name = join(item.key, "count")
        self.fields[count_name] = forms.IntegerField(
            required=False, widget=forms.HiddenInput
        )
        count = self._group_count(question, count_name)
        self.fields[count_name].initial = count
        for index in range(count):
            keys = dict(scope_keys)
            entry = []
            for child in question.get("questions") or []:
                child_key = join(item.key, index, child["name"])
                condition = (child.get("show_if") or {}).get("question")
                target = keys.get(condition) if condition else None
                if condition and target is None and not self.show_all:
                    # Decided by an earlier page: leave it out when not asked.
                    if not d.condition_holds(child["show_if"], self.earlier):
                        continue
                entry.append(
                    self._add_item(child, child_key, target, keys, first=index == 0)
                )
                keys[child["name"]] = (child_key, child)
            item.entries.append(entry)

    def group_max(self, question: d.Question) -> int:
        return int(question.get("max") or d.MAX_GROUP_ITEMS)

    def _group_count(self, question: d.Question, count_name: str) -> int:
        low, high = int(question.get("min") or 0), self.group_max(question)
        default = min(max(low, 1), high)
        if not self.is_bound:
            return default
        try:
            count = int(self.data.get(self.add_prefix(count_name)))
        except (TypeError, ValueError):
            return default
        return min(max(count, 0), high)

    def _prefill(self, item: Item) -> None:
        source = item.question.get("prefill")
        value = self.prefill.get(source) if source else None
        if value in (None, "", {}):
            return
        if item.kind == d.PERSON and isinstance(value, dict):
            for part, name in item.parts.items():
                if value.get(part):
                    self.fields[name].initial = _initial(value[part])
        elif item.key in self.fields:
            self.fields[item.key].initial = _initial(value)

    def _apply_action(self) -> tuple[str, str, int] | None:
        """Handle "Add another" / "Remove": change the data, then show the page again."""
        for question in self.page.questions:
            if question["type"] != d.GROUP:
                continue
            key = question["name"]
            count_name = self.add_prefix(join(key, "count"))
            add, remove = (
                self.add_prefix(join(key, "add")),
                self.add_prefix(join(key, "remove")),
            )
            if add not in self.data and remove not in self.data:
                continue
            data = _mutable(self.data)
            count = self._group_count(question, join(key, "count"))
            data.pop(add, None)
            data.pop(remove, None)
            if add in self.data:
                data[count_name] = str(min(count + 1, self.group_max(question)))
                self.data = data
                return ("add", key, count)
            try:
                index = int(self.data.get(remove))
            except (TypeError, ValueError):
                index = -1
            if 0 <= index < count:
                _shift_entries(data, self.add_prefix(key), index, count)
                data[count_name] = str(count - 1)
            self.data = data
            return ("remove", key, index)
        return None

    def error_links(self) -> list[dict]:
        """The error summary's entries, each linking to its input."""
        links = []
        for name, messages in self.errors.items():
            target = self[name].auto_id if name in self.fields else ""
            widget = self.fields[name].widget if name in self.fields else None
            if isinstance(widget, (forms.RadioSelect, forms.CheckboxSelectMultiple)):
                target = f"{target}_0"
            elif isinstance(widget, forms.HiddenInput):
                target = _group_dom_id(self, name)
            for message in messages:
                links.append(
                    {"href": f"#{target}" if target else "", "message": message}
                )
        return links


def _group_dom_id(form: EFormPageForm, count_name: str) -> str:
    key = count_name[: -len(SEP + "count")]
    return f"q-{form.prefix}-{key}".replace("_", "-")


def _mutable(data) -> MultiValueDict:
    """A copy of posted data that can be changed (QueryDict, MultiValueDict or dict)."""
    if isinstance(data, MultiValueDict):
        return data.copy()
    return MultiValueDict(
        {k: v if isinstance(v, list) else [v] for k, v in data.items()}
    )


def _shift_entries(data, group_prefix: str, index: int, count: int) -> None:
    """Remove item `index` of a group from posted data, moving later items up."""
    for position in range(index, count):
        source = f"{group_prefix}{SEP}{position + 1}{SEP}"
        target = f"{group_prefix}{SEP}{position}{SEP}"
        for key in [k for k in list(data.keys()) if k.startswith(target)]:
            data.pop(key)
        for key in [k for k in list(data.keys()) if k.startswith(source)]:
            data.setlist(target + key[len(source) :], data.getlist(key))
            data.pop(key)


def _initial(value: Any) -> Any:
    from datetime import date

    if isinstance(value, date):
        return value.strftime("%d/%m/%Y")
    return value
