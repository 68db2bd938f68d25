"""The match_dream command: one dream, JSON lines, and the evaluation report."""

import io
import json

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


def test_evaluate_reports_the_four_figures(seeds_library):
    figures = json.loads(run("--evaluate", str(seeds_library / "eval" / "dev-dreams.jsonl")))
    assert {"top1", "scenario", "marker", "unmatched"} <= set(figures)
    assert all(0 <= figures[k]["share"] <= 1 for k in ("top1", "scenario", "marker", "unmatched"))


def test_empty_input_and_empty_library_are_clear_errors(db, shared_dir):
    with pytest.raises(CommandError, match="library is empty"):
        run("--json", stdin="a dream")
    call_command("import_interpretations", verbosity=0)
    with pytest.raises(CommandError, match="No narrative given"):
        run("--json", stdin="   ")
    with pytest.raises(CommandError, match="cannot be read"):
        run("--file", "/no/such/file.txt")
