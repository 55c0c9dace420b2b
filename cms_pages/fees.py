"""How a procedure's fees combine: which add up, which are alternatives, which
are paid only on request. Shared by the procedure page, the wizard's delivery
step and the investor roadmap, so they never disagree about a total."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

from cms_pages.models.catalogue import FeeApplies


@dataclass
class FeeSummary:
    """A procedure's fees sorted by how they apply, with the total of those that add up.

    `total` is None when a fee that always applies has no amount (set elsewhere,
    e.g. by the tax authority): the total is then not known in advance.
    """

    always: list[Any] = field(default_factory=list)
    alternatives: list[Any] = field(default_factory=list)
    sometimes: list[Any] = field(default_factory=list)

    @property
    def total(self) -> int | None:
        if any(fee.amount_vnd is None for fee in self.always):
            return None
        return sum(fee.amount_vnd for fee in self.always)

    @property
    def adds_up(self) -> bool:
        """More than one fee is always paid: worth showing their total."""
        return len(self.always) > 1

    @property
    def is_free(self) -> bool:
        """Nothing to pay in any case (no fee, or every amount is zero)."""
        fees = [*self.always, *self.alternatives]
        return all(fee.amount_vnd == 0 for fee in fees)

    @property
    def asks_a_choice(self) -> bool:
        """The applicant must say which of several alternative fees applies."""
        return len(self.alternatives) > 1

    def __iter__(self):
        yield from (*self.always, *self.alternatives, *self.sometimes)

    def __len__(self) -> int:
        return len(self.always) + len(self.alternatives) + len(self.sometimes)


def summarise_fees(fees: Iterable[Any]) -> FeeSummary:
    """Sort fee rows (ProcedureFee or alike) by how they apply, keeping their order.

    A single "alternative" has nothing to be an alternative to: it is paid.
    """
    summary = FeeSummary()
    for fee in fees:
        applies = getattr(fee, "applies", FeeApplies.ALWAYS)
        if applies == FeeApplies.ALTERNATIVE:
            summary.alternatives.append(fee)
        elif applies == FeeApplies.SOMETIMES:
            summary.sometimes.append(fee)
        else:
            summary.always.append(fee)
    if len(summary.alternatives) == 1:
        summary.always += summary.alternatives
        summary.alternatives = []
    return summary
