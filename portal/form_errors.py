"""The GOV.UK error summary of a form: every error once, each linking to its
field (the first radio button of a radio group)."""

from __future__ import annotations

from django import forms


def error_summary(form: forms.Form) -> list[dict]:
    """`[{"href": "#id_field", "message": "…"}]` in field order; form-wide
    errors first, without a link."""
    if not form.is_bound:
        return []
    errors = [{"href": "", "message": message} for message in form.non_field_errors()]
    # In the order of the fields on the page: form.errors keeps the order the
    # checks ran in, so an error added in clean() would come after every field.
    for name in form.fields:
        messages = form.errors.get(name)
        if not messages:
            continue
        bound = form[name]
        field_id = bound.id_for_label
        if isinstance(bound.field.widget, forms.RadioSelect):
            field_id = f"{bound.auto_id}_0"
        errors.extend({"href": f"#{field_id}", "message": m} for m in messages)
    return errors
