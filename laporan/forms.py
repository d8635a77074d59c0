from django import forms
from django.utils.translation import gettext_lazy as _

from indikator.models import TRIWULAN_CHOICES

from .models import Format


class MintaLaporanForm(forms.Form):
    """What to render. The OPD and instansi are ids here: the view fetches them through the scoped selectors first,
    so an object outside the user's scope is a 404, never a form error that confirms it exists."""

    jenis = forms.ChoiceField(label=_("Jenis laporan"), widget=forms.RadioSelect)
    opd = forms.IntegerField(label=_("OPD"), required=False, widget=forms.Select)
    instansi = forms.IntegerField(label=_("Instansi"), required=False, widget=forms.Select)
    pegawai = forms.IntegerField(required=False, widget=forms.HiddenInput)
    tahun = forms.IntegerField(label=_("Tahun"), min_value=2000, max_value=2100)
    triwulan = forms.TypedChoiceField(
        label=_("Triwulan"),
        choices=[("", _("– untuk laporan tahunan –")), *TRIWULAN_CHOICES],
        coerce=int,
        required=False,
        empty_value=None,
    )
    format = forms.ChoiceField(
        label=_("Format"),
        choices=Format.choices,
        initial=Format.PDF,
        widget=forms.RadioSelect(attrs={"class": "form-check-input"}),
    )

    def __init__(self, *args, jenis_list=(), opd_choices=(), instansi_choices=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.jenis_list = list(jenis_list)
        # Listed on the form; a staff evaluation document is asked for from the dashboards, for one ASN.
        self.jenis_pilihan = [j for j in self.jenis_list if j.tingkat != "pegawai"]
        self.fields["jenis"].choices = [(j.kode, j.judul) for j in self.jenis_list]
        self.fields["opd"].widget.choices = [("", _("– pilih OPD –")), *opd_choices]
        self.fields["instansi"].widget.choices = [("", _("– pilih instansi –")), *instansi_choices]
        for name in ("opd", "instansi", "tahun", "triwulan"):
            self.fields[name].widget.attrs["class"] = "form-select" if name != "tahun" else "form-control"

    def clean(self):
        cleaned = super().clean()
        jenis = next((j for j in self.jenis_list if j.kode == cleaned.get("jenis")), None)
        if jenis is None:
            return cleaned
        if jenis.per_triwulan and not cleaned.get("triwulan"):
            self.add_error("triwulan", _("Laporan ini per triwulan: pilih triwulannya."))
        if jenis.tingkat == "opd" and not cleaned.get("opd"):
            self.add_error("opd", _("Pilih OPD yang dilaporkan."))
        if jenis.tingkat == "instansi" and not cleaned.get("instansi"):
            self.add_error("instansi", _("Pilih instansi yang dilaporkan."))
        if jenis.tingkat == "pegawai" and not cleaned.get("pegawai"):
            self.add_error(None, _("Dokumen evaluasi diminta dari dasbor, untuk satu pegawai."))
        cleaned["jenis_laporan"] = jenis
        return cleaned


class SiasnForm(forms.Form):
    """The instansi and period of the SIASN export and its pre-sync check. The instansi is one of the user's (the view
    answers 404 for another tenant's before the form sees it)."""

    instansi = forms.TypedChoiceField(label=_("Instansi"), coerce=int)
    tahun = forms.IntegerField(label=_("Tahun"), min_value=2000, max_value=2100)
    periode = forms.ChoiceField(
        label=_("Periode penilaian"),
        choices=[
            ("tw1", _("Triwulan I")),
            ("tw2", _("Triwulan II")),
            ("tw3", _("Triwulan III")),
            ("tw4", _("Triwulan IV")),
            ("tahunan", _("Tahunan")),
        ],
    )

    def __init__(self, *args, instansi_choices=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["instansi"].choices = list(instansi_choices)
        for name, field in self.fields.items():
            field.widget.attrs["class"] = "form-control" if name == "tahun" else "form-select"
