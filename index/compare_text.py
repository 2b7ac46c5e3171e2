"""Text primitives for comparing articles: sentences, word tokens, stems and name keys.

Everything here is language-light on purpose: the comparison must work on English, French
and Arabic news without loading an NLP model (compare runs on the UI's worker thread).
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from functools import lru_cache

# Abbreviations whose final period does not end a sentence (ranks and titles are frequent in
# defense news: "Lt.-Gen.", "Brig.-Gen.", "Maj.").
_ABBREV = frozenset(
    """mr mrs ms dr prof gen lt col maj brig adm capt cmdr cdr sgt cpl pvt gov sen rep st
    jr sr inc corp co ltd plc no nos vol vs etc approx dept est fig h.e u.s u.k u.n e.u
    a.m p.m jan feb mar apr jun jul aug sep sept oct nov dec mt ft rev hon excl incl av""".split()  # noqa: SIM905
)

_SENT_END = re.compile(r"""[.!?؟…]+["'”’»)\]]*(?=\s+)""")
_WORD = re.compile(r"\w+(?:[-'’.]\w+)*", re.UNICODE)

STOPWORDS = frozenset(
    """a an the and or but if of to in on at by for with from as into onto over under about
    after before during between through against among within without than then so such
    that this these those there here it its it's is are was were be been being am do
    does did done has have had having will would shall should can could may might must
    not no nor also very more most much many some any each every other another own same
    both all few only he she they we you i me him her them us our ours your yours his
    hers their theirs my mine who whom whose which what when where why how while since
    until up down out off again further once said says say told according just even
    still yet however although though le la les un une des du de d l et ou mais en dans
    sur par pour avec sans sous au aux ce cette ces qui que quoi dont où est sont été
    être a ont avait était il elle ils elles on se sa son ses leur leurs lui nous vous
    ne pas plus aussi comme entre lors après avant في من على إلى الى عن مع أن ان هذا هذه
    ذلك التي الذي قد كان بين بعد قبل حيث كما""".split()  # noqa: SIM905
)


@dataclass(frozen=True)
class Token:
    """A word with its character span in the source text."""

    text: str
    norm: str
    start: int
    end: int


@dataclass(frozen=True)
class Sentence:
    """A sentence with its span in the body."""

    text: str
    start: int
    end: int


def fold(text: str) -> str:
    """Lowercase and strip diacritics (Arabic letters are kept as they are)."""
    if text.isascii():
        return text.lower()
    text = text.lower().replace("’", "'").replace("‘", "'")
    decomposed = unicodedata.normalize("NFKD", text)
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch))


# British/American spellings differ between wire copies of one story: fold them together.
_SPELLING = (
    (re.compile(r"(defen|offen|licen|preten)ce"), r"\1se"),
    (re.compile(r"(\w{3,})is(e|ed|es|ing|ation|ations)$"), r"\1iz\2"),
    (re.compile(r"(\w{3,})our$"), r"\1or"),
    (re.compile(r"(\w{3,})tre$"), r"\1ter"),
    (re.compile(r"programme"), "program"),
)


@lru_cache(maxsize=65536)
def normalize_word(word: str) -> str:
    """Case-, accent- and spelling-folded form used for verbatim matching."""
    w = fold(word).replace("'", "")
    if w.isascii():
        for pattern, repl in _SPELLING:
            w = pattern.sub(repl, w)
    return w


@lru_cache(maxsize=65536)
def stem(word: str) -> str:
    """A crude suffix stripper: enough to match "signed"/"signs"/"signing" across paraphrases."""
    w = normalize_word(word)
    if not w.isascii() or len(w) <= 3 or w.isdigit():
        return _strip_arabic(w)
    for suffix in (
        "ations",
        "ation",
        "ments",
        "ment",
        "ings",
        "ing",
        "ies",
        "ied",
        "ed",
        "es",
        "s",
        "ly",
        "e",
    ):
        if w.endswith(suffix) and len(w) - len(suffix) >= 3:
            w = w[: -len(suffix)]
            break
    return w


def _strip_arabic(w: str) -> str:
    # Arabic attaches the article and some prepositions/conjunctions to the word.
    for prefix in ("وال", "بال", "لل", "ال", "و"):
        if w.startswith(prefix) and len(w) - len(prefix) >= 3:
            return w[len(prefix) :]
    return w


def tokens(text: str, offset: int = 0) -> list[Token]:
    """Word tokens with spans (shifted by `offset`)."""
    return [
        Token(m.group(), normalize_word(m.group()), m.start() + offset, m.end() + offset)
        for m in _WORD.finditer(text)
    ]


@lru_cache(maxsize=131072)
def _content_stem(word: str) -> str | None:
    w = fold(word)
    if w in STOPWORDS or (len(w) < 2 and not w.isdigit()):
        return None
    return stem(w)


def content_stems(text: str) -> list[str]:
    """Stems of the non-stopword words of `text` (numbers kept)."""
    # One cached lookup per word: corpora repeat their vocabulary endlessly.
    found = map(_content_stem, _WORD.findall(text))
    return [w for w in found if w is not None]


def _is_hard_wrapped(lines: list[str]) -> bool:
    # Wire text (Reuters) is wrapped at ~65 columns: single newlines are not boundaries there.
    filled = [ln for ln in lines if ln.strip()]
    if len(filled) < 4:
        return False
    mid = sum(1 for ln in filled if 45 <= len(ln.rstrip()) <= 82)
    return mid / len(filled) >= 0.6


def _blocks(text: str) -> list[tuple[int, int]]:
    """Spans of paragraph-like blocks: blank lines always separate them."""
    lines = text.split("\n")
    wrapped = _is_hard_wrapped(lines)
    spans: list[tuple[int, int]] = []
    pos = 0
    start: int | None = None
    for line in lines:
        end = pos + len(line)
        if not line.strip():
            if start is not None:
                spans.append((start, pos - 1))
                start = None
        elif start is None:
            start = pos
        elif not wrapped or line.startswith(("    ", "\t")):
            spans.append((start, pos - 1))
            start = pos
        pos = end + 1
    if start is not None:
        spans.append((start, len(text)))
    return spans


def _abbrev_before(text: str, dot: int) -> bool:
    m = re.search(r"([\w.]+)$", text[:dot])
    if not m:
        return False
    word = m.group(1).lower().rstrip(".")
    last = word.split(".")[-1] if "." in word else word
    if word in _ABBREV or last in _ABBREV:
        return True
    # An initial ("G.", "J.") before a capitalized word is usually part of a name.
    return len(last) == 1 and last.isalpha()


def split_sentences(text: str) -> list[Sentence]:
    """Split `text` into sentences with spans; blank lines and wrapped wire text handled."""
    out: list[Sentence] = []
    for bstart, bend in _blocks(text):
        block = text[bstart:bend]
        cut = 0
        for m in _SENT_END.finditer(block):
            end = m.end()
            nxt = block[end:].lstrip()
            if not nxt:
                continue
            first = nxt[0]
            if not (first.isupper() or first.isdigit() or first in "\"'“‘«(" or ord(first) > 0x5FF):
                continue
            punct = m.group().rstrip("\"'”’»)]")
            if punct == "." and _abbrev_before(block, m.start()):
                continue
            _add(out, text, bstart + cut, bstart + end)
            cut = end
        _add(out, text, bstart + cut, bend)
    return out


def _add(out: list[Sentence], text: str, start: int, end: int) -> None:
    chunk = text[start:end]
    lead = len(chunk) - len(chunk.lstrip())
    chunk = chunk.strip()
    if not chunk or not any(ch.isalnum() for ch in chunk):
        return
    start += lead
    out.append(Sentence(re.sub(r"\s+", " ", chunk), start, start + len(chunk)))


# --- proper names ---------------------------------------------------------------------------

_NAME_RUN = re.compile(
    r"\b(?:[A-Z][\w'’.-]*|(?:al|el|bin|ben|de|du|van|von|der|da|la|le)-?)"
    r"(?:\s+(?:[A-Z][\w'’.-]*|al-|el-|bin|ben|de|du|van|von|der|da)[\w'’.-]*)*",
    re.UNICODE,
)
_NAME_SKIP = frozenset(
    """the a an this that these those it he she they we i in on at for by with from as but
    and or if after before when while during since monday tuesday wednesday thursday
    friday saturday sunday january february march april may june july august september
    october november december mr mrs ms dr read more le la les un une des selon""".split()  # noqa: SIM905
)


def name_runs(text: str) -> list[tuple[str, int, int]]:
    """Capitalized word runs that look like names (sentence-initial function words dropped)."""
    out = []
    for m in _NAME_RUN.finditer(text):
        words = m.group().split()
        start = m.start()
        while words and fold(words[0]).strip(".") in _NAME_SKIP:
            start += text[start:].index(words[0]) + len(words[0])
            start += len(text[start:]) - len(text[start:].lstrip())
            words = words[1:]
        while words and fold(words[-1]).strip(".") in _NAME_SKIP:
            words = words[:-1]
        if not words or not words[0][:1].isupper():
            continue
        name = " ".join(words).strip(".,")
        out.append((name, start, start + len(name)))
    return out


_AR2LAT = str.maketrans(
    {
        "ب": "b", "ت": "t", "ث": "t", "ج": "g", "ح": "", "خ": "k", "د": "d", "ذ": "d",
        "ر": "r", "ز": "s", "س": "s", "ش": "s", "ص": "s", "ض": "d", "ط": "t", "ظ": "d",
        "ع": "", "غ": "g", "ف": "f", "ق": "k", "ك": "k", "ل": "l", "م": "m", "ن": "n",
        "ه": "", "و": "", "ي": "", "ى": "", "ا": "", "أ": "", "إ": "", "آ": "", "ة": "",
        "ء": "", "ئ": "", "ؤ": "", "پ": "b", "ڤ": "f", "گ": "g",
    }
)  # fmt: skip


@lru_cache(maxsize=65536)
def skeleton(word: str) -> str:
    """A consonant skeleton that matches one name across scripts and spellings.

    "Gantz", "Ganz" and "غانتس" share a key, as do "Loudiyi" and "Loudyi"; vowels, doubled
    letters and look-alike consonants are folded because transliterations disagree on them.
    """
    w = fold(word)
    if any("\u0600" <= ch <= "\u06ff" for ch in w):
        w = _strip_arabic(w).translate(_AR2LAT)
    else:
        w = w.replace("ph", "f").replace("ch", "k").replace("sh", "s").replace("kh", "k")
        w = w.replace("dj", "g").replace("j", "g").replace("ou", "")
        w = w.translate(str.maketrans("czqxvpw", "sskkbbb"))
        w = re.sub(r"[aeiouyh'\-.\d_]", "", w)
    return re.sub(r"(.)\1+", r"\1", w)
