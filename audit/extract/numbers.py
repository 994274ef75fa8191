"""Numbers as printed: digits, number words, scales, currencies, percentages -- and what is not a count.

For the extractor: ``find_numbers(text, start, end)`` scans a stretch of the article once (one
regular expression without nested quantifiers, so time is linear in the length) and returns every
``Number`` that may be a figure. Dates ("July 16", "2025-07-17"), years, ages, durations
("18-month", "38 years"), ordinals ("21st") and identifiers ("KH-1", "COVID-19", "Region 12")
are left out here, so no later stage sees them.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from decimal import Decimal

__all__ = ["Number", "find_numbers", "word_value", "COUNT_NOUNS", "MONTHS"]

_UNITS = {
    "zero": 0, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8,
    "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13, "fourteen": 14, "fifteen": 15,
    "sixteen": 16, "seventeen": 17, "eighteen": 18, "nineteen": 19,
}
_TENS = {"twenty": 20, "thirty": 30, "forty": 40, "fifty": 50, "sixty": 60, "seventy": 70, "eighty": 80, "ninety": 90}
_SCALES = {
    "hundred": Decimal(100), "thousand": Decimal(1000), "million": Decimal(10) ** 6, "billion": Decimal(10) ** 9,
    "trillion": Decimal(10) ** 12, "bn": Decimal(10) ** 9, "m": Decimal(10) ** 6, "k": Decimal(1000),
    "lakh": Decimal(10) ** 5, "crore": Decimal(10) ** 7,
}
_CURRENCIES = {"$": "USD", "us$": "USD", "usd": "USD", "€": "EUR", "eur": "EUR", "£": "GBP", "gbp": "GBP",
               "php": "PHP", "p": "PHP", "₱": "PHP", "a$": "AUD", "aud": "AUD", "rm": "MYR", "rp": "IDR",
               "tk": "BDT", "rs": "INR", "rs.": "INR", "₹": "INR", "฿": "THB", "₫": "VND", "¥": "JPY"}
#: Currencies named after the number ("23,000 taka a month", "5,000 pesos").
_CURRENCY_WORDS = {"taka": "BDT", "rupees": "INR", "pesos": "PHP", "baht": "THB", "riel": "KHR", "dong": "VND",
                   "rupiah": "IDR", "ringgit": "MYR", "yuan": "CNY", "dollars": "USD", "euros": "EUR", "pounds": "GBP"}

MONTHS = ("january", "february", "march", "april", "may", "june", "july", "august", "september", "october",
          "november", "december", "jan", "feb", "mar", "apr", "jun", "jul", "aug", "sep", "sept", "oct", "nov", "dec")
_TIME_UNITS = {"second", "seconds", "minute", "minutes", "hour", "hours", "day", "days", "week", "weeks", "month",
               "months", "year", "years", "decade", "decades", "century", "centuries", "yrs", "hrs", "mins", "am", "pm",
               "years-old", "km", "kilometres", "kilometers", "miles", "metres", "meters", "kg", "mm", "cm"}
#: A word before a number that makes it a name or an identifier, not a count.
_IDENTIFIER_WORDS = {"region", "article", "section", "no", "no.", "number", "route", "highway", "flight", "room",
                     "chapter", "level", "phase", "signal", "page", "act", "resolution", "case", "gate", "lane",
                     "street", "aged", "age", "ages", "covid", "top", "grade", "class", "version", "episode", "season"}
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

_WORD_NUMBER = (
    r"(?:(?:twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety)(?:[- ](?:one|two|three|four|five|six|seven|eight|nine)\b)?"
    r"|zero|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|thirteen|fourteen|fifteen|sixteen"
    r"|seventeen|eighteen|nineteen|a dozen)"
)
_TOKEN = re.compile(
    r"(?<![\w.,/:-])"
    r"(?:(?P<cur>US\$|A\$|\$|€|£|₱|₹|฿|₫|¥|PHP|Php|USD|EUR|GBP|AUD|RM|Rp|Tk|Rs\.?|P(?=\d))\s?)?"
    r"(?:(?P<digits>\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?)|(?P<words>" + _WORD_NUMBER + r"))"
    r"(?:[ \u00a0-]?(?P<scale>hundred|thousand|million|billion|trillion|lakh|crore|bn|m|k)(?![\w]))?"
    r"(?P<pct>\s?%|\s?per\s?cent\b|\s?percent\b)?"
    r"(?P<plus>\+)?",
    re.IGNORECASE,
)
_NOT_ONE = {"no", "the", "any", "every", "each", "which", "that", "this", "someone", "anyone", "only", "just"}
_SHARE = re.compile(r" (?:in|out of) (?:\d|one|two|three|four|five|six|seven|eight|nine|ten)", re.IGNORECASE)
_NEXT_WORD = re.compile(r"[\s\"'“‘(]*([\w.]+)")
_PREVIOUS_WORD = re.compile(r"([\w.]+)[\s,]*$")


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
    factor: Decimal = Decimal(1)  # the scale word's factor (10**9 for "billion")


def word_value(words: str) -> Decimal:
    """``"Twenty-seven"`` -> 27, ``"a dozen"`` -> 12."""
    folded = words.casefold().replace("-", " ").split()
    if folded[-1] == "dozen":
        return Decimal(12)
    total = 0
    for word in folded:
        total += _UNITS.get(word, 0) + _TENS.get(word, 0)
    return Decimal(total)


def _next_word(text: str, end: int) -> str:
    match = _NEXT_WORD.match(text, end, min(len(text), end + 40))
    return match.group(1).casefold().rstrip(".") if match else ""


def _previous_word(text: str, start: int) -> str:
    match = _PREVIOUS_WORD.search(text, max(0, start - 30), start)
    return match.group(1).casefold() if match else ""


def _is_demonym(text: str, end: int) -> bool:
    from audit.groups import resolve_group

    match = _NEXT_WORD.match(text, end, min(len(text), end + 40))
    word = match.group(1).rstrip(".") if match else ""
    if match and text[match.end(1):match.end(1) + 1] == "-":
        return False  # "one Thailand-based firm"
    code = resolve_group(word) if len(word) > 2 and word[:1].isupper() else None
    return bool(code and len(code) == 2 and code.isupper())


def _is_not_a_count(text: str, match: re.Match, value: Decimal, end: int) -> bool:
    start = match.start()
    after = text[end:end + 3]
    if after[:1].isalpha() or after[:1] == "-" and after[1:2].isalnum():
        return True  # 21st, 63-foreigners, 18-month
    if after[:1] in ":/" and after[1:2].isdigit() or after[:1] in ".," and after[1:2].isdigit():
        return True  # 10:30, 17/07, a stray decimal
    if start and text[start - 1] in "#@" or (start > 1 and text[start - 1] == "-" and text[start - 2].isalnum()):
        return True
    previous, following = _previous_word(text, start), _next_word(text, end)
    if previous.rstrip(".") in MONTHS or following in MONTHS or following.rstrip(".") in MONTHS:
        return True  # July 16, 16 July
    if previous in _IDENTIFIER_WORDS or previous.rstrip(".") in _IDENTIFIER_WORDS:
        return True
    if following in _TIME_UNITS or following in ("year-old", "years-old"):
        return True
    digits = match.group("digits")
    if (digits and len(digits) == 4 and digits.isdigit() and 1800 <= value <= 2100 and not match.group("cur")
            and not match.group("scale") and not match.group("pct") and following not in _NOUNS_AFTER_YEAR):
        return True  # a year
    if match.group("words"):
        word = match.group("words").casefold()
        plural_noun = len(following) > 3 and following.endswith("s") and following.isalpha() and \
            text[end:end + 2].strip()[:1].islower()
        share = _SHARE.match(text, end, min(len(text), end + 12))  # "one in 5 classrooms"
        demonym = _is_demonym(text, end)  # "one Vietnamese", "two Britons"
        if following not in COUNT_NOUNS and not plural_noun and not share and not demonym \
                and not text[end:end + 16].lstrip(" ,").startswith("respectively"):
            return True  # "one of the most", "one could never"
        if word == "one" and (following in ("of", "more", "another") or previous in _NOT_ONE):
            return True  # "one of the", "no one was hurt", "the one who"
    return False


def find_numbers(text: str, start: int = 0, end: int | None = None) -> list[Number]:
    """Every number in ``text[start:end]`` that may be a count or an amount, in order."""
    end = len(text) if end is None else end
    found: list[Number] = []
    for match in _TOKEN.finditer(text, start, end):
        digits, words = match.group("digits"), match.group("words")
        value = Decimal(digits.replace(",", "")) if digits else word_value(words)
        scale = match.group("scale")
        number_end = match.end()
        if scale and scale.casefold() in ("m", "k") and not match.group("cur"):
            if match.group("pct") or match.group("plus"):
                continue
            scale, number_end = None, match.start("scale")  # "3m" without a currency: metres, not millions
        factor = _SCALES[scale.casefold()] if scale else Decimal(1)
        value = value * factor
        if _is_not_a_count(text, match, value, number_end):
            continue
        currency, percent = match.group("cur"), bool(match.group("pct"))
        if value != value.to_integral_value() and not (currency or percent or scale):
            continue  # "2.5 metres", "1.05": a measurement, not a count of things
        if percent:
            value = value / 100
        unit = _CURRENCIES[currency.casefold()] if currency else None
        if unit is None and not percent:
            named = _NEXT_WORD.match(text, number_end, min(len(text), number_end + 40))
            word = named.group(1).casefold().rstrip(".") if named else ""
            if word in _CURRENCY_WORDS:
                unit, number_end = _CURRENCY_WORDS[word], named.start(1) + len(word)
        found.append(Number(
            match.start(), number_end, value,
            currency=unit,
            percent=percent, scaled=bool(scale), words=bool(words), plus=bool(match.group("plus")), factor=factor,
        ))
    return found
