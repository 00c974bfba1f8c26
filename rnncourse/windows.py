"""Cutting a sequence into (window, next value) pairs for next-step prediction."""

import numpy as np


def sliding_windows(sequence, timesteps, step=1):
    """Inputs ``sequence[i : i + timesteps]`` and targets ``sequence[i + timesteps]``.

    ``i`` runs over ``0, step, 2·step, …`` while a target remains, so a sequence of
    ``n`` values gives ``(n - timesteps - 1) // step + 1`` pairs. Returns ``(x, y)``
    with shapes ``(pairs, timesteps, *rest)`` and ``(pairs, *rest)``, where ``rest``
    is the shape of one element (empty for a 1-D sequence).
    """
    sequence = np.asarray(sequence)
    if timesteps < 1 or step < 1:
        raise ValueError(f"timesteps and step must be at least 1, got {timesteps} and {step}")
    if len(sequence) <= timesteps:
        raise ValueError(f"a sequence of {len(sequence)} values has no window of {timesteps} with a target after it")
    starts = np.arange(0, len(sequence) - timesteps, step)
    x = np.stack([sequence[i : i + timesteps] for i in starts])
    return x, sequence[starts + timesteps]
