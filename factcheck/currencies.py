"""Provides the currency symbols and ISO codes written next to an amount ("$5", "US$ 3bn", "EUR
250"), and the reading of the one written right before a number.
"""

from __future__ import annotations

import re

from factcheck.trie import trie_regex

CURRENCY_CODES = (
    "USD",
    "EUR",
    "GBP",
    "JPY",
    "CNY",
    "RMB",
    "INR",
    "CHF",
    "RUB",
    "AUD",
    "CAD",
    "HKD",
    "NZD",
    "SGD",
    "SAR",
    "AED",
    "ILS",
    "TRY",
    "BRL",
)
"""ISO codes written before or after an amount ("EUR 5", "5 USD")."""
_CURRENCY_SYMBOLS = {
    "$": "USD",
    "US$": "USD",
    "U.S.$": "USD",
    "A$": "AUD",
    "AU$": "AUD",
    "C$": "CAD",
    "CA$": "CAD",
    "NZ$": "NZD",
    "HK$": "HKD",
    "S$": "SGD",
    "R$": "BRL",
    "£": "GBP",
    "€": "EUR",
    "¥": "JPY",
    "₹": "INR",
    "Rs": "INR",
    "Rs.": "INR",
    "₽": "RUB",
    "₩": "KRW",
    "₺": "TRY",
    "₪": "ILS",
}

# Matched against the reversed text before a number: one anchored match, no search.
_CURRENCY_BEFORE = re.compile(
    rf"[ \u00a0]?(?:({trie_regex(s[::-1] for s in _CURRENCY_SYMBOLS)})"
    rf"|[ \u00a0]?({trie_regex(c[::-1] for c in CURRENCY_CODES)})(?![A-Za-z]))"
)
# The last character of every symbol and code: what must stand right before a number (blanks aside).
_CURRENCY_ENDS = frozenset(name[-1] for name in [*_CURRENCY_SYMBOLS, *CURRENCY_CODES])


def currency_before(text: str, floor: int, pos: int) -> tuple[str, str, int] | None:
    """The currency symbol or code written right before ``pos`` ("$", "US$", "£", "EUR "): its ISO
    code, the symbol as written and where it starts; never before ``floor``."""
    low = max(floor, pos - 6)
    last = pos - 1
    # Most numbers follow a word or a blank and a word: one look at the character that would
    # end a symbol or code settles them without building the reversed window.
    while last >= low and last > pos - 3 and text[last] in " \u00a0":
        last -= 1
    if last < low or text[last] not in _CURRENCY_ENDS:
        return None
    m = _CURRENCY_BEFORE.match(text[low:pos][::-1])
    if m is None:
        return None
    written = (m.group(1) or m.group(2))[::-1]
    code = _CURRENCY_SYMBOLS.get(written) or written
    if code == "RMB":
        code = "CNY"
    return code, written, pos - m.end()
