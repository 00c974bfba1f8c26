"""Checks on the built HTML book that need no browser: broken internal links and leaked solutions.

``python -m rnncourse.sitecheck _build/html`` runs both and exits with status 1 if either finds
something; the Pages workflow runs it before it publishes, and the test suite runs it too.
"""

import argparse
import json
import re
import sys
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import unquote, urlsplit

SOLUTION_MARKERS = (("### BEGIN SOLUTION", "### END SOLUTION"), ("### BEGIN HIDDEN TESTS", "### END HIDDEN TESTS"))
# Files a reader can open or download from the site, whose text is searched for solutions.
TEXT_SUFFIXES = {".html", ".ipynb", ".md", ".txt", ".py", ".js", ".json", ".css", ".svg"}
LINK_ATTRIBUTES = {"a": "href", "link": "href", "img": "src", "script": "src", "iframe": "src", "source": "src"}
# A line shorter than this ("return model", "])") says nothing about who wrote it.
MIN_FRAGMENT_LENGTH = 16


class _Page(HTMLParser):
    """The ids, the local links and the text of one HTML page."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.ids, self.links, self.text = set(), [], []
        self._skip = 0

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        for key in ("id", "name"):
            if attrs.get(key) and (key == "id" or tag == "a"):
                self.ids.add(attrs[key])
        if LINK_ATTRIBUTES.get(tag) in attrs and attrs[LINK_ATTRIBUTES[tag]] is not None:
            self.links.append(attrs[LINK_ATTRIBUTES[tag]])
        if tag in ("script", "style"):
            self._skip += 1

    def handle_endtag(self, tag):
        if tag in ("script", "style") and self._skip:
            self._skip -= 1

    def handle_data(self, data):
        if not self._skip:
            self.text.append(data)


def parse_page(path, html=None):
    """The ids, links and text of the page at ``path`` (or of its already-read ``html``)."""
    page = _Page()
    page.feed(Path(path).read_text(encoding="utf-8", errors="replace") if html is None else html)
    return page


def broken_links(site):
    """Every local link (href/src) in the site's HTML whose file or #anchor does not exist."""
    site = Path(site).resolve()
    pages, problems = {}, []

    def page(path):
        if path not in pages:
            pages[path] = parse_page(path)
        return pages[path]

    # Pages only: the theme copies Jinja macro files with .html names into _static.
    for source in sorted(p for p in site.rglob("*.html") if "_static" not in p.relative_to(site).parts):
        for link in page(source).links:
            parts = urlsplit(link)
            if parts.scheme or parts.netloc or link.startswith(("mailto:", "data:", "javascript:")):
                continue
            target = (source.parent / unquote(parts.path)).resolve() if parts.path else source
            if target.is_dir():
                target = target / "index.html"
            where = f"{source.relative_to(site)}: {link}"
            if site not in target.parents and target != site:
                problems.append(f"{where} (outside the site)")
            elif not target.is_file():
                problems.append(f"{where} (no such file)")
            elif parts.fragment and target.suffix == ".html" and unquote(parts.fragment) not in page(target).ids:
                problems.append(f"{where} (no element with id {unquote(parts.fragment)!r})")
    return problems


def _normalize(text):
    return re.sub(r"\s+", " ", text).strip()


def _marked_blocks(source):
    """Lines between nbgrader's BEGIN/END SOLUTION and BEGIN/END HIDDEN TESTS markers."""
    lines, inside = [], None
    for line in source.splitlines():
        stripped = line.strip()
        for begin, end in SOLUTION_MARKERS:
            if stripped.startswith(begin):
                inside = end
                break
        else:
            if inside and stripped.startswith(inside):
                inside = None
            elif inside:
                lines.append(line)
    return lines


def _notebook_lines(path):
    cells = json.loads(Path(path).read_text(encoding="utf-8"))["cells"]
    return [_normalize(line) for cell in cells for line in "".join(cell.get("source", "")).splitlines()]


def solution_fragments(solution, public=()):
    """The lines of ``solution`` (an nbgrader source notebook) that only a solution or hidden test has.

    A line counts when it lies inside a BEGIN/END SOLUTION or HIDDEN TESTS block, or makes up a
    solution cell without markers (a written answer), is at least MIN_FRAGMENT_LENGTH characters
    long once whitespace is collapsed, and is part of no line of the ``public`` notebooks (the
    student release and the chapters, which may share ordinary code with the solution).
    """
    allowed = "\n".join(line for path in public for line in _notebook_lines(path))
    fragments = []
    for cell in json.loads(Path(solution).read_text(encoding="utf-8"))["cells"]:
        source = "".join(cell.get("source", ""))
        lines = _marked_blocks(source)
        if not lines and cell.get("metadata", {}).get("nbgrader", {}).get("solution"):
            lines = source.splitlines()
        for line in map(_normalize, lines):
            if len(line) >= MIN_FRAGMENT_LENGTH and line not in allowed and line not in fragments:
                fragments.append(line)
    return fragments


def readable_text(path):
    """What a reader of ``path`` can see: an HTML page's text, a notebook's cell sources, or the file."""
    path = Path(path)
    if path.suffix == ".html":
        raw = path.read_text(encoding="utf-8", errors="replace")
        return _normalize("".join(parse_page(path, raw).text)) + "\n" + _normalize(raw)
    if path.suffix == ".ipynb":
        try:
            cells = json.loads(path.read_text(encoding="utf-8"))["cells"]
            return "\n".join(_normalize("".join(cell.get("source", ""))) for cell in cells)
        except (ValueError, KeyError, TypeError):
            pass
    return _normalize(path.read_text(encoding="utf-8", errors="replace"))


def leaks(site, fragments):
    """(file, fragment) for every solution fragment found in a text file under ``site``."""
    site = Path(site)
    found = [(str(path.relative_to(site)), "(a path named solutions)")
             for path in site.rglob("*") if "solutions" in path.relative_to(site).parts]
    for path in sorted(site.rglob("*")):
        if path.is_file() and path.suffix in TEXT_SUFFIXES and "mathjax" not in path.parts:
            text = readable_text(path)
            found += [(str(path.relative_to(site)), fragment) for fragment in fragments if fragment in text]
    return found


def course_fragments(root):
    """Solution fragments of every assignment in ``root``/solutions, checked against the public notebooks."""
    root = Path(root)
    public = [*root.glob("exercises/*/*.ipynb"), *root.glob("book/*.ipynb")]
    return {path.stem: solution_fragments(path, public) for path in sorted(root.glob("solutions/*/*.ipynb"))}


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("site", type=Path, help="the built book, e.g. _build/html")
    parser.add_argument("--root", type=Path, default=Path("."), help="the course repository (default: .)")
    args = parser.parse_args(argv)
    if not (args.site / "index.html").is_file():
        parser.error(f"{args.site} has no index.html: build the book first (make book)")
    problems = [f"broken link: {p}" for p in broken_links(args.site)]
    fragments = [f for per_assignment in course_fragments(args.root).values() for f in per_assignment]
    if not fragments:
        problems.append(f"no solution lines found under {args.root / 'solutions'}: nothing to check for")
    problems += [f"solution text in {path}: {fragment}" for path, fragment in leaks(args.site, fragments)]
    for problem in problems:
        print(problem)
    pages = len(list(args.site.rglob("*.html")))
    print(f"{pages} pages, {len(fragments)} solution lines checked: "
          f"{'no problems' if not problems else f'{len(problems)} problem(s)'}")
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
