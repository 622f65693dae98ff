import asyncio

import pytest
from pydantic import BaseModel, field_validator

from cjm_insights.backends import ValidationFailed, make_backend
from cjm_insights.backends.scripted import ScriptedBackend
from cjm_insights.config import Config
from cjm_insights.errors import CjmError


class Answer(BaseModel):
    n: int

    @field_validator("n")
    @classmethod
    def _small(cls, v: int) -> int:
        if v > 10:
            raise ValueError("n must be at most 10")
        return v


MSGS = [{"role": "system", "content": "count"}, {"role": "user", "content": "go"}]


def test_valid_answer_first_time_with_fences_stripped():
    b = ScriptedBackend(['```json\n{"n": 3}\n```'])
    done = b.complete(MSGS, Answer)
    assert done.obj == Answer(n=3) and done.attempts == 1
    assert done.usage.completion_tokens > 0


class Said(BaseModel):
    text: str


def test_a_raw_newline_inside_a_string_is_accepted_not_retried():
    """llama.cpp's JSON grammar lets a control character into a string; the answer is fine."""
    b = ScriptedBackend(['{"text": "first line\nsecond\tline"}'], max_retries=0)
    done = b.complete(MSGS, Said)
    assert done.obj.text == "first line\nsecond\tline" and done.attempts == 1


def test_broken_json_is_still_fed_back():
    b = ScriptedBackend(['{"text": "unterminated', '{"text": "ok"}'])
    done = b.complete(MSGS, Said)
    assert done.attempts == 2 and "Invalid JSON" in b.calls[1][-1]["content"]


def test_error_is_fed_back_and_attempts_are_logged():
    seen = []
    b = ScriptedBackend(['{"n": 99}', '{"n": 7}'])
    done = b.complete(
        MSGS, Answer, on_attempt=lambda conv, raw, err, usage, lat: seen.append((raw, err))
    )
    assert done.obj.n == 7 and done.attempts == 2
    assert "n must be at most 10" in b.calls[1][-1]["content"]
    assert b.calls[1][:2] == MSGS
    assert seen[0][1] is not None and seen[1] == ('{"n": 7}', None)
    assert done.usage.prompt_tokens == sum(
        len("".join(m["content"] for m in c)) // 4 for c in b.calls
    )


def test_gives_up_after_bounded_retries_with_usage():
    b = ScriptedBackend(['{"n": 99}', "not json", '{"m": 1}', '{"n": 1}'], max_retries=2)
    with pytest.raises(ValidationFailed) as info:
        b.complete(MSGS, Answer)
    assert len(b.calls) == 3 and info.value.attempts == 3
    assert info.value.usage.prompt_tokens > 0 and "after 2 retries" in str(info.value)


def test_async_complete_uses_the_same_loop():
    b = ScriptedBackend(['{"n": 50}', '{"n": 5}'])
    done = asyncio.run(b.acomplete(MSGS, Answer))
    assert done.obj.n == 5 and done.attempts == 2


def test_validation_context_reaches_the_model_validators():
    class Ctx(BaseModel):
        n: int

        @field_validator("n")
        @classmethod
        def _known(cls, v, info):
            if v not in info.context["ok"]:
                raise ValueError(f"{v} not allowed")
            return v

    b = ScriptedBackend(['{"n": 1}', '{"n": 2}'])
    assert b.complete(MSGS, Ctx, context={"ok": {2}}).obj.n == 2


def test_make_backend_names_and_errors(tmp_path):
    with pytest.raises(CjmError, match="unknown backend 'nope'.*llamacpp.*openai.*scripted"):
        make_backend(Config(backend="nope"))
    with pytest.raises(CjmError, match="needs --model"):
        make_backend(Config(backend="scripted"))
    f = tmp_path / "a.jsonl"
    f.write_text('{"n": 1}\n\n{"n": 2}\n')
    b = make_backend(Config(backend="scripted", model=str(f)))
    assert [b.complete(MSGS, Answer).obj.n for _ in range(2)] == [1, 2]
