"""A small multilingual gazetteer of countries and cities, with nationality adjectives.

It lets the comparison recognise "Maroc", "المغرب" and "Morocco" as one place across languages,
and tell a city from its country (so "in Rabat" and "in Morocco" never conflict).
"""

from __future__ import annotations

from dataclasses import dataclass

from .compare_text import fold


@dataclass(frozen=True)
class Place:
    """A place: canonical name, level ("country" or "city") and its country."""

    name: str
    level: str
    country: str


# canonical: (other names in en/fr/ar, nationality adjectives)
_COUNTRIES: dict[str, tuple[str, str]] = {
    "Morocco": ("maroc|المغرب|مغرب", "moroccan|marocain|marocaine|مغربي|المغربي|المغربية"),
    "Israel": ("israël|إسرائيل|اسرائيل", "israeli|israélien|israélienne|الإسرائيلي|الإسرائيلية"),
    "Algeria": ("algérie|الجزائر", "algerian|algérien|algérienne|الجزائري|الجزائرية"),
    "Tunisia": ("tunisie|تونس", "tunisian|tunisien"),
    "Libya": ("libye|ليبيا", "libyan|libyen"),
    "Egypt": ("égypte|مصر", "egyptian|égyptien|المصري"),
    "Mauritania": ("mauritanie|موريتانيا", "mauritanian|mauritanien"),
    "Spain": ("espagne|إسبانيا", "spanish|espagnol"),
    "France": ("فرنسا", "french|français|française|الفرنسي|الفرنسية"),
    "United States": ("us|u.s|usa|united states of america|america|états-unis|الولايات المتحدة",
                      "american|américain|américaine|الأمريكي|الأمريكية"),
    "United Kingdom": ("uk|u.k|britain|great britain|royaume-uni|بريطانيا", "british|britannique"),
    "Germany": ("allemagne|ألمانيا", "german|allemand"),
    "Italy": ("italie|إيطاليا", "italian|italien"),
    "Russia": ("russie|روسيا", "russian|russe|الروسي"),
    "China": ("chine|الصين", "chinese|chinois|الصيني"),
    "Japan": ("japon|اليابان", "japanese|japonais"),
    "India": ("inde|الهند", "indian|indien"),
    "Iran": ("إيران", "iranian|iranien|الإيراني"),
    "Iraq": ("irak|العراق", "iraqi|irakien"),
    "Syria": ("syrie|سوريا", "syrian|syrien"),
    "Lebanon": ("liban|لبنان", "lebanese|libanais"),
    "Jordan": ("jordanie|الأردن", "jordanian|jordanien"),
    "Saudi Arabia": ("arabie saoudite|السعودية", "saudi|saoudien"),
    "United Arab Emirates": ("uae|emirates|émirats arabes unis|الإمارات", "emirati|émirien"),
    "Bahrain": ("bahreïn|البحرين", "bahraini|bahreïni"),
    "Qatar": ("قطر", "qatari"),
    "Sudan": ("soudan|السودان", "sudanese|soudanais"),
    "Turkey": ("türkiye|turquie|تركيا", "turkish|turc"),
    "Yemen": ("yémen|اليمن", "yemeni|yéménite"),
    "Ukraine": ("أوكرانيا", "ukrainian|ukrainien"),
    "Czech Republic": ("czechia|république tchèque|التشيك", "czech|tchèque"),
    "Palestine": ("palestinian territories|فلسطين", "palestinian|palestinien"),
    "Western Sahara": ("sahara occidental|الصحراء الغربية", "sahrawi|sahraoui"),
    "Nigeria": ("نيجيريا", "nigerian|nigérian"),
    "Mali": ("مالي", "malian|malien"),
    "Senegal": ("sénégal|السنغال", "senegalese|sénégalais"),
    "Brazil": ("brésil|البرازيل", "brazilian|brésilien"),
    "Canada": ("كندا", "canadian|canadien"),
    "Australia": ("australie|أستراليا", "australian|australien"),
    "Pakistan": ("باكستان", "pakistani|pakistanais"),
    "Greece": ("grèce|اليونان", "greek|grec"),
    "Cyprus": ("chypre|قبرص", "cypriot|chypriote"),
    "Poland": ("pologne|بولندا", "polish|polonais"),
}  # fmt: skip

# city: (country, other names)
_CITIES: dict[str, tuple[str, str]] = {
    "Rabat": ("Morocco", "الرباط"), "Casablanca": ("Morocco", "الدار البيضاء"),
    "Marrakesh": ("Morocco", "marrakech|مراكش"), "Tangier": ("Morocco", "tanger|طنجة"),
    "Fez": ("Morocco", "fès|fes|فاس"), "Agadir": ("Morocco", "أكادير"),
    "Dakhla": ("Morocco", "الداخلة"), "Laayoune": ("Morocco", "laâyoune|العيون"),
    "Kenitra": ("Morocco", "kénitra|القنيطرة"), "Benslimane": ("Morocco", "بنسليمان"),
    "Jerusalem": ("Israel", "jérusalem|القدس"), "Tel Aviv": ("Israel", "تل أبيب"),
    "Haifa": ("Israel", "حيفا"), "Algiers": ("Algeria", "alger|الجزائر العاصمة"),
    "Oran": ("Algeria", "وهران"), "Tindouf": ("Algeria", "تندوف"), "Tunis": ("Tunisia", ""),
    "Cairo": ("Egypt", "le caire|القاهرة"), "Madrid": ("Spain", "مدريد"),
    "Paris": ("France", "باريس"), "Washington": ("United States", "واشنطن"),
    "New York": ("United States", "نيويورك"), "London": ("United Kingdom", "londres|لندن"),
    "Berlin": ("Germany", ""), "Moscow": ("Russia", "moscou|موسكو"),
    "Beijing": ("China", "pékin|بكين"), "Tehran": ("Iran", "téhéran|طهران"),
    "Baghdad": ("Iraq", "bagdad|بغداد"), "Damascus": ("Syria", "damas|دمشق"),
    "Beirut": ("Lebanon", "beyrouth|بيروت"), "Amman": ("Jordan", "عمان"),
    "Riyadh": ("Saudi Arabia", "riyad|الرياض"), "Abu Dhabi": ("United Arab Emirates", "أبوظبي"),
    "Dubai": ("United Arab Emirates", "دبي"), "Manama": ("Bahrain", "المنامة"),
    "Doha": ("Qatar", "الدوحة"), "Khartoum": ("Sudan", "الخرطوم"),
    "Ankara": ("Turkey", "أنقرة"), "Istanbul": ("Turkey", "إسطنبول"),
    "Kyiv": ("Ukraine", "kiev|كييف"), "Prague": ("Czech Republic", ""),
    "Nouakchott": ("Mauritania", "نواكشوط"), "Tripoli": ("Libya", "طرابلس"),
    "Sanaa": ("Yemen", "صنعاء"), "Gaza": ("Palestine", "غزة"), "Brussels": ("", "bruxelles"),
    "Geneva": ("", "genève"), "Rome": ("Italy", "روما"), "Tokyo": ("Japan", "طوكيو"),
    "Le Bourget": ("France", ""), "Toulouse": ("France", ""), "Lisbon": ("", "lisbonne"),
}  # fmt: skip


def _build() -> tuple[dict[str, Place], dict[str, str]]:
    places: dict[str, Place] = {}
    adjectives: dict[str, str] = {}
    for name, (others, adjs) in _COUNTRIES.items():
        place = Place(name, "country", name)
        for alias in [name.lower(), *others.split("|")]:
            if alias:
                places[fold(alias)] = place
        for adj in adjs.split("|"):
            adjectives[fold(adj)] = name
    for name, (country, others) in _CITIES.items():
        place = Place(name, "city", country)
        for alias in [name.lower(), *others.split("|")]:
            if alias:
                places[fold(alias)] = place
    # Short English aliases that are also common words are only safe in their upper form.
    for risky in ("us", "uk"):
        places.pop(risky, None)
    return places, adjectives


PLACES, ADJECTIVES = _build()


def country_of(word: str) -> str | None:
    """The country a name or nationality adjective refers to ("Moroccan" -> "Morocco")."""
    low = fold(word).strip()
    if low.endswith("'s"):
        low = low[:-2]
    if low in ADJECTIVES:
        return ADJECTIVES[low]
    place = PLACES.get(low)
    return place.country if place else None
