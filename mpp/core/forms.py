"""The one form pattern (issue 9, GOV.UK style): a specific message per field.

`SpecificMessages` replaces Django's generic "This field is required." with a message naming
the field: "Pilih …" for choices (radios, lists, dates and times), "Isi …" for text. A form
may give its own (`required_messages = {"starts_at": _("Choose a time for your visit")}`), and a
field declared with its own `error_messages={"required": …}` keeps it. Labels carry no trailing
colon (`label_suffix = ""`). Optional fields are marked one way everywhere: the label template
(core/forms/label.html, also used by `label_tag`, `as_field_group` and `as_p`) writes
"(tidak wajib)" after the label of every field whose `mpp_optional` is true. It defaults to
`not field.required` (never for a single checkbox or a hidden field); a form lists in
`conditional_fields` the fields that are optional only in Django's sense (one of several is
needed, checked in `clean`), so they are not marked.
Templates show the summary with `{% error_summary form %}`; tests/core/test_form_messages.py
walks every form of the project and checks all of this.
"""

from __future__ import annotations

from typing import Any, ClassVar

from django import forms
from django.utils.text import format_lazy
from django.utils.translation import gettext_lazy as _

CHOICE_FIELDS = (forms.ChoiceField, forms.ModelChoiceField, forms.DateField, forms.DateTimeField,
                 forms.TimeField, forms.BooleanField, forms.FileField)  # fmt: skip
GENERIC_REQUIRED = forms.Field.default_error_messages["required"]


def _lowered(label: str) -> str:
    """'Business name' -> 'business name'; an abbreviation ('NIB …', 'WhatsApp') stays."""
    if len(label) > 1 and label[1].isupper():
        return label
    return label[:1].lower() + label[1:]


class SpecificMessages:
    required_messages: ClassVar[dict[str, Any]] = {}
    conditional_fields: ClassVar[tuple[str, ...]] = ()
    # Filters (every field optional by nature) set this to False: nothing is marked.
    mark_optional: ClassVar[bool] = True
    template_name_label = "core/forms/label.html"

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        kwargs.setdefault("label_suffix", "")
        super().__init__(*args, **kwargs)
        fields: dict[str, forms.Field] = self.fields  # type: ignore[attr-defined]
        for name, field in fields.items():
            if not hasattr(field, "mpp_optional"):
                field.mpp_optional = (  # type: ignore[attr-defined]
                    self.mark_optional
                    and not field.required
                    and name not in self.conditional_fields
                    # A single checkbox is a yes/no of its own, never "optional".
                    and not isinstance(field, forms.BooleanField)
                    and not field.widget.is_hidden
                )
            if name in self.required_messages:
                field.error_messages["required"] = self.required_messages[name]
                continue
            if field.error_messages.get("required") is not GENERIC_REQUIRED:
                continue  # the field's own message
            label = str(field.label or name).strip().rstrip(":")
            if isinstance(field, CHOICE_FIELDS):
                field.error_messages["required"] = format_lazy(_("Choose {}"), _lowered(label))
            else:
                field.error_messages["required"] = format_lazy(_("Enter {}"), _lowered(label))
