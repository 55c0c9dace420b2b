"""The wizard's delivery step: how the result is received, and the fee.

Fees come from the procedure, sorted by how they apply (cms_pages.fees): the
ones always paid add up to a total the step shows, alternatives are the one
question it asks, and fees paid only in some cases are listed apart. The
postal address belongs to the "by post" choice (revealed under it, GOV.UK
style, by CSS alone) and is only required and kept when post is chosen.
"""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from cms_pages.fees import FeeSummary, summarise_fees
from portal.templatetags.portal_tags import vnd

from .models import ReceiptMethod


def fee_text(fee) -> str:
    """ "Lệ phí đăng ký: 50.000 đ", or the label alone when the amount is set elsewhere."""
    if fee.amount_vnd is None:
        return fee.label
    amount = vnd(fee.amount_vnd) if fee.amount_vnd else str(_("Free"))
    return f"{fee.label}: {amount}"


class DeliveryForm(forms.Form):
    """How the result is received, and which fee applies when there is a choice."""

    receipt_method = forms.ChoiceField(
        label=_("How do you want to receive the result?"),
        choices=ReceiptMethod.choices,
        widget=forms.RadioSelect,
        error_messages={"required": _("Choose how you want to receive the result.")},
    )
    postal_address = forms.CharField(
        label=_("Postal address"),
        required=False,
        help_text=_("Postage is paid on delivery."),
        widget=forms.Textarea(attrs={"rows": 3, "autocomplete": "street-address"}),
    )
    fee = forms.ChoiceField(
        label=_("Which of these fees applies to you?"),
        required=False,
        widget=forms.RadioSelect,
        error_messages={"required": _("Choose the fee that applies to you.")},
    )

    # The field shown under a choice of receipt_method (conditional reveal).
    conditional = {ReceiptMethod.POST: "postal_address"}

    def __init__(self, *args, procedure=None, **kwargs):
        super().__init__(*args, **kwargs)
        fees = list(procedure.fees.all()) if procedure is not None else []
        self.fee_summary: FeeSummary = summarise_fees(fees)
        if procedure is not None and not procedure.channel_postal:
            self.fields["receipt_method"].choices = [
                choice
                for choice in ReceiptMethod.choices
                if choice[0] != ReceiptMethod.POST
            ]
            del self.fields["postal_address"]
        if self.fee_summary.asks_a_choice:
            self.fields["fee"].choices = [
                (str(fee.pk), fee_text(fee)) for fee in self.fee_summary.alternatives
            ]
            self.fields["fee"].required = True
        else:
            del self.fields["fee"]

    def main_fields(self) -> list:
        """The fields shown on their own (not under a choice), in order."""
        hidden = set(self.conditional.values())
        return [field for field in self if field.name not in hidden]

    def summary_fields(self) -> list[str]:
        """The fields that apply to the answers given, for check-your-answers:
        no postal address when the result is collected at the centre."""
        chosen = self.cleaned_data.get("receipt_method")
        hidden = {name for choice, name in self.conditional.items() if choice != chosen}
        return [name for name in self.fields if name not in hidden]

    def revealed_under(self, choice: str):
        """The bound field revealed under `choice` of receipt_method, if any."""
        name = self.conditional.get(choice)
        return self[name] if name in self.fields else None

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("receipt_method") != ReceiptMethod.POST:
            # Typed, then another choice made: not kept, never required.
            cleaned["postal_address"] = ""
        elif not cleaned.get("postal_address", "").strip():
            self.add_error(
                "postal_address", _("Enter the address the result should be posted to.")
            )
        return cleaned

    def fees_due(self) -> tuple[str, int | None]:
        """(what is paid, total in đồng or None when an amount is set elsewhere).

        The fees always paid plus the alternative chosen; those paid only in
        some cases are left to the centre, which knows when they apply.
        """
        due = list(self.fee_summary.always)
        chosen = self.cleaned_data.get("fee")
        due += [f for f in self.fee_summary.alternatives if str(f.pk) == chosen]
        if not due:
            return "", None
        label = " + ".join(fee.label for fee in due)
        if any(fee.amount_vnd is None for fee in due):
            return label, None
        return label, sum(fee.amount_vnd for fee in due)
