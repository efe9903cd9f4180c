"""The quantity grammar: numbers as people write them, ranges and distributions."""

from __future__ import annotations

import math
import re

import pytest
from hypothesis import given
from hypothesis import strategies as st

from soicost.inputs.provenance import Provenance
from soicost.inputs.quantity import (
    Z95,
    Fixed,
    LogNormal,
    Mixture,
    Normal,
    Pert,
    QuantityError,
    Triangular,
    Uniform,
    format_number,
    parse_number,
    parse_quantity,
    text_in,
)
from soicost.model.sampling import median

# --------------------------------------------------------------------------------------
# Numbers


@pytest.mark.parametrize(
    ("written", "value"),
    [
        (500000, 500_000),
        (500000.0, 500_000),
        ("500000", 500_000),
        ("500_000", 500_000),
        ("500 000", 500_000),
        ("500\u00a0000", 500_000),  # no-break space
        ("500\u202f000", 500_000),  # narrow no-break space, as French typography has it
        ("500 000 €", 500_000),
        ("500 000 EUR", 500_000),
        ("500000€", 500_000),
        ("1 234 567,5", 1_234_567.5),
        ("500k", 500_000),
        ("500K", 500_000),
        ("500 k", 500_000),
        ("1.2M", 1_200_000),
        ("2Md", 2e9),
        ("2G", 2e9),
        ("2B", 2e9),
        ("2.5%", 0.025),
        ("50 %", 0.5),
        ("2,5%", 0.025),
        ("0,5", 0.5),
        ("1/3", 1 / 3),
        ("1k/4", 250),
        ("-5", -5),
        ("\u22125", -5),  # a typographic minus sign
        ("+5", 5),
        ("1e3", 1000),
        (".5", 0.5),
        (" 42 ", 42),
    ],
)
def test_number_forms(written: object, value: float) -> None:
    assert parse_number(written) == pytest.approx(value, rel=1e-12)
    quantity = parse_quantity(written)
    assert quantity.dist == Fixed(pytest.approx(value, rel=1e-12))
    assert quantity.is_fixed


def test_fixed_quantity_text_is_short_and_exact() -> None:
    assert parse_quantity("500 000 €").text == "500k"
    assert parse_quantity(1_200_000).text == "1.2M"
    # A fraction or a percentage keeps the way it was written (not 0.3333333333333333).
    assert parse_quantity("1/3").text == "1/3"
    assert parse_quantity(" 2.5 %").text == "2.5 %"
    assert str(parse_quantity("1.2M to 2M")) == "1.2M to 2M"


def test_thousands_comma_is_ambiguous() -> None:
    with pytest.raises(QuantityError) as info:
        parse_number("1,234")
    err = info.value
    assert err.message == ("ambiguous number: a comma followed by three digits may group "
                           "thousands")
    assert err.found == "'1,234'"
    assert err.hint == "write 1234 for thousands, or 1.2340 for a decimal"


def test_european_grouping_is_ambiguous() -> None:
    with pytest.raises(QuantityError) as info:
        parse_number("500.000,00")
    err = info.value
    assert err.message == ("ambiguous number: '.' and ',' are used both as thousands and "
                           "decimal separators")
    assert err.hint == "write 500000.00"


def test_ambiguous_hint_keeps_the_suffix() -> None:
    with pytest.raises(QuantityError) as info:
        parse_number("1,500k")
    assert info.value.hint == "write 1500k for thousands, or 1.5k for a decimal"


@pytest.mark.parametrize(
    ("written", "message"),
    [
        ("1 00 000", "digits grouped with spaces must come in groups of three"),
        ("1__0", "misplaced '_' in a number"),
        ("1/0", "division by zero"),
        ("1/x", "not a fraction"),
        ("abc", "not a number"),
        ("", "not a number"),
        (None, "not a number"),
        ([1], "not a number"),
        (True, "a boolean is not a number"),
        (False, "a boolean is not a number"),
        (math.inf, "not a finite number"),
        (math.nan, "not a finite number"),
        ("inf", "not a finite number"),
        (".nan", "not a finite number"),
        ("1e400", "not a finite number"),
        (10**400, "not a finite number"),
    ],
)
def test_not_numbers(written: object, message: str) -> None:
    with pytest.raises(QuantityError) as info:
        parse_number(written)
    assert info.value.message == message


def test_boolean_is_shown_as_yaml_writes_it() -> None:
    with pytest.raises(QuantityError) as info:
        parse_quantity(True)
    assert info.value.found == "true"


def test_dashed_range_gets_a_suggestion() -> None:
    for written in ("300k - 900k", "300k–900k", "300k..900k"):
        with pytest.raises(QuantityError) as info:
            parse_quantity(written)
        assert info.value.message == "not a number"
        assert info.value.hint == 'write a range as "300k to 900k"'


# --------------------------------------------------------------------------------------
# Ranges


def test_range_is_a_lognormal_with_these_percentiles() -> None:
    quantity = parse_quantity("300k to 900k")
    assert isinstance(quantity.dist, LogNormal)
    a, b = 300e3, 900e3
    assert quantity.dist.sigma == pytest.approx(math.log(b / a) / (2 * 1.6448536), rel=1e-7)
    assert quantity.dist.mu == pytest.approx((math.log(a) + math.log(b)) / 2, rel=1e-12)
    assert quantity.text == "300k to 900k"
    # The median of a range is the geometric mean of its bounds.
    assert median(quantity.dist) == pytest.approx(math.sqrt(a * b))


@pytest.mark.parametrize("written", ["300k to 900k", "300k à 900k", "300 000 to 900 000 €"])
def test_range_spellings(written: str) -> None:
    assert parse_quantity(written).dist == LogNormal.from_p5_p95(300e3, 900e3)


def test_range_bounds_use_the_number_forms() -> None:
    assert parse_quantity("1.2M to 2M").dist == LogNormal.from_p5_p95(1.2e6, 2e6)
    assert parse_quantity("10% to 30%").dist == LogNormal.from_p5_p95(0.1, 0.3)


def test_reversed_range() -> None:
    with pytest.raises(QuantityError) as info:
        parse_quantity("900k to 300k")
    assert info.value.message == "the low bound of a range must be below the high bound"
    assert info.value.expected == ('"a to b" with 0 < a < b (a and b are the 5th and 95th '
                                   "percentiles)")
    assert info.value.found == "'900k to 300k'"


@pytest.mark.parametrize("written", ["5 to 5", "2M to 1M"])
def test_range_a_at_least_b(written: str) -> None:
    with pytest.raises(QuantityError, match="must be below the high bound"):
        parse_quantity(written)


@pytest.mark.parametrize("written", ["0 to 5", "-1 to 5"])
def test_range_low_bound_not_positive(written: str) -> None:
    with pytest.raises(QuantityError) as info:
        parse_quantity(written)
    assert info.value.message == "the low bound of a range must be positive"
    assert info.value.hint == ("for a range that includes zero or negative values, use "
                               "{pert: [min, mode, max]} or {uniform: [min, max]}")


# --------------------------------------------------------------------------------------
# Distributions


def test_pert_bounds_use_the_number_forms() -> None:
    assert parse_quantity({"pert": ["10%", "20%", "1/2"]}).dist == Pert(0.1, 0.2, 0.5)


def test_pert_values() -> None:
    quantity = parse_quantity({"pert": ["100k", "200k", "500k"]})
    assert quantity.dist == Pert(100e3, 200e3, 500e3)
    assert quantity.mean() == pytest.approx((100e3 + 4 * 200e3 + 500e3) / 6)
    assert quantity.text == "pert(100k, 200k, 500k)"


def test_triangular() -> None:
    quantity = parse_quantity({"triangular": [1, 2, 6]})
    assert quantity.dist == Triangular(1, 2, 6)
    assert quantity.mean() == pytest.approx(3)


def test_uniform() -> None:
    quantity = parse_quantity({"uniform": ["1k", "3k"]})
    assert quantity.dist == Uniform(1000, 3000)
    assert quantity.mean() == 2000


def test_normal() -> None:
    quantity = parse_quantity({"normal": {"mean": "10%", "sd": "2%"}})
    assert quantity.dist == Normal(0.1, 0.02)


def test_lognormal() -> None:
    quantity = parse_quantity({"lognormal": {"median": "500k", "sigma": 0.3}})
    assert isinstance(quantity.dist, LogNormal)
    assert quantity.dist.mu == pytest.approx(math.log(500e3))
    assert quantity.dist.sigma == 0.3


def test_mixture() -> None:
    quantity = parse_quantity({"mixture": [{"weight": "5/6", "value": 0},
                                           {"weight": "1/6", "value": "1 to 3"}]})
    assert isinstance(quantity.dist, Mixture)
    assert quantity.dist.weights == pytest.approx((5 / 6, 1 / 6))
    assert quantity.dist.components[0] == Fixed(0)
    assert quantity.dist.components[1] == LogNormal.from_p5_p95(1, 3)


def test_value_with_provenance() -> None:
    quantity = parse_quantity({"value": "3.2%",
                               "provenance": {"status": "sourced", "source": "France Stratégie"}})
    assert quantity.dist == Fixed(0.032)
    assert quantity.provenance == Provenance(status="sourced", source="France Stratégie")


def test_value_with_range_and_no_provenance() -> None:
    quantity = parse_quantity({"value": "1 to 2"})
    assert quantity.dist == LogNormal.from_p5_p95(1, 2)
    assert quantity.provenance is None


@pytest.mark.parametrize(
    ("written", "message"),
    [
        ({"pert": [1, 5, 2]}, "pert needs min <= mode <= max with min < max"),
        ({"pert": [3, 1, 5]}, "pert needs min <= mode <= max with min < max"),
        ({"pert": [2, 2, 2]}, "pert needs min <= mode <= max with min < max"),
        ({"triangular": [1, 5, 2]}, "triangular needs min <= mode <= max with min < max"),
        ({"pert": [1, 2]}, "expected a list of 3 numbers"),
        ({"uniform": [5, 5]}, "uniform needs min < max"),
        ({"uniform": [6, 5]}, "uniform needs min < max"),
        ({"normal": {"mean": 1, "sd": 0}}, "a normal needs sd > 0"),
        ({"normal": {"mean": 1, "sd": -1}}, "a normal needs sd > 0"),
        ({"normal": {"mean": 1}}, "expected the keys mean and sd"),
        ({"lognormal": {"median": 0, "sigma": 1}}, "a lognormal needs median > 0 and sigma > 0"),
        ({"mixture": [{"weight": 0.5, "value": 1}, {"weight": 0.4, "value": 2}]},
         "mixture weights must sum to 1"),
        ({"mixture": [{"weight": 1.5, "value": 1}, {"weight": -0.5, "value": 2}]},
         "mixture weights must be positive"),
        ({"mixture": [{"weight": 1, "value": 1}]},
         "a mixture needs a list of at least two components"),
        ({"mixture": [{"weight": 1, "val": 1}, {"weight": 0, "value": 1}]},
         "each mixture component needs 'weight' and 'value'"),
        ({"value": 1, "source": "x"}, "unexpected key 'source' beside 'value'"),
        ({}, "not a distribution"),
        ({"pert": [1, 2, 3], "uniform": [1, 2]}, "not a distribution"),
        ({"pert": [1, "inf", 3]}, "not a finite number"),
    ],
)
def test_impossible_distributions(written: object, message: str) -> None:
    with pytest.raises(QuantityError) as info:
        parse_quantity(written)
    assert info.value.message == message


def test_misspelt_distribution() -> None:
    with pytest.raises(QuantityError) as info:
        parse_quantity({"PERT": [1, 2, 3]})
    assert info.value.message == "not a distribution"
    assert info.value.expected == ("one key among pert, triangular, uniform, normal, "
                                   "lognormal, mixture, value")
    assert info.value.found == "a mapping with keys PERT"
    assert info.value.hint == "did you mean 'pert'?"


def test_invalid_provenance_of_one_figure() -> None:
    with pytest.raises(QuantityError) as info:
        parse_quantity({"value": 5, "provenance": {"status": "sourced"}})
    assert info.value.message == ("invalid provenance: a sourced figure must name its source "
                                  "in 'source'")
    with pytest.raises(QuantityError, match=r"^invalid provenance status: "):
        parse_quantity({"value": 5, "provenance": {"status": "guessed"}})


# --------------------------------------------------------------------------------------
# Constraints


@pytest.mark.parametrize(
    "written",
    [-1, "-500k", {"pert": [-1, 2, 3]}, {"uniform": [-1, 1]}, {"normal": {"mean": 10, "sd": 5}},
     {"mixture": [{"weight": 0.5, "value": -1}, {"weight": 0.5, "value": 1}]}],
)
def test_negative_cost_refused(written: object) -> None:
    with pytest.raises(QuantityError) as info:
        parse_quantity(written, "nonneg")
    assert info.value.message.endswith("where only zero or more makes sense")
    assert info.value.expected == "a value >= 0"


def test_negative_fixed_cost_message() -> None:
    with pytest.raises(QuantityError) as info:
        parse_quantity("-500k", "nonneg")
    assert info.value.message == "a negative value where only zero or more makes sense"
    assert info.value.found == "'-500k'"


def test_normal_far_from_zero_is_a_valid_cost() -> None:
    # 10 - 3.09 * 3 > 0: the normal reaches below zero less than once in 1000 draws.
    assert parse_quantity({"normal": {"mean": 10, "sd": 3}}, "nonneg").mean() == 10
    assert parse_quantity(0, "nonneg").dist == Fixed(0)
    assert parse_quantity(-5).dist == Fixed(-5)  # no constraint: any finite value


@pytest.mark.parametrize("written", [0, -1, {"uniform": [0, 1]}, {"pert": [0, 1, 2]}])
def test_positive_constraint(written: object) -> None:
    with pytest.raises(QuantityError, match="where only a positive value makes sense"):
        parse_quantity(written, "positive")


def test_positive_accepts_ranges() -> None:
    assert isinstance(parse_quantity("0.5 to 2", "positive").dist, LogNormal)


def test_rate_constraint() -> None:
    assert parse_quantity("-50%", "rate").dist == Fixed(-0.5)
    with pytest.raises(QuantityError) as info:
        parse_quantity("-100%", "rate")
    assert info.value.message == "a rate of -100 % or less"


# --------------------------------------------------------------------------------------
# Properties

finite = st.floats(min_value=-1e15, max_value=1e15, allow_nan=False, allow_infinity=False)
positive = st.floats(min_value=1e-6, max_value=1e12, allow_nan=False, allow_infinity=False)


@given(finite)
def test_g_format_parses_back(x: float) -> None:
    # Unless it has a dot before exactly three digits after a 1-3 digit whole part
    # (1.234), which may group thousands: then it is refused, never misread.
    text = f"{x:.6g}"
    if re.fullmatch(r"-?[1-9][0-9]{0,2}\.[0-9]{3}", text):
        with pytest.raises(QuantityError, match="may group thousands"):
            parse_number(text)
    else:
        assert parse_number(text) == float(text)


@given(st.integers(min_value=0, max_value=10**15))
def test_underscore_grouping_parses_back(n: int) -> None:
    assert parse_number(f"{n:_}") == n


@given(st.integers(min_value=0, max_value=10**15))
def test_space_grouping_parses_back(n: int) -> None:
    assert parse_number(f"{n:,}".replace(",", " ")) == n
    assert parse_number(f"{n:,} €".replace(",", "\u202f")) == n


@given(st.integers(min_value=-10**9, max_value=10**9))
def test_k_suffix_parses_back(n: int) -> None:
    assert parse_number(f"{n}k") == n * 1000


@given(finite)
def test_format_number_parses_back_exactly(x: float) -> None:
    assert parse_number(format_number(x)) == x


@given(positive, st.floats(min_value=1.001, max_value=1e4))
def test_range_round_trips(a: float, ratio: float) -> None:
    b = a * ratio
    quantity = parse_quantity(f"{format_number(a)} to {format_number(b)}")
    assert isinstance(quantity.dist, LogNormal)
    mu, sigma = quantity.dist.mu, quantity.dist.sigma
    assert math.exp(mu - Z95 * sigma) == pytest.approx(a, rel=1e-9)
    assert math.exp(mu + Z95 * sigma) == pytest.approx(b, rel=1e-9)


# --------------------------------------------------------------------------------------
# Closed forms of each distribution (what the model's means and the sampler's shapes use)


def test_closed_form_means_and_supports() -> None:
    lognormal = LogNormal(mu=math.log(100), sigma=0.5)
    assert lognormal.mean() == pytest.approx(100 * math.exp(0.125), rel=1e-15)
    assert median(lognormal) == pytest.approx(100, rel=1e-15)
    assert lognormal.support() == (0.0, math.inf)
    assert Pert(1, 2, 9).mean() == pytest.approx((1 + 8 + 9) / 6, rel=1e-15)
    assert Triangular(1, 2, 9).mean() == pytest.approx(4, rel=1e-15)
    assert Normal(10, 2).support() == pytest.approx((10 - 2 * 3.090232306167813,
                                                     10 + 2 * 3.090232306167813), rel=1e-15)
    mixture = Mixture((0.25, 0.75), (Fixed(4.0), Uniform(0, 8)))
    assert mixture.mean() == pytest.approx(0.25 * 4 + 0.75 * 4, rel=1e-15)
    assert Mixture((0.5, 0.5), (Fixed(-3.0), Uniform(1, 8))).support() == (-3.0, 8.0)
    assert Mixture((0.5, 0.5), (Uniform(1, 8), Fixed(12.0))).support() == (1.0, 12.0)
    assert Mixture((0.5, 0.5), (Fixed(5.0), LogNormal(0, 1))).support() == (0.0, math.inf)


@pytest.mark.parametrize(("low", "mode", "high", "alpha", "beta"), [
    (0, 5, 10, 3, 3),      # symmetric: 1 + 4 × 1/2 on each side
    (0, 0, 10, 1, 5),      # mode at the low bound
    (2, 10, 10, 5, 1),     # mode at the high bound
    (0, 2.5, 10, 2, 4),
])
def test_pert_beta_shape(low: float, mode: float, high: float, alpha: float,
                         beta: float) -> None:
    assert Pert(low, mode, high).shape() == pytest.approx((alpha, beta), rel=1e-15)


def test_fixed_helper_keeps_value_text_and_provenance() -> None:
    from soicost.inputs.quantity import fixed

    provenance = Provenance(status="sourced", source="SOI letter")
    quantity = fixed(1_200_000, provenance)
    assert (quantity.dist, quantity.text, quantity.provenance) == (Fixed(1_200_000.0), "1.2M",
                                                                  provenance)
    assert quantity.is_fixed and quantity.fixed_value == 1_200_000.0
    assert fixed(3).provenance is None


# --------------------------------------------------------------------------------------
# How each form is written back (the text shown by explain, the report and the tables)


@pytest.mark.parametrize(("written", "text"), [
    ({"uniform": [1000, 2500]}, "uniform(1k, 2.5k)"),
    ({"normal": {"mean": 1.5e6, "sd": 250_000}}, "normal(1.5M, sd 250k)"),
    ({"lognormal": {"median": 500_000, "sigma": 0.25}}, "lognormal(median 500k, sigma 0.25)"),
    ({"pert": [1, 1, 5]}, "pert(1, 1, 5)"),
    ({"triangular": [1, 5, 5]}, "triangular(1, 5, 5)"),
    ({"mixture": [{"weight": 0.25, "value": 100}, {"weight": 0.75, "value": "1 to 2"}]},
     "mixture(0.25: 100; 0.75: 1 to 2)"),
    # Runs of spaces around "to" and inside the bounds are written once.
    ("300 k   to  1 M", "300 k to 1 M"),
    ({"value": "300 k   to  1 M", "provenance": {"status": "assumed"}}, "300 k to 1 M"),
])
def test_text_of_each_form(written: object, text: str) -> None:
    assert parse_quantity(written).text == text


@pytest.mark.parametrize(("value", "text"), [
    (999, "999"),
    (1000, "1k"),            # exactly the scale takes the suffix
    (1500, "1.5k"),          # as short as "1500": the suffix wins a tie
    (1250, "1250"),          # "1.25k" is longer
    (1e6, "1M"),
    (1_234_000, "1234k"),
    (1_234_500, "1234.5k"),  # "1.2345M" is as short, but four decimals read badly
    (1_234_560, "1234.56k"),  # "%.6g" would give 1.23456e+06
    (-2500, "-2.5k"),
    (1.5e102, "1.5e+102"),   # never "1.5e+99k"
    (1e102, "1e+102"),       # nor "1e+99k", as short
    (0.1234567, "0.1234567"),
    (1 / 3, "0.3333333333333333"),
])
def test_format_number_exact_renderings(value: float, text: str) -> None:
    assert format_number(value) == text
    assert parse_number(text) == value


@pytest.mark.parametrize("written", [".inf", "+.inf", "-.inf", "inf", "-inf", "infinity",
                                     ".nan", "nan", ".NaN", "-.Inf", "1e999"])
def test_every_spelling_of_infinity_is_not_finite(written: str) -> None:
    with pytest.raises(QuantityError) as info:
        parse_number(written)
    assert (info.value.message, info.value.found) == ("not a finite number", repr(written))


@pytest.mark.parametrize(("written", "message"), [
    ("1  000", "digits grouped with spaces must come in groups of three"),
    ("1000 000", "digits grouped with spaces must come in groups of three"),
    ("1 000 00 000", "digits grouped with spaces must come in groups of three"),
    ("1.000.000", "ambiguous number: several '.' in one number"),
    ("1,000,000", "ambiguous number: several ',' in one number"),
    ("1/2/3", "not a fraction"),
])
def test_more_ambiguous_or_malformed_numbers(written: str, message: str) -> None:
    with pytest.raises(QuantityError) as info:
        parse_number(written)
    assert info.value.message == message


def test_well_formed_groupings() -> None:
    assert parse_number("1 000 000,5") == 1_000_000.5
    assert parse_number("12 345") == 12_345
    assert parse_number("1_000,5") == 1000.5
    assert parse_number("1,5") == 1.5
    assert parse_number("10/4") == 2.5


def test_sexagesimal_looking_text_gets_a_yaml_hint() -> None:
    with pytest.raises(QuantityError) as info:
        parse_quantity("1:30")
    assert info.value.message == "not a number"
    assert info.value.hint == ("YAML 1.1 tools read this as a base-60 number (1:30 = 90), "
                               "soicost does not: write the number itself, such as 90 or 1.5")


def test_boundaries_of_distribution_parameters() -> None:
    # A mode may sit on either bound; a lognormal's median may be below 1.
    assert parse_quantity({"pert": [1, 1, 5]}).dist == Pert(1, 1, 5)
    assert parse_quantity({"pert": [1, 5, 5]}).dist == Pert(1, 5, 5)
    assert parse_quantity({"lognormal": {"median": 0.5, "sigma": 0.1}}).dist == LogNormal(
        math.log(0.5), 0.1)
    assert parse_quantity(0.5, "positive").dist == Fixed(0.5)
    with pytest.raises(QuantityError, match=r"^a lognormal needs median > 0 and sigma > 0$"):
        parse_quantity({"lognormal": {"median": 1, "sigma": 0}})
    with pytest.raises(QuantityError, match=r"^mixture weights must be positive$"):
        parse_quantity({"mixture": [{"weight": 0, "value": 1}, {"weight": 1, "value": 2}]})


def test_mixture_weights_close_to_one_are_normalised() -> None:
    quantity = parse_quantity({"mixture": [{"weight": 0.4995, "value": 1},
                                           {"weight": 0.5, "value": 2}]})
    assert isinstance(quantity.dist, Mixture)
    assert quantity.dist.weights == pytest.approx((0.4995 / 0.9995, 0.5 / 0.9995), rel=1e-15)


# --------------------------------------------------------------------------------------
# A quantity's text in French reads back as the same quantity

_FIGURES = st.floats(min_value=1e-4, max_value=1e9, allow_nan=False).map(
    lambda v: float(format_number(v).replace("k", "e3").replace("M", "e6")))


@given(_FIGURES)
def test_a_number_in_french_reads_back_as_the_same_number(value: float) -> None:
    quantity = parse_quantity(value)
    french = text_in(quantity.text, "fr")
    assert "." not in french
    assert parse_quantity(french).dist == quantity.dist


@given(_FIGURES, _FIGURES)
def test_a_range_in_french_reads_back_as_the_same_range(a: float, b: float) -> None:
    if a == b:
        return
    low, high = sorted((a, b))
    quantity = parse_quantity(f"{format_number(low)} to {format_number(high)}")
    french = text_in(quantity.text, "fr")
    assert " à " in french and "." not in french
    assert parse_quantity(french).dist == quantity.dist


@pytest.mark.parametrize(("text", "french"), [
    ("lognormal(median 1, sigma 0.9)", "lognormale(médiane 1\u202f; sigma 0,9)"),
    ("normal(-0.076, sd 0.15)", "normale(-0,076\u202f; écart type 0,15)"),
    ("pert(1.5, 2, 4.25)", "pert(1,5\u202f; 2\u202f; 4,25)"),
    ("mixture(0.8333: normal(-0.076, sd 0.15); 0.1667: lognormal(median 1.72, sigma 0.55))",
     "mélange(0,8333\u00a0: normale(-0,076\u202f; écart type 0,15)\u202f; 0,1667\u00a0: "
     "lognormale(médiane 1,72\u202f; sigma 0,55))"),
    ("18% to 30%", "18\u202f% à 30\u202f%"),
    ("3.2%", "3,2\u202f%"),
    ("1/3", "1/3"),
    ("flyvbjerg-2011", "flyvbjerg-2011"),
])
def test_distributions_are_named_in_french(text: str, french: str) -> None:
    assert text_in(text, "fr") == french
    assert text_in(text, "en") == text
