"""Voorstel bouwen: design a proposal in the browser and see its effect at once.

Start from a shipped proposal or from nothing; set the threshold, what changes below it (by
default, per domain, per rule), a phase-in, a start date with later steps and moved law
thresholds.  Each change is validated as a proposal file would be (problems named by field,
in the reader's language) and computed at once for the firm of the firm check and for a
population.  A finished proposal is saved as the YAML file the command line reads, loaded back,
shared as a link, and kept for this session so the other pages can select and compare it.

Layout only: the choices become a :class:`checker.proposal_builder.Draft`, everything else is
in :mod:`checker.proposal_builder`, :mod:`checker.proposal_io` and :mod:`checker.compare`.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

import pandas as pd
import streamlit as st

from app_pages._compare import firm_context
from app_pages._proposals import add_built, built_proposals, proposal_by_id, proposal_label
from app_pages._shared import DATE_FORMAT, DEFAULT_VALUES, engine_or_stop, lang, store
from app_pages._tables import show_display_table
from app_pages._tiles import Tile, metric_tiles
from checker.bilingual import Lang, pick
from checker.catalogue import Catalogue
from checker.engine import Engine
from checker.export.comparison import comparison_report
from checker.i18n import domain_label, fmt_date, fmt_eur, fmt_number, t, treatment_label
from checker.measures import MEASURES
from checker.period import COVERED_FROM, COVERED_UNTIL
from checker.population import available_scopes, build_population
from checker.population.synthetic import Population
from checker.profile import FirmProfile, ProfileError, parse_profile
from checker.proposal_builder import (
    MAX_STEPS,
    THRESHOLD_MEASURES,
    DomainChoice,
    Draft,
    LawChoice,
    RuleChoice,
    build,
    changeable_rules,
    derived_id,
    draft_from_scenario,
    fixed_rules,
    law_thresholds,
    summary,
)
from checker.proposal_io import (
    LINK_PARAM,
    LinkTooLong,
    ProposalLoad,
    decode_link,
    dump_proposal,
    encode_link,
    parse_proposal,
)
from checker.proposal_problems import ProposalProblem
from checker.relief import plan_rules
from checker.rule_model import DOMAINS
from checker.scenario_model import MAX_GRACE_YEARS, MAX_THRESHOLD, Scenario
from checker.ui.compare_charts import marginal_chart, short_labels
from checker.ui.compare_table import display_table
from checker.ui.labels import DisplayTable
from checker.ui.markdown import escape
from checker.ui.profiles import amounts_from_form

EMPTY = ""  # "start from nothing" in the start list
FOLLOW = "default"  # a domain that follows the default treatment
TREATMENTS = ("exempt", "lighter", "unchanged")
# Ministry codes of the rules, and the (lower-case) message key of each name.
MINISTRIES = {
    "SZW": "szw",
    "JenV": "jenv",
    "Fin": "fin",
    "KGG": "kgg",
    "EZ": "ez",
    "IenW": "ienw",
    "BZK": "bzk",
    "VWS": "vws",
    "LVVN": "lvvn",
    "BHO": "bho",
}
SEED = "wb_seed"  # the draft the widgets were last filled from (keeps shipped entries)
RULES = "wb_rules"  # per-rule choices (not widgets: added and removed with buttons)
LAWS = "wb_laws"  # moved law thresholds
NOTICES = "wb_notices"  # problems or notes from loading a file or a link


# -- state ------------------------------------------------------------------------------------


def _seed(draft: Draft) -> None:
    """Fill every builder widget from ``draft`` (before the widgets are drawn)."""
    ss = st.session_state
    ss[SEED] = draft
    ss[RULES] = dict(draft.rules)
    ss[LAWS] = list(draft.law_changes)
    ss["wb_id"] = draft.id
    ss["wb_title_nl"], ss["wb_title_en"] = draft.title_nl, draft.title_en
    ss["wb_expl_nl"], ss["wb_expl_en"] = draft.explanation_nl, draft.explanation_en
    ss["wb_measure"] = draft.measure if draft.measure in MEASURES else "employees"
    ss["wb_value"] = float(draft.value)
    ss["wb_inclusive"] = draft.inclusive
    ss["wb_default"] = draft.default_treatment
    ss["wb_default_factor"] = float(
        draft.default_factor if draft.default_factor is not None else 0.5
    )
    ss["wb_ministries"] = [m for m in draft.ministries if m in MINISTRIES]
    ss["wb_scope_domains"] = [d for d in draft.scope_domains if d in DOMAINS]
    ss["wb_eu"] = bool(draft.eu_room.strip())
    ss["wb_eu_room"] = draft.eu_room
    for d in DOMAINS:
        choice = draft.domains.get(d)
        ss[f"wb_dom_{d}"] = choice.treatment if choice is not None else FOLLOW
        ss[f"wb_domf_{d}"] = float(choice.factor if choice and choice.factor is not None else 0.5)
        own = choice.threshold if choice is not None else None
        ss[f"wb_domhas_{d}"] = own is not None
        ss[f"wb_domt_{d}"] = float(own if own is not None else draft.value)
    ss["wb_phase"] = draft.phase
    ss["wb_until"] = float(draft.until if draft.until is not None else draft.value + 10)
    ss["wb_years"] = int(draft.years if draft.years is not None else 2)
    ss["wb_has_start"] = draft.start is not None
    ss["wb_start_date"] = draft.start or dt.date(dt.date.today().year + 1, 1, 1)
    ss["wb_nsteps"] = len(draft.later_steps)
    for i in range(MAX_STEPS - 1):
        when, value = (
            draft.later_steps[i]
            if i < len(draft.later_steps)
            else (dt.date(ss["wb_start_date"].year + 2 + i, 1, 1), float(draft.value))
        )
        ss[f"wb_step_date_{i}"], ss[f"wb_step_value_{i}"] = when, float(value)


def _draft_from_widgets() -> Draft:
    """The builder's choices as a :class:`Draft` (entries a loaded proposal had are kept)."""
    ss = st.session_state
    seed: Draft = ss[SEED]
    domains: dict[str, DomainChoice] = {}
    for d in DOMAINS:
        treatment = ss.get(f"wb_dom_{d}", FOLLOW)
        if treatment == FOLLOW:
            continue
        original = seed.domains[d].original if d in seed.domains else None
        domains[d] = DomainChoice(
            treatment,
            float(ss.get(f"wb_domf_{d}", 0.5)) if treatment == "lighter" else None,
            float(ss.get(f"wb_domt_{d}", 0.0)) if ss.get(f"wb_domhas_{d}") else None,
            original,
        )
    start = ss.get("wb_start_date") if ss.get("wb_has_start") else None
    steps = tuple(
        (ss[f"wb_step_date_{i}"], float(ss[f"wb_step_value_{i}"]))
        for i in range(int(ss.get("wb_nsteps", 0)))
        if f"wb_step_date_{i}" in ss and f"wb_step_value_{i}" in ss
    )
    phase = ss.get("wb_phase", "none")
    return Draft(
        id=str(ss["wb_id"]).strip(),
        title_nl=ss["wb_title_nl"],
        title_en=ss["wb_title_en"],
        explanation_nl=ss["wb_expl_nl"],
        explanation_en=ss["wb_expl_en"],
        measure=ss["wb_measure"],
        value=float(ss["wb_value"]),
        inclusive=bool(ss["wb_inclusive"]),
        default_treatment=ss["wb_default"],
        default_factor=float(ss.get("wb_default_factor", 0.5))
        if ss["wb_default"] == "lighter"
        else None,
        ministries=tuple(ss["wb_ministries"]),
        scope_domains=tuple(ss["wb_scope_domains"]),
        eu_room=str(ss.get("wb_eu_room", "")) if ss.get("wb_eu") else "",
        domains=domains,
        rules=dict(ss[RULES]),
        phase=phase,
        until=float(ss.get("wb_until", 0.0)) if phase == "linear" else None,
        years=int(ss.get("wb_years", 2)) if phase == "grace" else None,
        start=start,
        later_steps=steps if start is not None else (),
        law_changes=tuple(ss[LAWS]),
        origin=seed.origin,
        base=seed.base,
    )


def _taken(cat: Catalogue) -> list[str]:
    return [*cat.scenarios, *built_proposals()]


def _start_from(scenario: Scenario | None, cat: Catalogue, notice: str = "") -> None:
    """Fill the builder from ``scenario`` under an identifier no shipped proposal uses."""
    if scenario is None:
        _seed(draft_from_scenario(None, lang=lang()))
    else:
        keep = scenario.id not in cat.scenarios
        new_id = scenario.id if keep else derived_id(scenario.id, _taken(cat))
        draft = draft_from_scenario(scenario, new_id=new_id, own=keep)
        if not keep:
            draft = draft.replace(
                title_nl=t("workbench.page.adapted", "nl", title=scenario.title.nl),
                title_en=t("workbench.page.adapted", "en", title=scenario.title.en),
            )
        _seed(draft)
    st.session_state[NOTICES] = ([notice] if notice else [], [])


def _loaded(result: ProposalLoad, cat: Catalogue, source: str) -> None:
    if result.scenario is None:
        st.session_state[NOTICES] = ([], list(result.problems))
        return
    shipped = result.scenario.id in cat.scenarios
    _start_from(result.scenario, cat)
    notes = [t("workbench.page.loaded", lang(), source=source)]
    if shipped:
        notes.append(t("workbench.page.renamed", lang(), id=st.session_state["wb_id"]))
    st.session_state[NOTICES] = (notes, list(result.warnings))


def _on_upload() -> None:
    upload = st.session_state.get("wb_upload")
    if upload is None:
        return
    cat = engine_or_stop().catalogue
    _loaded(parse_proposal(upload.getvalue(), cat), cat, escape(upload.name, 80))


def _on_start() -> None:
    cat = engine_or_stop().catalogue
    sid = st.session_state.get("wb_start", EMPTY)
    _start_from(proposal_by_id(cat, sid) if sid else None, cat)


# -- settings ---------------------------------------------------------------------------------


def _keep(key: str, fallback: Any) -> None:
    """Give a widget that is only sometimes drawn a value (Streamlit forgets it otherwise)."""
    if key not in st.session_state:
        st.session_state[key] = fallback


def _start_row(cat: Catalogue, lg: Lang) -> None:
    left, right = st.columns([1.3, 1], gap="large")
    with left:
        options = [EMPTY, *sorted(cat.scenarios), *built_proposals()]
        st.selectbox(
            t("workbench.page.start_from", lg),
            options,
            key="wb_start",
            format_func=lambda s: (
                t("workbench.page.nothing", lg) if s == EMPTY else proposal_label(cat, s, lg)
            ),
        )
        st.button(t("workbench.page.start", lg), key="wb_start_btn", on_click=_on_start)
    with right:
        st.file_uploader(
            t("workbench.page.upload", lg),
            type=["yaml", "yml"],
            key="wb_upload",
            on_change=_on_upload,
            help=t("workbench.page.upload_help", lg),
        )
    notes, problems = st.session_state.get(NOTICES, ([], []))
    for note in notes:
        st.info(note)
    _problems(problems, lg)


def _problems(problems: list[ProposalProblem], lg: Lang) -> None:
    errors = [p for p in problems if p.level == "error"]
    warnings = [p for p in problems if p.level == "warning"]
    if errors:
        lines = "\n".join(f"- {escape(p.text(lg), 500)}" for p in errors)
        st.error(t("workbench.page.errors", lg, count=len(errors)) + "\n\n" + lines)
    for p in warnings:
        st.warning(escape(p.text(lg), 500))


def _name_settings(lg: Lang) -> None:
    with st.expander(t("workbench.page.name", lg), expanded=False):
        st.text_input(t("workbench.page.title_nl", lg), key="wb_title_nl", max_chars=200)
        st.text_input(t("workbench.page.title_en", lg), key="wb_title_en", max_chars=200)
        st.text_input(
            t("workbench.page.id", lg),
            key="wb_id",
            max_chars=60,
            help=t("workbench.page.id_help", lg),
        )
        st.text_area(t("workbench.page.expl_nl", lg), key="wb_expl_nl", max_chars=2000, height=80)
        st.text_area(t("workbench.page.expl_en", lg), key="wb_expl_en", max_chars=2000, height=80)


def _measure_label(measure: str, lg: Lang) -> str:
    m = MEASURES.get(measure)
    return pick(m.label, lg) if m is not None else measure


def _threshold_settings(lg: Lang) -> None:
    st.markdown(f"**{t('workbench.page.threshold', lg)}**")
    c1, c2, c3 = st.columns([1.4, 1, 1.2])
    c1.selectbox(
        t("workbench.page.measure", lg),
        THRESHOLD_MEASURES,
        key="wb_measure",
        format_func=lambda m: _measure_label(m, lg),
    )
    c2.number_input(
        t("workbench.page.value", lg),
        min_value=0.0,
        max_value=MAX_THRESHOLD,
        step=1.0,
        key="wb_value",
        format="%g",
    )
    c3.radio(
        t("workbench.page.inclusive", lg),
        [True, False],
        key="wb_inclusive",
        format_func=lambda v: (
            t("workbench.page.up_to_and_including", lg) if v else t("workbench.page.below", lg)
        ),
    )


def _treatment_settings(cat: Catalogue, lg: Lang) -> None:
    st.markdown(f"**{t('workbench.page.below_threshold', lg)}**")
    c1, c2 = st.columns([1.6, 1])
    c1.radio(
        t("workbench.page.default", lg),
        TREATMENTS,
        key="wb_default",
        horizontal=True,
        format_func=lambda v: treatment_label(v, lg),
    )
    _keep("wb_default_factor", 0.5)
    if st.session_state["wb_default"] == "lighter":
        c2.slider(
            t("workbench.page.factor", lg),
            0.0,
            1.0,
            step=0.05,
            key="wb_default_factor",
            help=t("workbench.page.factor_help", lg),
        )
    st.multiselect(
        t("workbench.page.ministries", lg),
        list(MINISTRIES),
        key="wb_ministries",
        select_all=False,  # Streamlit's 'Select all' is English only
        format_func=lambda m: t(f"workbench.ministry.{MINISTRIES[m]}", lg),
        placeholder=t("workbench.page.all", lg),
    )
    st.multiselect(
        t("workbench.page.scope_domains", lg),
        DOMAINS,
        key="wb_scope_domains",
        select_all=False,  # Streamlit's 'Select all' is English only
        format_func=lambda d: domain_label(d, lg),
        placeholder=t("workbench.page.all", lg),
    )
    st.checkbox(t("workbench.page.eu", lg), key="wb_eu", help=t("workbench.page.eu_help", lg))
    _keep("wb_eu_room", "")
    if st.session_state["wb_eu"]:
        st.text_area(t("workbench.page.eu_room", lg), key="wb_eu_room", max_chars=2000, height=80)
    fixed = fixed_rules(cat)
    if fixed:
        with st.expander(t("workbench.page.eu_fixed_heading", lg, count=len(fixed))):
            st.caption(t("workbench.page.eu_fixed", lg))
            st.markdown("\n".join(f"- {escape(pick(r.title, lg), 200)}" for r in fixed))


def _domain_settings(lg: Lang) -> None:
    chosen = sum(st.session_state[f"wb_dom_{d}"] != FOLLOW for d in DOMAINS)
    with st.expander(t("workbench.page.per_domain", lg, count=chosen)):
        st.caption(t("workbench.page.per_domain_help", lg))
        for d in DOMAINS:
            c1, c2, c3 = st.columns([1.6, 1, 1])
            c1.selectbox(
                domain_label(d, lg),
                (FOLLOW, *TREATMENTS),
                key=f"wb_dom_{d}",
                format_func=lambda v: (
                    t("workbench.page.follow", lg) if v == FOLLOW else treatment_label(v, lg)
                ),
            )
            _keep(f"wb_domf_{d}", 0.5)
            _keep(f"wb_domhas_{d}", False)
            _keep(f"wb_domt_{d}", float(st.session_state["wb_value"]))
            if st.session_state[f"wb_dom_{d}"] == "lighter":
                c2.number_input(
                    t("workbench.page.factor", lg),
                    min_value=0.0,
                    max_value=1.0,
                    step=0.05,
                    key=f"wb_domf_{d}",
                )
            if st.session_state[f"wb_dom_{d}"] != FOLLOW:
                c3.checkbox(t("workbench.page.own_threshold", lg), key=f"wb_domhas_{d}")
                if st.session_state[f"wb_domhas_{d}"]:
                    c3.number_input(
                        t("workbench.page.own_value", lg),
                        min_value=0.0,
                        max_value=MAX_THRESHOLD,
                        step=1.0,
                        key=f"wb_domt_{d}",
                        format="%g",
                        label_visibility="collapsed",
                    )


def _add_rule() -> None:
    ss = st.session_state
    rid = ss.get("wb_rule_pick")
    if not rid:
        return
    treatment = ss.get("wb_rule_treat", "exempt")
    factor = float(ss.get("wb_rule_factor", 0.5)) if treatment == "lighter" else None
    rules: dict[str, RuleChoice] = dict(ss[RULES])
    old = rules.get(rid)
    rules[rid] = RuleChoice(
        treatment, factor, str(ss.get("wb_rule_eu", "")), old.original if old else None
    )
    ss[RULES] = rules


def _remove_rules() -> None:
    ss = st.session_state
    ss[RULES] = {k: v for k, v in ss[RULES].items() if k not in ss.get("wb_rule_remove", [])}
    ss["wb_rule_remove"] = []


def _rule_settings(cat: Catalogue, lg: Lang) -> None:
    rules: dict[str, RuleChoice] = st.session_state[RULES]
    by_id = cat.rules_by_id
    with st.expander(t("workbench.page.per_rule", lg, count=len(rules))):
        st.caption(t("workbench.page.per_rule_help", lg))
        options = [r.id for r in changeable_rules(cat)]
        rid = st.selectbox(
            t("workbench.page.rule", lg),
            options,
            key="wb_rule_pick",
            format_func=lambda r: (
                f"{pick(by_id[r].title, lg)} ({domain_label(by_id[r].domain, lg)})"
            ),
        )
        c1, c2 = st.columns([1.4, 1])
        c1.radio(
            t("workbench.page.treatment", lg),
            TREATMENTS,
            key="wb_rule_treat",
            horizontal=True,
            format_func=lambda v: treatment_label(v, lg),
        )
        if st.session_state.get("wb_rule_treat") == "lighter":
            c2.number_input(
                t("workbench.page.factor", lg), 0.0, 1.0, 0.5, 0.05, key="wb_rule_factor"
            )
        if rid and by_id[rid].eu_derived:
            st.text_input(
                t("workbench.page.rule_eu_room", lg),
                key="wb_rule_eu",
                max_chars=1000,
                help=t("workbench.page.rule_eu_help", lg),
            )
        st.button(t("workbench.page.rule_add", lg), key="wb_rule_add", on_click=_add_rule)
        if rules:
            shown = pd.DataFrame(
                {
                    t("workbench.page.rule", lg): [
                        pick(by_id[r].title, lg) if r in by_id else r for r in rules
                    ],
                    t("workbench.page.treatment", lg): [
                        _choice_words(c, lg) for c in rules.values()
                    ],
                    t("workbench.page.rule_eu_room", lg): [c.eu_room for c in rules.values()],
                }
            )
            show_display_table(DisplayTable(shown, (), {}), lg, key="wb_rules")
            st.multiselect(
                t("workbench.page.rule_remove", lg),
                list(rules),
                key="wb_rule_remove",
                select_all=False,  # Streamlit's 'Select all' is English only
                format_func=lambda r: pick(by_id[r].title, lg) if r in by_id else r,
            )
            st.button(
                t("workbench.page.remove", lg), key="wb_rule_remove_btn", on_click=_remove_rules
            )


def _choice_words(choice: RuleChoice, lg: Lang) -> str:
    words = treatment_label(choice.treatment, lg)
    if choice.treatment == "lighter":
        if choice.factor is not None:
            words += f" ({fmt_number(choice.factor, lg, decimals=2)})"
        else:
            words += " " + t("workbench.def.per_activity", lg)
    return words


def _phase_settings(lg: Lang) -> None:
    st.markdown(f"**{t('workbench.page.phase', lg)}**")
    c1, c2 = st.columns([1.6, 1])
    c1.radio(
        t("workbench.page.phase_kind", lg),
        ("none", "linear", "grace"),
        key="wb_phase",
        horizontal=True,
        format_func=lambda v: t(f"workbench.phase.{v}", lg),
    )
    _keep("wb_until", float(st.session_state["wb_value"]) + 10)
    _keep("wb_years", 2)
    if st.session_state["wb_phase"] == "linear":
        c2.number_input(
            t("workbench.page.until", lg),
            min_value=0.0,
            max_value=MAX_THRESHOLD,
            step=1.0,
            key="wb_until",
            format="%g",
            help=t("workbench.page.until_help", lg),
        )
    elif st.session_state["wb_phase"] == "grace":
        c2.number_input(
            t("workbench.page.years", lg), min_value=1, max_value=MAX_GRACE_YEARS, key="wb_years"
        )


def _date_settings(lg: Lang) -> None:
    st.markdown(f"**{t('workbench.page.when', lg)}**")
    c1, c2 = st.columns([1, 1])
    c1.checkbox(t("workbench.page.has_start", lg), key="wb_has_start")
    _keep("wb_start_date", dt.date(dt.date.today().year + 1, 1, 1))
    _keep("wb_nsteps", 0)
    for i in range(MAX_STEPS - 1):
        _keep(f"wb_step_date_{i}", dt.date(dt.date.today().year + 3 + i, 1, 1))
        _keep(f"wb_step_value_{i}", float(st.session_state["wb_value"]))
    if not st.session_state["wb_has_start"]:
        st.caption(t("workbench.page.no_start", lg))
        return
    c2.date_input(
        t("workbench.page.start_date", lg),
        key="wb_start_date",
        format=DATE_FORMAT,
        min_value=COVERED_FROM,
        max_value=COVERED_UNTIL,
    )
    st.number_input(
        t("workbench.page.nsteps", lg), min_value=0, max_value=MAX_STEPS - 1, key="wb_nsteps"
    )
    for i in range(int(st.session_state["wb_nsteps"])):
        c1, c2 = st.columns([1, 1])
        c1.date_input(
            t("workbench.page.step_date", lg, number=i + 2),
            key=f"wb_step_date_{i}",
            format=DATE_FORMAT,
            min_value=COVERED_FROM,
            max_value=COVERED_UNTIL,
        )
        c2.number_input(
            t("workbench.page.step_value", lg, number=i + 2),
            min_value=0.0,
            max_value=MAX_THRESHOLD,
            step=1.0,
            key=f"wb_step_value_{i}",
            format="%g",
        )


def _add_law() -> None:
    ss = st.session_state
    rid, index = ss.get("wb_law_rule"), ss.get("wb_law_test")
    if not rid or index is None:
        return
    cat = engine_or_stop().catalogue
    tests = law_thresholds(cat.rules_by_id[rid], cat)
    if not 0 <= int(index) < len(tests):
        return
    test = tests[int(index)]
    laws = [c for c in ss[LAWS] if (c.rule, c.measure, c.old) != (rid, test.measure, test.value)]
    laws.append(
        LawChoice(rid, test.measure, test.value, float(ss["wb_law_new"]), ss.get("wb_law_why", ""))
    )
    ss[LAWS] = laws


def _remove_laws() -> None:
    ss = st.session_state
    drop = set(ss.get("wb_law_remove", []))
    ss[LAWS] = [c for i, c in enumerate(ss[LAWS]) if i not in drop]
    ss["wb_law_remove"] = []


def _law_settings(cat: Catalogue, lg: Lang) -> None:
    laws: list[LawChoice] = st.session_state[LAWS]
    by_id = cat.rules_by_id
    with st.expander(t("workbench.page.laws", lg, count=len(laws))):
        st.caption(t("workbench.page.laws_help", lg))
        options = [r.id for r in changeable_rules(cat) if law_thresholds(r, cat)]
        rid = st.selectbox(
            t("workbench.page.rule", lg),
            options,
            key="wb_law_rule",
            format_func=lambda r: pick(by_id[r].title, lg),
        )
        if rid:
            tests = law_thresholds(by_id[rid], cat)
            if st.session_state.get("wb_law_test", 0) >= len(tests):
                st.session_state["wb_law_test"] = 0
            st.selectbox(
                t("workbench.page.law_test", lg),
                list(range(len(tests))),
                key="wb_law_test",
                format_func=lambda i: tests[i].describe(lg),
            )
            chosen = tests[int(st.session_state.get("wb_law_test", 0))]
            if "wb_law_new" not in st.session_state:
                st.session_state["wb_law_new"] = float(chosen.value)
            c1, c2 = st.columns([1, 2])
            c1.number_input(
                t("workbench.page.law_new", lg),
                min_value=0.0,
                max_value=MAX_THRESHOLD,
                step=1.0,
                key="wb_law_new",
                format="%g",
            )
            c2.text_input(t("workbench.page.law_why", lg), key="wb_law_why", max_chars=1000)
            st.button(t("workbench.page.law_add", lg), key="wb_law_add", on_click=_add_law)
        if laws:
            st.markdown("\n".join(f"- {escape(_law_words(c, cat, lg), 300)}" for c in laws))
            st.multiselect(
                t("workbench.page.law_remove", lg),
                list(range(len(laws))),
                key="wb_law_remove",
                select_all=False,  # Streamlit's 'Select all' is English only
                format_func=lambda i: _law_words(laws[i], cat, lg),
            )
            st.button(
                t("workbench.page.remove", lg), key="wb_law_remove_btn", on_click=_remove_laws
            )
        fixed = [r for r in fixed_rules(cat) if law_thresholds(r, cat)]
        if fixed:
            names = "; ".join(escape(pick(r.title, lg), 120) for r in fixed)
            st.caption(t("workbench.page.laws_fixed", lg, rules=names))


def _law_words(change: LawChoice, cat: Catalogue, lg: Lang) -> str:
    rule = cat.rules_by_id.get(change.rule)
    title = pick(rule.title, lg) if rule is not None else change.rule
    return t(
        "workbench.summary.law_change",
        lg,
        rule=title,
        old=fmt_number(change.old, lg, decimals=0 if change.old.is_integer() else 2),
        new=fmt_number(change.new, lg, decimals=0 if change.new.is_integer() else 2),
    )


# -- effect -----------------------------------------------------------------------------------


@st.cache_resource(show_spinner=False, max_entries=4)
def _population(_engine: Engine, version: str, scope: str) -> Population:
    return build_population(scope, _engine)


def _firm(lg: Lang) -> tuple[FirmProfile, bool]:
    """The firm of the firm check (and whether it was filled in there)."""
    values = store().get("values") or DEFAULT_VALUES
    try:
        return parse_profile(amounts_from_form(values, lg)), values != DEFAULT_VALUES
    except ProfileError:
        return parse_profile(DEFAULT_VALUES), False


def _default_scope(scopes: dict[str, str]) -> str:
    """The metal sector when that scope exists, else manufacturing (section C)."""
    for sid in scopes:
        if sid != "nl" and not sid.startswith(("section:", "division:")) and "meta" in sid.lower():
            return sid
    return "section:C" if "section:C" in scopes else next(iter(scopes))


def _date_chosen() -> None:
    st.session_state["wb_date_chosen"] = True


def _effect(built: Scenario, draft: Draft, engine: Engine, lg: Lang) -> None:
    cat = engine.catalogue
    st.markdown(escape(summary(draft, cat, lg), 2000))
    start = built.effective_from()
    if not st.session_state.get("wb_date_chosen"):
        # Until the user picks a date, show the effect from the day the proposal starts.
        remembered = store().get("date") or dt.date.today()
        st.session_state["wb_date"] = max(remembered, start) if start else remembered
    date = st.date_input(
        t("workbench.page.effect_date", lg),
        key="wb_date",
        format=DATE_FORMAT,
        min_value=COVERED_FROM,
        max_value=COVERED_UNTIL,
        on_change=_date_chosen,
    )
    if not isinstance(date, dt.date):
        date = dt.date.today()
    if start is not None and not built.in_effect(date):
        st.info(t("workbench.page.not_yet", lg, start=fmt_date(start, lg)))
    proposals = [built]
    base = draft.base
    if base is not None and base.id != built.id:
        proposals.append(base)
    labels = short_labels(proposals, lg)
    profile, filled = _firm(lg)
    st.markdown(f"**{t('workbench.page.for_firm', lg)}**")
    if not filled:
        st.caption(t("workbench.page.firm_missing", lg))
    firm = comparison_report(
        engine, proposals, date, lg, profile=profile, context=firm_context(profile, lg)
    )
    row = firm.comparison.table.iloc[0]
    cliff = row["cliff_eur"]
    metric_tiles(
        [
            Tile(
                t("workbench.page.saved", lg),
                fmt_eur(row["regulatory_saved"], lg),
                help=t(
                    "workbench.page.range",
                    lg,
                    low=fmt_eur(row["regulatory_saved_low"], lg),
                    high=fmt_eur(row["regulatory_saved_high"], lg),
                ),
            ),
            Tile(t("workbench.page.cliff", lg), "–" if pd.isna(cliff) else fmt_eur(cliff, lg)),
            Tile(t("workbench.page.changed", lg), fmt_number(row["obligations_changed"], lg)),
        ]
    )
    st.table(
        display_table(firm.comparison, labels, lg).set_index(t("workbench.compare.figure", lg))
    )
    if firm.curves is not None:
        st.altair_chart(marginal_chart(firm.curves, labels, lg), width="stretch")
    st.markdown(f"**{t('workbench.page.for_population', lg)}**")
    scopes = available_scopes()
    if st.session_state.get("wb_pop") not in scopes:
        st.session_state["wb_pop"] = _default_scope(scopes)
    scope = st.selectbox(
        t("workbench.page.population", lg),
        list(scopes),
        key="wb_pop",
        format_func=lambda s: scopes[s],
    )
    pop = _population(engine, cat.version_hash, scope)
    report = comparison_report(engine, proposals, date, lg, frame=pop.frame, context=scopes[scope])
    st.table(
        display_table(report.comparison, labels, lg).set_index(t("workbench.compare.figure", lg))
    )


def _plan(built: Scenario, cat: Catalogue, lg: Lang) -> None:
    date = st.session_state.get("wb_date") or dt.date.today()
    rules = [r for r in cat.rules_valid_on(date, include_pending=True) if r.kind == "obligation"]
    plans = plan_rules(built, rules, date)
    with st.expander(t("workbench.page.plan", lg)):
        frame = pd.DataFrame(
            {
                t("workbench.page.rule", lg): [pick(r.title, lg) for r in rules],
                t("workbench.page.domain", lg): [domain_label(r.domain, lg) for r in rules],
                t("workbench.page.treatment", lg): [
                    treatment_label(p.treatment, lg) for p in plans
                ],
                t("workbench.page.why", lg): [p.reason.get(lg) for p in plans],
            }
        )
        show_display_table(DisplayTable(frame, (), {}), lg, key="wb_plan")


# -- save, keep, share ------------------------------------------------------------------------


def _save_and_share(built: Scenario, lg: Lang) -> None:
    st.subheader(t("workbench.page.save_heading", lg))
    if built.id in built_proposals():
        add_built(built)  # keep the session's copy up to date while it is being edited
    comment = t(
        "workbench.page.file_comment",
        lg,
        title=built.title.get(lg),
        date=fmt_date(dt.date.today(), lg),
    )
    buttons = st.container(horizontal=True)
    buttons.download_button(
        t("workbench.page.save", lg),
        dump_proposal(built, comment),
        f"{built.id}.yaml",
        "application/x-yaml",
        key="wb_save",
        on_click="ignore",
    )
    if buttons.button(t("workbench.page.keep", lg), key="wb_keep", type="primary"):
        add_built(built)
    if buttons.button(t("workbench.page.share", lg), key="wb_share"):
        try:
            token = encode_link(built)
        except LinkTooLong as exc:
            st.warning(t("workbench.page.link_too_long", lg, length=exc.length, limit=exc.limit))
        else:
            st.session_state["wb_link_seen"] = token
            st.query_params[LINK_PARAM] = token
            base = str(st.context.url or "").split("?")[0]
            st.code(f"{base}?{LINK_PARAM}={token}", language=None, wrap_lines=True)
            st.caption(t("workbench.page.link_help", lg))
    if built.id in built_proposals():
        st.success(t("workbench.page.kept", lg, title=escape(built.title.get(lg), 200)))


# -- page -------------------------------------------------------------------------------------


def _from_link(cat: Catalogue, lg: Lang) -> None:
    """A shared link (``?voorstel=…``) fills the builder once per link."""
    token = st.query_params.get(LINK_PARAM)
    if not token or token == st.session_state.get("wb_link_seen"):
        return
    st.session_state["wb_link_seen"] = token
    _loaded(decode_link(str(token), cat), cat, t("workbench.page.the_link", lg))


def main() -> None:
    lg = lang()
    engine = engine_or_stop()
    cat = engine.catalogue
    st.title(t("workbench.page.title", lg))
    st.markdown(t("workbench.page.intro", lg))
    remembered = store().get("draft")
    if SEED not in st.session_state or "wb_measure" not in st.session_state:
        _seed(remembered if isinstance(remembered, Draft) else draft_from_scenario(None, lang=lg))
    _from_link(cat, lg)
    _start_row(cat, lg)
    left, right = st.columns([1.1, 1], gap="large")
    with left:
        st.subheader(t("workbench.page.settings", lg))
        _name_settings(lg)
        _threshold_settings(lg)
        _treatment_settings(cat, lg)
        _domain_settings(lg)
        _rule_settings(cat, lg)
        _phase_settings(lg)
        _date_settings(lg)
        _law_settings(cat, lg)
    draft = _draft_from_widgets()
    store()["draft"] = draft
    result = build(draft, cat)
    if result.scenario is None:
        with left:  # also where the user is typing, not only at the top of the effect column
            _problems(list(result.errors), lg)
    with right:
        st.subheader(t("workbench.page.effect", lg))
        _problems(list(result.problems), lg)
        if result.scenario is None:
            st.info(t("workbench.page.fix_first", lg))
            return
        _effect(result.scenario, draft, engine, lg)
    _plan(result.scenario, cat, lg)
    _save_and_share(result.scenario, lg)


main()
