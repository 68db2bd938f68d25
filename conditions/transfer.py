"""Life tags and check-ins in the account's JSON export, and back again on import."""

from collections.abc import Iterable

from conditions.models import (
    LIFE_TAGS_PER_ENTRY,
    LIFE_TAGS_PER_USER,
    Answer,
    CheckIn,
    EntryLifeTag,
    LifeTag,
)
from conditions.signals import LIFE_TAG_MAX_LENGTH, normalise_tag_name
from interpretations.models import ArrivalCondition

# What the export prefetches for life_context_record (two queries for any journal).
EXPORT_PREFETCH = ("life_tags__life_tag", "check_ins__condition")
CONDITION_MAX_LENGTH = 2_000


def life_context_record(entry) -> dict:
    """An entry's life tags and check-ins, as the export's entry items carry them."""
    check_ins = sorted(
        entry.check_ins.all(), key=lambda check_in: (check_in.condition.position, check_in.pk)
    )
    return {
        "life_tags": sorted(link.life_tag.name for link in entry.life_tags.all()),
        "check_ins": [
            {"condition": check_in.condition.text, "answer": check_in.answer}
            for check_in in check_ins
        ],
    }


def read_life_context(item: dict) -> tuple[tuple[str, ...], tuple[tuple[str, str], ...]]:
    """The life tags and check-ins of one imported entry item; ValueError says what is wrong."""
    names = item.get("life_tags") or []
    if not isinstance(names, list) or not all(isinstance(name, str) for name in names):
        raise ValueError("life_tags must be a list of short texts")
    names = list(dict.fromkeys(normalise_tag_name(name) for name in names))
    if len(names) > LIFE_TAGS_PER_ENTRY or any(
        not name or len(name) > LIFE_TAG_MAX_LENGTH for name in names
    ):
        raise ValueError(
            f"life_tags holds at most {LIFE_TAGS_PER_ENTRY} names of 1 to "
            f"{LIFE_TAG_MAX_LENGTH} characters"
        )
    check_ins = item.get("check_ins") or []
    if not isinstance(check_ins, list) or not all(
        isinstance(check_in, dict)
        and isinstance(check_in.get("condition"), str)
        and len(check_in["condition"]) <= CONDITION_MAX_LENGTH
        and check_in.get("answer") in Answer.values
        for check_in in check_ins
    ):
        raise ValueError(
            'check_ins must be a list of {"condition": text, "answer": '
            f"{' or '.join(Answer.values)}}}"
        )
    return tuple(names), tuple((c["condition"], c["answer"]) for c in check_ins)


def restore_life_context(user, written: Iterable[tuple]) -> None:
    """Write the life tags and check-ins of freshly imported entries: (entry, life tag names,
    (condition text, answer) pairs) each. Check-ins whose condition the entry's
    interpretation no longer has are left out. Raises ValueError past the account's tag limit."""
    written = [item for item in written if item[1] or item[2]]
    if not written:
        return
    own = dict(LifeTag.objects.filter(user=user).values_list("name", "pk"))
    new_names = {name for _, names, _ in written for name in names} - own.keys()
    if len(own) + len(new_names) > LIFE_TAGS_PER_USER:
        raise ValueError(f"the file would give you more than {LIFE_TAGS_PER_USER} life tags")
    for tag in LifeTag.objects.bulk_create(
        [LifeTag(user=user, name=name) for name in sorted(new_names)]
    ):
        own[tag.name] = tag.pk
    EntryLifeTag.objects.bulk_create(
        EntryLifeTag(entry=entry, life_tag_id=own[name])
        for entry, names, _ in written
        for name in names
    )
    interpretations = {entry.interpretation_id for entry, _, answers in written if answers}
    conditions = {
        (interpretation_id, text): pk
        for pk, interpretation_id, text in ArrivalCondition.objects.filter(
            interpretation_id__in=interpretations - {None}
        ).values_list("pk", "interpretation_id", "text")
    }
    CheckIn.objects.bulk_create(
        CheckIn(
            entry=entry, condition_id=conditions[(entry.interpretation_id, text)], answer=answer
        )
        for entry, _, answers in written
        for text, answer in dict(answers).items()
        if (entry.interpretation_id, text) in conditions
    )
