"""Set up a notebook or script: quiet logs, GPU memory growth, seeds, versions."""

import contextlib
import os
import sys

DEFAULT_SEED = 42


@contextlib.contextmanager
def _quiet_native_stderr():
    """Send what native code writes to file descriptor 2 to /dev/null for a moment.

    TensorFlow's C++ runtime logs a few lines while it loads (oneDNN, CUDA
    probing) before its log level can take effect; this keeps them out of notebooks.
    """
    sys.stderr.flush()
    saved = os.dup(2)
    try:
        with open(os.devnull, "w") as devnull:
            os.dup2(devnull.fileno(), 2)
        yield
    finally:
        os.dup2(saved, 2)
        os.close(saved)


def setup(seed=DEFAULT_SEED):
    """Quiet TensorFlow, seed every generator and return a one-line runtime description.

    Call it before anything else imports TensorFlow: the log level and GPU
    memory growth are read from the environment at import time. It also turns
    off TensorFloat-32 on GPUs that have it, so float32 results match NumPy to
    about 1e-6 on every device, and Keras' progress bars (pass ``verbose`` or use
    ``model.summary(print_fn=print)`` to print).
    """
    os.environ.setdefault("TF_CPP_MIN_LOG_LEVEL", "3")
    os.environ.setdefault("TF_FORCE_GPU_ALLOW_GROWTH", "true")
    os.environ.setdefault("KERAS_BACKEND", "tensorflow")
    with _quiet_native_stderr():
        import keras
        import tensorflow as tf

        tf.config.list_physical_devices("GPU")  # probes CUDA, which logs on a machine without it
    tf.config.experimental.enable_tensor_float_32_execution(False)

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
