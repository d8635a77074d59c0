"""Cursor pages: each page follows the last row of the one before on a stable order, so a sync that pages through a
table while it changes neither skips nor repeats a row, and every page costs the same."""

from django.utils.translation import gettext_lazy as _
from rest_framework import exceptions, pagination


class Halaman(pagination.CursorPagination):
    page_size = 100
    page_size_query_param = "jumlah"
    max_page_size = 500
    ordering = ("id",)
    # An unknown cursor is DRF's 404 ("no such page"), as any string is a cursor as far as the schema can say.
    invalid_cursor_message = _("Kursor tidak dikenal: pakai tautan next/previous dari halaman sebelumnya.")

    def get_page_size(self, request) -> int:
        teks = request.query_params.get(self.page_size_query_param)
        if teks is None:
            return self.page_size
        if not teks.isascii() or not teks.isdigit() or not 1 <= int(teks) <= self.max_page_size:
            raise exceptions.ValidationError(
                {self.page_size_query_param: [_("Isi bilangan bulat 1–%(maks)d.") % {"maks": self.max_page_size}]}
            )
        return int(teks)

    def get_schema_operation_parameters(self, view):
        parameters = super().get_schema_operation_parameters(view)
        for p in parameters:
            if p["name"] == self.page_size_query_param:
                p["description"] = str(_("Banyak baris per halaman (bawaan 100)."))
                p["schema"] = {"type": "integer", "minimum": 1, "maximum": self.max_page_size}
            elif p["name"] == self.cursor_query_param:
                p["description"] = str(_("Kursor halaman berikutnya atau sebelumnya, dari tautan next/previous."))
        return parameters

    def get_ordering(self, request, queryset, view):
        return getattr(view, "urutan", self.ordering)
