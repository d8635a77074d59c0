"""Cursor pages: each page follows the last row of the one before on a stable order, so a sync that pages through a
table while it changes neither skips nor repeats a row, and every page costs the same."""

from django.utils.translation import gettext_lazy as _
from rest_framework import exceptions, pagination


class Halaman(pagination.CursorPagination):
    page_size = 100
    page_size_query_param = "jumlah"
    max_page_size = 500
    ordering = ("id",)
    invalid_cursor_message = _("Kursor tidak valid: pakai tautan next/previous dari halaman sebelumnya.")

    def decode_cursor(self, request):
        try:
            return super().decode_cursor(request)
        except exceptions.NotFound:
            # An unreadable cursor is the client's mistake in a parameter: 400, not "no such page".
            raise exceptions.ValidationError({self.cursor_query_param: [self.invalid_cursor_message]}) from None

    def get_ordering(self, request, queryset, view):
        return getattr(view, "urutan", self.ordering)
