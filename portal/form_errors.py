"""The GOV.UK error summary of a form: every error once, each linking to its
field (the first radio button of a radio group)."""

from __future__ import annotations

from django import forms


def error_summary(form: forms.Form) -> list[dict]:
    """`[{"href": "#id_field", "message": "…"}]`; form-wide errors have no link."""
    if not form.is_bound:
        return []
    errors = [{"href": "", "message": message} for message in form.non_field_errors()]
    for name, messages in form.errors.items():
        if name == forms.forms.NON_FIELD_ERRORS:
            continue
        bound = form[name]
        field_id = bound.id_for_label
        if isinstance(bound.field.widget, forms.RadioSelect):
            field_id = f"{bound.auto_id}_0"
        errors.extend({"href": f"#{field_id}", "message": m} for m in messages)
    return errors
