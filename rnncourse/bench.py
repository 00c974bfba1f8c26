"""Timing helpers for the benchmark cells and scripts (their output varies from run to run).

Wall-clock seconds measure everything the machine does meanwhile, other
people's jobs included; process CPU seconds count only this process's work
(on a GPU they miss the device's share, so read them on CPU only).
"""

import time

import keras
import numpy as np
from keras import layers


class EpochTimer(keras.callbacks.Callback):
    """Records each training epoch's wall-clock ``seconds`` and process ``cpu_seconds``.

    An epoch ends after its validation pass, so that is included. One timer
    passed to several ``fit`` calls collects the epochs of all of them.
    """

    def __init__(self):
        super().__init__()
        self.seconds, self.cpu_seconds = [], []

    def on_epoch_begin(self, epoch, logs=None):
        self._start, self._cpu_start = time.perf_counter(), time.process_time()

    def on_epoch_end(self, epoch, logs=None):
        self.seconds.append(time.perf_counter() - self._start)
        self.cpu_seconds.append(time.process_time() - self._cpu_start)

    def steady(self, cpu=False):
        """Median seconds of the epochs after the first (which also traces the graph)."""
        values = self.cpu_seconds if cpu else self.seconds
        return float(np.median(values[1:] if len(values) > 1 else values))


def time_calls(function, repeats=5, warmup=1, clocks=(time.perf_counter, time.process_time)):
    """Seconds of each of ``repeats`` calls of ``function()`` on each clock: one list per clock."""
    for _ in range(warmup):
        function()
    times = [[] for _ in clocks]
    for _ in range(repeats):
        starts = [clock() for clock in clocks]
        function()
        for column, clock, start in zip(times, clocks, starts):
            column.append(clock() - start)
    return times


def kernel_model(layer, timesteps, features):
    """``layer`` -> Dense(1) on (timesteps, features) inputs, compiled for a regression step without XLA.

    XLA is off on purpose: with ``jit_compile='auto'`` Keras compiles a model
    on a GPU only when none of its LSTM or GRU layers is set up for cuDNN,
    which would mix two effects in one comparison.
    """
    model = keras.Sequential([keras.Input(shape=(timesteps, features)), layer, layers.Dense(1)])
    model.compile(optimizer="adam", loss="mse", jit_compile=False)
    return model


def _random_batch(batch_size, timesteps, features, seed=0):
    import tensorflow as tf

    rng = np.random.default_rng(seed)
    x = rng.normal(size=(batch_size, timesteps, features)).astype("float32")
    y = rng.normal(size=(batch_size, 1)).astype("float32")
    return tf.constant(x), tf.constant(y)


def compare_kernels(layer_factories, timesteps=(10, 100), features=5, batch_size=64, rounds=20):
    """Time one training step of ``kernel_model(factory(), ...)`` for each named factory and length.

    ``layer_factories`` maps a name to a function returning a fresh layer.
    All models are built and traced first; then ``rounds`` rounds time one
    step of every model in turn, so a burst of other work on the machine hits
    them all alike. Returns one dict per (name, timesteps): the first step's
    seconds (graph tracing included), and the best and the median
    milliseconds per step. The best step is the one least disturbed by other
    work, the figure ``timeit`` reports.
    """
    import tensorflow as tf

    logger = tf.get_logger()
    level = logger.level
    logger.setLevel("ERROR")  # one trace per new model is expected, not a retracing problem
    try:
        entries = []
        for steps in timesteps:
            for name, factory in layer_factories.items():
                model = kernel_model(factory(), steps, features)
                x, y = _random_batch(batch_size, steps, features)

                def step(model=model, x=x, y=y):
                    model.train_on_batch(x, y)

                (first,) = time_calls(step, repeats=1, warmup=0, clocks=(time.perf_counter,))[0]
                step()
                entries.append((name, steps, first, step, []))
        for _ in range(rounds):
            for *_, step, times in entries:
                times.extend(time_calls(step, repeats=1, warmup=0, clocks=(time.perf_counter,))[0])
    finally:
        logger.setLevel(level)
    return [
        {
            "layer": name,
            "timesteps": steps,
            "first step (s)": first,
            "best ms per step": 1000 * float(np.min(times)),
            "median ms per step": 1000 * float(np.median(times)),
        }
        for name, steps, first, _, times in entries
    ]


def format_table(rows, digits=2):
    """A list of dicts as a plain-text table: text left-aligned, numbers right-aligned, floats rounded."""
    columns = list(rows[0])

    def is_number(value):
        return isinstance(value, (int, float, np.integer, np.floating)) and not isinstance(value, bool)

    texts = [[f"{r[c]:.{digits}f}" if isinstance(r[c], (float, np.floating)) else str(r[c]) for c in columns] for r in rows]
    widths = [max([len(c)] + [len(t[i]) for t in texts]) for i, c in enumerate(columns)]
    numeric = [all(is_number(r[c]) for r in rows) for c in columns]

    def line(values):
        return "  ".join(v.rjust(w) if n else v.ljust(w) for v, w, n in zip(values, widths, numeric)).rstrip()

    return "\n".join([line(columns), line(["-" * w for w in widths])] + [line(t) for t in texts])
