"""The SKM index of PermenPAN-RB 14/2017: worked example, weights, grade boundaries, missing
answers, answers keyed by code, the Krejcie–Morgan table, and properties (Hypothesis)."""

from __future__ import annotations

import random
from decimal import Decimal
from fractions import Fraction

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from mpp.feedback import skm

# --- The published worked example (docs/domain-facts.md §4.6)

#: How the 29 respondents answered each element: {score: number of respondents}.
WORKED_EXAMPLE = {
    "U1": {4: 18, 3: 11},  # 105
    "U2": {4: 14, 3: 15},  # 101
    "U3": {4: 15, 3: 12, 2: 2},  # 100
    "U4": {4: 29},  # 116
    "U5": {4: 15, 3: 14},  # 102
    "U6": {4: 18, 3: 11},  # 105
    "U7": {4: 19, 3: 10},  # 106
    "U8": {4: 18, 3: 11},  # 105
    "U9": {4: 28, 3: 1},  # 115
}


def worked_example_answer_sets() -> list[dict[str, int]]:
    """29 real answer sets whose element totals are 105, 101, 100, 116, 102, 105, 106, 105, 115."""
    columns = {
        code: [score for score, count in sorted(counts.items(), reverse=True) for _ in range(count)]
        for code, counts in WORKED_EXAMPLE.items()
    }
    # Shuffle each column (seeded) so that respondents are not uniformly "all 4s first".
    rng = random.Random(14_2017)
    for column in columns.values():
        rng.shuffle(column)
    return [{code: columns[code][i] for code in skm.CODES} for i in range(29)]


def test_worked_example_answer_sets_have_the_published_totals():
    answers = worked_example_answer_sets()
    totals = [sum(a[code] for a in answers) for code in skm.CODES]
    assert len(answers) == 29
    assert totals == [105, 101, 100, 116, 102, 105, 106, 105, 115]


def test_worked_example_gives_91_48_grade_a_with_weight_one_ninth():
    result = skm.compute_ikm(worked_example_answer_sets(), weight=skm.parse_weight("1/9"))
    assert result.ikm == Decimal("91.48")
    assert result.x == Decimal("3.6590")
    assert result.grade is not None
    assert (result.grade.letter, str(result.grade.label)) == ("A", "Sangat Baik")


def test_worked_example_gives_90_56_with_weight_0_11():
    result = skm.compute_ikm(worked_example_answer_sets(), weight=skm.parse_weight("0.11"))
    assert (result.ikm, result.x, result.grade.letter) == (Decimal("90.56"), Decimal("3.6224"), "A")


def test_worked_example_gives_91_38_with_weight_0_111():
    result = skm.compute_ikm(worked_example_answer_sets(), weight=skm.parse_weight("0,111"))
    assert result.ikm == Decimal("91.38")


def test_worked_example_nrr_per_element():
    result = skm.compute_ikm(worked_example_answer_sets(), weight=Fraction(1, 9))
    assert [str(s.nrr_display) for s in result.scores] == [
        "3.6207", "3.4828", "3.4483", "4.0000", "3.5172", "3.6207", "3.6552", "3.6207", "3.9655",
    ]  # fmt: skip


def test_weight_defaults_to_the_setting(settings):
    settings.FEEDBACK_SKM_WEIGHT = "0.11"
    assert skm.compute_ikm(worked_example_answer_sets()).ikm == Decimal("90.56")
    settings.FEEDBACK_SKM_WEIGHT = "1/9"
    assert skm.compute_ikm(worked_example_answer_sets()).ikm == Decimal("91.48")


@pytest.mark.parametrize("raw", ["0", "-1/9", "2", "abc", "1/0", ""])
def test_parse_weight_refuses_nonsense(raw):
    with pytest.raises(ValueError):
        skm.parse_weight(raw)


# --- Grades -------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("ikm", "letter"),
    [
        ("25.00", "D"),
        ("64.99", "D"),
        ("65.00", "C"),
        ("76.60", "C"),
        ("76.61", "B"),
        ("88.30", "B"),
        ("88.31", "A"),
        ("100.00", "A"),
    ],
)
def test_grade_at_every_boundary(ikm, letter):
    assert skm.grade_for(Decimal(ikm)).letter == letter


@pytest.mark.parametrize(
    ("exact", "rounded", "letter"),
    [
        ("64.994", "64.99", "D"),
        ("64.995", "65.00", "C"),  # in the gap 64.99|65.00 before rounding
        ("76.6049", "76.60", "C"),
        ("76.605", "76.61", "B"),
        ("88.3049", "88.30", "B"),
        ("88.305", "88.31", "A"),
    ],
)
def test_rounding_half_up_before_grading_closes_the_gaps(exact, rounded, letter):
    value = skm.round_half_up(Fraction(exact))
    assert (str(value), skm.grade_for(value).letter) == (rounded, letter)


@pytest.mark.parametrize(
    ("respondents", "total", "ikm", "letter"),
    [
        (2500, 6499, "64.99", "D"),  # NRR 2.5996 in every element
        (5, 13, "65.00", "C"),  # NRR 2.6
        (125, 383, "76.60", "C"),  # NRR 3.064
        (2500, 7661, "76.61", "B"),  # NRR 3.0644
        (250, 883, "88.30", "B"),  # NRR 3.532
        (2500, 8831, "88.31", "A"),  # NRR 3.5324
    ],
)
def test_computed_index_lands_on_each_boundary(respondents, total, ikm, letter):
    totals = dict.fromkeys(skm.CODES, (total, respondents))
    result = skm.scores_from_totals(totals, respondents, Fraction(1, 9))
    assert (str(result.ikm), result.grade.letter) == (ikm, letter)


# --- Missing answers, codes, validation -----------------------------------------------------------


def test_nrr_counts_only_respondents_who_answered_the_element():
    answers = [
        {"U1": 4, "U2": 4, "U3": 4, "U4": 4, "U5": 4, "U6": 4, "U7": 4, "U8": 2, "U9": 4},
        {"U1": 2, "U2": 4, "U3": 4, "U4": 4, "U5": 4, "U6": 4, "U7": 4, "U9": 4},  # skipped U8
        {"U1": 3, "U2": 4, "U3": 4, "U4": 4, "U5": 4, "U6": 4, "U7": 4, "U8": None, "U9": 4},
    ]
    result = skm.compute_ikm(answers, weight=Fraction(1, 9))
    assert (result.score("U8").total, result.score("U8").answered) == (2, 1)
    assert result.score("U8").nrr == Fraction(2)  # not 2/3
    assert result.score("U1").nrr == Fraction(3)
    # X = (3 + 4×7 + 2) / 9 = 33/9 → IKM 91.666… → 91.67
    assert result.ikm == Decimal("91.67")


def test_no_index_while_an_element_has_no_answer_at_all():
    result = skm.compute_ikm([{"U1": 4, "U2": 4}], weight=Fraction(1, 9))
    assert (result.ikm, result.grade, result.missing) == (
        None,
        None,
        ["U3", "U4", "U5", "U6", "U7", "U8", "U9"],
    )


def test_answers_are_keyed_by_code_not_position():
    # The questionnaire asks about facilities (U9) in question 8 and complaint handling (U8)
    # in question 9: the order of a dict must not matter, only its keys.
    in_questionnaire_order = dict.fromkeys(skm.QUESTIONNAIRE_ORDER, 4)
    in_questionnaire_order["U8"] = 1
    reversed_keys = dict(reversed(list(in_questionnaire_order.items())))
    a = skm.compute_ikm([in_questionnaire_order], weight=Fraction(1, 9))
    b = skm.compute_ikm([reversed_keys], weight=Fraction(1, 9))
    assert a.score("U8").total == b.score("U8").total == 1
    assert a.score("U9").total == 4
    assert a.ikm == b.ikm


def test_questionnaire_swaps_facilities_and_complaint_handling():
    assert skm.QUESTIONNAIRE_ORDER[7:] == ("U9", "U8")
    assert str(skm.UNSUR_BY_CODE["U9"].labels[0]) == "Buruk"
    assert str(skm.UNSUR_BY_CODE["U8"].labels[3]) == "Dikelola dengan baik"
    assert str(skm.UNSUR_BY_CODE["U4"].labels[3]) == "Gratis"


@pytest.mark.parametrize(
    "answers",
    [{"U10": 4}, {"U1": 5}, {"U1": 0}, {"U1": "x"}, {"U1": 2.5}, {"U1": True}, {1: 4}],
)
def test_validate_answers_refuses_unknown_codes_and_scores(answers):
    with pytest.raises(ValueError):
        skm.validate_answers(answers)


def test_validate_answers_accepts_lower_case_codes_and_string_scores():
    assert skm.validate_answers({"u1": "4", "U2": 3, "U3": ""}) == {"U1": 4, "U2": 3}


# --- Krejcie–Morgan -------------------------------------------------------------------------------

KREJCIE_MORGAN = {
    10: 10, 15: 14, 20: 19, 25: 24, 30: 28, 50: 44, 75: 63, 100: 80, 150: 108, 200: 132,
    250: 152, 300: 169, 400: 196, 500: 217, 750: 254, 1_000: 278, 1_500: 306, 2_000: 322,
    3_000: 341, 5_000: 357, 10_000: 370, 20_000: 377, 50_000: 381, 100_000: 383,
    1_000_000: 384,
}  # fmt: skip


@pytest.mark.parametrize(("population", "sample"), sorted(KREJCIE_MORGAN.items()))
def test_krejcie_morgan_table(population, sample):
    assert skm.krejcie_morgan(population) == sample


def test_krejcie_morgan_of_nobody_is_zero():
    assert (skm.krejcie_morgan(0), skm.krejcie_morgan(-5), skm.krejcie_morgan(1)) == (0, 0, 1)


# --- Properties -----------------------------------------------------------------------------------

answer_set = st.fixed_dictionaries({code: st.integers(1, 4) for code in skm.CODES})


@settings(max_examples=200, deadline=None)
@given(st.lists(answer_set, min_size=1, max_size=60), st.randoms(use_true_random=False))
def test_ikm_is_bounded_and_ignores_the_order_of_respondents(answers, rnd):
    result = skm.compute_ikm(answers, weight=Fraction(1, 9))
    shuffled = list(answers)
    rnd.shuffle(shuffled)
    assert Decimal("25.00") <= result.ikm <= Decimal("100.00")
    assert skm.compute_ikm(shuffled, weight=Fraction(1, 9)).ikm == result.ikm
    # With everyone answering everything and weight 1/9: IKM = 25 × Σ / (9n).
    total = sum(sum(a.values()) for a in answers)
    assert result.ikm == skm.round_half_up(Fraction(25 * total, 9 * len(answers)))


@settings(max_examples=50, deadline=None)
@given(st.integers(1, 50), st.sampled_from([1, 4]))
def test_uniform_answers_give_25_or_100(respondents, score):
    answers = [dict.fromkeys(skm.CODES, score) for _ in range(respondents)]
    result = skm.compute_ikm(answers, weight=Fraction(1, 9))
    assert result.ikm == (Decimal("100.00") if score == 4 else Decimal("25.00"))
    assert result.grade.letter == ("A" if score == 4 else "D")


@settings(max_examples=100, deadline=None)
@given(st.lists(answer_set, min_size=1, max_size=30), st.sampled_from(skm.CODES), st.integers(1, 3))
def test_raising_one_answer_never_lowers_the_index(answers, code, bump_from):
    lowered = [dict(a) for a in answers]
    lowered[0][code] = bump_from
    raised = [dict(a) for a in answers]
    raised[0][code] = bump_from + 1
    assert (
        skm.compute_ikm(raised, weight=Fraction(1, 9)).ikm
        >= skm.compute_ikm(lowered, weight=Fraction(1, 9)).ikm
    )
