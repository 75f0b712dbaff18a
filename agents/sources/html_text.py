"""HTML to the text a person reads, with a real HTML parser (Beautiful Soup over Python's own
``html.parser``): inline markup adds nothing between words, so ``@<span>handle</span>``,
``#<span>tag</span>`` and a link whose scheme and tail sit in hidden spans stay whole
(``@handle``, ``#tag``, ``https://host/path``); paragraphs and line breaks become new lines;
scripts and styles are dropped."""

from __future__ import annotations

import re

from bs4 import BeautifulSoup

BLOCKS = ("p", "div", "li", "blockquote", "pre", "h1", "h2", "h3", "h4", "h5", "h6", "tr",
          "ul", "ol", "table", "section", "article", "header", "footer")
_SPACES = re.compile(r"[ \t\r\f\v\u00a0]+")
_BLANK_LINES = re.compile(r"\n\s*\n+")


def html_to_text(fragment: str) -> str:
    if "<" not in fragment and "&" not in fragment:
        return _tidy(fragment)
    soup = BeautifulSoup(fragment, "html.parser")
    for hidden in soup(["script", "style", "template"]):
        hidden.decompose()
    for br in soup.find_all("br"):
        br.replace_with("\n")
    for block in soup.find_all(BLOCKS):
        block.insert_after("\n\n")
    return _tidy(soup.get_text(""))


def _tidy(text: str) -> str:
    lines = [_SPACES.sub(" ", line).strip() for line in text.split("\n")]
    return _BLANK_LINES.sub("\n\n", "\n".join(lines)).strip()
