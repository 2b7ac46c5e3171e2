"""Invented articles about a naval pact (made-up countries, port and boats).

Shared by the timeline tests of the engine, the CLI and the pane; the read-only index
built from them is the `pact` fixture in tests/conftest.py. Nothing here leans on a
seed's wording.
"""

from __future__ import annotations

import json
from pathlib import Path

PACT = "signed a naval cooperation pact in Port Amal on {day} March 2024"
ARTICLES: dict[str, dict[str, str]] = {
    "a.json": {
        "title": "Zorvia and Kestria sign naval pact",
        "source": "Atlas Wire",
        "date": "2024-03-14",
        "text": f"Zorvia and Kestria {PACT.format(day=12)}, the Zorvian defence ministry "
        "said.\n\nThe agreement covers joint patrols, shared port access and the purchase "
        "of four Halcyon patrol boats.\n\nThe two navies will hold their first joint "
        "exercise in June 2024, officials said.",
    },
    "b.json": {
        "title": "Naval pact signed between Kestria and Zorvia",
        "source": "Harbor Post",
        "date": "2024-03-15",
        "text": f"Kestria and Zorvia {PACT.format(day=13)}, according to the Kestrian navy."
        "\n\nUnder the deal Zorvia buys four Halcyon patrol boats and the navies share port "
        "access.\n\nIn 2019 the two countries had broken off defence talks.",
    },
    "c.json": {
        "title": "Port Amal pact: what we know",
        "source": "Desert Daily",
        "date": "2024-03-16",
        "text": "The naval cooperation pact that Zorvia and Kestria signed in Port Amal on "
        "12 March 2024 includes four Halcyon patrol boats.\n\nGeneral Idris Valon visited "
        "the Kestrian fleet in January 2024 to prepare the pact.",
    },
    "d.json": {  # no publication date: "Tuesday" cannot be resolved
        "title": "Undated note",
        "source": "Desert Daily",
        "text": "Zorvian officials met Kestrian envoys on Tuesday to discuss the Halcyon boats.",
    },
}


def write_articles(folder: Path, articles: dict[str, dict[str, str]]) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    for name, record in articles.items():
        (folder / name).write_text(json.dumps({**record, "language": "en"}), encoding="utf-8")
    return folder
