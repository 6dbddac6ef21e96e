"""Form fields that accept numbers the way patients type them."""

import re
import unicodedata

from django import forms
from django.utils.functional import lazy
from django.utils.translation import gettext_lazy as _

# "1,200" is twelve hundred; "0,93" and "0,930" are a decimal comma, common on
# European reports (a number never starts "0," with a thousands comma).
THOUSANDS_COMMA = re.compile(r"^[1-9]\d{0,2}(,\d{3})+(\.\d+)?$")
# A Chinese keyboard in Chinese mode types "。" for the full stop key; NFKC does
# not change it, so it is read as the decimal point it stands for.
IDEOGRAPHIC_FULL_STOP = "\u3002"


def interpolate_lazy(message, **values):
    """``message % values``, translated when shown: fields are built once, at
    import, so ``%`` there would fix the language they were built in."""
    return lazy(lambda: str(message) % values, str)()


def read_typed_number(text: str) -> str:
    """Return a typed number in the form Decimal() reads, by one rule (docs/china.md):

    1. NFKC: full-width digits ０-９, "．", "，", "－" and full-width or no-break
       spaces become their ASCII forms; "。" becomes ".".
    2. Spaces go: "1 000" is 1000.
    3. Commas in groups of exactly three digits after a first group of 1-3 digits
       that does not start with 0 ("1,200", "12,500.5") are thousands separators
       and go; any other comma is a decimal comma ("72,5", "0,930", "７２，５").
    Anything else is left for Decimal() to refuse ("1.200,5", "1,2,3", "七十二"),
    and the field says "Enter a number, like ...".
    """
    text = unicodedata.normalize("NFKC", text).replace(IDEOGRAPHIC_FULL_STOP, ".")
    text = "".join(text.split())
    if THOUSANDS_COMMA.match(text):
        return text.replace(",", "")
    return text.replace(",", ".")


class PatientNumberField(forms.DecimalField):
    """A decimal number typed as text: spaces, thousands commas, a decimal comma
    and full-width (Chinese keyboard) digits and signs are all understood
    (``read_typed_number``). Shown as a text box with a number keypad on phones,
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
            "invalid": interpolate_lazy(
                _("Enter a number, like %(example)s"), example=example
            ),
            "max_digits": interpolate_lazy(
                _("Enter a shorter number, like %(example)s"), example=example
            ),
            "max_whole_digits": interpolate_lazy(
                _("Enter a smaller number, like %(example)s"), example=example
            ),
            "max_decimal_places": interpolate_lazy(
                _(
                    "Enter a number with at most %(places)s digits after the "
                    "decimal point"
                ),
                places=self.decimal_places,
            ),
        }

    def to_python(self, value):
        if isinstance(value, str):
            value = read_typed_number(value)
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
