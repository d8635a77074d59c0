"""Input validation for the public survey and for the services staff keep."""

from django import forms
from django.utils.translation import gettext_lazy as _

from opd.forms import HoneypotMixin
from opd.models import Opd

from .models import SKOR_CHOICES, UNSUR, Layanan, ResponSurvei


class LayananForm(forms.Form):
    opd = forms.ModelChoiceField(label=_("OPD"), queryset=Opd.objects.none(), empty_label=None)
    nama = forms.CharField(label=_("Nama layanan"), max_length=200)

    def __init__(self, *args, opd_qs, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["opd"].queryset = opd_qs


class SurveiForm(HoneypotMixin):
    layanan = forms.ModelChoiceField(
        label=_("Layanan yang Anda terima"),
        queryset=Layanan.objects.none(),
        required=False,
        empty_label=_("Umum / lainnya"),
    )
    usia = forms.IntegerField(label=_("Usia"), min_value=10, max_value=110, required=False)
    jenis_kelamin = forms.ChoiceField(
        label=_("Jenis kelamin"), required=False, choices=[("", "—")] + list(ResponSurvei.JenisKelamin.choices)
    )
    pendidikan = forms.ChoiceField(
        label=_("Pendidikan terakhir"), required=False, choices=[("", "—")] + list(ResponSurvei.Pendidikan.choices)
    )
    pekerjaan = forms.ChoiceField(
        label=_("Pekerjaan utama"), required=False, choices=[("", "—")] + list(ResponSurvei.Pekerjaan.choices)
    )
    saran = forms.CharField(
        label=_("Saran dan masukan"), required=False, max_length=1000, widget=forms.Textarea(attrs={"rows": 3})
    )

    def __init__(self, *args, opd: Opd, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["layanan"].queryset = Layanan.objects.filter(opd=opd, aktif=True).order_by("nama")
        for kode, label in UNSUR:
            self.fields[kode] = forms.TypedChoiceField(
                label=label,
                coerce=int,
                choices=SKOR_CHOICES,
                widget=forms.RadioSelect,
                error_messages={"required": _("Pilih salah satu nilai.")},
            )
        self.fields["u4"].help_text = _("Bila layanan ini gratis dan memang tidak dipungut biaya, pilih “Sangat baik”.")

    def unsur_fields(self):
        return [self[kode] for kode, _label in UNSUR]

    @property
    def skor(self) -> list[int]:
        return [self.cleaned_data[kode] for kode, _label in UNSUR]
