"""Every Form class of the product, bound to random data: validating it answers with errors, never an exception, and
every error is a text for the user."""

import pytest
from django.utils.datastructures import MultiValueDict
from hypothesis import given

from tests.fuzz import formulir
from tests.fuzz.conftest import FUZZ, Percobaan
from tests.fuzz.strategi import berkas, data_formulir


@pytest.mark.parametrize("kelas", list(formulir.FORMULIR), ids=lambda k: f"{k.__module__}.{k.__name__}")
def test_a_form_bound_to_random_data_gives_errors_never_an_exception(world, kelas):
    medan = list(formulir.bangun(kelas, world).fields)

    @FUZZ
    @given(data=data_formulir({}, medan), files=berkas())
    def validasi(data, files):
        with Percobaan():
            biasa = MultiValueDict()
            for nama, nilai in data.items():
                biasa.setlist(nama, nilai if isinstance(nilai, list) else [nilai])
            berkas_ = MultiValueDict({n: [files] for n in medan})
            form = formulir.bangun(kelas, world, biasa, berkas_)
            form.is_valid()
            for pesan in form.errors.values():
                assert all(isinstance(p, str) and p for p in pesan)

    validasi()
