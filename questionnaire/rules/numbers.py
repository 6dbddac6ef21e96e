"""Numbers and patient text: exact Decimals, the x60 unit conversion, lazy
formatting of translated sentences."""

from decimal import ROUND_HALF_UP, Decimal, InvalidOperation

from django.utils.functional import lazy

# Made once: each lazy() call builds a proxy class, a cost on every result page.
_lazy_percent = lazy(lambda message, values: str(message) % values, str)


def lazy_format(message, **values):
    """Return `message % values`, evaluated only when the text is rendered."""
    return _lazy_percent(message, values)


def to_decimal(value) -> Decimal:
    """Return value (int, float, str or Decimal) as a finite Decimal."""
    if isinstance(value, bool):
        raise TypeError("Expected a number, got a bool.")
    if isinstance(value, Decimal):
        result = value
    elif isinstance(value, int):
        result = Decimal(value)
    elif isinstance(value, float | str):
        try:
            result = Decimal(str(value).strip())
        except InvalidOperation:
            raise ValueError("Not a number.") from None
    else:
        raise TypeError(f"Expected a number, got {type(value).__name__}.")
    if not result.is_finite():
        raise ValueError("Not a finite number.")
    return result


def round_half_up(value: Decimal, places: str) -> Decimal:
    return value.quantize(Decimal(places), rounding=ROUND_HALF_UP)


def show_number(value) -> str:
    """Return a number for patient text: 10,000 / 66 / 13.45."""
    value = to_decimal(value).normalize()
    return f"{value:,f}"
