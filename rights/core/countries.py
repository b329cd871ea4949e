"""ISO 3166-1 alpha-2 country codes (officially assigned), for validating user input, and
the names people type for a country or a region ("USA", "Deutschland", "Bayern").

Pure and cheap: no ``holidays`` (listing its subdivisions is slow) and nothing of rights
but ``rights.errors``.
"""

from __future__ import annotations

from dataclasses import dataclass

from rights.errors import InputError

# fmt: off
COUNTRIES = frozenset(
    (
        "AD", "AE", "AF", "AG", "AI", "AL", "AM", "AO", "AQ", "AR", "AS", "AT", "AU", "AW",
        "AX", "AZ", "BA", "BB", "BD", "BE", "BF", "BG", "BH", "BI", "BJ", "BL", "BM", "BN",
        "BO", "BQ", "BR", "BS", "BT", "BV", "BW", "BY", "BZ", "CA", "CC", "CD", "CF", "CG",
        "CH", "CI", "CK", "CL", "CM", "CN", "CO", "CR", "CU", "CV", "CW", "CX", "CY", "CZ",
        "DE", "DJ", "DK", "DM", "DO", "DZ", "EC", "EE", "EG", "EH", "ER", "ES", "ET", "FI",
        "FJ", "FK", "FM", "FO", "FR", "GA", "GB", "GD", "GE", "GF", "GG", "GH", "GI", "GL",
        "GM", "GN", "GP", "GQ", "GR", "GS", "GT", "GU", "GW", "GY", "HK", "HM", "HN", "HR",
        "HT", "HU", "ID", "IE", "IL", "IM", "IN", "IO", "IQ", "IR", "IS", "IT", "JE", "JM",
        "JO", "JP", "KE", "KG", "KH", "KI", "KM", "KN", "KP", "KR", "KW", "KY", "KZ", "LA",
        "LB", "LC", "LI", "LK", "LR", "LS", "LT", "LU", "LV", "LY", "MA", "MC", "MD", "ME",
        "MF", "MG", "MH", "MK", "ML", "MM", "MN", "MO", "MP", "MQ", "MR", "MS", "MT", "MU",
        "MV", "MW", "MX", "MY", "MZ", "NA", "NC", "NE", "NF", "NG", "NI", "NL", "NO", "NP",
        "NR", "NU", "NZ", "OM", "PA", "PE", "PF", "PG", "PH", "PK", "PL", "PM", "PN", "PR",
        "PS", "PT", "PW", "PY", "QA", "RE", "RO", "RS", "RU", "RW", "SA", "SB", "SC", "SD",
        "SE", "SG", "SH", "SI", "SJ", "SK", "SL", "SM", "SN", "SO", "SR", "SS", "ST", "SV",
        "SX", "SY", "SZ", "TC", "TD", "TF", "TG", "TH", "TJ", "TK", "TL", "TM", "TN", "TO",
        "TR", "TT", "TV", "TW", "TZ", "UA", "UG", "UM", "US", "UY", "UZ", "VA", "VC", "VE",
        "VG", "VI", "VN", "VU", "WF", "WS", "YE", "YT", "ZA", "ZM", "ZW",
    )
)
# fmt: on

# Codes people type that ISO does not assign, and what they mean.
COMMON_MISTAKES = {"UK": "GB", "EN": "GB", "EL": "GR"}

# --- names people type ----------------------------------------------------------------------
# Our own small table (English and native names, common aliases) for the countries whose
# laws rights knows and their neighbours; any other country is typed as its ISO code.
# fmt: off
COUNTRY_NAMES: dict[str, tuple[str, ...]] = {
    "AT": ("Austria", "Österreich"), "BE": ("Belgium", "België", "Belgique", "Belgien"),
    "BG": ("Bulgaria", "България"), "HR": ("Croatia", "Hrvatska"),
    "CY": ("Cyprus", "Κύπρος"), "CZ": ("Czechia", "Czech Republic", "Česko"),
    "DK": ("Denmark", "Danmark"), "EE": ("Estonia", "Eesti"), "FI": ("Finland", "Suomi"),
    "FR": ("France",), "DE": ("Germany", "Deutschland"), "GR": ("Greece", "Ελλάδα", "Hellas"),
    "HU": ("Hungary", "Magyarország"), "IE": ("Ireland", "Éire"), "IT": ("Italy", "Italia"),
    "LV": ("Latvia", "Latvija"), "LT": ("Lithuania", "Lietuva"),
    "LU": ("Luxembourg", "Luxemburg", "Lëtzebuerg"), "MT": ("Malta",),
    "NL": ("Netherlands", "The Netherlands", "Holland", "Nederland"),
    "PL": ("Poland", "Polska"), "PT": ("Portugal",), "RO": ("Romania", "România"),
    "SK": ("Slovakia", "Slovensko"), "SI": ("Slovenia", "Slovenija"),
    "ES": ("Spain", "España"), "SE": ("Sweden", "Sverige"), "IS": ("Iceland", "Ísland"),
    "LI": ("Liechtenstein",), "NO": ("Norway", "Norge"),
    "CH": ("Switzerland", "Schweiz", "Suisse", "Svizzera"),
    "GB": ("United Kingdom", "UK", "U.K.", "Great Britain", "Britain", "England", "Scotland",
           "Wales", "Northern Ireland"),
    "US": ("United States", "United States of America", "USA", "U.S.A.", "U.S.", "America"),
    "CA": ("Canada",), "BR": ("Brazil", "Brasil"), "MX": ("Mexico", "México"),
    "AU": ("Australia",), "NZ": ("New Zealand",), "JP": ("Japan",), "IN": ("India",),
    "CN": ("China",), "KR": ("South Korea", "Korea"), "SG": ("Singapore",),
    "ZA": ("South Africa",), "IL": ("Israel",), "TR": ("Turkey", "Türkiye"),
    "UA": ("Ukraine",), "GE": ("Georgia", "Sakartvelo"), "RS": ("Serbia", "Srbija"),
    "AR": ("Argentina",), "MC": ("Monaco",),
}

REGION_NAMES: dict[str, dict[str, tuple[str, ...]]] = {
    "US": {
        "AL": ("Alabama",), "AK": ("Alaska",), "AZ": ("Arizona",), "AR": ("Arkansas",),
        "CA": ("California",), "CO": ("Colorado",), "CT": ("Connecticut",),
        "DE": ("Delaware",), "DC": ("District of Columbia", "Washington DC"),
        "FL": ("Florida",), "GA": ("Georgia",), "HI": ("Hawaii",), "ID": ("Idaho",),
        "IL": ("Illinois",), "IN": ("Indiana",), "IA": ("Iowa",), "KS": ("Kansas",),
        "KY": ("Kentucky",), "LA": ("Louisiana",), "ME": ("Maine",), "MD": ("Maryland",),
        "MA": ("Massachusetts",), "MI": ("Michigan",), "MN": ("Minnesota",),
        "MS": ("Mississippi",), "MO": ("Missouri",), "MT": ("Montana",), "NE": ("Nebraska",),
        "NV": ("Nevada",), "NH": ("New Hampshire",), "NJ": ("New Jersey",),
        "NM": ("New Mexico",), "NY": ("New York",), "NC": ("North Carolina",),
        "ND": ("North Dakota",), "OH": ("Ohio",), "OK": ("Oklahoma",), "OR": ("Oregon",),
        "PA": ("Pennsylvania",), "RI": ("Rhode Island",), "SC": ("South Carolina",),
        "SD": ("South Dakota",), "TN": ("Tennessee",), "TX": ("Texas",), "UT": ("Utah",),
        "VT": ("Vermont",), "VA": ("Virginia",), "WA": ("Washington",),
        "WV": ("West Virginia",), "WI": ("Wisconsin",), "WY": ("Wyoming",),
        "PR": ("Puerto Rico",),
    },
    "CA": {
        "AB": ("Alberta",), "BC": ("British Columbia", "Colombie-Britannique"),
        "MB": ("Manitoba",), "NB": ("New Brunswick", "Nouveau-Brunswick"),
        "NL": ("Newfoundland and Labrador", "Newfoundland"), "NS": ("Nova Scotia",),
        "NT": ("Northwest Territories",), "NU": ("Nunavut",), "ON": ("Ontario",),
        "PE": ("Prince Edward Island",), "QC": ("Quebec", "Québec"),
        "SK": ("Saskatchewan",), "YT": ("Yukon",),
    },
    "DE": {
        "BW": ("Baden-Württemberg",), "BY": ("Bayern", "Bavaria"), "BE": ("Berlin",),
        "BB": ("Brandenburg",), "HB": ("Bremen",), "HH": ("Hamburg",),
        "HE": ("Hessen", "Hesse"), "MV": ("Mecklenburg-Vorpommern",),
        "NI": ("Niedersachsen", "Lower Saxony"),
        "NW": ("Nordrhein-Westfalen", "North Rhine-Westphalia", "NRW"),
        "RP": ("Rheinland-Pfalz", "Rhineland-Palatinate"), "SL": ("Saarland",),
        "SN": ("Sachsen", "Saxony"), "ST": ("Sachsen-Anhalt", "Saxony-Anhalt"),
        "SH": ("Schleswig-Holstein",), "TH": ("Thüringen", "Thuringia"),
    },
    "GB": {
        "ENG": ("England",), "SCT": ("Scotland",), "WLS": ("Wales",),
        "NIR": ("Northern Ireland",),
    },
}
# fmt: on

REGION_WORD = {"US": "state", "CA": "province or territory", "DE": "Land (Bundesland)",
               "GB": "nation"}  # fmt: skip
"""What a region is called in each country whose regions the table names."""

REGION_EXAMPLE = {"US": "CA", "CA": "ON", "DE": "BY", "GB": "ENG"}
"""The region a question shows as its example."""

REGION_NEEDED = frozenset({"US", "CA"})
"""Countries where the law depends on the region (a US state law, Quebec's Law 25)."""


def _key(text: str) -> str:
    """A name as compared: case and accents folded, dots and extra spaces dropped."""
    import unicodedata

    folded = unicodedata.normalize("NFKD", text.casefold())
    plain = "".join(c for c in folded if not unicodedata.combining(c))
    plain = plain.replace(".", "").replace("-", " ")
    words = plain.split()
    if words and words[0] == "the":
        words = words[1:]
    return " ".join(words)


def _index(table: dict[str, tuple[str, ...]]) -> dict[str, str]:
    return {_key(name): code for code, names in table.items() for name in names}


_COUNTRY_INDEX = _index(COUNTRY_NAMES)
_REGION_INDEX = {country: _index(regions) for country, regions in REGION_NAMES.items()}


@dataclass(frozen=True)
class Place:
    """Where someone lives, as read from an answer: a country and maybe its region."""

    country: str
    region: str | None = None


def parse_country(answer: str) -> Place:
    """A country from its ISO code or its name ("DE", "Deutschland", "USA"); a region's
    name alone names its country too ("California" -> US, CA; "Bayern" -> DE, BY). A code
    is always a country here: "CA" is Canada (California is "CA" at the state question)."""
    text = answer.strip()
    code = text.upper()
    if code in COUNTRIES:
        return Place(code)
    if code in COMMON_MISTAKES:
        return Place(COMMON_MISTAKES[code])
    key = _key(text)
    if key in _COUNTRY_INDEX:
        country = _COUNTRY_INDEX[key]
        region = _REGION_INDEX.get(country, {}).get(key)  # "England": GB and its nation
        return Place(country, region)
    for country, index in _REGION_INDEX.items():
        if key in index and len(key) > 3:
            return Place(country, index[key])
    raise InputError(
        f"{answer.strip()!r} is not a country we know by that name",
        hint="type its name in English or its own language, or its two-letter code, "
        "such as DE, FR, GB or US",
    )


def parse_region(answer: str, country: str) -> str:
    """A region of ``country`` from its code or its name ("CA", "California", "US-CA";
    "BY", "Bayern", "Bavaria")."""
    names = REGION_NAMES.get(country, {})
    code = answer.strip().upper()
    if code.startswith(f"{country}-"):
        code = code[len(country) + 1 :]
    if code in names:
        return code
    found = _REGION_INDEX.get(country, {}).get(_key(answer))
    if found:
        return found
    word = REGION_WORD.get(country, "region")
    raise InputError(
        f"{answer.strip()!r} is not a {word} of {country_name(country)}",
        hint=f"type its name or its code, e.g. {region_example(country)}" if names else None,
    )


def region_example(country: str) -> str:
    """``California or CA``: how a region of ``country`` may be typed."""
    names = REGION_NAMES.get(country, {})
    code = REGION_EXAMPLE.get(country) or next(iter(names), "")
    return f"{names[code][0]} or {code}" if code in names else code


def region_elsewhere(answer: str, country: str) -> Place | None:
    """The place a region's full name gives when it is a region of another country than
    ``country`` ("California" answered after "CA" was read as Canada); None otherwise."""
    key = _key(answer)
    for other, index in _REGION_INDEX.items():
        if other != country and key in index and len(key) > 3:
            return Place(other, index[key])
    return None


def country_name(code: str) -> str:
    """The English name of a country in the table, else its code."""
    return COUNTRY_NAMES.get(code, (code,))[0]


_WITH_THE = ("United ", "Netherlands", "Philippines", "Bahamas", "Gambia", "Maldives")


def country_in_text(code: str) -> str:
    """The country's English name as it stands in a sentence: "the Netherlands", "the
    United States", "Germany"."""
    name = country_name(code)
    plural = name.endswith(("Islands", "Republic")) or name.startswith(_WITH_THE)
    return f"the {name}" if plural else name


def region_name(country: str, code: str) -> str:
    """The name of a region in the table, else its code."""
    return REGION_NAMES.get(country, {}).get(code, (code,))[0]
