"""The investor roadmap's critical path: relations between steps, and the range."""

from decimal import Decimal

from django.http import QueryDict
from django.utils import translation

from cms_pages.roadmap import (
    PlanStep,
    Relation,
    conditions,
    estimate,
    plan_range,
    ticked_conditions,
    validate_relations,
)

R = Relation

# The demo roadmap: policy approval or (instead) the registration certificate,
# land, environment alongside land, construction, fire safety, a new company
# alongside land.
DEMO = [
    PlanStep(1, Decimal(35), "Policy", R.CONDITIONAL, "Needs policy approval"),
    PlanStep(2, Decimal(15), "Certificate", R.ALTERNATIVE, alternative_to=1),
    PlanStep(3, Decimal(20), "Land"),
    PlanStep(
        4, Decimal(30), "Environment", R.CONDITIONAL, "Needs a permit", parallel_with=3
    ),
    PlanStep(5, Decimal(20), "Construction"),
    PlanStep(6, Decimal(10), "Fire", R.CONDITIONAL, "On the fire-safety list"),
    PlanStep(7, Decimal(3), "Company", R.CONDITIONAL, "New company", parallel_with=3),
]


def test_plain_sum_when_every_step_is_required():
    steps = [PlanStep(n, Decimal(d)) for n, d in ((1, 5), (2, "2.5"), (3, 0))]
    result = plan_range(steps)
    assert result.is_fixed
    assert result.shortest.days == Decimal("7.5")
    assert result.conditions == ()


def test_the_demo_range_is_not_the_plain_sum():
    plain_sum = sum(step.days for step in DEMO)
    assert plain_sum == Decimal(133)
    result = plan_range(DEMO)
    # None applies: certificate 15 + land 20 + construction 20.
    assert result.shortest.days == Decimal(55)
    assert result.shortest.applies == frozenset()
    assert result.shortest.steps == (2, 3, 5)
    # All apply: policy 35 + max(land 20, environment 30, company 3) + 20 + 10.
    assert result.longest.days == Decimal(95)
    assert result.longest.stages == ((1,), (3, 4, 7), (5,), (6,))
    holds, fails = result.assumptions(result.longest)
    assert holds == [
        "Needs policy approval",
        "Needs a permit",
        "On the fire-safety list",
        "New company",
    ]
    assert fails == []


def test_an_alternative_applies_exactly_when_its_step_does_not():
    keys = {c.label: c.key for c in conditions(DEMO)}
    with_policy = estimate(DEMO, {keys["Needs policy approval"]})
    assert 1 in with_policy.steps and 2 not in with_policy.steps
    assert with_policy.days == Decimal(35 + 20 + 20)
    without = estimate(DEMO, set())
    assert 2 in without.steps and 1 not in without.steps


def test_a_parallel_step_counts_only_when_it_is_the_longer():
    keys = {c.label: c.key for c in conditions(DEMO)}
    company = estimate(DEMO, {keys["New company"]})
    assert company.days == Decimal(55)  # 3 days alongside 20 days of land
    environment = estimate(DEMO, {keys["Needs a permit"]})
    assert environment.days == Decimal(65)  # 30 days instead of 20
    assert environment.stages == ((2,), (3, 4), (5,))


def test_a_parallel_step_whose_partner_does_not_apply_stands_alone():
    steps = [
        PlanStep(1, Decimal(10), "A", R.CONDITIONAL, "a"),
        PlanStep(2, Decimal(4), "B", parallel_with=1),
    ]
    assert estimate(steps, set()).days == Decimal(4)
    assert estimate(steps, {"1"}).days == Decimal(10)


def test_steps_with_the_same_condition_share_one_checkbox():
    steps = [
        PlanStep(1, Decimal(5), "A", R.CONDITIONAL, "Foreign investor"),
        PlanStep(2, Decimal(7), "B", R.CONDITIONAL, "  foreign   INVESTOR "),
        PlanStep(3, Decimal(1), "C", R.CONDITIONAL),
    ]
    found = conditions(steps)
    assert [(c.key, c.label, c.steps) for c in found] == [
        ("1", "Foreign investor", (1, 2)),
        ("2", "C", (3,)),  # no wording: the step's title stands for it
    ]
    assert estimate(steps, {"1"}).days == Decimal(12)


def test_ticked_conditions_from_the_query_string():
    assert ticked_conditions(QueryDict("j=1"), "j", DEMO) is None
    assert ticked_conditions(QueryDict("j-sent=1"), "j", DEMO) == frozenset()
    assert ticked_conditions(
        QueryDict("j-sent=1&j=1&j=4&j=99&j=x&other=2"), "j", DEMO
    ) == frozenset({"1", "4"})


def test_editor_mistakes_are_named_by_step():
    steps = [
        PlanStep(1, relation=R.CONDITIONAL),
        PlanStep(2, relation=R.ALTERNATIVE, alternative_to=3),
        PlanStep(3, relation=R.ALTERNATIVE, alternative_to=2),
        PlanStep(4, parallel_with=4),
        PlanStep(5, relation=R.ALTERNATIVE, alternative_to=1),
    ]
    with translation.override("en"):
        errors = validate_relations(steps)
    assert {n: field for n, (field, _m) in errors.items()} == {
        1: "condition",
        2: "alternative_to",
        3: "alternative_to",
        4: "parallel_with",
    }
    assert "Make that step conditional" in errors[3][1]
    assert validate_relations(DEMO) == {}
