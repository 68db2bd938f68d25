"""The calibrate_matcher command's refusals (a full refit is run by hand, not in the suite)."""

import pytest
from django.core.management import CommandError, call_command


def test_cross_validation_writes_nothing_so_it_will_not_recount_words():
    with pytest.raises(CommandError, match="--cross-validate writes nothing"):
        call_command("calibrate_matcher", "--cross-validate", "--word-frequencies")


def test_a_missing_seed_folder_is_a_clear_error(tmp_path):
    with pytest.raises(CommandError, match="no such folder"):
        call_command("calibrate_matcher", "--dry-run", "--seeds", str(tmp_path / "nowhere"))
