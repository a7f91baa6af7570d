"""The text a reader sees in an HTML page: its text nodes, without scripts, styles, form
contents, tags or attributes. Shared by the portal-wide checks on typography and dates."""

from html.parser import HTMLParser

HIDDEN = frozenset({"script", "style", "textarea", "template", "noscript"})
VOID = frozenset(
    {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "wbr"}
)


class _TextNodes(HTMLParser):
    def __init__(self, *, skip: frozenset[str], french_only: bool):
        super().__init__(convert_charrefs=True)
        self.skip, self.french_only = skip, french_only
        self.skipping: list[str] = []  # the open elements whose text is not checked
        self.chunks: list[str] = []

    def handle_starttag(self, tag, attrs):
        if tag in VOID:
            return
        lang = dict(attrs).get("lang") or ""
        if (
            self.skipping
            or tag in self.skip
            or (self.french_only and lang and not lang.startswith("fr"))
        ):
            self.skipping.append(tag)

    def handle_endtag(self, tag):
        if tag in self.skipping:  # closes what an omitted end tag (</li>, </p>) left open
            del self.skipping[len(self.skipping) - 1 - self.skipping[::-1].index(tag) :]

    def handle_data(self, data):
        if not self.skipping:
            self.chunks.append(data)


def visible_text(html: str, *, skip: frozenset[str] = HIDDEN, french_only: bool = False) -> str:
    """The page's text nodes, joined as they follow each other. `french_only` leaves out the
    elements marked in another language (`lang="en"`)."""
    parser = _TextNodes(skip=skip, french_only=french_only)
    parser.feed(html)
    parser.close()
    return "".join(parser.chunks)
