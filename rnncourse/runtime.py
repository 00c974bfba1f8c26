"""Set up a notebook or script: quiet logs, GPU memory growth, seeds, versions."""

import os

DEFAULT_SEED = 42


def setup(seed=DEFAULT_SEED):
    """Quiet TensorFlow, seed every generator and return a one-line runtime description.

    Call it before anything else imports TensorFlow: the log level and GPU
    memory growth are read from the environment at import time.
    """
    os.environ.setdefault("TF_CPP_MIN_LOG_LEVEL", "3")
    os.environ.setdefault("TF_FORCE_GPU_ALLOW_GROWTH", "true")
    os.environ.setdefault("KERAS_BACKEND", "tensorflow")
    import keras

    keras.utils.set_random_seed(seed)
    keras.utils.disable_interactive_logging()
    return describe()


def device_name():
    """'GPU (name)' when TensorFlow sees a GPU, else 'CPU'."""
    import tensorflow as tf

    gpus = tf.config.list_physical_devices("GPU")
    if not gpus:
        return "CPU"
    details = tf.config.experimental.get_device_details(gpus[0])
    return f"GPU ({details.get('device_name', gpus[0].name)})"


def has_gpu():
    """True when TensorFlow sees at least one GPU."""
    import tensorflow as tf

    return bool(tf.config.list_physical_devices("GPU"))


def describe():
    """The versions and device this run uses, as one line."""
    import keras
    import tensorflow as tf

    return f"TensorFlow {tf.__version__}, Keras {keras.__version__}, on {device_name()}"
