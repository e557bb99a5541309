"""Which install a bench measures: the published figures are for the default one.

thinc imports torch whenever it is importable, so in an environment that also holds the
`train` extra every process that loads spaCy carries torch (about 150 MB resident, and a
second of start-up) although nothing runs on it; a default install has no torch.
"""

from __future__ import annotations

import importlib.util
import sys


def install_kind() -> str:
    if importlib.util.find_spec("torch") is None:
        return "default install"
    return "install with the train extra (torch, imported by thinc)"


def warn_if_training_install() -> None:
    if importlib.util.find_spec("torch") is not None:
        print(
            "bench: torch is installed here (the train extra) and every worker will carry it; "
            "figures for docs/performance.md come from a default `make install` without it",
            file=sys.stderr,
        )
