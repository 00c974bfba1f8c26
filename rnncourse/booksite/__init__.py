"""A Sphinx extension that makes the built book work offline and pass an accessibility check.

Jupyter Book loads it through ``sphinx.extra_extensions`` in ``_config.yml``. It

- serves MathJax from the npm package that ``npm ci`` installs (``package-lock.json`` pins it by
  hash), instead of from a CDN, so pages render equations without reaching another host;
- gives the site an icon, so that browsers do not ask for a missing /favicon.ico;
- drops duplicate inline scripts: with Sphinx 7.4, sphinx-thebe's configuration script is
  emitted twice and the browser reports "Identifier 'THEBE_JS_URL' has already been declared";
- makes every control's accessible name contain its visible text (axe rule
  ``label-content-name-mismatch``): it overrides the theme's search and colour-mode buttons, and
  drops the "Toggle hidden content" label from the summary of a hidden code cell, whose visible
  text ("Show code cell source") then names it.
"""

import shutil
from pathlib import Path

from sphinx.errors import ConfigError

MATHJAX_SCRIPT = "mathjax/tex-mml-chtml.js"
# The parts of MathJax's es5 build that tex-mml-chtml.js loads: TeX extensions, fonts, the menu
# and its accessibility tools (which use the speech-rule engine).
MATHJAX_PARTS = ("tex-mml-chtml.js", "input", "output", "ui", "a11y", "adaptors", "sre")
TEMPLATES = Path(__file__).parent / "templates"
FAVICON = Path(__file__).parent / "static" / "favicon.svg"


def mathjax_source(confdir):
    """MathJax's es5 build in the project's node_modules, or a ConfigError that says how to get it."""
    source = Path(confdir) / "node_modules" / "mathjax" / "es5"
    if not (source / MATHJAX_PARTS[0]).is_file():
        raise ConfigError(f"MathJax is missing from {source}: run `npm ci` in {confdir} "
                          "(make book and make test do it).")
    return source


def _configure(app, config):
    mathjax_source(app.confdir)
    config.mathjax_path = MATHJAX_SCRIPT
    config.templates_path = [str(TEMPLATES), *config.templates_path]
    config.html_favicon = str(FAVICON)


def _copy_mathjax(app, exception):
    if exception is not None or app.builder.format != "html":
        return
    source = mathjax_source(app.confdir)
    target = Path(app.outdir) / "_static" / "mathjax"
    for part in MATHJAX_PARTS:
        if (source / part).is_dir():
            shutil.copytree(source / part, target / part, dirs_exist_ok=True)
        else:
            target.mkdir(parents=True, exist_ok=True)
            shutil.copy2(source / part, target / part)


def _fix_page(app, pagename, templatename, context, doctree):
    _drop_duplicate_scripts(context)
    if "body" in context:
        context["body"] = context["body"].replace('<summary aria-label="Toggle hidden content">', "<summary>")


def _drop_duplicate_scripts(context):
    """Keep the first of scripts with the same file (None and "" alike) and attributes."""
    scripts = context.get("script_files")
    if scripts:
        unique = {}
        for script in scripts:
            attributes = getattr(script, "attributes", {})
            key = (str(getattr(script, "filename", script) or ""), tuple(sorted(attributes.items())))
            unique.setdefault(key, script)
        context["script_files"] = list(unique.values())


def setup(app):
    app.connect("config-inited", _configure, priority=900)
    app.connect("html-page-context", _fix_page)
    app.connect("build-finished", _copy_mathjax)
    return {"parallel_read_safe": True, "parallel_write_safe": True}
