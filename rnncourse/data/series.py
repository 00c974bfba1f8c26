"""Two real time series that statsmodels ships with its package (no download).

- Sunspots: yearly mean sunspot numbers, 1700-2008 (SIDC, public domain).
- CO2: weekly atmospheric CO2 at Mauna Loa, 1958-2001, in ppm (NOAA, public domain);
  the 59 missing weeks are filled by linear interpolation.
"""

import numpy as np


def load_sunspots():
    """(years, sunspot numbers) as two float arrays of 309 values."""
    from statsmodels.datasets import sunspots

    frame = sunspots.load_pandas().data
    return frame["YEAR"].to_numpy(dtype="float64"), frame["SUNACTIVITY"].to_numpy(dtype="float32")


def load_co2():
    """(week start dates, ppm) as a datetime64 array and a float array of 2,284 values."""
    from statsmodels.datasets import co2

    frame = co2.load_pandas().data["co2"].interpolate(method="linear")
    return frame.index.to_numpy(), frame.to_numpy(dtype="float32")
