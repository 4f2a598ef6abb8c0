"""Excel export: the firm workbook and the population/sweep/batch workbook (openpyxl).

The app's download buttons, the CLI's ``export`` command and the population commands'
``--xlsx`` output all go through these two functions, so every workbook has the same
structure, the same safety (no formula injection, no external links) and the same live
formulas over the tariffs on the Aannames sheet.
"""

from checker.export.firm_workbook import cliff_frame, firm_workbook_bytes
from checker.export.population_workbook import population_workbook_bytes
from checker.export.safe_text import neutralise

__all__ = ["cliff_frame", "firm_workbook_bytes", "neutralise", "population_workbook_bytes"]
