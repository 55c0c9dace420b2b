"""The investor roadmap's arithmetic: which steps apply, and how long the path takes.

A journey's steps are not a plain list to add up. Each step carries:

- its relation: *required*, *conditional* (only when a condition holds, which
  the investor can tick), or *alternative* to an earlier conditional step (it
  applies exactly when that step does not);
- optionally *parallel with* an earlier step: it starts with that step, so
  the pair takes as long as the longer of the two.

The applicable steps form stages: a step that runs alongside another joins that
step's stage, every other step starts a new one. The critical path is the sum
of the stages' longest durations. Over every combination of conditions this
gives a range, shortest to longest, and the combinations that reach each end
are kept so the page can say in words what it assumed.

Pure functions on plain values: the block (block_values.JourneyValue) builds the
`PlanStep`s from the editor's data and the linked procedures.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from decimal import Decimal
from itertools import product
from typing import Any

from django.db import models
from django.utils.translation import gettext_lazy as _

# Enumerating every combination is exact; past this many distinct conditions
# (2**12 = 4096 combinations) a roadmap is too tangled to read anyway.
MAX_CONDITIONS = 12


class Relation(models.TextChoices):
    """Whether a roadmap step applies to every project."""

    REQUIRED = "required", _("Required for every project")
    CONDITIONAL = "conditional", _("Only when a condition applies")
    ALTERNATIVE = "alternative", _("Instead of another step")


@dataclass(frozen=True)
class PlanStep:
    """One step as the arithmetic sees it (numbers start at 1)."""

    number: int
    days: Decimal = Decimal(0)
    title: str = ""
    relation: str = Relation.REQUIRED
    condition: str = ""
    alternative_to: int | None = None
    parallel_with: int | None = None


@dataclass(frozen=True)
class Condition:
    """A condition the investor can tick; steps with the same wording share it."""

    key: str
    label: str
    steps: tuple[int, ...]


@dataclass(frozen=True)
class Estimate:
    """The critical path for one set of ticked conditions."""

    days: Decimal
    applies: frozenset[str]
    steps: tuple[int, ...]
    stages: tuple[tuple[int, ...], ...]


@dataclass(frozen=True)
class PlanRange:
    """Shortest and longest critical paths over every combination of conditions."""

    shortest: Estimate
    longest: Estimate
    conditions: tuple[Condition, ...] = field(default_factory=tuple)

    @property
    def is_fixed(self) -> bool:
        return self.shortest.days == self.longest.days

    def assumptions(self, estimate: Estimate) -> tuple[list[str], list[str]]:
        """(conditions that hold, conditions that do not) behind `estimate`."""
        holds = [c.label for c in self.conditions if c.key in estimate.applies]
        fails = [c.label for c in self.conditions if c.key not in estimate.applies]
        return holds, fails


def plan_steps(journey: Sequence[Any], values: Sequence[Any]) -> list[PlanStep]:
    """PlanSteps from a journey block's step values and their resolved steps.

    `values` are the editor's step values (relation, condition, step numbers);
    `journey` the matching `journeys.JourneyStep`s, whose linked procedure
    gives the days (a step without one, or no journey at all, counts 0).
    """
    result = []
    for index, value in enumerate(values):
        resolved = journey[index] if index < len(journey) else None
        days = getattr(resolved, "days", None)
        result.append(
            PlanStep(
                number=index + 1,
                days=Decimal(days) if days is not None else Decimal(0),
                title=str(value.get("title") or ""),
                relation=value.get("relation") or Relation.REQUIRED,
                condition=str(value.get("condition") or ""),
                alternative_to=value.get("alternative_to"),
                parallel_with=value.get("parallel_with"),
            )
        )
    return result


def condition_key(text: str) -> str:
    """Steps whose conditions read the same (case and spacing aside) share one."""
    return " ".join(text.split()).casefold()


def conditions(steps: Sequence[PlanStep]) -> list[Condition]:
    """The distinct conditions of the conditional steps, in order of first use.

    Keys are "1", "2"… in that order: short enough for a query string, and the
    same for every visitor of the same page version.
    """
    found: dict[str, tuple[str, list[int]]] = {}
    for step in steps:
        if step.relation != Relation.CONDITIONAL:
            continue
        # Older roadmaps marked steps "only for some projects" without saying
        # when: the step's own title stands for its condition.
        text = step.condition.strip() or step.title.strip() or str(step.number)
        entry = found.setdefault(condition_key(text), (text, []))
        entry[1].append(step.number)
    return [
        Condition(key=str(index), label=label, steps=tuple(numbers))
        for index, (label, numbers) in enumerate(found.values(), start=1)
    ]


def _condition_of(steps: Sequence[PlanStep]) -> dict[int, str]:
    """Step number → key of its condition (conditional steps only)."""
    return {
        number: condition.key
        for condition in conditions(steps)
        for number in condition.steps
    }


def applicable_steps(steps: Sequence[PlanStep], applies: Iterable[str]) -> list[int]:
    """Numbers of the steps that apply when exactly the conditions `applies` hold."""
    ticked = set(applies)
    condition_of = _condition_of(steps)
    chosen: set[int] = set()
    for step in steps:
        if step.relation == Relation.CONDITIONAL:
            if condition_of[step.number] in ticked:
                chosen.add(step.number)
        elif step.relation == Relation.ALTERNATIVE:
            anchor = step.alternative_to
            if anchor is None or anchor not in condition_of:
                # Not a valid alternative (the editor form refuses it): count it.
                chosen.add(step.number)
            elif condition_of[anchor] not in ticked:
                chosen.add(step.number)
        else:
            chosen.add(step.number)
    return [step.number for step in steps if step.number in chosen]


def stages(steps: Sequence[PlanStep], numbers: Iterable[int]) -> list[list[int]]:
    """Group the applicable steps: a parallel step joins its partner's stage."""
    by_number = {step.number: step for step in steps}
    result: list[list[int]] = []
    stage_of: dict[int, int] = {}
    for number in numbers:
        partner = by_number[number].parallel_with
        if partner is not None and partner in stage_of:
            index = stage_of[partner]
            result[index].append(number)
        else:
            index = len(result)
            result.append([number])
        stage_of[number] = index
    return result


def estimate(steps: Sequence[PlanStep], applies: Iterable[str]) -> Estimate:
    """The critical path when exactly the conditions `applies` hold."""
    ticked = frozenset(applies)
    by_number = {step.number: step for step in steps}
    numbers = applicable_steps(steps, ticked)
    grouped = stages(steps, numbers)
    days = sum((max(by_number[n].days for n in stage) for stage in grouped), Decimal(0))
    return Estimate(
        days=days,
        applies=ticked,
        steps=tuple(numbers),
        stages=tuple(tuple(stage) for stage in grouped),
    )


def plan_range(steps: Sequence[PlanStep]) -> PlanRange:
    """Shortest and longest critical paths over every combination of conditions.

    On ties the shortest keeps the combination with the fewest conditions
    ticked and the longest the one with the most, so the two ends read as
    "when none of this applies" and "when all of it applies" where they can.
    """
    found = conditions(steps)
    keys = [c.key for c in found][:MAX_CONDITIONS]
    shortest = longest = None
    combos = sorted(
        product((False, True), repeat=len(keys)), key=lambda combo: sum(combo)
    )
    for combo in combos:
        ticked = frozenset(key for key, on in zip(keys, combo, strict=True) if on)
        current = estimate(steps, ticked)
        if shortest is None or current.days < shortest.days:
            shortest = current
        if longest is None or current.days >= longest.days:
            longest = current
    assert shortest is not None and longest is not None  # noqa: S101 - one combo at least
    return PlanRange(shortest=shortest, longest=longest, conditions=tuple(found))


def ticked_conditions(
    params: Mapping[str, object] | None, name: str, steps: Sequence[PlanStep]
) -> frozenset[str] | None:
    """The condition keys the visitor ticked, or None when the form was not sent.

    `params` is a QueryDict (request.GET); `name` the journey's parameter name.
    Unknown values are ignored, so an old or edited link never fails.
    """
    if params is None or f"{name}-sent" not in params:
        return None
    known = {c.key for c in conditions(steps)}
    values = params.getlist(name) if hasattr(params, "getlist") else []
    return frozenset(value for value in values if value in known)


def validate_relations(steps: Sequence[PlanStep]) -> dict[int, tuple[str, str]]:
    """Problems an editor must fix: step number → (field name, message)."""
    by_number = {step.number: step for step in steps}
    errors: dict[int, tuple[str, str]] = {}
    for step in steps:
        if step.relation == Relation.CONDITIONAL and not step.condition.strip():
            errors[step.number] = ("condition", str(_("Say when this step applies.")))
        elif step.relation == Relation.ALTERNATIVE:
            anchor = by_number.get(step.alternative_to or 0)
            if anchor is None or anchor.number >= step.number:
                errors[step.number] = (
                    "alternative_to",
                    str(_("Give the number of an earlier step this one replaces.")),
                )
            elif anchor.relation != Relation.CONDITIONAL:
                errors[step.number] = (
                    "alternative_to",
                    str(
                        _(
                            "Step %(number)s applies to every project: an alternative "
                            "to it would never apply. Make that step conditional first."
                        )
                        % {"number": anchor.number}
                    ),
                )
        if step.number not in errors and step.parallel_with is not None:
            partner = by_number.get(step.parallel_with)
            if partner is None or partner.number >= step.number:
                errors[step.number] = (
                    "parallel_with",
                    str(
                        _("Give the number of an earlier step this one runs alongside.")
                    ),
                )
    return errors


def choose_journeys(body: Iterable[Any], params: Mapping[str, object]) -> None:
    """Give each journey block of a StreamField its ticked conditions.

    The first journey reads the `roadmap` parameters, the next `roadmap-2`…:
    short, readable links that stay valid while the page keeps its journeys.
    """
    count = 0
    for child in body:
        if getattr(child, "block_type", None) != "journey":
            continue
        count += 1
        name = "roadmap" if count == 1 else f"roadmap-{count}"
        child.value.choose(params, name)
