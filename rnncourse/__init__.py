"""Shared code for the rnncourse book and its graded exercises.

Import submodules directly (``from rnncourse import params``); importing the
package itself does not import TensorFlow.
"""

__version__ = "0.1.0"
