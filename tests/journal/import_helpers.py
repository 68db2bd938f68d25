"""Invented dreams, and files of them run through the import_dreams command, for the import
tests (test_import_dreams.py, test_import_files.py)."""

import json
from io import StringIO

from django.core.management import call_command

from journal.import_json import EXPORT_FORMAT, EXPORT_VERSION

# Invented dreams (never DreamBank's words): one the library fits, one it does not.
STUCK = (
    "I was running down a school hallway and it kept getting longer however fast I ran; "
    "my legs felt heavy like wet concrete and the exit never came closer."
)
FLYING = "I floated above a harbour at dusk and counted the boats, calm and warm."
TSV_HEADER = '"n"\t"date"\t"dream"\n'


def tsv_row(number: str, date: str, text: str) -> str:
    return f'"{number}"\t"{date}"\t"{text}"\n'


def run(path, username, *args) -> tuple[str, str]:
    out, err = StringIO(), StringIO()
    call_command("import_dreams", str(path), "--user", username, *args, stdout=out, stderr=err)
    return out.getvalue(), err.getvalue()


def write(tmp_path, name: str, content: str | bytes):
    path = tmp_path / name
    if isinstance(content, bytes):
        path.write_bytes(content)
    else:
        path.write_text(content, encoding="utf-8")
    return path


def export(*entries, **overrides) -> str:
    document = {"format": EXPORT_FORMAT, "version": EXPORT_VERSION, "entries": list(entries)}
    return json.dumps(document | overrides)
