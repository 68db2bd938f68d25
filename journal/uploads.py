"""The upload handler that keeps an over-large file from being stored at all."""

from django.core.files.uploadhandler import FileUploadHandler, SkipFile

from journal.jobs import IMPORT_FILE_MAX_BYTES


class SizeLimitedUploadHandler(FileUploadHandler):
    """Stops storing an uploaded file once it passes IMPORT_FILE_MAX_BYTES (the largest
    upload any form takes): the rest is read past and dropped, and the field's name is put
    in `request.uploads_too_large`, so the form can say why the file is missing."""

    def receive_data_chunk(self, raw_data: bytes, start: int) -> bytes:
        if start + len(raw_data) > IMPORT_FILE_MAX_BYTES:
            too_large: set[str] = getattr(self.request, "uploads_too_large", set())
            too_large.add(self.field_name)
            self.request.uploads_too_large = too_large  # type: ignore[union-attr]  # ours
            raise SkipFile
        return raw_data

    def file_complete(self, file_size: int) -> None:
        return None  # the next handlers store the file
