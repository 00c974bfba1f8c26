"""Figures shared by the chapters and exercises; each returns its matplotlib Axes."""

import matplotlib.pyplot as plt
import numpy as np


def plot_history(histories, metric="loss", title=None, ax=None):
    """Training (solid) and validation (dashed) curves of ``metric`` for named Keras histories."""
    ax = ax or plt.subplots(figsize=(6, 4))[1]
    for i, (name, history) in enumerate(histories.items()):
        logs = getattr(history, "history", history)
        epochs = np.arange(1, len(logs[metric]) + 1)
        color = f"C{i}"
        ax.plot(epochs, logs[metric], color=color, label=f"{name} (training)")
        if f"val_{metric}" in logs:
            ax.plot(epochs, logs[f"val_{metric}"], color=color, linestyle="--", label=f"{name} (validation)")
    ax.set_xlabel("epoch")
    ax.set_ylabel(metric)
    ax.set_title(title or f"{metric} per epoch")
    ax.legend(fontsize="small")
    return ax


def plot_confusion_matrix(matrix, class_names, title="Confusion matrix", ax=None):
    """A confusion matrix (true classes as rows) with the counts written in each cell."""
    ax = ax or plt.subplots(figsize=(4, 4))[1]
    ax.imshow(matrix, cmap="Blues")
    ticks = np.arange(len(class_names))
    ax.set_xticks(ticks, class_names)
    ax.set_yticks(ticks, class_names)
    ax.set_xlabel("predicted class")
    ax.set_ylabel("true class")
    threshold = matrix.max() / 2
    for (row, col), count in np.ndenumerate(matrix):
        ax.text(col, row, str(count), ha="center", va="center", color="white" if count > threshold else "black")
    ax.set_title(title)
    return ax


def plot_bars(values, ylabel, title, ax=None, fmt="{:.3g}"):
    """A labelled bar per named value, the value written above each bar."""
    ax = ax or plt.subplots(figsize=(6, 4))[1]
    names, heights = list(values), list(values.values())
    bars = ax.bar(names, heights, color=[f"C{i}" for i in range(len(names))])
    ax.bar_label(bars, labels=[fmt.format(h) for h in heights])
    ax.set_ylabel(ylabel)
    ax.set_title(title)
    ax.tick_params(axis="x", labelrotation=20)
    return ax
