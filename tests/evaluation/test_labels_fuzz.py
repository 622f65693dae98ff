"""Generated label files: every line is read as a quote or rejected with its line number; no crash.

About 500 generated files a run: arbitrary bytes, arbitrary JSON, and mutations
of a good gold line (each field replaced by a hostile value). The invariant the
eval relies on: good lines survive, each bad line gives one error naming
`path:line`, and a file that cannot be read at all is one clear CjmError.
"""

from __future__ import annotations

import json
import tempfile
from datetime import timedelta
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from label_docs import GOOD, TEXT

from cjm_insights.errors import CjmError
from cjm_insights.evaluation.labels import check_labels
from cjm_insights.taxonomy import load

TAXONOMY = load("b2b-default")
FUZZ = {
    "deadline": timedelta(seconds=5),
    "derandomize": True,
    "suppress_health_check": [HealthCheck.too_slow, HealthCheck.data_too_large],
}

hostile = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(min_value=-(2**70), max_value=2**70),
    st.floats(),
    st.text(max_size=50),
    st.lists(st.integers(), max_size=3),
    st.dictionaries(st.text(max_size=5), st.integers(), max_size=2),
)


def check(data: bytes):
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "labels.jsonl"
        path.write_bytes(data)
        try:
            quotes, errors = check_labels(path, {"a.txt": TEXT}, TAXONOMY)
        except CjmError as exc:  # unreadable as a whole: one clear error naming the file
            assert str(path) in str(exc)
            return None
        lines = [n for n, raw in enumerate(data.decode().splitlines(), 1) if raw.strip()]
        assert len(quotes) + len(errors) == len(lines)
        for e in errors:
            assert e.startswith(f"{path}:") and e.split(":")[1].isdigit()
        for q in quotes:
            assert TEXT[q.start : q.end] == q.quote
        return quotes, errors


@settings(max_examples=150, **FUZZ)
@given(st.binary(max_size=2000))
def test_arbitrary_bytes(data):
    check(data)


@settings(max_examples=150, **FUZZ)
@given(st.lists(st.recursive(hostile, lambda x: st.lists(x, max_size=3), max_leaves=8), max_size=8))
def test_arbitrary_json_lines(values):
    check("\n".join(json.dumps(v) for v in values).encode())


@settings(max_examples=250, **FUZZ)
@given(
    mutations=st.lists(
        st.tuples(st.sampled_from(sorted(GOOD)), st.one_of(hostile, st.just(...))),
        min_size=1,
        max_size=3,
    )
)
def test_mutated_gold_lines_are_kept_or_rejected_never_half_read(mutations):
    bad = dict(GOOD)
    for key, value in mutations:
        if value is ...:
            bad.pop(key, None)
        else:
            bad[key] = value
    result = check((json.dumps(GOOD) + "\n" + json.dumps(bad) + "\n").encode())
    assert result is not None
    quotes, errors = result
    assert quotes and quotes[0].line == 1  # the good line is never lost to its bad neighbour
    if errors:
        assert errors[0].split(":")[1] == "2"
