"""French typography: a narrow no-break space (U+202F) before `:` `;` `?` `!` and inside « ».

An ordinary space there lets the line break before the mark, and many of our colons were glued
to the word before them. Templates join translated labels and values
(`{% translate "Status" %}: {{ value }}`), so fixing the catalogue is not enough: French pages,
e-mails and PDFs go through `french_typography()` once, on their way out.

The HTML pass touches text nodes only: never tags, attributes or comments, nor the contents of
<script>, <style>, <textarea>, <pre>, <code>, nor an element marked in another language
(`lang="en"`). Times (14:30), URLs (https://, ?next=) and entities (&amp;) are left alone.
One compiled-regex pass, linear in the size of the page.
"""

import re

from django.core.mail.message import EmailAlternative
from django.utils import translation
from django.utils.safestring import SafeString, mark_safe

NNBSP = "\u202f"

_MARK_RE = re.compile(r"[:;?!]+|[«»]|&(?:#\d+|#[xX][0-9a-fA-F]+|[A-Za-z][A-Za-z0-9]*);")
_SPACES = " \t\r\n\u00a0"
_MARKS = frozenset(":;?!«»")
_SPACE_ENTITIES = ("&nbsp;", "&#160;", "&#xa0;", "&#xA0;")
# What may follow `:` `;` `?` `!` for the mark to end a phrase (and not be part of a URL, a time
# or a code): a space, the end of the text, a closing mark.
_ENDS_PHRASE = frozenset(" \t\r\n\u00a0\u202f)]»\"'’”.,")
# What may stand right before a glued mark: a word, a number, a closing mark.
_CLOSING = frozenset(")]»\"'’”%*…")

_TAG_RE = re.compile(
    r"<!--.*?-->|<!\[CDATA\[.*?\]\]>|<![^>]*>|<\?[^>]*>"
    r"|<(?P<close>/)?(?P<name>[A-Za-z][A-Za-z0-9:-]*)(?P<attrs>(?:\"[^\"]*\"|'[^']*'|[^'\">])*)>",
    re.DOTALL,
)
_LANG_RE = re.compile(r"""\slang\s*=\s*["']?([A-Za-z-]*)""", re.IGNORECASE)
_RAW_ELEMENTS = frozenset({"script", "style", "textarea", "pre", "code", "kbd", "samp"})
# Elements without content or end tag: a `lang` on them (<input lang="en">) marks no text.
_VOID_ELEMENTS = frozenset(
    {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "wbr"}
)


def _strip_spaces(text: str) -> str:
    """`text` without its trailing spaces (ordinary, no-break, or as entities)."""
    while True:
        stripped = text.rstrip(_SPACES)
        for entity in _SPACE_ENTITIES:
            if stripped.endswith(entity):
                stripped = stripped[: -len(entity)]
                break
        if stripped == text:
            return text
        text = stripped


def _skip_spaces(text: str, position: int) -> int:
    """The position of the first character at or after `position` that is not a space."""
    while position < len(text):
        if text[position] in _SPACES:
            position += 1
            continue
        for entity in _SPACE_ENTITIES:
            if text.startswith(entity, position):
                position += len(entity)
                break
        else:
            return position
    return position


def _glued(char: str) -> bool:
    return char.isalnum() or char in _CLOSING


def _typeset(text: str, previous: str = "") -> tuple[str, bool, str]:
    """Typeset one run of text; `previous` is the visible character before it ("" at the start,
    " " after a space in an earlier node).

    Returns the text, whether the space that ends the earlier node must go (it stood before a
    mark that starts this run), and the last visible character of the run.
    """
    out: list[str] = []
    position = 0
    tail = previous
    strip_previous = False
    for match in _MARK_RE.finditer(text):
        start, end = match.span()
        if start < position:  # inside the spaces consumed after a «
            continue
        mark = match.group(0)
        if mark in _SPACE_ENTITIES:
            continue  # a space like any other: it stays in the text before the next mark
        chunk = text[position:start]
        if chunk:
            tail = chunk[-1] if chunk[-1] not in _SPACES else " "
        position = end
        if mark.startswith("&"):
            out += [chunk, mark]
            tail = "x"
            continue
        if mark == "«":
            position = _skip_spaces(text, end)
            out += [chunk, "«"]
            if text[position : position + 1] != NNBSP:
                out.append(NNBSP)
            tail = NNBSP
            continue
        following = text[end : end + 1]
        if following == "&" and text.startswith(_SPACE_ENTITIES, end):
            following = " "
        if mark != "»" and (
            (len(mark) > 1 and not set(mark) <= {"?", "!"})  # "::", ":;": code, not prose
            or (following and following not in _ENDS_PHRASE)  # https://, 14:30, ?next=, fr;en
        ):
            out += [chunk, mark]
            tail = mark[-1]
            continue
        stripped = _strip_spaces(chunk)
        if stripped != chunk:
            out += [stripped, NNBSP, mark]
        elif not chunk and not out and previous == " ":
            strip_previous = True
            out += [NNBSP, mark]
        elif _glued(tail) if mark != "»" else (tail and tail not in " " + NNBSP):
            out += [chunk, NNBSP, mark]
        else:
            out += [chunk, mark]
        tail = mark[-1]
    rest = text[position:]
    if rest:
        tail = rest[-1] if rest[-1] not in _SPACES else " "
    out.append(rest)
    return "".join(out), strip_previous, tail


def french_typography_text(text: str) -> str:
    """The plain-text variant, for e-mail subjects and bodies."""
    if not text:
        return text
    return _typeset(text)[0]


# A fragment typeset once and kept in a cache (gtr_portal/core/content_cache.py) is marked, so
# that the page around it does not scan it again on every request.
TYPESET_START, TYPESET_END = "<!--typeset-->", "<!--/typeset-->"


def typeset_fragment(html: SafeString) -> SafeString:
    """A fragment of a page (safe HTML, as a template renders it), typeset now if the language
    is French, and marked as done."""
    typeset = french_typography(html) if is_french() else html
    # Typography only puts no-break spaces into the text of HTML that was safe already.
    return mark_safe(TYPESET_START + typeset + TYPESET_END)  # nosec B308 B703


def french_typography(html: str) -> str:
    """Typeset the text nodes of an HTML document or fragment (not the fragments marked as
    typeset already)."""
    if not html or _MARKS.isdisjoint(html):
        return html
    pieces, position = [], 0
    # str.find, not a regular expression: the fragments are most of a page (1 ms a page saved).
    while (start := html.find(TYPESET_START, position)) != -1:
        end = html.find(TYPESET_END, start)
        if end == -1:
            break
        end += len(TYPESET_END)
        pieces += [_french_typography(html[position:start]), html[start:end]]
        position = end
    pieces.append(_french_typography(html[position:]))
    return "".join(pieces)


def _french_typography(html: str) -> str:
    if not html or _MARKS.isdisjoint(html):
        return html
    pieces: list[str] = []
    last_text = -1  # index in `pieces` of the last typeset text node
    previous = ""  # the last visible character, across inline tags
    skip_name, skip_depth = "", 0
    position = 0

    def text_node(segment: str) -> None:
        nonlocal previous, last_text
        if not segment:
            return
        if skip_depth or _MARKS.isdisjoint(segment):
            if not skip_depth:
                last_text = len(pieces)
            pieces.append(segment)
            previous = segment[-1] if segment[-1] not in _SPACES else " "
            return
        typeset, strip_previous, previous = _typeset(segment, previous)
        if strip_previous and last_text >= 0:
            pieces[last_text] = _strip_spaces(pieces[last_text])
        last_text = len(pieces)
        pieces.append(typeset)

    for match in _TAG_RE.finditer(html):
        text_node(html[position : match.start()])
        position = match.end()
        pieces.append(match.group(0))
        name = (match.group("name") or "").lower()
        if not name:
            continue
        opening = (
            not match.group("close")
            and not match.group(0).endswith("/>")
            and name not in _VOID_ELEMENTS
        )
        if skip_depth:
            if name == skip_name:
                skip_depth += 1 if opening else -1
            continue
        if opening:
            lang = _LANG_RE.search(match.group("attrs") or "")
            if name in _RAW_ELEMENTS or (
                lang and lang.group(1) and not lang.group(1).lower().startswith("fr")
            ):
                skip_name, skip_depth = name, 1
    text_node(html[position:])
    return "".join(pieces)


def is_french(language: str | None = None) -> bool:
    return (language or translation.get_language() or "").lower().startswith("fr")


_HTML_LANG_RE = re.compile(r"<html\b[^>]*?\slang\s*=\s*[\"']?([A-Za-z-]+)", re.IGNORECASE)


def typeset_document(html: str) -> str:
    """Typeset a whole document (a PDF's HTML) if it is French: by its `<html lang>`, else by
    the active language. PDFs are often rendered after `translation.override()` has ended."""
    declared = _HTML_LANG_RE.search(html[:2000])
    return french_typography(html) if is_french(declared and declared.group(1)) else html


class FrenchTypographyMiddleware:
    """Typeset every French HTML response (pages, messages, error pages) in one place."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        if (
            response.streaming
            or response.has_header("Content-Encoding")
            or not response.get("Content-Type", "").startswith("text/html")
            or (response.charset or "").lower().replace("-", "") != "utf8"
            or not is_french(response.get("Content-Language") or translation.get_language())
        ):
            return response
        content = response.content.decode("utf-8", errors="surrogateescape")
        typeset = french_typography(content)
        if typeset != content:
            response.content = typeset.encode("utf-8", errors="surrogateescape")
            if response.has_header("Content-Length"):
                response["Content-Length"] = str(len(response.content))
        return response


def email_typeset(message):
    """Give a French e-mail (subject, plain text and HTML bodies) French typography; leave an
    e-mail in another language as it is. Called where every e-mail is rendered."""
    if not is_french():
        return message
    message.subject = french_typography_text(message.subject)
    if message.content_subtype == "html":
        message.body = french_typography(message.body)
    else:
        message.body = french_typography_text(message.body)
    if hasattr(message, "alternatives"):
        message.alternatives = [
            EmailAlternative(
                french_typography(content) if mimetype == "text/html" else content, mimetype
            )
            for content, mimetype in message.alternatives
        ]
    return message
