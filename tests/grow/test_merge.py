"""Three-way merge of user edits: decisions per file, and properties over random edits."""

from __future__ import annotations

from fastgen.project.merge import (
    END_MARKER,
    START_MARKER,
    Action,
    has_conflict_markers,
    merge_texts,
    plan_update,
)
from fastgen.project.write import digest
from hypothesis import given, settings
from hypothesis import strategies as st

BASE = "".join(f"line {n}\n" for n in range(12))


def test_edits_in_different_places_merge_cleanly() -> None:
    yours = BASE.replace("line 2\n", "line 2\n# правка команды\n")
    theirs = BASE.replace("line 9\n", "line 9 (new render)\n")
    merged, conflicts = merge_texts(BASE, yours, theirs)
    assert conflicts == 0
    assert "# правка команды\n" in merged
    assert "line 9 (new render)\n" in merged


def test_edits_of_the_same_line_conflict_with_markers() -> None:
    yours = BASE.replace("line 5\n", "line 5 yours\n")
    theirs = BASE.replace("line 5\n", "line 5 theirs\n")
    merged, conflicts = merge_texts(BASE, yours, theirs)
    assert conflicts == 1
    assert f"{START_MARKER}\nline 5 yours\n=======\nline 5 theirs\n{END_MARKER}\n" in merged
    assert has_conflict_markers(merged)
    assert not has_conflict_markers(yours)


def _decide(base: str | None, new: str, disk: str | None, wrote: str | None) -> Action:
    manifest = {"a.py": wrote} if wrote is not None else {}
    [change] = plan_update(
        {"a.py": base} if base is not None else {},
        {"a.py": new},
        {"a.py": disk} if disk is not None else {},
        manifest,
    )
    return change.action


def test_decisions_per_file() -> None:
    old, new = "x = 1\n", "x = 2\n"
    edited = "x = 1\ny = 3\n"
    assert _decide(old, new, old, digest(old)) is Action.REPLACE
    assert _decide(old, old, edited, digest(old)) is Action.KEEP
    assert _decide(old, new, None, digest(old)) is Action.SKIP_DELETED
    assert _decide(None, new, None, None) is Action.CREATE
    assert _decide(old, new, new, digest(old)) is Action.UNCHANGED
    far = "x = 1\na\nb\nc\n"
    assert _decide(far, "x = 2\na\nb\nc\n", far + "y = 3\n", digest(far)) is Action.MERGE
    assert _decide(old, "x = 5\n", "x = 4\n", digest(old)) is Action.CONFLICT
    # Changes on adjacent lines are a conflict too, as with git.
    assert _decide(old, new, edited, digest(old)) is Action.CONFLICT


def test_files_no_longer_rendered_are_deleted_only_when_untouched() -> None:
    old = "x = 1\n"
    changes = plan_update(
        {"gone.py": old, "edited.py": old},
        {},
        {"gone.py": old, "edited.py": old + "# mine\n"},
        {"gone.py": digest(old), "edited.py": digest(old)},
    )
    assert [(c.path, c.action) for c in changes] == [
        ("edited.py", Action.KEEP_ORPHAN),
        ("gone.py", Action.DELETE),
    ]


def test_baseline_and_spec_always_follow_the_render() -> None:
    changes = plan_update(
        {".fastgen/spec.yaml": "a: 1\n"},
        {".fastgen/spec.yaml": "a: 2\n", "fastgen.yaml": "a: 2\n"},
        {".fastgen/spec.yaml": "edited\n", "fastgen.yaml": "a: 1\n"},
        {".fastgen/spec.yaml": digest("a: 1\n")},
    )
    assert [(c.path, c.action, c.text) for c in changes] == [
        (".fastgen/spec.yaml", Action.REPLACE, "a: 2\n"),
        ("fastgen.yaml", Action.REPLACE, "a: 2\n"),
    ]


# Random edits: each replaces, deletes or inserts lines at a position of the base.
_edit = st.tuples(
    st.sampled_from(["insert", "delete", "replace"]),
    st.integers(min_value=0, max_value=11),
    st.integers(min_value=0, max_value=10**6),
)


def _apply(lines: list[str], edits: list[tuple[str, int, int]], who: str) -> tuple[str, list[str]]:
    """Apply edits bottom-up; return the text and the lines this side added."""
    out = list(lines)
    added: list[str] = []
    for kind, where, tag in sorted(edits, key=lambda e: -e[1]):
        at = min(where, len(out))
        line = f"{who} {tag}\n"
        if kind == "insert":
            out.insert(at, line)
            added.append(line)
        elif out and at < len(out):
            if kind == "delete":
                del out[at]
            else:
                out[at] = line
                added.append(line)
    return "".join(out), added


@settings(max_examples=300, deadline=None)
@given(
    yours=st.lists(_edit, max_size=4, unique_by=lambda e: e[1]),
    theirs=st.lists(_edit, max_size=4, unique_by=lambda e: e[1]),
)
def test_every_user_line_survives_or_is_in_a_reported_conflict(
    yours: list[tuple[str, int, int]], theirs: list[tuple[str, int, int]]
) -> None:
    lines = BASE.splitlines(keepends=True)
    mine, my_lines = _apply(lines, yours, "user")
    new, new_lines = _apply(lines, theirs, "fastgen")
    merged, conflicts = merge_texts(BASE, mine, new)
    for line in my_lines:
        assert line in merged, (mine, new, merged)
    if conflicts == 0:
        for line in new_lines:
            assert line in merged
        assert not has_conflict_markers(merged)
    else:
        assert merged.count(START_MARKER + "\n") == conflicts
        assert merged.count(END_MARKER + "\n") == conflicts
    # Merging again with the same render is stable: nothing new comes in.
    if conflicts == 0:
        again, more = merge_texts(new, merged, new)
        assert (again, more) == (merged, 0)


def test_an_edit_of_a_file_another_fastgen_wrote_is_flagged() -> None:
    old, edited = "x = 1\n", "x = 1\n# mine\n"
    [same] = plan_update({"a.py": old}, {"a.py": old}, {"a.py": edited}, {"a.py": digest(old)})
    assert (same.action, same.outdated) == (Action.KEEP, False)
    older = "x = 0\n"  # what an older fastgen wrote: not this fastgen's render of the spec
    [stale] = plan_update({"a.py": old}, {"a.py": old}, {"a.py": edited}, {"a.py": digest(older)})
    assert (stale.action, stale.outdated) == (Action.KEEP, True)
