import re

import pytest

from gtr_portal.core.charts import (
    DARK_TEXT,
    LIGHT_TEXT,
    Series,
    contrast_ratio,
    label_colour,
    relative_luminance,
    stacked_bars,
)


def test_relative_luminance_follows_wcag_for_black_white_and_grey():
    assert relative_luminance("#000000") == 0
    assert relative_luminance("#ffffff") == pytest.approx(1)
    assert relative_luminance("#fff") == pytest.approx(1)
    # WCAG's worked value for mid grey (#777777): about 0.184.
    assert relative_luminance("#777777") == pytest.approx(0.184, abs=0.001)


def test_contrast_ratio_of_black_on_white_is_21():
    assert contrast_ratio("#000000", "#ffffff") == pytest.approx(21)
    assert contrast_ratio("#ffffff", "#000000") == pytest.approx(21)


@pytest.mark.parametrize(
    ("fill", "expected"),
    [
        ("#0d3d70", LIGHT_TEXT),  # implemented: dark blue
        ("#1f7a4d", LIGHT_TEXT),  # green
        ("#b42318", LIGHT_TEXT),  # red
        ("#c8962a", DARK_TEXT),  # partially implemented: gold
        ("#6f9fd8", DARK_TEXT),  # in progress: light blue
        ("#c9d1da", DARK_TEXT),  # not started: light grey
        ("#9aa5b1", DARK_TEXT),  # adopted: grey
    ],
)
def test_label_colour_is_whichever_of_white_or_dark_contrasts_more(fill, expected):
    assert label_colour(fill) == expected
    other = DARK_TEXT if expected == LIGHT_TEXT else LIGHT_TEXT
    assert contrast_ratio(fill, expected) > contrast_ratio(fill, other)


def test_bar_labels_on_portal_colours_meet_wcag_aa_for_small_text():
    for fill in ("#0d3d70", "#c8962a", "#6f9fd8", "#c9d1da", "#9aa5b1", "#b42318", "#1f7a4d"):
        assert contrast_ratio(fill, label_colour(fill)) >= 4.5, fill


def test_not_started_bars_get_dark_labels_whatever_their_position_in_the_series():
    svg = stacked_bars(
        title="Status",
        categories=["Senegal"],
        series=[Series("Not started", [5], "#c9d1da"), Series("Implemented", [5], "#0d3d70")],
    )
    labels = re.findall(r'fill="(#[0-9a-f]{6})">5</text>', svg)
    assert labels == [DARK_TEXT, LIGHT_TEXT]
