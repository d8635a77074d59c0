from django import forms
from django.utils.translation import gettext_lazy as _

from opd.models import Instansi


class TokenForm(forms.Form):
    nama = forms.CharField(
        label=_("Nama integrasi"),
        max_length=100,
        help_text=_("Misalnya: e-Kinerja BKN, SIASN, gudang data pemda."),
    )
    instansi = forms.ModelChoiceField(label=_("Instansi"), queryset=Instansi.objects.none(), empty_label=None)

    def __init__(self, *args, instansi_qs, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["instansi"].queryset = instansi_qs
        if instansi_qs.count() == 1:
            self.fields["instansi"].widget = forms.HiddenInput()
