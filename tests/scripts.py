"""Load a script of `scripts/` as a module, for tests of its functions."""

from __future__ import annotations

import functools
import importlib.util
import sys
from pathlib import Path
from types import ModuleType

SCRIPTS = Path(__file__).parents[1] / "scripts"


@functools.cache
def load_script(name: str) -> ModuleType:
    """`scripts/` is not a package: load `scripts/<name>.py` as a module named `name` (registered,
    as dataclasses need)."""
    spec = importlib.util.spec_from_file_location(name, SCRIPTS / f"{name}.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module
    spec.loader.exec_module(module)
    return module
