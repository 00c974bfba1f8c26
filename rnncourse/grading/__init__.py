"""Checks shared by the exercises' visible and hidden tests, one module per assignment.

Each check raises AssertionError with a message that tells the student what to fix.
"""

RECURRENT = ("LSTM", "GRU", "SimpleRNN", "RNN")


def all_layers(model):
    """Every layer of ``model``, looking inside nested models and wrappers."""
    found = []
    for layer in model.layers:
        found.append(layer)
        if hasattr(layer, "layers"):
            found.extend(all_layers(layer))
        for attr in ("layer", "forward_layer"):
            inner = getattr(layer, attr, None)
            if inner is not None:
                found.append(inner)
    return found


def recurrent_layers(model):
    """The recurrent layers of ``model`` in order, a Bidirectional wrapper counting as its forward layer."""
    found = []
    for layer in model.layers:
        if type(layer).__name__ in RECURRENT:
            found.append(layer)
        elif type(layer).__name__ == "Bidirectional":
            found.append(layer.forward_layer)
        elif hasattr(layer, "layers"):
            found += recurrent_layers(layer)
    return found
