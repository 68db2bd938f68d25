"""The evaluation's figures, intervals, agreement and baseline (interpretations.evaluation)."""

import json

import pytest

from interpretations import evaluation
from interpretations.attaching import FEATURES, Candidate
from interpretations.evaluation import (
    Prediction,
    Share,
    TfidfBaseline,
    agreement,
    figures,
    leave_one_set_out,
)
from interpretations.labelled_sets import LabelError, LabelledDream, dreambank_series, read_labels


def dream(key, on_theme, interpretations=(), scenarios=(), markers=(), text="x"):
    return LabelledDream(key, text, on_theme, tuple(interpretations), tuple(scenarios),
                         tuple(markers), "dev")  # fmt: skip


def own(d: LabelledDream) -> set[str]:
    return set(d.interpretations)


class TestShare:
    def test_wilson_interval_brackets_the_share_and_stays_in_0_1(self):
        low, high = Share(9, 10).interval()
        assert 0.5 < low < 0.9 < high <= 1.0
        assert Share(0, 5).interval()[0] == 0.0
        assert Share(5, 5).interval()[1] == 1.0

    def test_small_counts_give_wide_intervals(self):
        small, large = Share(4, 5).interval(), Share(400, 500).interval()
        assert small[1] - small[0] > 3 * (large[1] - large[0])

    def test_no_dreams_is_not_a_figure(self):
        assert Share(0, 0).value is None and str(Share(0, 0)) == "n/a"


class TestFigures:
    def test_each_figure_counts_what_it_says(self):
        dreams = [
            dream("a", "yes", ["chase.txt"], ["Chased"]),  # right
            dream("b", "yes", ["chase.txt"]),  # wrong interpretation
            dream("c", "yes", ["chase.txt"]),  # missed
            dream("d", "borderline", ["chase.txt"]),  # attached: not against precision
            dream("e", "no"),  # left alone
            dream("f", "no"),  # wrongly attached
        ]
        predictions = [
            Prediction("chase.txt", ("Other", "Chased"), ()),
            Prediction("legs.txt", (), ()),
            Prediction(None, (), ()),
            Prediction("chase.txt", (), ()),
            Prediction(None, (), ()),
            Prediction("legs.txt", (), ()),
        ]
        result = figures(dreams, predictions, own)
        assert (result["precision"].hits, result["precision"].of) == (3, 4)
        assert (result["recall"].hits, result["recall"].of) == (2, 3)
        assert (result["fit"].hits, result["fit"].of) == (1, 2)
        assert (result["first right"].hits, result["first right"].of) == (1, 3)
        assert (result["left alone"].hits, result["left alone"].of) == (1, 2)
        assert (result["scenario hit@3"].hits, result["scenario hit@3"].of) == (1, 1)
        assert result["marker hit@3"].of == 0

    def test_a_label_shortened_at_its_dash_still_hits(self):
        d = dream("a", "yes", ["x.txt"], markers=["Woke up heavy"])
        result = figures([d], [Prediction("x.txt", (), ("Woke up heavy — as if drugged",))], own)
        assert result["marker hit@3"].hits == 1

    def test_only_the_first_three_suggestions_count(self):
        d = dream("a", "yes", ["x.txt"], ["Fourth"])
        prediction = Prediction("x.txt", ("One", "Two", "Three", "Fourth"), ())
        assert figures([d], [prediction], own)["scenario hit@3"].hits == 0


class TestAgreement:
    def test_identical_readings_agree_fully(self):
        readings = [dream("a", "yes", ["x.txt"]), dream("b", "no"), dream("c", "borderline")]
        result = agreement(readings, readings)
        assert result["on_theme_kappa"] == pytest.approx(1.0)
        assert result["first_interpretation_agreement"].value == 1.0

    def test_kappa_discounts_chance(self):
        first = [dream(str(i), "no") for i in range(9)] + [dream("9", "yes", ["x.txt"])]
        second = [dream(str(i), "no") for i in range(10)]
        result = agreement(first, second)
        assert result["on_theme_agreement"].value == 0.9
        assert result["on_theme_kappa"] == pytest.approx(0.0)


class TestBaseline:
    def test_it_ranks_by_shared_rare_words_and_keeps_quiet_under_its_threshold(self):
        baseline = TfidfBaseline(
            {"chase.txt": "chased pursued fleeing", "legs.txt": "heavy legs mud"},
            [("scenario", "Chased", "chased pursued"), ("scenario", "Mud", "heavy legs mud")],
        )
        baseline.tune([dream("a", "yes", text="I was chased"), dream("b", "no", text="cake")])
        assert baseline("they chased me").interpretation == "chase.txt"
        assert baseline("my legs were heavy in the mud").scenarios[0] == "Mud"
        assert baseline("a birthday cake").interpretation is None


class TestReadingLabels:
    def test_a_written_line_and_its_defaults(self, tmp_path):
        path = tmp_path / "set.jsonl"
        path.write_text(json.dumps({"id": "w1", "text": "chased", "interpretations": ["x"]}))
        (read,) = read_labels(path)
        assert (read.key, read.on_theme, read.half) == ("w1", "yes", "")

    def test_a_dreambank_line_needs_the_folder(self, tmp_path):
        path = tmp_path / "set.jsonl"
        path.write_text(json.dumps({"series": "b", "n": "0001"}))
        with pytest.raises(LabelError, match="no DreamBank folder"):
            read_labels(path)

    def test_a_bad_half_names_its_line(self, tmp_path):
        path = tmp_path / "set.jsonl"
        path.write_text('{"text": "a"}\n{"text": "b", "half": "middle"}\n')
        with pytest.raises(LabelError, match="line 2: half must be dev or test"):
            read_labels(path)


def test_each_set_is_decided_by_a_model_fitted_on_the_others_only(monkeypatch):
    told = dict.fromkeys(FEATURES, 0.0) | {"length": 1.0}
    strong = Candidate("a.txt", tuple((told | {"events": 2.0, "flight": 1.0}).values()), (), ())
    weak = Candidate("a.txt", tuple((told | {"words": 0.1}).values()), (), ())

    def examples(prefix, labelled_family):
        """Ten dreams, the first five with strong evidence; labelled as family (or not) by
        `labelled_family`."""
        triples = []
        for number in range(10):
            found = strong if number < 5 else weak
            family = labelled_family(number < 5)
            d = dream(f"{prefix}{number}", "yes" if family else "no", ["a.txt"] if family else [])
            triples.append((d, "catalog", ([found], {"a.txt"} if family else set())))
        return triples

    sets = {
        "one": examples("w", lambda strong: strong),
        "two": examples("v", lambda strong: strong),
        # labelled against its evidence: fitted on it, a model would learn to doubt
        "odd": examples("b/", lambda strong: not strong),
    }
    fitted_on = []
    real_fit = evaluation.fit_model

    def recording_fit(dreams):
        fitted_on.append({id(example) for example in dreams})
        return real_fit(dreams)

    monkeypatch.setattr(evaluation, "fit_model", recording_fit)
    decided = leave_one_set_out(sets)

    assert len(fitted_on) == len(sets)
    for (name, triples), seen in zip(sets.items(), fitted_on, strict=True):
        own = {id(example) for _, _, example in triples}
        others = {id(example) for other, t in sets.items() if other != name for _, _, example in t}
        assert seen == others and not seen & own, name
    written, real = decided["written, catalog"], decided["real, catalog"]
    assert written["recall"].value == 1.0 and written["left alone"].value == 1.0
    # decided by the model of "one" and "two" alone: everything strong attached, all wrongly
    assert real["precision"].value == 0.0 and real["left alone"].value == 0.0


def test_the_dreambank_series_are_its_tables_but_the_manifest(tmp_path):
    for name in ("merri.tsv", "b.tsv", "MANIFEST.tsv", "b.json"):
        (tmp_path / name).write_text("n\tdream\n", encoding="utf-8")
    assert dreambank_series(tmp_path) == ["b", "merri"]
