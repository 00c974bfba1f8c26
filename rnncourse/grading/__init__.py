"""Checks shared by the exercises' visible and hidden tests, one module per assignment.

Each check raises AssertionError with a message that tells the student what to fix.
"""
