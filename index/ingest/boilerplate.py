"""Telling the article apart from the web page around it, line by line.

Saved articles carry the site's chrome: subscription prompts, comment forms, share and
"read more" links, ad markers, font-size widgets. The rules below describe those widgets
as they are phrased across sites (en/fr/ar), never the wording of one particular page.
Photo captions and credits are kept, but apart from the body.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

_TRAIL = r"[\s:.…»›>|\-–—]*"

# Whole-line labels: a line that is nothing but one of these is page chrome.
_LABELS = [
    # ads and sponsored blocks
    r"advertisements?|sponsored(?: content| links?)?|ads?|promoted",
    r"scroll (?:down )?to continue(?: with content)?|publicit[ée]|annonce",
    r"إعلان(?:ات)?",
    # reading aids and widgets
    r"enable read mode|(?:\d+ ?% )?font size|text size|a ?a ?a|a\+ ?a-",
    r"listen(?: to this article)?(?: \d+ min)?|print(?: this article)?|imprimer",
    r"\d+ ?min(?:ute)?s?(?: read| de lecture)?|reading time:? ?\d+ ?min(?:ute)?s?",
    r"temps de lecture ?:? ?\d+ ?min(?:utes)?|\d+ دقائق? (?:للقراءة|قراءة)",
    r"image|photo|video|vidéo|close|fermer|x|loading\.*|chargement\.*|جار التحميل\.*",
    # navigation
    r"home|accueil|menu|search|rechercher|الرئيسية|بحث",
    r"skip to (?:main )?content|aller au contenu(?: principal)?|back to top",
    r"next(?: article| story)?|previous(?: article| story)?|article suivant",
    r"article précédent|top stories|latest(?: news)?|breaking(?: news)?",
    r"à la une|dernières? (?:infos?|nouvelles|actualités)|more loader",
    r"load more|more stories|voir plus|plus d'articles",
    # sharing
    r"share(?: this)?(?: article| story| post| page)?(?: on \w+)?|tweet|e-?mail",
    r"whatsapp|facebook|twitter|linkedin|telegram|copy link",
    r"partager(?: cet article| sur \w+)?|partagez|شارك(?:وا)?|مشاركة",
    r"follow us|suivez-nous|تابعونا",
    # read more / related
    r"read (?:more|also|next)|read (?:the )?full(?: article| story| text)?(?: here)?",
    r"continue reading|see also|related",
    r"related (?:news|topics|articles|stories|posts|content|coverage)",
    r"more (?:on this|from \w+(?: \w+)?)|you (?:may|might) (?:also )?like",
    r"recommended(?: for you)?|most (?:read|popular|viewed)|trending(?: now)?",
    r"lire (?:aussi|également|la suite|plus)|à lire (?:aussi|également)",
    r"voir aussi|sur le même sujet|dans la même rubrique",
    r"[اإ]قرأ (?:أيضا|أيضاً|ايضا|المزيد)|(?:مقالات|أخبار|اخبار) ذات صلة",
    # comments, accounts, newsletters
    r"comments?|\d+ comments?|leave a (?:reply|comment)|post a comment",
    r"add a comment|join the (?:discussion|conversation)|commentaires?",
    r"\d+ commentaires?|vos commentaires|réagissez(?: à cet article)?",
    r"rejoignez la discussion|laisser un commentaire|التعليقات|تعليقات",
    r"أضف تعليق(?:ا|اً)?|subscribe(?: now)?|sign (?:in|up)|log ?in|log out",
    r"register|newsletters?|s'abonner|abonnez-vous|se connecter",
    r"connexion|اشترك(?: الآن)?|tags?|topics?|mots-clés",
]
_LABEL_RE = re.compile(rf"^(?:{'|'.join(_LABELS)}){_TRAIL}$", re.I)

# Phrases of web chrome: a SHORT line containing one of these is not article text.
_PHRASES = [
    # comment forms
    r"your email address will not be published|required fields are marked",
    r"votre adresse (?:e-?mail|de messagerie|courriel) ne sera pas publiée",
    r"les champs obligatoires sont indiqués|لن يتم نشر عنوان بريدك",
    r"save my name, email|enregistrer mon nom, mon e-?mail",
    # registration and paywalls
    r"already (?:registered|a subscriber|have an account)|enter your email",
    r"please use the following structure|or continue with|you'?re subscribed",
    r"get notifications|never miss (?:breaking )?news|check your email",
    r"we sent an email|link that will sign you in|by registering,? you agree",
    r"registering also lets you|register (?:for free|to continue|now)",
    r"log in to continue|sign in or register|sign in to (?:continue|comment|read)",
    r"subscribe to (?:our|the) newsletter|sign up (?:for|to) (?:our |the )?newsletter",
    r"subscribe (?:now|today) (?:to|for)|to continue reading|continue reading with",
    r"subscribers? only|(?:article|content) (?:is )?(?:reserved )?for subscribers",
    r"déjà abonné|réservé aux abonnés|inscrivez-vous|créez (?:un|votre) compte",
    r"abonnez-vous à (?:notre|la) newsletter|اشترك في (?:النشرة|نشرتنا)",
    # share / follow / app prompts
    r"follow (?:us|our \w+(?: \w+)?) on (?:twitter|x|facebook|instagram|telegram|linkedin"
    r"|youtube|whatsapp|google news|tiktok)|google news channel|for the latest headlines",
    r"download our app|click here to",
    r"share (?:this|on) (?:facebook|twitter|whatsapp)",
    r"suivez-nous sur|téléchargez (?:notre|l')application",
    # cookies and legal
    r"we use cookies|(?:accept|manage) (?:all )?cookies|cookie (?:policy|settings)",
    r"nous utilisons des cookies|all rights reserved|tous droits réservés",
    r"جميع الحقوق محفوظة|^disclaimer\s*:",
    # "Read also: <headline>" links
    r"^(?:lire aussi|à lire aussi|voir aussi|read also|also read|see also|read more)\s*:",
    r"^(?:related|[اإ]قرأ أيضا|اقرأ المزيد)\s*:",
    r"^(?:tags|mots-clés|mots clés|topics|keywords|الوسوم|كلمات مفتاحية)\s*:",
    r"auto-published from (?:an|a) (?:agency|syndicated) feed",
    r"has not been (?:reviewed|edited) by (?:an|the|our) edito|^avertissement\s*:",
]
# Matched on lower-cased text: much faster than re.I with this many alternatives.
_PHRASE_RE = re.compile("|".join(_PHRASES))
_PHRASE_MAX_WORDS = 30

# Breadcrumbs ("Home » Section » Title") and tag clouds.
_CRUMB_RE = re.compile(r"^(?:home|accueil|الرئيسية|news|actualités?)\s*[»>›/|]", re.I)
_CRUMB_SEPS = re.compile(r"\s[»›>|]\s")
_HASHTAGS_RE = re.compile(r"^(?:#[\w-]+[\s,]*)+$")

# Lines after which the rest of the page is chrome (related links, comment threads).
_END_RE = re.compile(
    r"^(?:read (?:more|also|next)|related(?: \w+)?|more loader|you (?:may|might) also like"
    r"|comments?|leave a (?:reply|comment)|réagissez à cet article|vos commentaires"
    r"|rejoignez la discussion|laisser un commentaire|sur le même sujet|lire aussi"
    r"|à lire aussi|tags?|[اإ]قرأ (?:أيضا|أيضاً|ايضا)|(?:مقالات|أخبار) ذات صلة|التعليقات"
    r"|your email address will not be published)" + _TRAIL + "$",
    re.I,
)
_READ_MORE_ARROW = re.compile(
    r"^(?:read more|lire la suite|lire plus|اقرأ المزيد)\s*[»›>…]+$", re.I
)

# Captions and credits.
_CREDIT = r"(?:photo|image|video|picture|pic|crédit|credit)s?(?: photo| credits?)?\s*:"
_CREDIT_PAREN = re.compile(rf"\((?:[^()]*\s)?{_CREDIT}[^)]*\)")  # on lower-cased text
_AGENCY_PHOTO = re.compile(
    r"\((?:AP|AFP|Reuters|EPA|Getty|AA|Xinhua)(?: Photo| Images)?\s*/[^)]*\)"
)
_CAPTION_STARTS = (
    re.compile(
        r"(?:illustrative|illustration|file photo|file|photo|image|picture|caption|légende"
        r"|photo d'illustration|crédit photo|credit|صورة|الصورة|أرشيفية)\s*[:/]",
        re.I,
    ),
    re.compile(r"\(?(?:photo|image|credit|crédit)s?\s*(?:credit)?\s*:", re.I),
    re.compile(r"(?:©|\(c\)\s|copyright\s+(?:©|\(c\)|\d{4}))", re.I),
    # a credit on its own line: "AFP", "Getty Images", "Reuters/John Doe"
    re.compile(
        r"(?:AFP|AP|Reuters|EPA|Getty Images|Anadolu(?: Agency)?|Xinhua|Shutterstock"
        r"|AP Photo|AFP via Getty Images)(?:\s*/\s*[^/]{2,40})?\s*$"
    ),
)
_AGENCY_TAIL = re.compile(
    r"(?<![.!?…])\s\((?:[^()]*/\s*)?(?:AFP|AP|Reuters|EPA|Getty Images|Getty|Anadolu"
    r"|Xinhua|MAP|Shutterstock|Wikimedia Commons|Wikipedia|Flickr|File|Archives?)\)\s*$"
)
_CREDIT_ONLY = re.compile(rf"^\(\s*(?:[^()]*\s)?{_CREDIT}[^)]*\)$", re.I)
_CAPTION_MAX_WORDS = 70
_TERMINAL = '.!?…"”»’)]'


def word_count(text: str) -> int:
    """Number of whitespace-separated words."""
    return len(text.split())


def is_chrome(unit: str) -> bool:
    """True when a line is page chrome rather than article text."""
    text = unit.strip()
    if not text:
        return True
    if _LABEL_RE.match(text) or _HASHTAGS_RE.match(text) or _READ_MORE_ARROW.match(text):
        return True
    words = word_count(text)
    if words <= _PHRASE_MAX_WORDS and _PHRASE_RE.search(text.lower()):
        return True
    return bool(_CRUMB_RE.match(text) or len(_CRUMB_SEPS.findall(text)) >= 2)


def is_caption(unit: str) -> bool:
    """True when a line is a photo caption or a credit."""
    text = unit.strip()
    if word_count(text) > _CAPTION_MAX_WORDS:
        return False
    if any(rx.match(text) for rx in _CAPTION_STARTS):
        return True
    if "(" not in text:  # the checks below all look for a parenthesised credit
        return False
    if _CREDIT_PAREN.search(text.lower()) or _AGENCY_PHOTO.search(text):
        return True
    return text.endswith(")") and bool(_AGENCY_TAIL.search(text))


def _norm(text: str) -> str:
    return " ".join(re.sub(r"[^\w\s]", " ", text.lower()).split())


def _title_like(text: str) -> bool:
    words = word_count(text)
    return 2 <= words <= 15 and not text.rstrip().endswith(tuple(_TERMINAL))


@dataclass
class Cleaned:
    """Body paragraphs and captions left once the chrome is gone."""

    body: list[str] = field(default_factory=list)
    captions: list[str] = field(default_factory=list)

    def add_caption(self, text: str) -> None:
        """Keep a caption once: drop it when an earlier caption already contains it."""
        norm = _norm(text)
        if not norm:
            return
        for i, old in enumerate(self.captions):
            old_norm = _norm(old)
            if norm in old_norm:
                return
            if old_norm in norm:  # the fuller version (with its credit) replaces the short one
                self.captions[i] = text
                return
        self.captions.append(text)


def _substantial(units: list[str]) -> bool:
    # Article sentences still to come? Related-story links are headlines: no final stop.
    return any(
        word_count(u) >= 12
        and u.rstrip().endswith(tuple('.!?"”»'))
        and not is_chrome(u)
        and not is_caption(u)
        for u in units
    )


def clean_units(units: list[str]) -> Cleaned:
    """Split paragraphs into body text and captions, dropping web chrome."""
    out = Cleaned()
    seen: set[str] = set()
    last_kind = ""
    for i, unit in enumerate(units):
        text = unit.strip()
        if _READ_MORE_ARROW.match(text):
            # "Teaser headline / Read More »": the line before was a link, not text.
            if out.body and word_count(out.body[-1]) <= 15 and not out.body[-1].endswith("."):
                out.body.pop()
            continue
        if _END_RE.match(text) and out.body and not _substantial(units[i + 1 :]):
            break
        if is_chrome(text):
            last_kind = "chrome"
            continue
        if _CREDIT_ONLY.match(text):
            # A credit on its own line belongs to the caption just above it.
            if last_kind == "body" and word_count(out.body[-1]) <= _CAPTION_MAX_WORDS:
                out.add_caption(out.body.pop())
            out.add_caption(text)
            last_kind = "caption"
            continue
        norm = _norm(text)
        if is_caption(text) or (
            out.captions
            and word_count(text) <= _CAPTION_MAX_WORDS
            and any(norm and _norm(c).startswith(norm) for c in out.captions)
        ):
            out.add_caption(text)
            last_kind = "caption"
            continue
        if norm in seen and word_count(text) >= 3:
            continue  # pages often repeat the lead paragraph or a pull quote verbatim
        seen.add(norm)
        out.body.append(text)
        last_kind = "body"
    # A short headline after the last paragraph is a link to another story.
    for _ in range(2):
        if (
            len(out.body) >= 2
            and _title_like(out.body[-1])
            and out.body[-2].endswith(tuple('.!?"”»'))
        ):
            out.body.pop()
    return out
