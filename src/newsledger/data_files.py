"""The JSON data files shipped inside the package, read and validated the same way by every
stage that has one."""

from __future__ import annotations

from importlib import resources
from typing import TypeVar

from pydantic import BaseModel

from newsledger.errors import DataFileError

ModelT = TypeVar("ModelT", bound=BaseModel)


def load_data_model(model: type[ModelT], name: str, what: str) -> ModelT:
    """The package's file `name` validated as `model`; a `DataFileError` saying that `what`
    cannot be loaded when it is missing or malformed."""
    try:
        text = resources.files("newsledger").joinpath(name).read_text(encoding="utf-8")
        return model.model_validate_json(text)
    except (OSError, ValueError) as exc:  # pydantic's ValidationError is a ValueError
        raise DataFileError(f"cannot load {what}: {exc}", source=name) from exc
