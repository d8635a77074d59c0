from django import forms
from django.utils.translation import gettext_lazy as _

from indikator.models import Indikator

from .services import parse_nilai, parse_rupiah


class RealisasiBarisForm(forms.Form):
    """One line of the grid: the value, its explanation and evidence, and the version the user started from."""

    nilai = forms.CharField(label=_("Realisasi"), required=False, max_length=40)
    kendala = forms.CharField(
        label=_("Kendala"), required=False, widget=forms.Textarea(attrs={"rows": 2}), max_length=4000
    )
    solusi = forms.CharField(
        label=_("Solusi / rencana tindak lanjut"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
        max_length=4000,
    )
    bukti_tautan = forms.URLField(label=_("Tautan bukti"), required=False, max_length=500, assume_scheme="https")
    bukti_teks = forms.CharField(label=_("Keterangan bukti"), required=False, max_length=2000)
    berkas = forms.FileField(label=_("Unggah bukti (PDF, gambar, dokumen Office)"), required=False)
    pagu = forms.CharField(label=_("Pagu anggaran (Rp)"), required=False, max_length=40)
    serapan = forms.CharField(label=_("Serapan anggaran (Rp)"), required=False, max_length=40)
    alasan = forms.CharField(label=_("Alasan pengembalian"), required=False, max_length=2000)
    versi = forms.IntegerField(widget=forms.HiddenInput, min_value=0)

    def __init__(self, *args, indikator: Indikator, **kwargs):
        self.indikator = indikator
        kwargs.setdefault("prefix", f"r{indikator.pk}")
        super().__init__(*args, **kwargs)
        if indikator.sumber_realisasi != Indikator.SumberRealisasi.MANUAL:
            self.fields["nilai"].disabled = True
            self.fields["nilai"].help_text = _("Diisi otomatis dari data sistem.")

    @property
    def dengan_anggaran(self) -> bool:
        """Pagu and serapan are an IKU's (LKjIP chapter III)."""
        return self.indikator.jenis == Indikator.Jenis.IKU

    def clean_nilai(self):
        return parse_nilai(self.cleaned_data.get("nilai"), indikator=self.indikator)

    def clean_pagu(self):
        return parse_rupiah(self.cleaned_data.get("pagu"), label=_("Pagu anggaran"))

    def clean_serapan(self):
        return parse_rupiah(self.cleaned_data.get("serapan"), label=_("Serapan anggaran"))
