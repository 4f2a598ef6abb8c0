"""An example StatLine download, so a user sees what 'your own CBS download' looks like.

The file has the classic StatLine CSV layout that :func:`checker.population.read_counts`
reads (title line, topic lines, unit line, data rows, © footer; ';' separated, every field
quoted) and real CBS figures: the three foundry classes of 81589NED, first quarter 2026
(``data/population/cbs_firm_counts_snapshots.csv``), which together are SBI 245
Metaalgieterijen.  Built from the stored snapshot, so the example never disagrees with it.
"""

from __future__ import annotations

import csv
import io

from checker.population.size_classes import counts_from_snapshot

EXAMPLE_TABLE = "81589NED"
EXAMPLE_PERIOD = "2026 1e kwartaal*"
EXAMPLE_ROWS = (
    "2451 IJzergieterijen",
    "2453 Licht metaalgieterijen",
    "2454 Overige non-ferrometaalgieterijen",
)
EXAMPLE_COLUMNS = (
    "Totaal bedrijven",
    "1 werkzaam persoon",
    "2 werkzame personen",
    "3 tot 5 werkzame personen",
    "5 tot 10 werkzame personen",
    "10 tot 20 werkzame personen",
    "20 tot 50 werkzame personen",
    "50 tot 100 werkzame personen",
)
EXAMPLE_FILE_NAME = "voorbeeld_cbs_81589NED_metaalgieterijen.csv"


def example_statline_csv() -> bytes:
    """The example download as bytes (UTF-8, as StatLine's current downloads are)."""
    out = io.StringIO()
    writer = csv.writer(out, delimiter=";", quoting=csv.QUOTE_ALL, lineterminator="\r\n")
    writer.writerow(["Bedrijven; bedrijfstak"])
    writer.writerow(
        ["Onderwerpen", "", "Bedrijven", *["Bedrijfsgrootte"] * (len(EXAMPLE_COLUMNS) - 1)]
    )
    writer.writerow(["Onderwerpen", "", *EXAMPLE_COLUMNS])
    writer.writerow(
        ["Bedrijfstakken/branches SBI 2008", "Perioden", *["aantal"] * len(EXAMPLE_COLUMNS)]
    )
    for label in EXAMPLE_ROWS:
        values = counts_from_snapshot(EXAMPLE_TABLE, EXAMPLE_PERIOD, label)
        writer.writerow([label, EXAMPLE_PERIOD, *(str(values[c]) for c in EXAMPLE_COLUMNS)])
    writer.writerow(["© Centraal Bureau voor de Statistiek, Den Haag/Heerlen"])
    return out.getvalue().encode("utf-8")
