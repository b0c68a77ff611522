"""Concepts of personal data beyond contact and identity: relatives and contacts, parts of an
address, places, life events, special categories (health, biometric, genetic), financial data
and demographics. Each group says which words still name the data when they follow it
(`hiv_status`, `palm_vein_template`, `credit_score`)."""

from __future__ import annotations

from registry.privacy.concept import NUMERIC, START, TEMPORAL, TEXTUAL, Concept, alternatives
from registry.privacy.personal import PERSON_NOUNS

BOOLEAN = frozenset({"boolean"})
HEALTH_WORDS = (
    *("status", "state", "code", "codes", "type", "types", "result", "level", "flag"),
    *("indicator", "reason", "reasons", "description", "note", "notes"),
)
BIOMETRIC_WORDS = (
    "template",
    "templates",
    "hash",
    "hashed",
    "digest",
    "image",
    "sample",
    "embedding",
    "vector",
    "scan",
    "data",
    "result",
    "results",
)
MONEY_WORDS = ("score", "scores", "flag", "status", "amount", "total", "range")
DEMOGRAPHIC_WORDS = (
    *("status", "state", "code", "codes", "type", "level", "group", "range", "flag"),
    "indicator",
)

CATEGORIES: tuple[Concept, ...] = tuple(
    c
    for group in (
        alternatives(
            "next of kin|guardian|legal guardian|emergency contact|primary contact"
            "|point of contact|billing contact|kana name|kanji name|furigana|maiden name",
            "pii",
            "the name of a person",
            keeps=("name", "names"),
        ),
        alternatives(
            "apartment|apartment number|suite number|unit number|flat number|floor number|floor and unit"
            "|po box|p o box|post office box|care of|building number|building name|street name"
            "|street number|house name|address detail|line address|land address|road address"
            "|door number|door no",
            "pii",
            "a postal address",
        ),
        alternatives(
            "landline|landline number|voip number|voip phone|pager number",
            "pii",
            "a phone number",
            TEXTUAL | NUMERIC,
        ),
        alternatives(
            "neighborhood|suburb|home town|village|township|last location|precise position"
            "|current position|gps position|gps trace|lat lng|lat lon",
            "quasi_identifier",
            "a geolocation",
        ),
        alternatives(
            "place of birth|country of birth|city of birth|birth country|birth city"
            "|marriage date|date of marriage|wedding date|death date|date of death|deceased"
            "|hire date|hiring date|date of hire|termination date|divorce date|retirement date"
            "|graduation date",
            "quasi_identifier",
            "a life event",
            TEXTUAL | TEMPORAL,
        ),
        alternatives(
            "chronic condition|pre existing condition|preexisting condition|hiv|covid"
            "|blood pressure|heart rate|pulse rate|bmi|body mass index|blood sugar|glucose"
            "|cholesterol|vital signs|vitals|sick leave|sickness|sick note|psychiatric"
            "|mental|substance use|addiction|wheelchair|wheelchair user|clinical note"
            "|medical note|patient note|prescription number|pregnant|hospitalization"
            "|hospital admission|health record|diabetic|diabetes|asthma|asthmatic|sti"
            "|sexually transmitted|blood alcohol|surgery|surgical history|lab value|lab values"
            "|prescribed drug|prescribed drugs|prescribed medication|medical history|cancer"
            "|oncology|injury|injuries|drug test|drug screening|disease|diseases|infection"
            "|hepatitis|tuberculosis|dementia|depression|autism|adhd|genotype|genetic marker"
            # vital signs and lab values, habits a clinician records, clinical documents
            "|systolic|diastolic|pulse|respiratory rate|oxygen saturation|spo2|body temperature"
            "|blood group|hba1c|a1c|triglycerides|creatinine|hemoglobin|haemoglobin"
            "|smoker|smoking status|tobacco use|alcohol use|alcohol consumption|drug use"
            "|discharge summary|discharge diagnosis|admission diagnosis|progress note|care plan"
            "|nhi|nhi number",
            "special_category",
            "health data",
            TEXTUAL | NUMERIC | BOOLEAN | TEMPORAL,
            keeps=HEALTH_WORDS,
        ),
        alternatives(
            "face embedding|face image|face photo|face scan|face encoding|facial geometry"
            "|facial recognition|iris|iris scan|retina|palm print|palm vein|voice sample"
            "|voice template|voice print|gait|gait signature|liveness video|liveness selfie"
            "|dna|dna profile|dna sample|genome|genome sequence|genetic|genetic test"
            "|biometric template",
            "special_category",
            "biometric or genetic data",
            keeps=BIOMETRIC_WORDS,
        ),
        # A fingerprint of a person, not of a key or a browser (`key_fingerprint`).
        alternatives(
            "fingerprint",
            "special_category",
            "biometric or genetic data",
            before=(START, *PERSON_NOUNS),
            keeps=BIOMETRIC_WORDS,
        ),
        alternatives(
            "income|annual income|household income|salary|monthly salary|wage|wages"
            "|net worth|credit score|credit rating|fico|fico score|debt amount|loan balance"
            "|mortgage account|mortgage account number|bank balance|account balance"
            "|tax return|paystub|pay stub|payslip|pay slip|bankruptcy|bban|debt|debts"
            "|outstanding debt|loan|loan amount|loan balance|savings balance"
            "|portfolio value|investment value|balance|credit limit|credit rating code"
            # pay and deductions of a person
            "|net pay|gross pay|take home pay|pay rate|hourly rate|hourly wage|total compensation"
            "|annual compensation|base compensation|remuneration|annual bonus|performance bonus|bonus amount|pension|pension"
            " contribution|garnishment|garnishment amount|wage garnishment|overdraft"
            "|overdraft limit|tax refund|tax refund amount|severance|severance pay",
            "financial",
            "financial data",
            TEXTUAL | NUMERIC | BOOLEAN,
            keeps=MONEY_WORDS,
            not_after=("load", "zone", "shard", "partition", "cluster", "node", "traffic"),
        ),
        # Savings of a person, not a cloud bill's (`estimated_monthly_savings`, `savings_plans`).
        alternatives(
            "savings",
            "financial",
            "financial data",
            TEXTUAL | NUMERIC,
            before=(START, *PERSON_NOUNS, "personal", "household", "retirement", "total"),
            keeps=MONEY_WORDS,
        ),
        alternatives(
            "card expiry|card expiration|card expiry date|card expiration date|card exp",
            "financial",
            "financial data",
            TEXTUAL | NUMERIC | TEMPORAL,
        ),
        alternatives(
            "marital state|civil status|household size|number of children"
            "|number of dependents|citizenship|immigration status|visa status"
            "|residency status|native language|mother tongue|first language"
            "|education level|highest education|occupation|job title|employer"
            "|employer name|birth month|sex at birth|gender identity|veteran status"
            "|military status|age bracket|age group|veteran|job position|position title",
            "quasi_identifier",
            "a demographic attribute",
            TEXTUAL | NUMERIC | BOOLEAN,
            keeps=DEMOGRAPHIC_WORDS,
        ),
        # Art. 10 and the rest of Art. 9: offences, beliefs, origins, politics, unions.
        alternatives(
            "criminal|criminal record|criminal history|criminal offence|criminal offense"
            "|conviction|convictions|convicted|offence|offense|offences|offenses|felony"
            "|felonies|misdemeanor|misdemeanour|sex offender|arrest|arrests|arrest record"
            "|parole|incarceration|inmate|prison sentence|court conviction",
            "special_category",
            "criminal-offence data",
            TEXTUAL | NUMERIC | BOOLEAN | TEMPORAL,
            keeps=(*HEALTH_WORDS, "date", "history"),
        ),
        alternatives(
            "denomination|faith|religious affiliation|church membership|caste|tribe|tribal"
            "|tribe affiliation|race|racial origin|ethnic group|ethnic background"
            "|political party|party affiliation|political donation|political view"
            "|political views|voting intention|union member|union membership|union dues"
            "|labor union|labour union|trade union dues|sexual life|sex life|sexual preference",
            "special_category",
            "a special category of personal data",
            TEXTUAL | NUMERIC | BOOLEAN,
            keeps=HEALTH_WORDS,
            not_before=("condition", "conditions", "find", "type", "types"),
        ),
    )
    for c in group
)
