"""Form fields that accept numbers the way patients type them."""

import re

from django import forms
from django.utils.translation import gettext_lazy as _

# "1,200" is twelve hundred; "0,93" and "0,930" are a decimal comma, common on
# European reports (a number never starts "0," with a thousands comma).
THOUSANDS_COMMA = re.compile(r"^[1-9]\d{0,2}(,\d{3})+(\.\d+)?$")


class PatientNumberField(forms.DecimalField):
    """A decimal number typed as text: spaces, thousands commas and a decimal
    comma are all understood. Shown as a text box with a number keypad on phones,
    as GOV.UK advises (type=number loses what people type and confuses screen
    readers). ``must_be_positive`` is the message for a number of 0 or less."""

    def __init__(self, *, example, must_be_positive=None, **kwargs):
        self.must_be_positive = must_be_positive
        kwargs.setdefault("max_digits", 12)
        kwargs.setdefault("decimal_places", 3)
        kwargs.setdefault("required", False)
        super().__init__(**kwargs)
        self.widget = forms.TextInput(
            attrs={"inputmode": "decimal", "autocomplete": "off", "spellcheck": "false"}
        )
        self.error_messages = {
            **self.error_messages,
            "invalid": _("Enter a number, like %(example)s") % {"example": example},
            "max_digits": _("Enter a shorter number, like %(example)s")
            % {"example": example},
            "max_whole_digits": _("Enter a smaller number, like %(example)s")
            % {"example": example},
            "max_decimal_places": _(
                "Enter a number with at most %(places)s digits after the decimal point"
            )
            % {"places": self.decimal_places},
        }

    def to_python(self, value):
        if isinstance(value, str):
            value = value.strip().replace(" ", "").replace("\u00a0", "")
            if THOUSANDS_COMMA.match(value):
                value = value.replace(",", "")
            else:
                value = value.replace(",", ".")
        return super().to_python(value)

    def validate(self, value):
        super().validate(value)
        if self.must_be_positive and value is not None and value <= 0:
            raise forms.ValidationError(self.must_be_positive, code="not_positive")


class CheckedBox(forms.BooleanField):
    """An "I have checked" box under an unusual number: ticking it accepts the
    number. Shown only when needed (``TestResultForm.rows``); not an answer."""

    def __init__(self, label):
        super().__init__(label=label, required=False)
