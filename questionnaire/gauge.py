"""Geometry for the result page's gauge: where the ALT value sits among the bands.

Each band gets the same width, so the narrow lower bands stay readable on a phone.
"""

from dataclasses import dataclass
from decimal import Decimal

from questionnaire import rules

# (band, lowest multiple of the upper limit, highest multiple shown), from the
# band edges in rules.thresholds. The last band is open-ended; the gauge stops at twice
# its lower edge and keeps anything higher at the right-hand end.
SCALE = [
    (rules.Band.WITHIN_RANGE, Decimal(0), rules.WITHIN_RANGE_MAX_MULTIPLE),
    (
        rules.Band.BORDERLINE,
        rules.WITHIN_RANGE_MAX_MULTIPLE,
        rules.BORDERLINE_BELOW_MULTIPLE,
    ),
    (rules.Band.MILD, rules.BORDERLINE_BELOW_MULTIPLE, rules.MILD_BELOW_MULTIPLE),
    (rules.Band.MODERATE, rules.MILD_BELOW_MULTIPLE, rules.MODERATE_MAX_MULTIPLE),
    (rules.Band.SEVERE, rules.MODERATE_MAX_MULTIPLE, 2 * rules.MODERATE_MAX_MULTIPLE),
]
SEGMENT_WIDTH = Decimal(100) / len(SCALE)


@dataclass(frozen=True)
class Segment:
    band: rules.Band
    x: Decimal
    width: Decimal
    low: Decimal
    is_current: bool
    label: str  # Assessment.label_for_band


@dataclass(frozen=True)
class Gauge:
    segments: list[Segment]
    marker_x: Decimal


def build_gauge(assessment: rules.Assessment) -> Gauge:
    """Return the segments and marker position (0–100) for this assessment."""
    multiple = assessment.multiple_of_upper_limit
    # A massive result is above every band edge: draw it in the top band.
    current = (
        rules.Band.SEVERE if assessment.band == rules.Band.MASSIVE else assessment.band
    )
    segments = []
    marker_x = Decimal(100)
    for index, (band, low, high) in enumerate(SCALE):
        x = index * SEGMENT_WIDTH
        segments.append(
            Segment(
                band,
                x,
                SEGMENT_WIDTH,
                low,
                band == current,
                assessment.label_for_band(band),
            )
        )
        if band == current:
            share = min(max((multiple - low) / (high - low), Decimal(0)), Decimal(1))
            marker_x = x + share * SEGMENT_WIDTH
    return Gauge(segments=segments, marker_x=marker_x.quantize(Decimal("0.1")))
