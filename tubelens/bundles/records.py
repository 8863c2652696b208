"""One JSON record of a bundle (video.json, a line of comments.jsonl) checked against its schema,
every failure put in words that name the file, the line and the field."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, TypeVar

from pydantic import BaseModel, ValidationError

from tubelens.bundles import problems
from tubelens.settings import ENV_PREFIX

Model = TypeVar("Model", bound=BaseModel)
Value = TypeVar("Value")


def validated(model: type[Model], file: str, text: str, line: int | None) -> Model:
    try:
        return model.model_validate_json(text)
    except ValidationError as exc:
        field, problem = _explain(model, exc.errors()[0], one_line=line is not None)
        raise problems.invalid(file, problem, line=line, field=field) from None


def check_texts(raw: BaseModel, file: str, line: int | None, most: int) -> None:
    """Every text field within TUBELENS_LIMIT_TEXT_FIELD_CHARS (a comment's text has its own,
    lower limit)."""
    for name, value in raw:
        for index, text in enumerate(value if isinstance(value, list) else [value]):
            if isinstance(text, str) and len(text) > most:
                field = f"{name}[{index}]" if isinstance(value, list) else name
                error = problems.over_limit(
                    file,
                    f"{len(text):,} characters in field {field}",
                    most,
                    f"{ENV_PREFIX}LIMIT_TEXT_FIELD_CHARS",
                    line=line,
                )
                error.metadata["field"] = field
                raise error


def parsed_field(
    raw: BaseModel, name: str, parse: Callable[[str], Value], *, file: str, line: int | None
) -> Value | None:
    """A text field parsed further (a duration, a time); None when absent or empty."""
    text = getattr(raw, name)
    if not text:
        return None
    try:
        return parse(text)
    except ValueError as exc:
        rule = type(raw).model_fields[name].description
        raise problems.invalid(file, f"{rule}: {exc}.", line=line, field=name) from None


def _explain(model: type[BaseModel], error: Any, one_line: bool = False) -> tuple[str, str]:
    """A pydantic error as (field, what is wrong) in words for people; field is "" when the
    problem is the document itself (not JSON, not an object). `one_line`: the document is one
    line of a file, whose number the caller gives, so the parser's "line 1" is left out."""
    location = [str(part) for part in error["loc"]]
    field = location[0] if location else ""
    if not field:
        if error["type"] == "json_invalid":
            problem = error["msg"].removeprefix("Invalid JSON: ")
            if one_line:
                problem = problem.replace(" at line 1 column ", " at column ")
            return "", f"not valid JSON ({problem})."
        return "", f"must hold a JSON object (found {_json_type(error['input'])})."
    name = field + "".join(f"[{part}]" for part in location[1:])
    if error["type"] == "missing":
        return name, "is required."
    info = model.model_fields.get(field)
    rule = info.description if info is not None and info.description else error["msg"]
    if error["type"].endswith("_type"):
        return name, f"{rule} (found {_json_type(error['input'])})."
    return name, f"{rule}."


def _json_type(value: object) -> str:
    if value is None:
        return "null"
    if isinstance(value, bool):
        return "true or false"
    if isinstance(value, int | float):
        return "a number"
    if isinstance(value, str):
        return "a string"
    if isinstance(value, list):
        return "a list"
    if isinstance(value, dict):
        return "an object"
    return type(value).__name__
