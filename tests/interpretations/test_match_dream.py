"""The match_dream command: one dream, JSON lines, and the evaluation report."""

import io
import json
import re
from pathlib import Path

import pytest
from django.core.management import CommandError, call_command


@pytest.fixture
def seeds_library(db, shared_dir):
    call_command("import_interpretations", str(shared_dir / "seeds"), verbosity=0)
    return shared_dir


def run(*args, stdin: str = "") -> str:
    out = io.StringIO()
    import sys

    original = sys.stdin
    sys.stdin = io.StringIO(stdin)
    try:
        call_command("match_dream", *args, stdout=out, stderr=io.StringIO())
    finally:
        sys.stdin = original
    return out.getvalue()


def test_json_from_stdin(seeds_library):
    text = "The highway stretched out longer the faster I ran. The exit stayed just as far away."
    result = json.loads(run("--json", stdin=text))
    assert set(result) == {"interpretation", "scenarios", "markers"}
    assert result["interpretation"]["source"] == "000_e732cb230e8bdb5e.txt"
    assert set(result["interpretation"]) == {"source", "title", "score"}
    best = result["scenarios"][0]
    assert set(best) == {"label", "meaning", "interpretation_source", "score", "matched"}
    assert best["matched"]
    scores = [s["score"] for s in result["scenarios"]]
    assert scores == sorted(scores, reverse=True)


def test_jsonl_on_lines_of_the_evaluation_set(seeds_library):
    lines = (seeds_library / "eval" / "dev-dreams.jsonl").read_text().splitlines()[:2]
    given = "\n".join(
        json.dumps({"id": json.loads(line)["id"], "text": json.loads(line)["text"]})
        for line in lines
    )
    output = [
        json.loads(line) for line in run("--jsonl", stdin=given + "\nnot json\n").splitlines()
    ]
    assert [o.get("id") for o in output[:2]] == ["d01", "d02"]
    assert output[0]["interpretation"]["source"] in json.loads(lines[0])["interpretations"]
    assert output[2]["line"] == 3 and "error" in output[2]


def test_unrelated_dream_gets_null(seeds_library):
    result = json.loads(run("--json", stdin="My teeth fell out while I sat an exam."))
    assert result["interpretation"] is None


LABELLED = Path(__file__).resolve().parents[2] / "interpretations" / "labelled"


@pytest.mark.slow
def test_evaluate_reports_matcher_and_baseline_for_both_libraries(shared_dir, tmp_path):
    # every fourth line of each set: every kind of figure, without matching the whole pool
    sets = []
    for name in ("dreambank-labels.jsonl", "written-dreams.jsonl"):
        lines = (LABELLED / name).read_text(encoding="utf-8").splitlines()
        sets.append(tmp_path / name)
        sets[-1].write_text("\n".join(lines[::4]) + "\n", encoding="utf-8")
    report = run(
        "--evaluate",
        *map(str, sets),
        "--dreambank",
        str(shared_dir / "data" / "dreambank"),
        "--seeds",
        str(shared_dir / "seeds"),
    )
    for heading in (
        "dreambank-labels.jsonl, dev half",
        "written-dreams.jsonl, dev half",
        "library: catalog (9 interpretations)",
        "library: seeds (5 interpretations)",
        "TF-IDF baseline",
        "DreamBank reports a second",
        "ms median per typed dream",
    ):
        assert heading in report
    for figure in ("precision", "recall", "fit", "first right", "scenario hit@3", "left alone"):
        assert re.search(rf"^  {figure} +\d\.\d\d \[", report, re.MULTILINE), figure


def test_agreement_of_the_two_readings(shared_dir):
    report = run(
        "--agreement",
        str(LABELLED / "dreambank-labels.jsonl"),
        str(LABELLED / "second-reading.jsonl"),
        "--dreambank",
        str(shared_dir / "data" / "dreambank"),
    )
    assert re.search(r"Reports read twice: \d{3}", report)
    assert "on theme kappa" in report


@pytest.mark.parametrize(
    ("content", "message"),
    [
        ('{"text": "a dream", "interpretations": []}\nnot json\n', "line 2: not JSON"),
        ('{"text": "a dream", "on_theme": "maybe"}\n', "line 1: on_theme must be"),
        ('{"text": "x", "interpretations": ["nowhere.txt"]}\n', "unknown interpretation"),
        ('{"text": "x", "scenarios": ["Riding a unicorn"]}\n', "unknown scenario or marker"),
        ('{"series": "b", "n": "no-such"}\n', "line 1: series 'b' has no report"),
        ("[1, 2]\n", "line 1: expected a JSON object"),
    ],
)
def test_bad_labelled_sets_are_clear_errors_naming_the_line(tmp_path, shared_dir, content, message):
    labelled = tmp_path / "set.jsonl"
    labelled.write_text(content)
    dreambank = str(shared_dir / "data" / "dreambank")
    with pytest.raises(CommandError, match=message):
        run("--evaluate", str(labelled), "--dreambank", dreambank)


def test_a_missing_labelled_file_is_a_clear_error(tmp_path):
    with pytest.raises(CommandError, match="cannot be read"):
        run("--evaluate", str(tmp_path / "absent.jsonl"))


def test_a_database_not_yet_migrated_is_a_clear_error(db, monkeypatch):
    from django.db import OperationalError

    from interpretations.management.commands import match_dream

    def unmigrated():
        raise OperationalError("no such table: interpretations_interpretation")

    monkeypatch.setattr(match_dream, "current_matcher", unmigrated)
    with pytest.raises(CommandError, match="cannot be read from the database"):
        run("--json", stdin="a dream")


def test_empty_input_and_empty_library_are_clear_errors(db, shared_dir):
    with pytest.raises(CommandError, match="library is empty"):
        run("--json", stdin="a dream")
    call_command("import_interpretations", verbosity=0)
    with pytest.raises(CommandError, match="No narrative given"):
        run("--json", stdin="   ")
    with pytest.raises(CommandError, match="cannot be read"):
        run("--file", "/no/such/file.txt")
