"""The one form pattern (issue 9, GOV.UK style): a specific message per field.

`SpecificMessages` replaces Django's generic "This field is required." with a message naming
the field: "Pilih …" for choices (radios, lists, dates and times), "Isi …" for text. A form
may give its own (`required_messages = {"starts_at": _("Choose a time for your visit")}`).
Labels carry no trailing colon (`label_suffix = ""`); optional fields say "(optional)" in
their label, one way everywhere. Templates show the summary with `{% error_summary form %}`.
"""

from __future__ import annotations

from typing import Any, ClassVar

from django import forms
from django.utils.text import format_lazy
from django.utils.translation import gettext_lazy as _

CHOICE_FIELDS = (forms.ChoiceField, forms.ModelChoiceField, forms.DateField, forms.DateTimeField,
                 forms.TimeField, forms.BooleanField, forms.FileField)  # fmt: skip


class SpecificMessages:
    required_messages: ClassVar[dict[str, Any]] = {}

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        kwargs.setdefault("label_suffix", "")
        super().__init__(*args, **kwargs)
        fields: dict[str, forms.Field] = self.fields  # type: ignore[attr-defined]
        for name, field in fields.items():
            if name in self.required_messages:
                field.error_messages["required"] = self.required_messages[name]
                continue
            label = str(field.label or name).strip().rstrip(":")
            lowered = label[:1].lower() + label[1:]
            if isinstance(field, CHOICE_FIELDS):
                field.error_messages["required"] = format_lazy(_("Choose {}"), lowered)
            else:
                field.error_messages["required"] = format_lazy(_("Enter {}"), lowered)
