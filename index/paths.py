"""Where defexplore keeps its data.

Every location derives from one root: platformdirs' user data dir, or `DEFEXPLORE_HOME`
when set (tests point it at a temporary directory so they never touch the user's data).
"""

from __future__ import annotations

import os
import re
from pathlib import Path

from platformdirs import user_data_dir

DEFAULT_CORPUS = "seeds"
_NAME_OK = re.compile(r"^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$")


def data_home() -> Path:
    """The root of all defexplore data."""
    override = os.environ.get("DEFEXPLORE_HOME")
    return Path(override) if override else Path(user_data_dir("defexplore"))


def corpora_dir() -> Path:
    """The folder holding one sub-folder per named corpus."""
    return data_home() / "corpora"


def valid_corpus_name(name: str) -> bool:
    """Corpus names become folder names, so keep them to a safe alphabet."""
    return bool(_NAME_OK.match(name))


def corpus_dir(name: str) -> Path:
    """The folder of the corpus called `name`."""
    if not valid_corpus_name(name):
        raise ValueError(
            f"invalid corpus name {name!r}: use letters, digits, '.', '_' or '-' (max 64)"
        )
    return corpora_dir() / name


def seeds_dir() -> Path:
    """The bundled sample articles, installed as the package `defexplore.seeds`."""
    from importlib.resources import files

    return Path(str(files("defexplore.seeds")))
