"""User-facing language: one message catalogue (Dutch first, English) and locale formatting.

* :func:`t` looks up a text by key in ``messages.yaml`` (``t("page.firm.title", lang)``);
* :mod:`checker.i18n.vocabulary` names the model's codes (treatments, domains, cost types…);
* :mod:`checker.i18n.formatting` writes numbers, euros, percentages and dates with Babel.

Texts that come with the law (rule titles, summaries, rationales) are data in ``rules/`` and
stay :class:`checker.bilingual.Text`.
"""

from __future__ import annotations

from checker.bilingual import LANGS, Lang
from checker.i18n.formatting import (
    fmt_date,
    fmt_eur,
    fmt_eur_short,
    fmt_exact,
    fmt_frequency,
    fmt_measure_value,
    fmt_number,
    fmt_percent,
    fmt_quantity,
    fmt_range,
)
from checker.i18n.messages import MessageCatalogueError, has_message, messages, msg_key, t
from checker.i18n.vocabulary import (
    column_help,
    column_label,
    cost_type_label,
    domain_label,
    driver_label,
    kind_label,
    legal_form_label,
    treatment_label,
    value_label,
    workability_label,
    yes_no,
)

__all__ = [
    "LANGS",
    "Lang",
    "MessageCatalogueError",
    "column_help",
    "column_label",
    "cost_type_label",
    "domain_label",
    "driver_label",
    "fmt_date",
    "fmt_eur",
    "fmt_eur_short",
    "fmt_exact",
    "fmt_frequency",
    "fmt_measure_value",
    "fmt_number",
    "fmt_percent",
    "fmt_quantity",
    "fmt_range",
    "has_message",
    "kind_label",
    "legal_form_label",
    "messages",
    "msg_key",
    "t",
    "treatment_label",
    "value_label",
    "workability_label",
    "yes_no",
]
