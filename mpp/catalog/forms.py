from __future__ import annotations

from typing import Any, cast

from django import forms
from django.db.models import QuerySet
from django.utils.translation import gettext_lazy as _

from mpp.catalog.models import Agency
from mpp.core.forms import SpecificMessages
from mpp.core.models import Mall

# The search form's choice of agencies per mall, built once: the field clones it (`.all()`),
# which costs a fraction of building the filter on every request (issue 15, ~5 % of /cari/).
# Never evaluated itself, so it holds no rows.
_agency_choices: dict[int | None, QuerySet[Agency]] = {}


def _agencies_of(mall: Mall | None) -> QuerySet[Agency]:
    key = mall.pk if mall is not None else None
    choices = _agency_choices.get(key)
    if choices is None:
        if len(_agency_choices) >= 1000:
            _agency_choices.clear()
        active = Agency.objects.filter(is_active=True)
        choices = active.filter(mall__isnull=True) if key is None else active.filter(mall_id=key)
        _agency_choices[key] = choices
    return choices


class SearchForm(SpecificMessages, forms.Form):
    mark_optional = False

    q = forms.CharField(
        label=_("What do you need?"),
        max_length=200,
        strip=True,
        error_messages={
            "required": _("Type what you are looking for, for example: KTP hilang."),
            "max_length": _("That search is too long. Use at most %(limit_value)d characters."),
        },
        widget=forms.TextInput(
            attrs={
                "type": "search",
                "autocomplete": "off",
                "enterkeyhint": "search",
                "placeholder": _("e.g. bikin KTP, perpanjang SIM, akta lahir"),
            }
        ),
    )
    agency = forms.ModelChoiceField(
        queryset=Agency.objects.filter(is_active=True),
        to_field_name="slug",
        required=False,
        label=_("Agency"),
    )
    page = forms.IntegerField(min_value=1, max_value=1000, required=False)

    def __init__(self, *args: Any, mall: Mall | None = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        # Agency slugs are unique only within a mall: offer the current mall's agencies.
        field = cast(forms.ModelChoiceField, self.fields["agency"])
        field.queryset = _agencies_of(mall)

    def clean_q(self) -> str:
        value: str = self.cleaned_data["q"]
        value = " ".join(value.split())
        if not value:
            raise forms.ValidationError(self.fields["q"].error_messages["required"])
        return value
