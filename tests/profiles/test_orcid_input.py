"""An ORCID iD is accepted as people paste it: with the www. address, with spaces instead of
hyphens, or as the bare 16 characters; it is stored in its one canonical form."""

import pytest
from django.core.exceptions import ValidationError

from prefill.forms import OrcidForm
from profiles.validators import normalize_orcid, validate_orcid


@pytest.mark.parametrize(
    "typed",
    [
        "https://www.orcid.org/0000-0002-1825-0097",
        "0000 0002 1825 0097",
        "0000000218250097",
        " orcid.org/0000-0002-1825-0097 ",
    ],
)
def test_an_orcid_id_pasted_in_a_common_shape_is_read_as_the_canonical_id(typed):
    validate_orcid(typed)
    assert normalize_orcid(typed) == "0000-0002-1825-0097"
    form = OrcidForm({"orcid": typed})
    assert form.is_valid(), form.errors
    assert form.cleaned_data["orcid"] == "0000-0002-1825-0097"


def test_a_lowercase_check_character_and_a_wrong_one_are_told_apart():
    assert normalize_orcid("0000 0002 1694 233x") == "0000-0002-1694-233X"
    with pytest.raises(ValidationError) as wrong:
        validate_orcid("0000000218250098")
    assert wrong.value.code == "orcid_checksum"
