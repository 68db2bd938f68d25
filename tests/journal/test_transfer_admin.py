"""Import and export jobs in the admin: visible to staff, read-only, never the file."""

from django.urls import reverse

from journal.models import ImportJob
from tests.factories import UserFactory


def test_staff_see_a_failed_import_read_only(client, user):
    job = ImportJob.objects.create(
        user=user,
        file_name="dreams.json",
        file_format="json",
        status="failed",
        data=b"secret-file-bytes",
        message="attempt 3: RuntimeError: disk full",
    )
    client.force_login(UserFactory(is_staff=True, is_superuser=True))
    changelist = client.get(reverse("admin:journal_importjob_changelist"))
    assert changelist.status_code == 200 and "dreams.json" in changelist.content.decode()
    page = client.get(reverse("admin:journal_importjob_change", args=[job.pk])).content.decode()
    assert "disk full" in page and "secret-file-bytes" not in page
    assert client.get(reverse("admin:journal_importjob_add")).status_code == 403
    assert client.get(reverse("admin:journal_exportjob_changelist")).status_code == 200
    delete = reverse("admin:journal_importjob_delete", args=[job.pk])
    assert client.post(delete, {"post": "yes"}).status_code == 403
