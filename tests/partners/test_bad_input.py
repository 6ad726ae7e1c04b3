"""A key with characters no issued key has (a NUL byte, which PostgreSQL text cannot hold) is
rejected before any lookup (issue 18)."""

import pytest

from partners.services import ApiKeyRejected, api_key_authenticate


@pytest.mark.django_db
@pytest.mark.parametrize(
    "plaintext",
    [
        "pnt_ab\x00cdeff_secreto",
        "pnt_\x00\x00\x00\x00\x00\x00\x00\x00_secreto",
        "pnt_abcdef01_sec\x00reto",
        "pnt_ABCDEF01_secreto",
        "pnt_abcdef01_secreto con espacio",
        "pnt_abcdef01_" + "x" * 129,
    ],
    ids=["nul-in-prefix", "nul-prefix", "nul-in-secret", "upper-prefix", "space", "too-long"],
)
def test_a_key_of_the_wrong_shape_is_rejected_without_a_lookup(
    plaintext, django_assert_num_queries
):
    with django_assert_num_queries(0), pytest.raises(ApiKeyRejected):
        api_key_authenticate(plaintext=plaintext)
