"""Time the book: a cold execution of every chapter, a cached rebuild, and each chapter's seconds.

Run with `make bench` (or .venv/bin/python benchmarks/book_timing.py). It builds into a
temporary folder with an empty jupyter-cache, so it never touches _build/.
Targets on the 2-core CPU machine: each chapter < 90 s, all chapters < 8 min, cached rebuild < 60 s.
"""

import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
JUPYTER_BOOK = Path(sys.executable).parent / "jupyter-book"


def build(output):
    """Run one `jupyter-book build` into ``output``; return its wall-clock seconds."""
    start = time.perf_counter()
    command = [str(JUPYTER_BOOK), "build", str(ROOT), "--path-output", str(output), "--warningiserror", "--keep-going"]
    result = subprocess.run(command, capture_output=True, text=True, cwd=ROOT)
    if result.returncode != 0:
        sys.exit(f"build failed:\n{result.stdout[-3000:]}\n{result.stderr[-3000:]}")
    return time.perf_counter() - start


def chapter_seconds(output):
    """Execution seconds of every notebook, as recorded in the build's jupyter-cache."""
    from jupyter_cache import get_cache

    cache = get_cache(output / "_build" / ".jupyter_cache")
    return {Path(r.uri).name: r.data.get("execution_seconds", float("nan")) for r in cache.list_cache_records()}


def main():
    with tempfile.TemporaryDirectory() as tmp:
        output = Path(tmp)
        cold = build(output)
        cached = build(output)
        seconds = chapter_seconds(output)
    print(f"{'notebook':<32}{'seconds':>9}")
    for name, value in sorted(seconds.items()):
        flag = "  over 90 s" if value > 90 else ""
        print(f"{name:<32}{value:9.1f}{flag}")
    print(f"{'all notebooks (sum)':<32}{sum(seconds.values()):9.1f}")
    print(f"{'cold build (execute + HTML)':<32}{cold:9.1f}")
    print(f"{'cached rebuild, nothing changed':<32}{cached:9.1f}")


if __name__ == "__main__":
    main()
