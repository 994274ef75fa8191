"""Numbers as printed: digits, number words, scales, currencies, percentages -- and what is not a count.

For the extractor: ``find_numbers(text, start, end)`` scans a stretch of the article and returns
every ``Number`` that may be a figure. A number is read as one run of parts: digits ("1,647",
"40 000"), number words ("one hundred and six", read by text2num), scale words and their
abbreviations ("2 thousand 323", "10k", "3M", "10 bln", "12 lakhs", "two dozen"), a currency
before or after (symbols, ISO 4217 codes and currency names from pycountry) with its cents
("20 dollars 43 cents"), a percent sign or word. Dates ("July 16"), years, ages ("between 20
and 30 years old", "in their 20s"), times ("9 a.m.", "1300 GMT"), Hijri years ("Haj 1445"),
durations, lengths, speeds ("149 kph"), ordinals and identifiers ("KH-1", "COVID-19") are left
out here, so no later stage sees them.

``normalise(text)`` folds other digits (full-width, Arabic-Indic, Devanagari ...), no-break and
zero-width spaces to ASCII *one character for one*, so the extractor reads the folded text while
every offset still points into the original (grounding quotes the original).
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from decimal import Decimal
from functools import cache, lru_cache

from text_to_num import text2num

from audit.extract.guard import caseless, guarded

__all__ = ["Number", "find_numbers", "word_value", "normalise", "ANY_NUMBER", "COUNT_NOUNS", "MONTHS"]

_UNITS = {
    "zero": 0, "nought": 0, "naught": 0, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7,
    "eight": 8, "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13, "fourteen": 14, "fifteen": 15,
    "sixteen": 16, "seventeen": 17, "eighteen": 18, "nineteen": 19,
}
_TENS = {"twenty": 20, "thirty": 30, "forty": 40, "fifty": 50, "sixty": 60, "seventy": 70, "eighty": 80, "ninety": 90}
#: Scale words and the abbreviations the press and finance pages print ("10 bln", "3M", "12 lakhs").
_SCALES: dict[str, Decimal] = {
    "hundred": Decimal(100), "thousand": Decimal(1000), "million": Decimal(10) ** 6, "billion": Decimal(10) ** 9,
    "trillion": Decimal(10) ** 12, "lakh": Decimal(10) ** 5, "lac": Decimal(10) ** 5, "lkh": Decimal(10) ** 5,
    "crore": Decimal(10) ** 7, "krore": Decimal(10) ** 7, "cr": Decimal(10) ** 7, "dozen": Decimal(12), "doz": Decimal(12), "dz": Decimal(12),
    "k": Decimal(1000), "m": Decimal(10) ** 6, "mm": Decimal(10) ** 6, "mn": Decimal(10) ** 6, "mln": Decimal(10) ** 6,
    "mil": Decimal(10) ** 6, "b": Decimal(10) ** 9, "bn": Decimal(10) ** 9, "bln": Decimal(10) ** 9,
    "tn": Decimal(10) ** 12, "tln": Decimal(10) ** 12, "trn": Decimal(10) ** 12,
}
_DOZEN = Decimal(12)
#: Scales text2num does not know: such runs are composed here.
_OWN_SCALES = {"lakh", "lac", "lkh", "crore", "krore", "cr", "dozen", "doz", "dz", "trillion"}
#: Currency symbols and press abbreviations; ISO 4217 codes and names come from pycountry.
_SYMBOLS = {"$": "USD", "us$": "USD", "€": "EUR", "£": "GBP", "₱": "PHP", "a$": "AUD", "rm": "MYR", "rp": "IDR",
            "tk": "BDT", "rs": "INR", "rs.": "INR", "₹": "INR", "฿": "THB", "₫": "VND", "¥": "JPY", "p": "PHP"}
#: Generic currency words (the country's own is not known here) -> the code the press usually means.
_CURRENCY_WORDS = {"taka": "BDT", "rupee": "INR", "peso": "PHP", "baht": "THB", "riel": "KHR", "dong": "VND",
                   "rupiah": "IDR", "ringgit": "MYR", "yuan": "CNY", "renminbi": "CNY", "dollar": "USD", "buck": "USD",
                   "euro": "EUR", "pound": "GBP", "yen": "JPY", "rial": "IRR", "riyal": "SAR", "dirham": "AED",
                   "lira": "TRY", "hryvnia": "UAH", "kyat": "MMK", "rouble": "RUB", "ruble": "RUB"}
#: ISO 4217 codes that are also English words: read only when the number is next to a symbol-like spelling.
_CODE_WORDS = {"ALL", "TOP", "CUP", "MOP", "BAM", "PEN", "TRY", "NIO", "SOS", "MAD", "GEL"}
#: Hundredths of a currency ("20 dollars 43 cents").
_CENTS = {"cent", "cents", "c", "sen", "sens", "pence", "penny", "p", "kopiyka", "kopiykas", "kopeks", "centavos"}

MONTHS = ("january", "february", "march", "april", "may", "june", "july", "august", "september", "october",
          "november", "december", "jan", "feb", "mar", "apr", "jun", "jul", "aug", "sep", "sept", "oct", "nov", "dec")
#: A unit after a number that makes it a time, a duration, a length, a weight or a speed, not a count.
_NOT_COUNT_UNITS = {
    "second", "seconds", "minute", "minutes", "hour", "hours", "day", "days", "week", "weeks", "month", "months",
    "year", "years", "decade", "decades", "century", "centuries", "yrs", "hrs", "mins", "am", "pm", "a.m", "p.m",
    "gmt", "utc", "bst", "ist", "local", "hrs", "h", "years-old", "km", "kilometres", "kilometers", "mile", "miles",
    "metre", "metres", "meter", "meters", "kg", "kilograms", "tonnes", "tons", "mm", "cm", "ft", "feet", "foot",
    "inch", "inches", "kph", "kmh", "mph", "knots", "degrees", "celsius", "fahrenheit", "hectares", "acres",
    "square", "cubic", "sq",
}
#: A word before a number that makes it a name, an identifier or a calendar year, not a count.
_IDENTIFIER_WORDS = {"region", "article", "section", "no", "no.", "number", "route", "highway", "flight", "room",
                     "chapter", "level", "phase", "signal", "page", "act", "resolution", "case", "gate", "lane",
                     "street", "aged", "age", "ages", "covid", "top", "grade", "class", "version", "episode", "season",
                     "haj", "hajj", "hijri", "ah", "magnitude", "magnitudes", "category", "tier", "zone", "unit", "ward", "block"}
_AGE_WORDS = {"aged", "age", "ages"}
#: Nouns that make a number word a count ("five provinces"); digits need no such noun.
COUNT_NOUNS = {
    "people", "persons", "person", "suspects", "suspect", "individuals", "nationals", "foreigners", "others",
    "workers", "victims", "residents", "women", "men", "children", "girls", "boys", "families", "houses", "homes",
    "provinces", "regions", "cities", "towns", "villages", "districts", "compounds", "locations", "operations",
    "sites", "centres", "centers", "deaths", "fatalities", "dead", "bodies", "casualties", "prosecutions",
    "arrests", "raids", "of", "from", "each", "were", "was", "more", "other", "had", "have", "died", "drowned",
    "remained", "are", "injured", "missing", "killed", "soldiers", "officers", "police", "students", "patients",
    "migrants", "refugees", "passengers", "survivors", "adults", "minors", "alleged", "confirmed", "scam",
    "foreign", "dozen",
}

#: A four-digit number such as 2020 is a year unless a noun of things counted follows it.
_NOUNS_AFTER_YEAR = COUNT_NOUNS - {"of", "from", "each", "were", "was", "more", "other", "had", "have", "are", "died",
                                   "drowned", "remained", "injured", "missing", "killed", "alleged", "confirmed",
                                   "scam", "foreign", "dozen"}

_NUMBER_WORDS = (
    "one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|thirteen|fourteen|fifteen|sixteen"
    "|seventeen|eighteen|nineteen|twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety|dozens?|hundreds?"
    "|thousands?|millions?|billions?|scores|zero|nought|naught|couple|pair|half|third|quarter"
).split("|") + ["an? (?:dollar|euro|pound|rupee|buck)"]
_NUMBER_WORD = guarded(re.compile(r"\b(?:" + "|".join(_NUMBER_WORDS) + r")\b"))


def _by_first_letter(alternatives: list[str]) -> str:
    """``(?:a|b|...)`` for alternatives that each begin with a lower-case letter, grouped by that letter (in their
    order): ``re`` then tries only the group whose letter is there. Case-sensitive."""
    groups: dict[str, list[str]] = {}
    for alternative in alternatives:
        groups.setdefault(alternative[0], []).append(alternative[1:])
    return "(?:" + "|".join(f"{c}(?:{'|'.join(rest)})" for c, rest in groups.items()) + ")"


#: ``_NUMBER_WORD`` as the quick test reads it (in lower-cased text), in two parts: a number word opening the
#: text, or one after a character that is no word character (what ``\b`` before a letter means), so that a
#: search skips at once to the spaces and punctuation instead of trying every letter
_NUMBER_WORD_OPENING = re.compile(_by_first_letter(_NUMBER_WORDS) + r"\b")
_NUMBER_WORD_AFTER = re.compile(r"[^\w]" + _by_first_letter(_NUMBER_WORDS) + r"\b")


def _has_number_word(lowered: str) -> bool:
    """Whether ``_NUMBER_WORD`` finds a number word in ``lowered``."""
    return bool(_NUMBER_WORD_OPENING.match(lowered) or _NUMBER_WORD_AFTER.search(lowered))


_DIGIT = re.compile(r"\d")


class _AnyNumber:
    """A quick test before reading a sentence: does it hold a digit, a number word or a vague quantity?
    ``search(text, start, end)`` answers like a compiled pattern's (truthy when there is one); the words
    are sought in the lower-cased stretch, several times faster than a case-blind alternation."""

    def search(self, text: str, start: int = 0, end: int | None = None) -> bool:
        end = len(text) if end is None else end
        return bool(_DIGIT.search(text, start, end) or _has_number_word(text[start:end].lower()))


#: A sentence without a digit, a number word or a vague quantity holds no figure.
ANY_NUMBER = _AnyNumber()
_WORDS = "|".join(sorted([*_UNITS, *_TENS], key=len, reverse=True))
_SCALE_WORDS = r"hundred|thousand|million|billion|trillion|lakh|lac|crore|krore|dozen"
_SCALE_ABBREVIATIONS = r"k|K|M|MM|mn|mln|mil|b|B|bn|bln|tn|tln|trn|lkh|lkhs|cr|Cr|crs|dz|dzs|doz|dozs|m"
_PREFIX = r"US\$|A\$|\$|€|£|₱|₹|฿|₫|¥|Rs\.?|RM|Rp|Tk|P(?=\d)|[A-Z]{3}(?=\s?\d)"
#: Where a number may begin: a currency, a digit, a number word, "a dozen", "half a dozen".
_START_BODY = (
    r"(?:(?P<cur>" + _PREFIX + r")[ ]?)?"
    r"(?:(?P<digit>\d)|(?P<half>half[ ]+an?[ ]+dozen)\b|(?P<article>an?)[ ](?=(?:" + _SCALE_WORDS + r"|couple|pair|dollar|euro|pound|rupee|buck)\b)"
    r"|(?P<bare>hundred|thousand)(?=[ ]+(?:thousand|million|billion)\b)"
    r"|(?P<word>" + _WORDS + r")\b)"
)
_START = caseless(re.compile(r"(?<![\w.,/#@])" + _START_BODY, re.IGNORECASE))
#: A number's start with the character before it (one ``_START``'s look-behind admits): a search for it skips at
#: once to the spaces and punctuation instead of trying every letter (``_next_start``)
_START_AFTER = caseless(re.compile(r"[^\w.,/#@]" + _START_BODY, re.IGNORECASE))
_DIGITS = re.compile(r"\d{1,3}(?:,\d{3})+(?:\.\d+)?(?![\d])|\d{1,3}(?:[ ]\d{3})+(?![\d,.]?\d)|\d+(?:\.\d+)?")
_WORD = caseless(re.compile(r"(?:" + _WORDS + r")\b", re.IGNORECASE))
_SCALE = re.compile(
    r"[ ]{0,3}(?:(?P<word>(?:" + _SCALE_WORDS + r")s?)|(?P<abbr>" + _SCALE_ABBREVIATIONS + r")(?=[^\w]|$))",
)
_SCALE_FOLDED = caseless(re.compile(r"[ ]{0,3}(?P<word>(?:" + _SCALE_WORDS + r")s?)\b", re.IGNORECASE))
_JOIN = re.compile(r"[ ]+and[ ]+|[ ]*-[ ]*|[ ]+|,[ ]")
_POINT = re.compile(r"[ ]+point[ ]+(?:(?P<digits>\d+)|(?P<word>zero|one|two|three|four|five|six|seven|eight|nine)\b)",
                    re.IGNORECASE)
_PERCENT = caseless(re.compile(r"[ ]?(?:%|per[ ]?cents?\b|percent(?:s|age)?\b|pc\b)", re.IGNORECASE))
_SUFFIX_SYMBOL = re.compile(r"[ ]?(?:US\$|\$|€|£|₹|¥|Rs\b|RM\b)|[ ]?(?P<code>[A-Z]{3})\b")
_NAMED_CURRENCY = re.compile(r"[ ]?([A-Za-z]+(?: [A-Za-z]+)?)")
_CENTS_AFTER = re.compile(
    r"[ ]+(?:and[ ]+)?(?:(?P<digits>\d{1,2})|(?P<word>(?:" + _WORDS + r")(?:-(?:" + _WORDS + r"))?))(?:[ ]?(?P<unit>[a-z]+))?\b",
    re.IGNORECASE)
_FRACTION = re.compile(
    r"(?<![\w/.])(?:(?P<numerator>\d{1,2})/(?P<denominator>\d{1,2})|(?P<count>one|a|two|three)[ -](?P<part>half"
    r"|thirds?|quarters?|fourths?|fifths?|tenths?))(?=[ ]+of\b)", re.IGNORECASE)
#: What every fraction ends with, sought first: ``_FRACTION`` finds none in a stretch without it
_OF_AFTER = re.compile(r"[ ](?i:of)\b")
_PARTS = {"half": 2, "third": 3, "quarter": 4, "fourth": 4, "fifth": 5, "tenth": 10}
_COUPLE = re.compile(r"[ ](?:couple|pair)\b")
_NOT_ONE = {"no", "the", "any", "every", "each", "which", "that", "this", "someone", "anyone", "only", "just"}
_SHARE = re.compile(r" (?:in|out of) (?:\d|one|two|three|four|five|six|seven|eight|nine|ten)", re.IGNORECASE)
_NEXT_WORD = re.compile(r"[\s\"'“‘(]*([\w.]+)")
_PREVIOUS_WORD = re.compile(r"([\w.]+)[\s,]*$")
_RANGE_TO_DROPPED = re.compile(r"[ ]*(?:-|–|—|to|and|or)[ ]*$")
_ISO_DATE = re.compile(r"\d{4}-(?:\d\d-)?$")
_ISO_DATE_AFTER = re.compile(r"-\d\d-\d\d\b")
_PLURAL_AHEAD = re.compile(r"[ ]+(?:(?!of\b|the\b|a\b|an\b|and\b|in\b|to\b|more\b|than\b)[a-z]+[ ]+){0,2}([a-z]{3,}s)\b")
_PLACED = re.compile(r"[ ]+(?:at|in)[ ]+(?:the[ ]+)?[A-Z]")
#: An age group after a number word: "nine in their 40s", "four in their teens", "two aged over 60" (people counted).
_AGE_GROUP = re.compile(r"[ ]+(?:in their (?:early |late |mid-?)?(?:teens|\d0s|twenties|thirties|forties|fifties|sixties|"
                        r"seventies|eighties|nineties)|aged[ ]+(?:\d|over|under|between|from|below|above))", re.IGNORECASE)
_NAME_BEFORE = re.compile(r"[A-Z][\w'’-]*(?:[ ]+(?:of[ ]+)?[A-Z][\w'’-]*){0,6}[ ]+$")
_COUNT = r"(?:" + "|".join([*_UNITS, *_TENS]) + r"|\d+)"
_PAIR_AHEAD = re.compile(r"[ ]*(?:[,;][ ]*(?:and[ ]+)?|[ ]+and[ ]+)[A-Z][\w'’-]*(?:[ ]+(?:of[ ]+)?[A-Z][\w'’-]*){0,6}[ ]+"
                         + _COUNT + r"\b")
_PAIR_BEHIND = re.compile(r"\b" + _COUNT + r"[ ]*(?:[,;][ ]*(?:and[ ]+)?|[ ]+and[ ]+)$")
_MEMBERS = re.compile(r"-(?:member|strong)\b")
_SCALED_BEFORE = re.compile(r"\d(?:k|K|M|bn|m)-$")  # "5k-20k": a range, not an identifier such as "KH-1"
_RANGE_AHEAD = re.compile(r"[ ]+(?:and|to)[ ]+(?-i:[a-z]+[ ]+){0,4}?(?:\d|(?:" + "|".join([*_UNITS, *_TENS]) + r")\b)",
                          re.IGNORECASE)
_BE = {"was", "were", "is", "are", "has", "have", "had", "will", "would", "in", "on", "for", "to", "a", "an", "the"}

#: Other digits and spaces -> ASCII, one character for one (offsets keep pointing into the original).
_FOLD: dict[int, str] = {}
for _code in range(0x80, 0x10000):
    _char = chr(_code)
    if unicodedata.category(_char) == "Nd":
        _FOLD[_code] = str(unicodedata.digit(_char))
    elif 0xFF01 <= _code <= 0xFF5E:  # full-width forms of ASCII
        _FOLD[_code] = chr(_code - 0xFEE0)
_FOLD.update({0x00A0: " ", 0x2007: " ", 0x2009: " ", 0x202F: " ", 0x200A: " ", 0x3000: " ",
              0x200B: " ", 0x200C: " ", 0x200D: " ", 0x2060: " ", 0xFEFF: " ", 0x066C: ",", 0x066B: "."})
del _code, _char


def normalise(text: str) -> str:
    """``text`` with other digits and no-break/zero-width spaces folded to ASCII, of the same length."""
    folded = text.translate(_FOLD)
    assert len(folded) == len(text)
    return folded


@dataclass(frozen=True)
class Number:
    """A number as printed: its offsets, its value (scaled; a percentage as a fraction) and its kind."""

    start: int
    end: int
    value: Decimal
    currency: str | None = None
    percent: bool = False
    scaled: bool = False  # carries its own scale word ("billion")
    words: bool = False  # spelled out ("Twenty-seven")
    plus: bool = False  # "200+"
    factor: Decimal = Decimal(1)  # the last scale word's factor (10**9 for "billion")
    bare_decimal: bool = False  # "2.5" with no currency, percent or scale: a measurement unless it opens a range


@cache
def _currencies() -> dict[str, str]:
    """Folded currency name or ISO 4217 code -> code: "qatari riyal", "egyptianpound", "myr"."""
    import pycountry

    table: dict[str, str] = {}
    for currency in pycountry.currencies:
        name = currency.name.casefold()
        for spelling in (name, name.replace(" ", "")):
            table.setdefault(spelling, currency.alpha_3)
        table.setdefault(currency.alpha_3.casefold(), currency.alpha_3)
        if " " in name:  # "Qatari Rial" is printed "Qatari riyal" too
            first, last = name.rsplit(" ", 1)
            if last in ("rial", "riyal"):
                table.setdefault(f"{first} {'riyal' if last == 'rial' else 'rial'}", currency.alpha_3)
    table.update(_CURRENCY_WORDS)
    return table


@lru_cache(maxsize=4096)
def _currency_named(words: str) -> tuple[str, int] | None:
    """(code, characters used) for a currency named at the start of ``words`` ("qatari riyals was" -> QAR, 13)."""
    table = _currencies()
    parts = words.split(" ")
    for count in (2, 1):
        if len(parts) < count:
            continue
        name = " ".join(parts[:count])
        key = name.casefold()
        for candidate in (key, key[:-1] if key.endswith("s") else None, key[:-2] if key.endswith("es") else None):
            if candidate and candidate in table and (len(candidate) > 3 or candidate in _CURRENCY_WORDS):
                return table[candidate], len(name)
    return None


def word_value(words: str) -> Decimal:
    """``"Twenty-seven"`` -> 27, ``"one hundred and six"`` -> 106, ``"a dozen"`` -> 12 (text2num reads the words)."""
    return _read_words(" ".join(words.casefold().replace("-", " ").split()))


@cache
def _read_words(folded: str) -> Decimal:
    parts = folded.split(" ")
    if parts[0] in ("a", "an"):
        parts[0] = "one"
    if not any(p.rstrip("s") in _OWN_SCALES for p in parts):
        try:
            return Decimal(text2num(" ".join(parts), "en"))
        except ValueError:
            pass  # "three hundred twenty" read part by part below
    return _compose([(_SCALES[p.rstrip("s")], True) if p.rstrip("s") in _SCALES else (Decimal(_value_of(p)), False)
                     for p in parts if p != "and"])


def _value_of(word: str) -> int:
    return _UNITS.get(word, _TENS.get(word, 0))


def _compose(parts: list[tuple[Decimal, bool]]) -> Decimal:
    """Numbers and scales in order -> one value: 4 thousand 3 hundred 21 -> 4321; three lakh crore -> 3e12."""
    total, current = Decimal(0), None
    previous: tuple[Decimal, bool] | None = None
    for value, is_scale in parts:
        if not is_scale:
            current = value if current is None else current + value
        elif value == _DOZEN and previous and not previous[1] and current != previous[0]:
            current = current - previous[0] + previous[0] * _DOZEN  # "three hundred and two dozens": 300 + 24
        elif value == _DOZEN or value == 100:
            current = (Decimal(1) if current is None else current) * value
        elif current is None:
            total = (total or Decimal(1)) * value  # "lakh crore", "thousand millions"
        else:
            total, current = total + current * value, None
        previous = (value, is_scale)
    return total + (current or 0)


def _next_word(text: str, end: int) -> str:
    match = _NEXT_WORD.match(text, end, min(len(text), end + 40))
    return match.group(1).casefold().rstrip(".") if match else ""


def _previous_word(text: str, start: int) -> str:
    """The word before ``start`` (within 30 characters), as ``_PREVIOUS_WORD`` would find it, read backwards:
    past spaces and commas, then the run of word characters and full stops before them."""
    limit = max(0, start - 30)
    end = start
    while end > limit and (text[end - 1].isspace() or text[end - 1] == ","):
        end -= 1
    begin = end
    while begin > limit and (text[begin - 1].isalnum() or text[begin - 1] in "_."):
        begin -= 1
    return text[begin:end].casefold()


def _is_demonym(text: str, end: int) -> bool:
    from audit.groups import resolve_group

    match = _NEXT_WORD.match(text, end, min(len(text), end + 40))
    word = match.group(1).rstrip(".") if match else ""
    if match and text[match.end(1):match.end(1) + 1] == "-":
        return False  # "one Thailand-based firm"
    code = resolve_group(word) if len(word) > 2 and word[:1].isupper() else None
    return bool(code and len(code) == 2 and code.isupper())


@dataclass
class _Run:
    """A number being read: its parts so far and where it ends."""

    start: int
    end: int
    parts: list[tuple[Decimal, bool]]
    words: bool
    digits: str | None = None  # the digits as printed, for a lone digit run (years)
    decimal: bool = False
    scale: str | None = None  # the last scale as printed
    last_word: str | None = None  # the last number word (for "twenty" + "one")


def _read_run(text: str, position: int, limit: int, first: re.Match) -> _Run | None:
    """Reads the parts of one number from ``position`` (after any currency): digits, words, scales."""
    run = _Run(position, position, [], not first.group("digit"))
    if first.group("half"):
        run.parts = [(Decimal(6), False)]
        run.end = first.end("half")
        return run
    if first.group("article"):
        run.parts, run.end, run.last_word = [(Decimal(1), False)], first.end("article"), "a"
        position = run.end + 1
        scale = _SCALE_FOLDED.match(text, run.end, limit)
        if not scale:
            return _couple(text, run, limit)  # "a couple", or "a" before a currency: one
        _add_scale(run, scale)
    elif first.group("bare"):  # "hundred thousand": one hundred thousand
        run.parts, run.end = [(Decimal(1), False)], position
        _add_scale(run, _SCALE_FOLDED.match(text, position, limit))
    elif first.group("digit"):
        digits = _DIGITS.match(text, position, limit)
        if not digits:
            return None
        run.digits = digits.group()
        run.decimal = "." in run.digits
        run.parts, run.end = [(Decimal(run.digits.replace(",", "").replace(" ", "")), False)], digits.end()
    else:
        word = _WORD.match(text, position, limit)
        run.parts, run.end, run.last_word = [(Decimal(_value_of(word.group().casefold())), False)], word.end(), \
            word.group().casefold()
    while run.end < limit:
        point = _POINT.match(text, run.end, limit) if run.parts and not run.parts[-1][1] and not run.decimal else None
        if point:  # "two point two million", "1 point 1"
            fraction = point.group("digits") or str(_UNITS[point.group("word").casefold()])
            value, _ = run.parts[-1]
            run.parts[-1] = (value + Decimal("0." + fraction), False)
            run.decimal, run.end = True, point.end()
            continue
        scale = _SCALE.match(text, run.end, limit) or _SCALE_FOLDED.match(text, run.end, limit)
        if scale and not (scale.group("word") is None and run.words and len(scale.group("abbr")) < 2):
            if _add_scale(run, scale):
                continue
        joined = _JOIN.match(text, run.end, limit)
        if not joined:
            break
        after = joined.end()
        glue = joined.group().strip()
        previous_scale = run.parts[-1][1]
        word = _WORD.match(text, after, limit)
        if word and run.words and not previous_scale and glue in ("", "-") and run.last_word in _TENS \
                and _value_of(word.group().casefold()) < 10:  # "twenty-one", "fifty - two"
            run.parts.append((Decimal(_value_of(word.group().casefold())), False))
            run.end, run.last_word = word.end(), word.group().casefold()
            continue
        if not previous_scale or glue == ",":
            break
        scale_value = run.parts[-1][0]
        if word and glue in ("", "and"):  # "one hundred and six", "two thousand twenty"
            value = Decimal(_value_of(word.group().casefold()))
            if value >= scale_value:
                break
            run.parts.append((value, False))
            run.end, run.words, run.last_word = word.end(), True, word.group().casefold()
            continue
        digits = _DIGITS.match(text, after, limit) if glue in ("", "and") else None
        if digits and "," not in digits.group() and Decimal(digits.group().replace(" ", "")) < scale_value \
                and "." not in digits.group():  # "2 thousand 323", "4 thousand 3 hundred and 21"
            run.parts.append((Decimal(digits.group().replace(" ", "")), False))
            run.end, run.last_word = digits.end(), None
            continue
        break
    return run


def _add_scale(run: _Run, scale: re.Match) -> bool:
    printed = scale.group("word") or scale.group("abbr")
    key = printed.casefold()
    key = key if key in _SCALES else key.rstrip("s")
    if key not in _SCALES:
        return False
    run.parts.append((_SCALES[key], True))
    run.end, run.scale, run.last_word = scale.end(), printed, None
    return True


def _couple(text: str, run: _Run, limit: int) -> _Run | None:
    match = _COUPLE.match(text, run.end, limit)
    if not match:
        return run if _NAMED_CURRENCY.match(text, run.end, limit) else None
    run.parts, run.end = [(Decimal(2), False)], match.end()
    return run


def _value(run: _Run, text: str) -> Decimal:
    """The run's value: words alone through text2num (``word_value``), digits with scales composed here."""
    if len(run.parts) == 1:
        return run.parts[0][0]
    if run.words and run.digits is None and not run.decimal:
        return word_value(text[run.start:run.end])
    return _compose(run.parts)


def _is_not_a_count(text: str, run: _Run, value: Decimal, first: re.Match, end: int, currency: bool, percent: bool) -> str:
    """Why the number is no count ("time", "identifier", ...), or an empty string."""
    start = first.start() if not currency else run.start
    after = text[end:end + 3]
    if (after[:1].isalpha() or after[:1] == "-" and after[1:2].isalpha()) and not _MEMBERS.match(text, end):
        return "suffix"  # 21st, 63-foreigners, 18-month, 20s (but "a 475-member task force" counts its members)
    if start > 1 and text[start - 1] == ":" and text[start - 2].isdigit():
        return "time"  # 10:30
    if after[:1] in ":/" and after[1:2].isdigit() or after[:1] in ".," and after[1:2].isdigit():
        return "time"  # 10:30, 17/07, a stray decimal
    if run.digits and (len(run.digits) == 2 and _ISO_DATE.search(text, max(0, start - 8), start)
                       or len(run.digits) == 4 and after[:1] == "-" and _ISO_DATE_AFTER.match(text, end)):
        return "date"  # 2025-07-17
    if start and text[start - 1] in "#@" or (start > 1 and text[start - 1] == "-" and text[start - 2].isalpha()
                                             and not _SCALED_BEFORE.search(text, max(0, start - 6), start)):
        return "identifier"
    if currency or percent:
        return ""
    previous, following = _previous_word(text, start), _next_word(text, end)
    if (previous.rstrip(".") in MONTHS and "," not in text[max(0, start - 3):start] or following in MONTHS
            or following.rstrip(".") in MONTHS) and 1 <= value <= 31 and value == value.to_integral_value():
        return "date"  # July 16, 16 July (not "In June, 300 died": no day is 300, and a comma parts them)
    if previous in _AGE_WORDS or text[max(0, start - 7):start].casefold().rstrip() == "age of":
        return "age"  # "aged 20-30", "between the age of 10 and 19"
    if previous in _IDENTIFIER_WORDS or previous.rstrip(".") in _IDENTIFIER_WORDS:
        return "identifier"
    if following in _NOT_COUNT_UNITS or following in ("year-old", "years-old"):
        return "unit"
    if text[end:end + 6].casefold().lstrip() in ("a.m.", "p.m.") or text[end:end + 5].casefold().lstrip()[:4] in (
            "a.m.", "p.m."):
        return "time"
    if (run.digits and len(run.digits) == 4 and run.digits.isdigit() and 1800 <= value <= 2100
            and len(run.parts) == 1 and following not in _NOUNS_AFTER_YEAR):
        return "year"
    if run.digits and len(run.digits) == 4 and run.digits.isdigit() and following in ("gmt", "utc", "hrs", "hours", "local"):
        return "time"
    if run.words and len(run.parts) == 1 or run.last_word == "a" and run.parts == [(Decimal(2), False)]:
        word = (run.last_word or "").casefold()
        plural_noun = _PLURAL_AHEAD.match(text, end, min(len(text), end + 48))  # "nine relief camps"
        plural_noun = bool(plural_noun) and plural_noun.group(1).casefold() not in _NOT_COUNT_UNITS
        placed = _PLACED.match(text, end, min(len(text), end + 12))  # "four at the Hotel Aungban"
        placed = placed or _named_list(text, start, end)  # "Bir Hospital six, Patan Hospital four"
        placed = placed or _AGE_GROUP.match(text, end, min(len(text), end + 40))  # "nine in their 40s"
        share = _SHARE.match(text, end, min(len(text), end + 20))  # "one in 5 classrooms"
        demonym = _is_demonym(text, end)  # "one Vietnamese", "two Britons"
        ranged = _RANGE_AHEAD.match(text, end, min(len(text), end + 60))  # "larger than twenty and less than thirty"
        if following not in COUNT_NOUNS and not plural_noun and not share and not demonym and not ranged and not placed \
                and not text[end:end + 16].lstrip(" ,").startswith("respectively"):
            return "word"  # "one of the most", "one could never"
        if word == "one" and (following in ("of", "more", "another") or previous in _NOT_ONE):
            return "word"  # "one of the", "no one was hurt", "the one who"
    return ""


def _named_list(text: str, start: int, end: int) -> bool:
    """A number word in a list of names and counts: "Bir Hospital six, Patan Hospital four, Norvic three"."""
    name_before = _NAME_BEFORE.search(text, max(0, start - 60), start)
    if not name_before:
        return False
    return bool(_PAIR_AHEAD.match(text, end, min(len(text), end + 80)) or _PAIR_BEHIND.search(
        text, max(0, name_before.start() - 80), name_before.start()))


def _suffix_currency(text: str, end: int, limit: int) -> tuple[str, int] | None:
    """A currency printed after the number: "20€", "42MYR", "7 EUR", "ten rials", "42 qatari riyals"."""
    symbol = _SUFFIX_SYMBOL.match(text, end, limit)
    if symbol:
        code = symbol.group("code")
        if code is None:
            return _SYMBOLS.get(symbol.group().strip().casefold(), "USD"), symbol.end()
        if code in _currency_codes() and code not in _CODE_WORDS:
            return code, symbol.end()
    named = _NAMED_CURRENCY.match(text, end, limit)
    if named:
        found = _currency_named(named.group(1))
        if found:
            code, used = found
            return code, named.start(1) + used
    return None


def _cents(text: str, end: int, limit: int, whole: Decimal) -> tuple[Decimal, int] | None:
    """The hundredths after a whole amount: "20 dollars 43 cents", "$20 and 43c", "3 GBP and one" (then a verb)."""
    match = _CENTS_AFTER.match(text, end, limit)
    if not match or whole != whole.to_integral_value():
        return None
    cents = Decimal(match.group("digits")) if match.group("digits") else word_value(match.group("word"))
    unit = (match.group("unit") or "").casefold()
    if unit in _CENTS:
        return whole + cents / 100, match.end()
    if unit and unit not in _BE:
        return None  # "$20 and 43 people"
    number_end = match.end("digits") if match.group("digits") else match.end("word")
    return (whole + cents / 100, number_end) if cents < 100 else None


def _prefix_currency(printed: str | None) -> str | None:
    if not printed:
        return None
    key = printed.casefold()
    if key in _SYMBOLS:
        return _SYMBOLS[key]
    code = printed.upper()
    return code if code in _currency_codes() and printed.isupper() and code not in _CODE_WORDS else None


@cache
def _currency_codes() -> frozenset[str]:
    """The ISO 4217 codes (a set: a dict's values are searched one by one)."""
    return frozenset(_currencies().values())


def _fraction(match: re.Match) -> Number:
    """"a third of", "1/4 of": a share, as a fraction."""
    if match.group("numerator"):
        value = Decimal(match.group("numerator")) / Decimal(match.group("denominator"))
    else:
        count = 1 if match.group("count").casefold() in ("a", "one") else _UNITS[match.group("count").casefold()]
        value = Decimal(count) / _PARTS[match.group("part").casefold().rstrip("s")]
    return Number(match.start(), match.end(), value, percent=True)


def _next_start(text: str, position: int, end: int) -> re.Match | None:
    """``_START.search(text, position, end)``: the match at ``position`` itself, else the first after a character
    the look-behind admits (found by ``_START_AFTER``), matched there."""
    first = _START.match(text, position, end)
    if first is not None:
        return first
    before = _START_AFTER.search(text, position, end)
    return None if before is None else _START.match(text, before.start() + 1, end)


def find_numbers(text: str, start: int = 0, end: int | None = None) -> list[Number]:
    """Every number in ``text[start:end]`` that may be a count or an amount, in order."""
    end = len(text) if end is None else end
    found: list[Number] = []
    dropped: list[tuple[int, int]] = []  # numbers read as times, ages, lengths: a range into one is none either
    position = start
    while True:
        first = _next_start(text, position, end)
        if first is None:
            break
        currency = _prefix_currency(first.group("cur"))
        if first.group("cur") and currency is None:  # "ABC 12": no currency; read from the digit
            position = first.start("cur") + 1
            continue
        number_start_of_run = next(first.start(name) for name in ("digit", "half", "article", "bare", "word")
                                    if first.group(name))
        number_start = first.start() if currency else number_start_of_run
        run = _read_run(text, number_start_of_run, end, first)
        if run is None:
            position = first.end()
            continue
        position = max(run.end, first.end())  # moved past currency, cents and percent below
        value = _value(run, text)
        number_end = run.end
        factor = next((v for v, is_scale in reversed(run.parts) if is_scale), Decimal(1))
        abbreviated = run.scale == "m"  # lower-case "m": metres unless money ("$3m")
        if abbreviated and not currency:  # "3m" without a currency: metres, not millions
            dropped.append((first.start(), run.end))
            continue
        percent = _PERCENT.match(text, number_end, end)
        if percent:
            number_end = percent.end()
        plus = text[number_end:number_end + 1] == "+"
        if not currency and not percent:
            suffix = _suffix_currency(text, number_end, end)
            if suffix:
                currency, number_end = suffix
        if currency and not percent:
            cents = _cents(text, number_end, end, value)
            if cents:
                value, number_end = cents
        position = max(position, number_end)
        why = _is_not_a_count(text, run, value, first, number_end, bool(currency), bool(percent))
        if why:
            if why in ("unit", "time", "year", "suffix", "date", "age", "identifier"):
                dropped.append((number_start, number_end))
            continue
        bare_decimal = value != value.to_integral_value() and not (currency or percent or run.scale)
        if percent:
            value = value / 100
        found.append(Number(number_start, number_end, value, currency=currency,
                            percent=bool(percent), scaled=run.scale is not None, words=run.words, plus=plus,
                            factor=factor, bare_decimal=bare_decimal))
    fractions = [_fraction(m) for m in _FRACTION.finditer(text, start, end)] if _OF_AFTER.search(text, start, end) else []
    if fractions:
        found = sorted(found + fractions, key=lambda n: n.start)
    if dropped and found:  # "between 20 and 30 years old", "aged 20-30": a range into an age is an age too
        kept = []
        for number in found:
            following = next((d for d in dropped if d[0] >= number.end), None)
            if following and _RANGE_TO_DROPPED.match(text[number.end:following[0]]) and \
                    not any(number.end <= n.start < following[0] for n in found):
                continue
            preceding = next((d for d in reversed(dropped) if d[1] <= number.start), None)
            if preceding and _RANGE_TO_DROPPED.match(text[preceding[1]:number.start]) and \
                    not any(preceding[1] <= n.start < number.start for n in found):
                continue
            kept.append(number)
        found = kept
    return found

