"""Timing helpers for the benchmark cells (their output varies from run to run)."""

import time

import keras
import numpy as np


class EpochTimer(keras.callbacks.Callback):
    """Records the wall-clock seconds of every training epoch in ``self.seconds``."""

    def on_train_begin(self, logs=None):
        self.seconds = []

    def on_epoch_begin(self, epoch, logs=None):
        self._start = time.perf_counter()

    def on_epoch_end(self, epoch, logs=None):
        self.seconds.append(time.perf_counter() - self._start)


def time_call(function, repeats=5, warmup=1):
    """Median seconds of ``function()`` over ``repeats`` calls, after ``warmup`` untimed ones."""
    for _ in range(warmup):
        function()
    times = []
    for _ in range(repeats):
        start = time.perf_counter()
        function()
        times.append(time.perf_counter() - start)
    return float(np.median(times))
