"""Measures: the quantities thresholds are expressed in, each with its counting method.

Dutch law counts "25 employees" in at least four different ways (headcount *in de regel*,
average over a financial year, verloonde uren, loonsom), so a rule never compares a bare
number: it names a measure, and the measure says how it is counted and from which profile
inputs it is derived.  That is also how a result can say "assumed" when an input was
defaulted.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any, Literal

import numpy as np
import pandas as pd

from checker.bilingual import Text

MeasureKind = Literal["number", "bool", "category"]

# Energy content used for the EED (TJ) test: 1 kWh = 3.6 MJ by definition; natural gas per m3
# is a rate in data/rates.yaml (gas_mj_per_m3) so that its source is visible and changeable.
MJ_PER_KWH = 3.6


@dataclass(frozen=True)
class Measure:
    id: str
    kind: MeasureKind
    unit: str  # "count", "fte", "eur", "kWh", "m3", "TJ", "t", "h/week", "-"
    label: Text
    counting: Text
    inputs: tuple[str, ...]
    compute: Callable[[Any, dict[str, float]], Any]


def _col(name: str) -> Callable[[Any, dict[str, float]], np.ndarray]:
    return lambda f, _r: np.asarray(f[name], dtype=np.float64)


def _bool(name: str) -> Callable[[Any, dict[str, float]], np.ndarray]:
    return lambda f, _r: np.asarray(f[name], dtype=bool)


def _cat(name: str) -> Callable[[Any, dict[str, float]], Any]:
    def compute(f: Any, _r: dict[str, float]) -> Any:
        col = f[name]
        if isinstance(col, pd.Categorical):
            return col
        if isinstance(col.dtype, pd.CategoricalDtype):
            return col.array
        return pd.Categorical(pd.Series(col).astype("string").fillna(""))

    return compute


def _sum(*names: str) -> Callable[[Any, dict[str, float]], np.ndarray]:
    def compute(f: Any, _r: dict[str, float]) -> np.ndarray:
        total = np.zeros(len(f["employees"]), dtype=np.float64)
        for n in names:
            total += np.asarray(f[n], dtype=np.float64)
        return total

    return compute


def _energy_tj(f: Any, rates: dict[str, float]) -> np.ndarray:
    kwh = np.asarray(f["electricity_kwh"], dtype=np.float64)
    m3 = np.asarray(f["gas_m3"], dtype=np.float64)
    return (kwh * MJ_PER_KWH + m3 * rates["gas_mj_per_m3"]) / 1e6


def T(nl: str, en: str) -> Text:
    return Text(nl=nl, en=en)


MEASURES: dict[str, Measure] = {
    m.id: m
    for m in (
        Measure(
            "employees", "number", "werknemers",
            T("werknemers (in de regel)", "employees (as a rule)"),
            T("Aantal werknemers met een arbeidsovereenkomst, ongeacht het aantal uren, zoals "
              "structureel ('in de regel') in dienst; zonder uitzendkrachten, stagiairs en "
              "eigenaren (zo telt onder meer de Wet flexibel werken, art. 2). De Arbowet telt "
              "ruimer: zie 'werknemers in de zin van de Arbowet'.",
              "Number of employees with an employment contract, regardless of hours, as "
              "structurally ('as a rule') employed; excluding agency workers, interns and owners "
              "(as the Flexible Working Act, art. 2, counts). The Working Conditions Act counts "
              "more widely: see 'workers as the Working Conditions Act counts them'."),
            ("employees",), _col("employees"),
        ),
        Measure(
            "persons_wor", "number", "personen",
            T("in de regel werkzame personen (WOR)", "persons as a rule working (WOR)"),
            T("Werknemers plus uitzendkrachten die langer dan 24 maanden in de onderneming "
              "werken; bestuurders tellen niet mee (WOR art. 1 lid 2–4).",
              "Employees plus agency workers who have worked in the enterprise for more than "
              "24 months; directors do not count (WOR art. 1(2)–(4))."),
            ("employees", "temp_workers_24m"), _sum("employees", "temp_workers_24m"),
        ),
        Measure(
            "persons_wbk", "number", "personen",
            T("werkzame personen (Wbk)", "persons working (Whistleblowers Act)"),
            T("Werknemers plus uitzendkrachten en betaalde stagiairs/vrijwilligers die in "
              "ondergeschiktheid werken (Wet bescherming klokkenluiders art. 2).",
              "Employees plus agency workers and paid interns/volunteers working in a "
              "subordinate relationship (Whistleblowers Protection Act art. 2)."),
            ("employees", "temp_workers", "interns_volunteers_paid"),
            _sum("employees", "temp_workers", "interns_volunteers_paid"),
        ),
        Measure(
            "persons_total", "number", "personen",
            T("werkzame personen (CBS)", "persons employed (CBS)"),
            T("Werknemers plus meewerkende eigenaren en uitzendkrachten: het begrip van de "
              "CBS-grootteklassen.", "Employees plus working owners and agency workers: the "
              "concept of the CBS size classes."),
            ("employees", "working_owners", "temp_workers"),
            _sum("employees", "working_owners", "temp_workers"),
        ),
        Measure(
            "employees_arbo", "number", "werknemers",
            T("werknemers in de zin van de Arbowet", "workers as the Working Conditions Act counts them"),
            T("Iedereen die onder uw gezag werkt: werknemers met een arbeidsovereenkomst (ongeacht "
              "uren), uitzendkrachten en andere ingeleende krachten (voor de Arbowet bent u als "
              "inlener hun werkgever, art. 1 lid 1 onder a 2°), en stagiairs en anderen die zonder "
              "arbeidsovereenkomst onder uw gezag werken (art. 1 lid 2). Zo telt de Arbowet in "
              "art. 12 lid 3, 13 lid 10 en 14 lid 12. Eigen werknemers die u bij een ander "
              "uitleent tellen daar, niet bij u (niet apart gevraagd).",
              "Everyone working under your authority: employees with an employment contract "
              "(regardless of hours), agency and other hired-in workers (for the Working "
              "Conditions Act the hirer is their employer, art. 1(1)(a)(2°)), and interns and "
              "others working under your authority without an employment contract (art. 1(2)). "
              "This is how the Act counts in art. 12(3), 13(10) and 14(12). Your own staff lent "
              "out to another firm count there, not with you (not asked separately)."),
            ("employees", "temp_workers", "interns_volunteers_paid", "interns_unpaid"),
            _sum("employees", "temp_workers", "interns_volunteers_paid", "interns_unpaid"),
        ),
        Measure(
            "staff_awu", "number", "jaarwerkeenheden",
            T("personeel in jaarwerkeenheden (EU-kmo-definitie)", "staff in annual work units (EU SME definition)"),
            T("Werknemers in voltijdbanen (fte) plus meewerkende eigenaren, zoals Aanbeveling "
              "2003/361/EG (bijlage art. 5) personeel telt; deeltijders tellen naar rato. "
              "Partner- en verbonden ondernemingen tellen in de EU-definitie mee, maar worden hier "
              "niet gevraagd.", "Employees in full-time equivalents plus working owners, as "
              "Recommendation 2003/361/EC (annex art. 5) counts staff; part-timers count pro "
              "rata. Partner and linked enterprises count in the EU definition but are not asked "
              "here."),
            ("fte", "working_owners"), _sum("fte", "working_owners"),
        ),
        Measure(
            "paid_hours_prev_year", "number", "uur",
            T("verloonde uren vorig kalenderjaar", "paid hours in the previous calendar year"),
            T("Uren waarover u in het vorige kalenderjaar loon aangaf (loonaangifte, "
              "polisadministratie), inclusief betaald verlof; uren van uitzendkrachten en ander "
              "ingeleend personeel tellen niet mee. De quotumregeling banenafspraak toetst dit aan "
              "25 × het landelijk gemiddeld aantal verloonde uren per werknemer.",
              "Hours on which you declared wages in the previous calendar year (payroll tax "
              "returns), including paid leave; hours of agency and other hired-in workers do not "
              "count. The disability-employment quota tests this against 25 × the national "
              "average paid hours per employee."),
            ("paid_hours_prev_year",), _col("paid_hours_prev_year"),
        ),
        Measure(
            "annual_accounts_class_prev", "number", "klasse",
            T("grootteklasse laatst vastgestelde jaarrekening", "size class of the last adopted annual accounts"),
            T("Klasse waarin de laatst vastgestelde jaarrekening is opgesteld: 1 micro, 2 klein, "
              "3 middelgroot, 4 groot (0 = onbekend). Een rechtspersoon wisselt pas van klasse na "
              "twee opeenvolgende balansdata aan de andere kant van de grens (BW 2:395a lid 1, "
              "2:396 lid 1, 2:397 lid 1); deze klasse bepaalt dus wat geldt als dit en vorig jaar "
              "aan verschillende kanten liggen.", "Class in which the last adopted annual "
              "accounts were drawn up: 1 micro, 2 small, 3 medium, 4 large (0 = unknown). A legal "
              "entity only changes class after two consecutive balance sheet dates on the other "
              "side of the limit (Civil Code 2:395a(1), 2:396(1), 2:397(1)); this class decides "
              "when this year and last year lie on different sides."),
            ("annual_accounts_class_prev",), _col("annual_accounts_class_prev"),
        ),
        Measure(
            "financial_year_number", "number", "boekjaar",
            T("nummer van het boekjaar", "number of the financial year"),
            T("Het hoeveelste boekjaar van de rechtspersoon dit is. In het eerste en tweede "
              "boekjaar beslist de eerste balansdatum over de grootteklasse (BW 2:398 lid 1).",
              "Which financial year of the legal entity this is. In the first and second "
              "financial year the first balance sheet date decides the size class (Civil Code "
              "2:398(1))."),
            ("financial_year_number",), _col("financial_year_number"),
        ),
        Measure(
            "group_turnover_eur", "number", "eur",
            T("geconsolideerde groepsomzet vorig boekjaar", "consolidated group revenue previous year"),
            T("Omzet van de hele groep volgens de geconsolideerde jaarrekening over het "
              "voorgaande boekjaar (verrekenprijsdocumentatie, Wet Vpb 1969).", "Revenue of the "
              "whole group according to the consolidated accounts of the previous financial year "
              "(transfer-pricing documentation, Corporate Income Tax Act 1969)."),
            ("group_turnover_eur",), _col("group_turnover_eur"),
        ),
        Measure(
            "employees_avg_fy", "number", "werknemers",
            T("gemiddeld aantal werknemers in het boekjaar", "average employees in the financial year"),
            T("Gemiddeld aantal werknemers over het boekjaar, inclusief groepsmaatschappijen die "
              "in de consolidatie worden betrokken (BW 2:396 lid 1–2).",
              "Average number of employees over the financial year, including group companies "
              "that would be consolidated (Civil Code 2:396(1)–(2))."),
            ("employees_avg_fy",), _col("employees_avg_fy"),
        ),
        Measure(
            "employees_avg_prev_fy", "number", "werknemers",
            T("gemiddeld aantal werknemers vorig boekjaar", "average employees previous financial year"),
            T("Als hierboven, voor het voorgaande boekjaar; de grootteklasse wijzigt pas na twee "
              "opeenvolgende balansdata (BW 2:396 lid 1).",
              "As above, for the previous financial year; the size class only changes after two "
              "consecutive balance sheet dates (Civil Code 2:396(1))."),
            ("employees_avg_prev_fy",), _col("employees_avg_prev_fy"),
        ),
        Measure(
            "employees_20h_jan1", "number", "werknemers",
            T("werknemers ≥ 20 uur/maand op 1 januari", "employees ≥ 20 h/month on 1 January"),
            T("Werknemers met een arbeidsovereenkomst die op 1 januari ten minste 20 betaalde uren "
              "per maand werken, alle Nederlandse vestigingen samen, zonder ingeleend personeel "
              "(Bal afdeling 18.1, WPM).", "Employees with a contract working at least 20 paid "
              "hours a month on 1 January, all Dutch establishments together, excluding hired "
              "staff (Bal section 18.1, WPM)."),
            ("employees_20h_jan1",), _col("employees_20h_jan1"),
        ),
        Measure(
            "fte", "number", "fte",
            T("voltijdbanen (fte)", "full-time equivalents (FTE)"),
            T("Som van de contracturen gedeeld door een voltijdweek.",
              "Sum of contract hours divided by a full-time week."),
            ("fte",), _col("fte"),
        ),
        Measure(
            "weekly_labour_hours", "number", "uur/week",
            T("totale arbeidsduur per week", "total working hours per week"),
            T("Totaal aantal uren dat alle werknemers samen per week werken (Arbowet art. 14: "
              "vrijstelling toetsing bij ten hoogste 40 uur).", "Total hours all employees "
              "together work per week (Arbowet art. 14: no review at 40 hours or less)."),
            ("weekly_labour_hours",), _col("weekly_labour_hours"),
        ),
        Measure(
            "wage_bill_eur", "number", "eur",
            T("loonsom (premieplichtig loon)", "wage bill (insurable wages)"),
            T("Totaal premieplichtig loon per kalenderjaar.", "Total insurable wages per calendar year."),
            ("wage_bill_eur",), _col("wage_bill_eur"),
        ),
        Measure(
            "wage_bill_t2_eur", "number", "eur",
            T("loonsom twee jaar geleden (t−2)", "wage bill two years ago (t−2)"),
            T("Premieplichtig loon van het jaar t−2; bepaalt of een werkgever klein, middelgroot of "
              "groot is voor de Whk- en Aof-premie in jaar t (Wfsv).", "Insurable wages of year "
              "t−2; decides whether an employer is small, medium or large for the Whk and Aof "
              "premium in year t (Wfsv)."),
            ("wage_bill_t2_eur",), _col("wage_bill_t2_eur"),
        ),
        Measure(
            "turnover_eur", "number", "eur",
            T("netto-omzet", "net turnover"), T("Netto-omzet van het boekjaar.", "Net turnover of the financial year."),
            ("turnover_eur",), _col("turnover_eur"),
        ),
        Measure(
            "turnover_prev_eur", "number", "eur",
            T("netto-omzet vorig boekjaar", "net turnover previous year"),
            T("Netto-omzet van het voorgaande boekjaar.", "Net turnover of the previous financial year."),
            ("turnover_prev_eur",), _col("turnover_prev_eur"),
        ),
        Measure(
            "balance_total_eur", "number", "eur",
            T("balanstotaal", "balance sheet total"),
            T("Waarde van de activa op de balansdatum.", "Value of the assets on the balance sheet date."),
            ("balance_total_eur",), _col("balance_total_eur"),
        ),
        Measure(
            "balance_total_prev_eur", "number", "eur",
            T("balanstotaal vorig boekjaar", "balance sheet total previous year"),
            T("Balanstotaal op de vorige balansdatum.", "Balance sheet total on the previous balance sheet date."),
            ("balance_total_prev_eur",), _col("balance_total_prev_eur"),
        ),
        Measure(
            "equity_eur", "number", "eur",
            T("geplaatst kapitaal plus reserves", "issued capital plus reserves"),
            T("Eigen vermogen volgens de balans (structuurregime: inclusief reserves).",
              "Equity according to the balance sheet (two-tier regime: including reserves)."),
            ("equity_eur",), _col("equity_eur"),
        ),
        Measure(
            "electricity_kwh", "number", "kWh",
            T("elektriciteitsverbruik onderneming per jaar", "enterprise electricity use per year"),
            T("Verbruik per kalenderjaar van alle locaties samen, inclusief zelf opgewekte "
              "stroom. Telt voor de EED (per onderneming); de energiebesparingsplicht telt per "
              "locatie (zie 'grootste locatie').", "Use per calendar year of all sites together, "
              "including self-generated electricity. Counts for the EED (per enterprise); the "
              "energy-saving duty counts per site (see 'largest site')."),
            ("electricity_kwh",), _col("electricity_kwh"),
        ),
        Measure(
            "gas_m3", "number", "m3",
            T("aardgasverbruik onderneming per jaar", "enterprise natural gas use per year"),
            T("Aardgas(equivalent) per kalenderjaar van alle locaties samen; andere brandstoffen "
              "omgerekend (1 GJ = 31,6 m3).", "Natural gas (equivalent) per calendar year of all "
              "sites together; other fuels converted (1 GJ = 31.6 m3)."),
            ("gas_m3",), _col("gas_m3"),
        ),
        Measure(
            "electricity_kwh_site", "number", "kWh",
            T("elektriciteitsverbruik van de grootste locatie", "electricity use of the largest site"),
            T("Verbruik per kalenderjaar op dezelfde locatie (vroeger: inrichting), de locatie met "
              "het hoogste verbruik, inclusief zelf opgewekte stroom. De energiebesparingsplicht "
              "toetst per locatie (Bal art. 3.3a; vóór 2024 Activiteitenbesluit art. 2.15 lid 7, "
              "per inrichting): heeft één locatie de drempel, dan geldt de plicht daar.",
              "Use per calendar year at one and the same site (formerly: establishment), the site "
              "with the highest use, including self-generated electricity. The energy-saving duty "
              "is tested per site (Bal art. 3.3a; before 2024 Activiteitenbesluit art. 2.15(7), per "
              "establishment): if one site reaches the threshold, the duty applies there."),
            ("electricity_kwh_largest_site",), _col("electricity_kwh_largest_site"),
        ),
        Measure(
            "gas_m3_site", "number", "m3",
            T("aardgasverbruik van de grootste locatie", "natural gas use of the largest site"),
            T("Aardgas(equivalent) per kalenderjaar op dezelfde locatie, de locatie met het "
              "hoogste verbruik (Bal art. 3.3a; vóór 2024 per inrichting).", "Natural gas "
              "(equivalent) per calendar year at one and the same site, the site with the highest "
              "use (Bal art. 3.3a; before 2024 per establishment)."),
            ("gas_m3_largest_site",), _col("gas_m3_largest_site"),
        ),
        Measure(
            "energy_tj", "number", "TJ",
            T("energieverbruik onderneming (TJ/jaar)", "enterprise energy use (TJ/year)"),
            T("Elektriciteit (3,6 MJ/kWh) plus aardgas omgerekend naar terajoule per jaar; de "
              "EED-herschikking gebruikt het gemiddelde over drie jaar.", "Electricity (3.6 "
              "MJ/kWh) plus natural gas converted to terajoules per year; the EED recast uses "
              "the three-year average."),
            ("electricity_kwh", "gas_m3"), _energy_tj,
        ),
        Measure(
            "cbam_import_tonnes", "number", "ton",
            T("ingevoerde CBAM-goederen (ton/jaar)", "imported CBAM goods (tonnes/year)"),
            T("Massa van ingevoerde CBAM-goederen (ijzer, staal, aluminium, cement, kunstmest) per "
              "importeur per kalenderjaar.", "Mass of imported CBAM goods (iron, steel, "
              "aluminium, cement, fertilisers) per importer per calendar year."),
            ("cbam_import_tonnes",), _col("cbam_import_tonnes"),
        ),
        Measure(
            "intra_eu_exports_eur", "number", "eur",
            T("leveringen naar andere EU-landen (€/jaar)", "deliveries to other EU countries (€/year)"),
            T("Waarde van intra-EU-leveringen van goederen per jaar.", "Value of intra-EU deliveries of goods per year."),
            ("intra_eu_exports_eur",), _col("intra_eu_exports_eur"),
        ),
        Measure(
            "intra_eu_imports_eur", "number", "eur",
            T("verwervingen uit andere EU-landen (€/jaar)", "acquisitions from other EU countries (€/year)"),
            T("Waarde van intra-EU-verwervingen van goederen per jaar.", "Value of intra-EU acquisitions of goods per year."),
            ("intra_eu_imports_eur",), _col("intra_eu_imports_eur"),
        ),
        Measure(
            "planned_dismissals_3m", "number", "ontslagen",
            T("voorgenomen ontslagen binnen 3 maanden (één werkgebied)",
              "planned dismissals within 3 months (one UWV region)"),
            T("Aantal werknemers in één werkgebied van wie de arbeidsovereenkomst binnen drie "
              "maanden zal eindigen (WMCO art. 3).", "Number of employees in one UWV region "
              "whose contracts are to end within three months (WMCO art. 3)."),
            ("planned_dismissals_3m",), _col("planned_dismissals_3m"),
        ),
        Measure(
            "legal_form", "category", "-", T("rechtsvorm", "legal form"),
            T("Rechtsvorm volgens het Handelsregister.", "Legal form as registered with the Chamber of Commerce."),
            ("legal_form",), _cat("legal_form"),
        ),
        Measure(
            "sector_sbi", "category", "-", T("sector (SBI-code)", "sector (SBI code)"),
            T("Hoofdactiviteit volgens de SBI 2008 (KvK).", "Main activity per SBI 2008 (Chamber of Commerce)."),
            ("sector_sbi",), _cat("sector_sbi"),
        ),
        Measure(
            "has_works_council", "bool", "-", T("heeft een ondernemingsraad", "has a works council"),
            T("Er is een ondernemingsraad ingesteld.", "A works council has been set up."),
            ("has_works_council",), _bool("has_works_council"),
        ),
        Measure(
            "has_staff_representation", "bool", "-",
            T("heeft een personeelsvertegenwoordiging", "has a staff representation body"),
            T("Er is een personeelsvertegenwoordiging (PVT) ingesteld.", "A staff representation body (PVT) has been set up."),
            ("has_staff_representation",), _bool("has_staff_representation"),
        ),
        Measure(
            "uses_recognised_rie_tool", "bool", "-",
            T("gebruikt een erkend RI&E-instrument", "uses a recognised RI&E tool"),
            T("De RI&E is gemaakt met een erkend (branche-)instrument (Arbowet art. 14).",
              "The risk assessment was made with a recognised (sector) tool (Arbowet art. 14)."),
            ("uses_recognised_rie_tool",), _bool("uses_recognised_rie_tool"),
        ),
        Measure(
            "travel_allowance", "bool", "-",
            T("geeft reiskostenvergoeding of vervoer", "provides travel allowance or transport"),
            T("De werkgever vergoedt reiskosten of stelt vervoer ter beschikking (WPM).",
              "The employer pays travel costs or provides transport (WPM)."),
            ("travel_allowance",), _bool("travel_allowance"),
        ),
        Measure(
            "listed", "bool", "-", T("beursgenoteerd", "listed on a stock exchange"),
            T("Aandelen zijn genoteerd aan een gereglementeerde markt.", "Shares are listed on a regulated market."),
            ("listed",), _bool("listed"),
        ),
        Measure(
            "consumer_services", "bool", "-",
            T("levert consumentendiensten onder de EAA", "provides consumer services under the EAA"),
            T("Levert diensten aan consumenten die onder de toegankelijkheidsrichtlijn vallen "
              "(o.a. webwinkel, bankdiensten, e-books).", "Provides consumer services covered "
              "by the Accessibility Act (e.g. e-commerce, banking, e-books)."),
            ("consumer_services",), _bool("consumer_services"),
        ),
        Measure(
            "places_eudr_commodities", "bool", "-",
            T("brengt EUDR-grondstoffen op de markt", "places EUDR commodities on the market"),
            T("Brengt hout, rubber, soja, rundvee, cacao, koffie of palmolie(-producten) in de "
              "handel of voert ze uit.", "Places wood, rubber, soy, cattle, cocoa, coffee or "
              "palm oil (products) on the market or exports them."),
            ("places_eudr_commodities",), _bool("places_eudr_commodities"),
        ),
        Measure(
            "heads_group", "bool", "-", T("staat aan het hoofd van een groep", "heads a group"),
            T("De rechtspersoon heeft dochtermaatschappijen of andere groepsmaatschappijen onder "
              "zich (BW 2:406).", "The legal entity has subsidiaries or other group companies "
              "under it (Civil Code 2:406)."),
            ("heads_group",), _bool("heads_group"),
        ),
        Measure(
            "multinational_group", "bool", "-",
            T("hoort bij een internationale groep", "belongs to an international group"),
            T("Het bedrijf hoort bij een groep met groepsmaatschappijen of vaste inrichtingen in "
              "het buitenland (Wet Vpb 1969 art. 29b).", "The firm belongs to a group with group "
              "entities or permanent establishments abroad (Corporate Income Tax Act art. 29b)."),
            ("multinational_group",), _bool("multinational_group"),
        ),
        Measure(
            "connected_products", "bool", "-",
            T("maakt verbonden producten (Data Act)", "makes connected products (Data Act)"),
            T("Brengt producten op de markt die gegevens over hun gebruik of omgeving verzamelen "
              "en doorgeven, zoals machines met een datakoppeling (Verordening (EU) 2023/2854 "
              "art. 2).", "Places on the market products that collect and communicate data on "
              "their use or environment, such as machines with a data link (Regulation (EU) "
              "2023/2854 art. 2)."),
            ("connected_products",), _bool("connected_products"),
        ),
        Measure(
            "digital_products", "bool", "-",
            T("brengt producten met digitale elementen op de markt (CRA)", "places products with digital elements on the market (CRA)"),
            T("Fabriceert producten met software of een netwerkverbinding, zoals een machine met "
              "besturingssoftware (Verordening (EU) 2024/2847 art. 3).", "Manufactures products "
              "with software or a network connection, such as a machine with control software "
              "(Regulation (EU) 2024/2847 art. 3)."),
            ("digital_products",), _bool("digital_products"),
        ),
        Measure(
            "hazardous_substances", "bool", "-",
            T("werkt met gevaarlijke stoffen", "works with hazardous substances"),
            T("Werknemers worden of kunnen worden blootgesteld aan gevaarlijke stoffen, zoals "
              "koelsmeermiddelen, oplosmiddelen, lasrook of metaalstof (Arbobesluit art. 4.1).",
              "Workers are or may be exposed to hazardous substances, such as metalworking "
              "fluids, solvents, welding fume or metal dust (Working Conditions Decree art. 4.1)."),
            ("hazardous_substances",), _bool("hazardous_substances"),
        ),
        Measure(
            "welding", "bool", "-", T("er wordt gelast of thermisch gesneden", "welding or thermal cutting takes place"),
            T("In het bedrijf wordt gelast, gesneden of gesoldeerd, waarbij lasrook vrijkomt.",
              "Welding, thermal cutting or brazing takes place, releasing welding fume."),
            ("welding",), _bool("welding"),
        ),
        Measure(
            "carcinogen_exposure", "bool", "-",
            T("blootstelling aan kankerverwekkende stoffen of processen", "exposure to carcinogens"),
            T("Werknemers worden of kunnen worden blootgesteld aan kankerverwekkende of mutagene "
              "stoffen of processen (SZW-lijst; bijvoorbeeld chroom-6 bij lassen van roestvast "
              "staal) (Arbobesluit art. 4.11–4.12).", "Workers are or may be exposed to "
              "carcinogenic or mutagenic substances or processes (SZW list; e.g. hexavalent "
              "chromium when welding stainless steel) (Working Conditions Decree art. 4.11–4.12)."),
            ("carcinogen_exposure",), _bool("carcinogen_exposure"),
        ),
        Measure(
            "noise_above_80db", "bool", "-",
            T("lawaai boven 80 dB(A)", "noise above 80 dB(A)"),
            T("De dagelijkse blootstelling aan lawaai is voor ten minste één werknemer hoger dan "
              "80 dB(A) of de piekgeluidsdruk hoger dan 112 Pa (Arbobesluit art. 6.8 lid 7).",
              "Daily noise exposure of at least one worker exceeds 80 dB(A) or peak sound "
              "pressure exceeds 112 Pa (Working Conditions Decree art. 6.8(7))."),
            ("noise_above_80db",), _bool("noise_above_80db"),
        ),
    )
}  # fmt: skip  # (a table: one measure per block, aligned)


def compute_columns(
    frame: Any, rates: dict[str, float], needed: set[str] | None = None
) -> dict[str, np.ndarray]:
    """Measure columns for a completed profile frame (see :func:`checker.defaults.complete`)."""
    out: dict[str, np.ndarray] = {}
    for mid, measure in MEASURES.items():
        if needed is not None and mid not in needed:
            continue
        out[mid] = measure.compute(frame, rates)
    return out
