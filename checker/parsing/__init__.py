"""Readers for text that users type or upload: numbers, JSON/YAML profiles, spreadsheet files.

Everything here is about the edge of the program: turning hostile or messy input into values
the rest of the code can trust, or into a clear message in Dutch and English — never a silent
different value and never a traceback.
"""
