"""Loaded once by the extraction workers' fork server, so the workers start warm.

Importing this module imports spaCy, loads the English model and builds the gazetteers:
about 2 s of CPU, three quarters of it `import spacy` alone. The ingest (indexer.py)
names this module as the preload of a multiprocessing fork server, started while the
parent is still parsing. Every extraction worker is then forked from that server and
shares what it loaded, instead of each spawned worker paying for it again.

Nothing but that fork server should import this module: opening a corpus loads no model.
"""

from __future__ import annotations

from . import ner

# Before anything imports numpy: one BLAS thread per worker (see ner.py).
ner.prefer_single_thread_blas()

from .. import batch, pipeline  # noqa: E402  (Whoosh, for writer processes forked here)
from . import events  # noqa: E402
from .arabic import arabic_gazetteer  # noqa: E402
from .gazetteer import gazetteer, lexicon  # noqa: E402

# English is the language the model layer sees most; a French model loads in the worker
# that first needs it.
ner.model("en")
gazetteer()
lexicon()
arabic_gazetteer()

# Imported for their side effects: Whoosh and the date grammars load once, here.
__all__ = ["batch", "events", "pipeline"]
