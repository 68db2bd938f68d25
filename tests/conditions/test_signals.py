from conditions.signals import lemmas, normalise_tag_name, suggest_life_tags


def test_word_forms_and_stop_words():
    assert lemmas("Deadlines, deadlines and the exams!") == {"deadline", "exam"}
    assert lemmas("it was the and of") == set()


def test_everyday_tags_are_suggested_with_the_words_written():
    suggestions = suggest_life_tags("Two deadlines this week and a flight on Friday.")
    assert [(s.name, s.because) for s in suggestions] == [
        ("deadline", ("deadlines",)),
        ("travel", ("flight",)),
    ]


def test_own_tags_are_suggested_by_the_words_of_their_names():
    suggestions = suggest_life_tags("More night shifts.", own_tags=["Night  shifts"])
    assert [(s.name, s.because) for s in suggestions] == [("night shifts", ("night", "shifts"))]


def test_tags_already_on_the_entry_are_not_suggested():
    assert suggest_life_tags("a deadline", already=["Deadline"]) == []


def test_no_notes_no_suggestions():
    assert suggest_life_tags("") == []


def test_names_are_normalised():
    assert normalise_tag_name("  Night\tShifts ") == "night shifts"
