"""Uploads: a file larger than any form accepts is kept only up to the limit plus one byte, so that the form refuses it
(its size is over the limit) without the rest of it filling memory or the disk."""

from django.conf import settings
from django.core.files.uploadhandler import FileUploadHandler


def batas_unggahan() -> int:
    """The largest file any form takes (evidence files; imports take less)."""
    return settings.UPLOAD_MAX_BYTES


class BatasUnggahanHandler(FileUploadHandler):
    """First of FILE_UPLOAD_HANDLERS: passes a file's first limit+1 bytes on to Django's own handlers, drops the rest."""

    def new_file(self, *args, **kwargs):
        super().new_file(*args, **kwargs)
        self.diteruskan = 0

    def receive_data_chunk(self, raw_data, start):
        sisa = batas_unggahan() + 1 - self.diteruskan
        if sisa <= 0:
            return None  # the next handlers never see this chunk
        bagian = raw_data[:sisa]
        self.diteruskan += len(bagian)
        return bagian

    def file_complete(self, file_size):
        return None  # the next handler builds the file from what it was given
