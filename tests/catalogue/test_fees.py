"""Fees that add up, alternatives and fees on request."""

from types import SimpleNamespace

from cms_pages.fees import summarise_fees


def fee(amount, applies="always", label="x"):
    return SimpleNamespace(amount_vnd=amount, applies=applies, label=label)


def test_fees_that_always_apply_add_up():
    summary = summarise_fees([fee(50_000), fee(100_000), fee(8_000, "sometimes")])
    assert summary.adds_up and summary.total == 150_000
    assert not summary.asks_a_choice and len(summary.sometimes) == 1
    assert len(summary) == 3


def test_an_unknown_amount_makes_the_total_unknown():
    assert summarise_fees([fee(50_000), fee(None)]).total is None


def test_alternatives_ask_a_choice_and_a_lone_one_is_just_paid():
    two = summarise_fees([fee(2_200_000, "alternative"), fee(1_100_000, "alternative")])
    assert two.asks_a_choice and two.total == 0 and not two.adds_up
    one = summarise_fees([fee(1_100_000, "alternative")])
    assert not one.asks_a_choice and one.total == 1_100_000


def test_free():
    assert summarise_fees([]).is_free
    assert summarise_fees([fee(0), fee(8_000, "sometimes")]).is_free
    assert not summarise_fees(
        [fee(0), fee(5, "alternative"), fee(0, "alternative")]
    ).is_free
