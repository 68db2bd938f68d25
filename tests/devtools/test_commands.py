"""The development tools load under the test settings (DEBUG on) and refuse clearly."""

import importlib.util
from io import StringIO

import pytest
from django.contrib.auth import get_user_model
from django.core.management import CommandError, call_command
from django.test import override_settings

from journal.models import Entry


def test_loadtest_without_locust_names_the_extra_to_install(monkeypatch):
    find_spec = importlib.util.find_spec
    monkeypatch.setattr(
        importlib.util,
        "find_spec",
        lambda name, *args: None if name == "locust" else find_spec(name, *args),
    )
    with pytest.raises(CommandError, match=r"pip install -e '\.\[load\]'"):
        call_command("loadtest", "--duration", "1")


def test_bench_refuses_to_seed_the_configured_database(monkeypatch):
    monkeypatch.delenv("DATABASE_URL", raising=False)
    with pytest.raises(CommandError, match="DATABASE_URL"):
        call_command("bench")


@override_settings(DEBUG=False)
def test_prepare_demo_refuses_without_debug():
    with pytest.raises(CommandError, match="DEBUG only"):
        call_command("prepare_demo")


@pytest.mark.django_db
def test_seed_demo_writes_journals_with_unusable_passwords():
    call_command("seed_demo", "--users", "2", "--nights", "20", "--seed", "7", stdout=StringIO())
    seeded = get_user_model().objects.filter(username__startswith="demo-user-7-")
    assert seeded.count() == 2
    assert not any(user.has_usable_password() for user in seeded)
    assert Entry.objects.filter(user__in=seeded).exists()


@pytest.mark.slow
def test_bench_matcher_prints_both_sets_and_the_typed_latency(shared_dir):
    out = StringIO()
    call_command("bench_matcher", "--runs", "2", "--seconds", "0.01", "--sample", "40", stdout=out)
    lines = out.getvalue().splitlines()
    assert lines[0].startswith("DreamBank sample: 40 reports, median ")
    assert lines[1].startswith("labelled DreamBank reports: ")
    assert lines[0].count(" a second in the median (") == 1 and lines[0].count(",") >= 1
    assert lines[2].startswith("typed dreams: ") and lines[2].endswith(" ms in the median")


def test_bench_matcher_refuses_bad_figures():
    with pytest.raises(CommandError, match="must be positive"):
        call_command("bench_matcher", "--runs", "0")
