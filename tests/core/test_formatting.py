from django.utils import translation

from mpp.core.formatting import group_thousands, rupiah


def test_rupiah_formats_thousands_with_dots():
    assert rupiah(30000) == "Rp30.000"
    assert rupiah(1218000) == "Rp1.218.000"
    assert rupiah(500) == "Rp500"


def test_rupiah_zero_is_free_in_the_active_language():
    with translation.override("id"):
        assert rupiah(0) == "Gratis"
    with translation.override("en"):
        assert rupiah(0) == "Free"


def test_group_thousands_keeps_the_sign():
    assert group_thousands(-1500) == "-1.500"
