"""Concepts of personal data beyond contact and identity: relatives and contacts, parts of an
address, places, life events, special categories (health, biometric, genetic), financial data
and demographics. Each group says which words still name the data when they follow it
(`hiv_status`, `palm_vein_template`, `credit_score`)."""

from __future__ import annotations

from registry.privacy.concept import (
    NUMERIC,
    ORGANISATION_OWNERS,
    START,
    TEMPORAL,
    TEXTUAL,
    Concept,
    alternatives,
)
from registry.privacy.personal import ORGANISATION_PLACES, PERSON_NOUNS

BOOLEAN = frozenset({"boolean"})
HEALTH_WORDS = (
    *("status", "state", "code", "codes", "type", "types", "result", "level", "flag"),
    *("indicator", "reason", "reasons", "description", "note", "notes", "condition"),
    # the fact itself (`is_smoker`), a measure as a share, a band or a summary of a body
    *("is", "has", "percent", "percentage", "zone", "zones", "summary", "avg", "average"),
)
BIOMETRIC_WORDS = (
    "sequence",
    "sequences",
    "profile",
    "marker",
    "markers",
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
    "code",
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
            "|current position|gps position|gps trace|lat lng|lat lon"
            # places as fine as a city
            "|town|district|municipality|borough|hamlet|commune|census tract|census block",
            "quasi_identifier",
            "a geolocation",
            not_after=ORGANISATION_PLACES,
            keeps=("name", "names"),
        ),
        # A locality of data or of memory is not a place (`data_locality`).
        alternatives(
            "locality|sublocality",
            "quasi_identifier",
            "a geolocation",
            before=(START, *PERSON_NOUNS, "geo", "address", "home", "postal", "billing"),
            keeps=("name", "names"),
        ),
        # What a person looks like (`eye_color`, `distinguishing_marks`).
        alternatives(
            "eye color|eye colour|hair color|hair colour|distinguishing marks|distinguishing mark"
            "|tattoo|tattoos",
            "quasi_identifier",
            "a demographic attribute",
        ),
        alternatives(
            "place of birth|country of birth|city of birth|birth country|birth city"
            "|marriage date|date of marriage|wedding date|death date|date of death|deceased"
            "|death date time|date time of death|death datetime"
            "|hire date|hiring date|date of hire|termination date|divorce date|retirement date"
            "|graduation date|employment start date|employment end date|start of employment"
            "|end of employment|leaving date|last working day|seniority date",
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
            "|nhi|nhi number"
            # a clinical record's words: onset and course, dosing, where on the body
            "|onset date|symptom onset|abatement|clinical status|clinical finding"
            "|clinical findings|dosage|dosage instruction|dosage instructions"
            "|dose quantity|body site|procedure code|procedure codes|procedure codeable"
            "|surgical procedure|medical procedure|onset date time|abatement date time"
            # measures of a body that a wearable or a clinic records
            "|resting heart rate|heart rate variability|hrv|ecg|ekg|electrocardiogram"
            "|blood glucose|glucose level|insulin|insulin dose|blood oxygen"
            "|menstrual|menstrual cycle|menstruation|ovulation|fertility|fertility window"
            "|contraception|contraceptive|sleep apnea|body fat"
            # clinical code systems whose values are a person's findings
            "|snomed|snomed code|loinc|loinc code|cpt code|rxnorm"
            # impairments, care and reproductive health
            "|hearing loss|visual impairment|hearing impairment|cognitive impairment"
            "|physical impairment|handicap"
            "|rehabilitation|psychotherapy|counseling|counselling|abortion|miscarriage"
            "|body weight|body height|waist circumference"
            # what brings a patient in and how urgent, rhythms and breathing, moods
            "|chief complaint|presenting complaint|reason for visit|visit reason|acuity"
            "|acuity level|triage acuity|irregular rhythm|arrhythmia|atrial fibrillation|afib"
            "|breaths per minute|breathing rate|respiration rate|respiratory|menstrual period"
            "|beats per minute"
            "|mood|mood log|discharge date|date of discharge|admit date"
            # needs of a pupil
            "|special educational needs|special needs|learning disability|learning difficulty"
            "|dyslexia"
            # allergies, onset, disposition and lipid and thyroid panels of a patient
            "|allergen|allergens|allergy intolerance|onset age|age at onset|age of onset"
            "|discharge disposition|ldl|hdl|ldl cholesterol|hdl cholesterol|tsh|ferritin"
            "|platelet count|patient weight|patient height"
            # a clinical observation's value and a reaction to a drug or an allergen
            "|observation value|observation result|adverse reaction|reaction manifestation"
            # how a person died, what a pharmacy dispensed to them and how to take it
            "|cause of death|manner of death|death cause|autopsy|autopsy findings|autopsy report"
            "|dispensed drug|dispensed drugs|dispensed medication|drug dispensed"
            "|medication dispensed|dosing instructions|dosage directions|dose instructions"
            # fitness to travel and the special services airlines code for it (IATA SSR)
            "|medical clearance|fit to fly|medif|wchr|wchs|wchc|meda|blnd|deaf|dpna|oxyg"
            "|stcr|mobility aid|hearing aid|service animal|assistance animal",
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
            "|biometric template"
            # genes tested for risk, a person's variants
            "|brca|brca1|brca2|apoe|genetic variant|gene variant|hla type|hla typing"
            # behavioural biometrics and genetic ancestry
            "|keystroke dynamics|typing biometrics|typing pattern|haplogroup|genetic ancestry"
            "|ancestry composition|ancestry report|dna ancestry|ethnic ancestry"
            # a person's voice as recorded
            "|voice recording|voice recordings|voice clip|voice clips|voice memo|voice note"
            "|speech sample|speech recording|utterance audio",
            "special_category",
            "biometric or genetic data",
            keeps=BIOMETRIC_WORDS,
        ),
        # What a voice assistant or a dictation recorded (`voice_assistant_recording`).
        alternatives(
            "recording|recordings|audio clip|audio",
            "special_category",
            "biometric or genetic data",
            before=("voice", "assistant", "alexa", "siri", "dictation", "voicemail"),
        ),
        # A fingerprint of a person, not of a key or a browser (`key_fingerprint`); alone it is
        # a hash of something (a card's, a document's), unless a word of capture follows.
        alternatives(
            "|".join(f"fingerprint {word}" for word in BIOMETRIC_WORDS),
            "special_category",
            "biometric or genetic data",
            keeps=BIOMETRIC_WORDS,
        ),
        alternatives(
            "fingerprint",
            "special_category",
            "biometric or genetic data",
            before=PERSON_NOUNS,
            keeps=BIOMETRIC_WORDS,
        ),
        alternatives(
            "income|annual income|household income|taxable income|salary|monthly salary|wage|wages"
            "|net worth|credit score|credit rating|fico|fico score|debt amount|loan balance"
            "|mortgage account|mortgage account number|bank balance|account balance"
            "|tax return|paystub|pay stub|payslip|pay slip|bankruptcy|bban|debt|debts"
            "|outstanding debt|loan|loan amount|loan balance|savings balance"
            "|portfolio value|investment value|balance|credit limit|credit rating code"
            # pay and deductions of a person
            "|net pay|gross pay|take home pay|pay rate|hourly rate|hourly wage|total compensation"
            "|annual compensation|base compensation|remuneration|annual bonus|performance bonus|bonus amount|pension|pension"
            " contribution|garnishment|garnishment amount|wage garnishment|overdraft"
            "|overdraft limit|tax refund|tax refund amount|severance|severance pay"
            # accounts and records of a person's money
            "|credit report|credit history|bank statement|account statement|brokerage account"
            "|investment account|retirement account|ira account|mortgage|mortgage balance"
            "|alimony|child support|tax owed|tax bracket|arrears"
            "|bonus payout|bonus payment|wage rate|hourly wage rate|hourly pay rate|overtime pay"
            "|salary amount"
            # where a customer's money comes from, as KYC asks (`source_of_wealth`)
            "|source of funds|source of wealth|sources of funds|sources of wealth|wealth source"
            "|funds source|origin of funds|wealth|personal wealth"
            # what a welfare or pension scheme pays a person
            "|benefit payment|benefit payments|welfare payment|welfare benefit"
            "|unemployment benefit|disability benefit|child benefit|social benefit|stipend"
            "|annuity|annuity payment|allowance payment",
            "financial",
            "financial data",
            TEXTUAL | NUMERIC | BOOLEAN,
            keeps=MONEY_WORDS,
            not_after=(
                *("load", "zone", "shard", "partition", "cluster", "node", "traffic"),
                # balances of a game or of time off, not money (`leave_balance`)
                *("game", "coin", "coins", "gem", "gems", "leave", "vacation", "pto", "energy"),
                # credits of an app (`super_like_balance`, `boost_balance`)
                *("like", "likes", "boost", "boosts", "spin", "spins", "star", "stars"),
                *("heart", "hearts", "diamond", "diamonds", "life", "lives", "token", "tokens"),
            ),
        ),
        # Earnings of a person, not of a company (`insured_annual_earnings`; `quarterly_earnings`
        # is a company's report).
        alternatives(
            "earnings|annual earnings|gross earnings|net earnings|weekly earnings"
            "|monthly earnings|reported earnings",
            "financial",
            "financial data",
            TEXTUAL | NUMERIC,
            before=(START, *PERSON_NOUNS, "personal", "household", "average", "pensionable"),
            keeps=MONEY_WORDS,
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
            "card expiry|card expiration|card expiry date|card expiration date|card exp"
            "|exp month|exp year|expiry month|expiry year|expiration month|expiration year",
            "financial",
            "financial data",
            TEXTUAL | NUMERIC | TEMPORAL,
            not_after=(
                *("token", "certificate", "cert", "key", "password", "session", "trial"),
                *("license", "licence", "subscription", "contract", "domain", "plan"),
            ),
        ),
        # Addresses and keys of instant payments name a person's account (`vpa`, `pix_key`).
        alternatives(
            "vpa|virtual payment address|upi id|upi address|upi handle|pix key|chave pix"
            "|payid|bsb account|bsb account number"
            # the account a seller or a claimant is paid into (`seller_payout_account`)
            "|payout account|payout bank account|payout account number|payout iban"
            "|direct deposit account|deposit account number|disbursement account"
            "|refund account",
            "financial",
            "a card or bank number",
        ),
        # Handles of payment apps are online identifiers (`cashtag`, `venmo_username`).
        alternatives(
            "cashtag|venmo handle|venmo username|paypal me|paypal handle|paypal username",
            "pii",
            "an online identifier",
        ),
        # A link to a person's profile or own site is an online identifier (`linkedin_url`).
        alternatives(
            "profile url|profile link|profile page|personal website|personal homepage"
            "|personal url|social profile|social profile url|linkedin url|linkedin profile"
            "|facebook profile|facebook url|twitter url|instagram url|gamertag|gamer tag",
            "pii",
            "an online identifier",
            # profiles of a program, a machine or a colour space (`cpu_profile_url`)
            not_after=(
                *("cpu", "heap", "memory", "perf", "pprof", "trace", "performance", "power"),
                *("iam", "instance", "browser", "chrome", "config", "configuration", "network"),
                *("security", "color", "colour", "icc", "build", "test", "runtime", "app"),
            ),
        ),
        # The payer's or the addressee's name on an order (`billing_name`).
        alternatives(
            "billing name|shipping name|delivery name",
            "pii",
            "the name of a person",
        ),
        alternatives(
            "vehicle registration number|registration plate|plate number"
            "|vehicle plate|military id|military id number|voter registration number"
            "|alien registration number|alien number|birth certificate|birth certificate number"
            "|birth registration number"
            # a pupil's or a student's number
            "|student number|pupil number|learner number|unique learner number|uln"
            "|unique pupil number|matriculation number|matric number"
            # numbers of border and travel programmes
            "|known traveler number|known traveller number|ktn|redress number"
            "|redress control number|trusted traveler number|trusted traveller number"
            "|global entry number|nexus number|passport card number|visa foil number"
            "|visa grant number|green card number|permanent resident card number|uscis number",
            "pii",
            "a government identifier",
            TEXTUAL | NUMERIC,
            not_after=ORGANISATION_OWNERS,
        ),
        # A traveller's or a person's document number (`apis_document_number`); a document of a
        # system is not one.
        alternatives(
            "document number|document no|doc number",
            "pii",
            "a government identifier",
            TEXTUAL | NUMERIC,
            before=(*PERSON_NOUNS, "apis", "docs", "travel", "identity", "id", "kyc", "holder"),
        ),
        # Numbers of a licensed professional (`attorney_bar_number`, `prescriber_dea_number`).
        alternatives(
            "bar number|bar id|bar registration number|bar license number|bar licence number",
            "pii",
            "a professional identifier",
            before=(*PERSON_NOUNS, "state"),
        ),
        alternatives(
            "dea number|dea registration number|dea registration|nmls id|nmls number"
            "|crd number|gmc number|nmc pin|ahpra number|medical license number"
            "|medical licence number|nursing license number|professional license number"
            "|practising certificate number|notary commission number",
            "pii",
            "a professional identifier",
            TEXTUAL | NUMERIC,
            not_after=(
                *("pharmacy", "hospital", "facility", "clinic", "organization", "organisation"),
                *("practice", "org", "company", "firm", "lab", "laboratory"),
            ),
        ),
        alternatives(
            "insurance member id|health plan member id|health plan id|medical insurance number"
            "|insurance member number|health plan member number"
            "|insurance card number",
            "special_category",
            "health data",
        ),
        # A member of a health or pharmacy plan, by the plan's word (`medicaid_recipient_id`,
        # `pbm_member_id`, `dental_subscriber_number`).
        alternatives(
            "member id|member number|recipient id|recipient number|beneficiary id"
            "|beneficiary number|subscriber id|subscriber number|enrollee id|cardholder id"
            "|member",
            "special_category",
            "health data",
            before=(
                *("medicaid", "medicare", "pbm", "rx", "pharmacy", "dental", "vision", "health"),
                *("insurance", "insurer", "medical", "chip", "tricare", "prescription", "hmo"),
                *("ppo", "payer", "healthplan"),
            ),
            keeps=("id", "ids"),
        ),
        alternatives(
            "billing details|shipping details|billing info|shipping info",
            "pii",
            "a postal address",
            TEXTUAL,
        ),
        alternatives(
            "marital state|civil status|household size|number of children"
            "|number of dependents|citizenship|immigration status|visa status"
            "|residency status|native language|mother tongue|first language"
            "|education level|highest education|occupation|job title|employer"
            "|employer name|birth month|sex at birth|gender identity|veteran status"
            "|military status|age bracket|age group|veteran|job position|position title"
            "|relationship status|country of residence|residence country|home country"
            "|country of citizenship|citizenship country|place of work|workplace|job role"
            "|job function|pronoun|pronouns|preferred pronouns|birth place|birth town"
            "|communication language|spoken language|languages spoken",
            "quasi_identifier",
            "a demographic attribute",
            TEXTUAL | NUMERIC | BOOLEAN,
            keeps=DEMOGRAPHIC_WORDS,
        ),
        # A person's language or locale (`customer_locale`); a repository's primary language is
        # not a person's.
        alternatives(
            "locale|language|primary language|preferred locale",
            "quasi_identifier",
            "a demographic attribute",
            before=PERSON_NOUNS,
            keeps=DEMOGRAPHIC_WORDS,
        ),
        # A clinician's own number (`prescriber_npi`); a pharmacy's or a hospital's is not a
        # person's.
        alternatives(
            "npi|npi number|national provider identifier",
            "pii",
            "a professional identifier",
            TEXTUAL | NUMERIC,
            not_after=(
                *("pharmacy", "hospital", "facility", "clinic", "organization", "organisation"),
                *("billing", "payer", "group", "lab", "laboratory", "practice", "org"),
            ),
        ),
        # Art. 10 and the rest of Art. 9: offences, beliefs, origins, politics, unions.
        alternatives(
            "criminal|criminal record|criminal history|criminal offence|criminal offense"
            "|conviction|convictions|convicted|offence|offense|offences|offenses|felony"
            "|felonies|misdemeanor|misdemeanour|sex offender|arrest|arrests|arrest record"
            "|parole|incarceration|inmate|prison sentence|court conviction"
            "|background check|criminal background check|dbs check|disclosure check"
            # the charge, the bail and the sentence of a criminal case
            "|bail amount|bail status|bail bond|bail conditions|bail posted|custodial sentence"
            "|jail term|prison term|jail sentence|sentence served|charge statute|charged statute"
            "|statute charged|charged offense|charged offence|criminal charge|criminal charges"
            "|indictment|indicted|plea|plea bargain|mugshot|booking photo|rap sheet"
            "|probation status|probation term|parole status|prior convictions",
            "special_category",
            "criminal-offence data",
            TEXTUAL | NUMERIC | BOOLEAN | TEMPORAL,
            keeps=(*HEALTH_WORDS, "date", "history", "check", "checks", "registry", "register"),
        ),
        alternatives(
            "denomination|faith|religious affiliation|church membership|caste|tribe|tribal"
            "|tribe affiliation|race|racial origin|ethnic group|ethnic background"
            "|political party|party affiliation|political donation|political view"
            "|skin color|skin colour|skin tone|gender transition|transgender|sexuality"
            "|political views|voting intention|union member|union membership|union dues"
            "|labor union|labour union|trade union dues|sexual life|sex life|sexual preference"
            "|lgbt|lgbtq|lgbtqia|queer"
            # how a person leans in politics
            "|political leaning|political lean|political orientation|political stance"
            "|political belief|political beliefs|political ideology|political alignment"
            "|political preference",
            "special_category",
            "a special category of personal data",
            TEXTUAL | NUMERIC | BOOLEAN,
            keeps=(*HEALTH_WORDS, "preference", "preferences"),
            not_before=("condition", "conditions", "find", "type", "types"),
        ),
    )
    for c in group
)
