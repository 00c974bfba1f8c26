"""Time the recurrent kernels of chapter 9 (ch-cudnn) on this machine and print the figures.

On a GPU it compares use_cudnn=True with use_cudnn=False for LSTM and GRU; on
a CPU, where cuDNN does not exist, the generic loops of SimpleRNN, GRU and
LSTM and the effect of unroll=True. Every row is one training step
(``train_on_batch``: forward, gradients, Adam update) of ``layer -> Dense(1)``
on random data, timed by ``rnncourse.bench.compare_kernels``: the best and the
median of ``--rounds`` steps taken in turn across all models, plus the first
step, which includes tracing the graph.

    .venv/bin/python benchmarks/rnn_kernels.py                       # defaults
    .venv/bin/python benchmarks/rnn_kernels.py --timesteps 10 100 1000 --units 128

Timings vary between runs and machines; nothing here is checked by the tests.
"""

import argparse

from rnncourse import runtime


def factories(units, gpu, unroll_limit, timesteps):
    """The layers to compare, by name, for one sequence length."""
    from keras import layers

    if gpu:
        return {
            "LSTM, use_cudnn=False": lambda: layers.LSTM(units, use_cudnn=False),
            "LSTM, use_cudnn=True": lambda: layers.LSTM(units, use_cudnn=True),
            "GRU, use_cudnn=False": lambda: layers.GRU(units, use_cudnn=False),
            "GRU, use_cudnn=True": lambda: layers.GRU(units, use_cudnn=True),
        }
    chosen = {
        "SimpleRNN": lambda: layers.SimpleRNN(units),
        "GRU": lambda: layers.GRU(units),
        "LSTM": lambda: layers.LSTM(units),
    }
    if timesteps <= unroll_limit:
        chosen["GRU, unroll=True"] = lambda: layers.GRU(units, unroll=True)
        chosen["LSTM, unroll=True"] = lambda: layers.LSTM(units, unroll=True)
    return chosen


def speedups(rows, gpu):
    """For each pair (slow, fast) at the same length: how many times faster the fast one's best step is."""
    best = {(r["layer"], r["timesteps"]): r["best ms per step"] for r in rows}
    pairs = (
        [("LSTM, use_cudnn=False", "LSTM, use_cudnn=True"), ("GRU, use_cudnn=False", "GRU, use_cudnn=True")]
        if gpu
        else [("LSTM", "LSTM, unroll=True"), ("GRU", "GRU, unroll=True"), ("LSTM", "SimpleRNN")]
    )
    out = []
    for steps in sorted({r["timesteps"] for r in rows}):
        for slow, fast in pairs:
            if (slow, steps) in best and (fast, steps) in best:
                out.append({"timesteps": steps, "compared": f"{fast} vs {slow}", "speed-up": best[slow, steps] / best[fast, steps]})
    return out


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--timesteps", type=int, nargs="+", default=[10, 100, 500], help="sequence lengths (default: 10 100 500)")
    parser.add_argument("--units", type=int, default=64, help="units per layer (default: 64, as in the guide)")
    parser.add_argument("--features", type=int, default=5, help="features per timestep (default: 5, as in the guide)")
    parser.add_argument("--batch-size", type=int, default=64)
    parser.add_argument("--rounds", type=int, default=20, help="timed steps per model (default: 20)")
    parser.add_argument("--unroll-limit", type=int, default=100, help="on CPU, try unroll=True only up to this length")
    args = parser.parse_args(argv)

    print(runtime.setup())
    from rnncourse import bench, cudnn

    gpu = cudnn.gpu_visible()
    print(f"units={args.units} features={args.features} batch_size={args.batch_size} rounds={args.rounds}, XLA off")
    rows = []
    for steps in args.timesteps:
        chosen = factories(args.units, gpu, args.unroll_limit, steps)
        rows += bench.compare_kernels(chosen, timesteps=(steps,), features=args.features, batch_size=args.batch_size, rounds=args.rounds)
    print()
    print(bench.format_table(rows))
    print()
    print(bench.format_table(speedups(rows, gpu)))


if __name__ == "__main__":
    main()
