"""Likely patient identifiers in free text (HIPAA Safe Harbor list), found by rules. Pure.

The identifier types are those of the Safe Harbor method, 45 CFR 164.514(b)(2)(i)
(https://www.ecfr.gov/current/title-45/subtitle-A/subchapter-C/part-164/subpart-E/section-164.514),
including its "ages over 89" and street-address/ZIP items; the guard flags them for
the user to review and does not claim to de-identify text.

``find_identifiers(text)`` returns spans, each with its type and a reason to show
the user before saving. Structured identifiers (phone, e-mail, SSN, record
numbers, addresses, ZIP codes, URLs, IP addresses, device serials, plates) are
matched by their shape, most with a keyword nearby; names and dates only in
patient context (after "patient", "pt", Mr./Mrs./Ms., a relative, a care verb,
a date-of-birth cue; a full name owning a relative or a chart; a sentence-initial
name followed by an age or care), so "Dr. Lee supervised" and the log's own dates
are left alone. Nothing leaves the machine; no model is involved. Names are the
weak point: on text the rules have never seen they find about 64-76% of them
(benchmarks/README.md).

Measured on ``tests/privacy/eval_set*.jsonl`` (five of them written blind to these rules)
by ``benchmarks/privacy_guard.py``.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from medpath.privacy import names

TYPES = ("name", "date", "age-over-89", "phone", "email", "ssn", "mrn", "address", "zip", "url", "ip", "device", "plate")

REASONS = {
    "name": "looks like a patient's or relative's name",
    "date": "a date tied to a patient (birth, admission, procedure)",
    "age-over-89": "ages over 89 identify people",
    "phone": "a phone or fax number",
    "email": "an e-mail address",
    "ssn": "a social security number",
    "mrn": "a record, account or health-plan number",
    "address": "a street address",
    "zip": "a ZIP code",
    "url": "a web address",
    "ip": "an IP address",
    "device": "a device serial number",
    "plate": "a licence plate",
}


@dataclass(frozen=True, order=True)
class Span:
    """One likely identifier: text[start:end]."""

    start: int
    end: int
    type: str
    text: str

    @property
    def reason(self) -> str:
        """Why it was flagged, in words for the form."""
        return REASONS[self.type]


_MONTH = (
    r"(?:Jan(?:uary)?|Feb(?:ruary)?|Mar(?:ch)?|Apr(?:il)?|May|June?|July?|Aug(?:ust)?|Sep(?:t(?:ember)?)?"
    r"|Oct(?:ober)?|Nov(?:ember)?|Dec(?:ember)?)\.?"
)
_WEEKDAY = r"(?:(?:Mon|Tues|Wednes|Thurs|Fri|Satur|Sun)day,?\s)"
_STREET = (
    r"(?:Street|St\.?|Road|Rd\.?|Avenue|Ave\.?|Lane|Ln\.?|Drive|Dr\.?|Court|Ct\.?|Way|Boulevard|Blvd\.?"
    r"|Place|Pl\.?|Terrace|Circle|Parkway|Pkwy|Highway|Hwy|Square|Sq\.?|Trail|Row|Path|Pike|Bend|Loop|Crossing"
    r"|Ridge|Hollow|Heights|Alley|Crescent|Grove|Run)"
)
# Letters beyond ASCII: Latin-1, Latin Extended-A (Polish, Czech, Turkish, Māori macrons) and Latin Extended
# Additional (Vietnamese). The extended blocks mix cases; a name's shape still needs a capital first.
_LOWER = "a-zà-öø-ÿā-ſḁ-ỿ"
_UPPER = "A-ZÀ-ÖØ-ÞĀ-ſḀ-ỿ"
# A possessive "'s" is not part of the name ("Mr. Quarshie's Social Security number").
_NAME = (
    rf"(?:Ma?c[{_UPPER}][{_LOWER}]+|[ODL]'[{_UPPER}][{_LOWER}]+|St\.\s[{_UPPER}][{_LOWER}]+"
    rf"|[{_UPPER}][{_LOWER}]+(?:-[{_UPPER}]?[{_LOWER}]+|'[{_UPPER}][{_LOWER}]+|'[{_LOWER}]{{2,}})?)"
)
_PARTICLE = r"(?:de la|de los|van der|van den|de|del|van|von|du|le|la|da|di|dos|das|al|el|bin|ibn|Ní|Nic|Ó|Ua|Te|Mac|bint)"
# A name of two to four parts, particles allowed between them ("Dietrich von Ahlen", "Rāwiri Te Whata").
_LONG_NAME = rf"{_NAME}(?:\s(?:{_PARTICLE}\s)?{_NAME}){{1,3}}"
_LOWER_WORD = rf"[{_LOWER}]"
_RELATIVE = (
    r"(?:(?:daughter|son|mother|father|brother|sister)-in-law|MIL|FIL|SIL|BIL|nan|nana|mum|aunty|auntie|Mom|Dad|Grandpa|Grandma|Nana|Papa|Auntie|Aunt|Uncle|brothers|sisters|Mother|Father|Wife|Husband|Daughter|Son|wife|husband|son|daughter|mother|mom|father|dad|sister|brother|niece|nephew|grandson|granddaughter"
    r"|grandmother|grandfather|grandma|grandpa|partner|spouse|aunt|uncle|fianc[eé]e?|cousin|boyfriend|girlfriend)"
)
_TITLES = r"(?:Mr|Mrs|Ms|Miss|Mx|Dr)"
_STAFF = (
    r"(?:Dr|Doctor|Nurse|nurse|preceptor|attending|resident|intern|Interpreter|interpreter|Pharmacist|pharmacist"
    r"|Professor|Prof|advisor|mentor|classmate|tech|technician|therapist|chaplain|Chaplain|surgeon|Surgeon"
    r"|Anesthesiologist|anesthesiologist|charge|Charge|PA|NP|RN|CNA|midwife|colleague|Sister|Father|Paramedic|paramedic|EMT|Medic"
    r"|Coach|coach|Counselor|counselor|Dietitian|dietitian|Scribe|scribe|Volunteer|volunteer|Supervisor|supervisor"
    r"|Preceptor|Attending|Resident|Intern|Mentor|Fellow)"
)

_PATTERNS: list[tuple[str, re.Pattern[str], int]] = [
    # Each match starts only where a run of address characters starts: a long run that is not an address is read once.
    ("url", re.compile(r"\b(?:https?://|www\.)[^\s,;)]+|(?<![\w.-])[\w.-]+\.(?:com|org|net|edu|gov|io|us)/[^\s,;)]+", re.I), 0),
    ("email", re.compile(r"(?<![\w.+-])[\w.+-]+@[\w-]+(?:\.[\w-]+)+\b"), 0),
    ("ip", re.compile(r"\b(?:(?:25[0-5]|2[0-4]\d|1?\d?\d)\.){3}(?:25[0-5]|2[0-4]\d|1?\d?\d)\b"), 0),
    ("ip", re.compile(r"\b(?:[0-9a-f]{1,4}:){1,7}(?::[0-9a-f]{1,4}){1,7}\b|\b(?:[0-9a-f]{1,4}:){7}[0-9a-f]{1,4}\b", re.I), 0),
    ("ssn", re.compile(r"\b\d{3}-\d{2}-\d{4}\b|(?<=\s)\d{3} \d{2} \d{4}\b|\b\d{3}\.\d{2}\.\d{4}\b"), 0),
    (
        "ssn",
        re.compile(
            r"(?:\bSSN|social(?: security(?: number)?)?)(?:\s+(?:is|was|number|of|#|as))*[\s:#,(]*(\d{9}|\d{3}[ .-]\d{2}[ .-]\d{4})\b",
            re.I,
        ),
        1,
    ),
    ("phone", re.compile(r"(?:\+1[\s.-]?|\b1-)?(?:\(\d{3}\)\s?|\b\d{3}[\s.-])\d{3}[\s.-]\d{4}\b"), 0),
    ("phone", re.compile(r"(?<![\w#-])(?<!NDC )(?<!lot )(?<!room )(?<!bed )[2-9]\d{2}-\d{4}\b(?!-)", re.I), 0),
    ("phone", re.compile(r"(?<![\w#-])[2-9]\d{2}[2-9]\d{6}\b"), 0),
    (
        "phone",
        re.compile(r"\b(?:phone|cell|call|fax|number|reach(?:ed)?|text)\b[^.\d]{0,25}?\b(\d{10}|\d{3}-\d{4})\b", re.I),
        1,
    ),
    (
        "mrn",
        re.compile(
            r"(?:\bMRN|\bMR\s?#|medical record(?: number| no\.?| #)?|\bchart\s?#?|account(?: number| no\.?| #)?|\bacct\.?(?: #)?"
            r"|member ID|beneficiary number|health plan(?: ID| number)?|policy(?: number| #)?|\bvisit\s?#|\bFIN\b(?: on the old sticker)?"
            r"|insurance ID|subscriber ID|encounter(?: number| #)?|Medicare(?: ID| number| #)?|Medicaid(?: ID| number| #)?|MBI"
            r"|med rec(?: number| #)?|MRNs?|record number)"
            r"(?:\s+(?:is|was|as|number|of|no\.?|on the old sticker))*[\s:#,]*((?=[A-Z0-9-]{0,30}\d{3})[A-Z0-9][A-Z0-9-]{4,}[A-Z0-9])\b",
            re.I,
        ),
        1,
    ),
    ("mrn", re.compile(r"\b[1-9][A-Z][A-Z0-9]\d-?[A-Z][A-Z0-9]\d-?[A-Z]{2}\d{2}\b"), 0),
    ("mrn", re.compile(r"\b([A-Z]{2,3}-?\d{6,})\s(?:as|is)\s(?:\w+\s){0,3}(?:policy|member|plan|ID)\b"), 1),
    (
        "device",
        re.compile(
            r"\b(?i:glucometer|meter|monitor|hearing aid|implant|pump|transmitter|sensor|CGM)(?:,?\s(?i:ID))?[\s:#,]*"
            r"((?=[A-Z0-9]{0,20}\d)(?=[A-Z0-9]{0,20}[A-Z])[A-Z0-9]{5,20})\b"
        ),
        1,
    ),
    (
        "device",
        re.compile(
            r"(?:serial(?: number| no\.?| #| of [^,.]{3,40})?|\bS/N|\bSN\b|\bdevice(?: ID)?|\btransmitter,? ID|implant ID|\bsensor,? ID"
            r"|\bpump,? ID|\bCGM ID|\bIMEI)[\s:#(,]*((?=[A-Z0-9-]{0,30}\d)[A-Z][A-Z0-9]*(?:-[A-Z0-9]+)*|\d[A-Z0-9-]{4,})",
            re.I,
        ),
        1,
    ),
    (
        "plate",
        re.compile(
            r"\b(?i:plate)(?: number| no\.?)?(?:\s+(?:was|is|as|of|number))*[\s:,(]*(?:[A-Z][a-z]+ )?((?=[A-Z0-9-]*\d)(?=[A-Z0-9-]*[A-Z])[A-Z0-9]{1,4}-?[A-Z0-9]{2,5})\b"
        ),
        1,
    ),
    ("plate", re.compile(r"\bplates?\b[^.]{0,40}?\b((?=[A-Z0-9-]*\d)(?=[A-Z0-9-]*[A-Z])[A-Z0-9]{1,4}-?[A-Z0-9]{2,5})\b"), 1),
    ("plate", re.compile(r"\b(?i:plate)\s(\d{3}\s[A-Z]{3})\b"), 1),
    (
        "plate",
        re.compile(
            r"\b(?:car|sedan|minivan|van|truck|pickup|SUV|Buick|Honda|Toyota|Ford|Subaru|Jeep|scooter|motorcycle)\b(?:(?!\bvs\b)[^.]){0,20}?"
            r"(?:,\s|\bas\s|\bis\s)(?:[A-Z]{2}\s)?(?!(?:GCS|ESI|BP|HR|RR|NIHSS|APGAR|Apgar)\b)"
            r"((?=[A-Z0-9 -]{0,9}\d)(?=[A-Z0-9 -]{0,9}[A-Z])[A-Z0-9]{2,4}[ -]?[A-Z0-9]{2,4})\b"
        ),
        1,
    ),
    (
        "plate",
        re.compile(
            r"\b(?i:plates?|lic(?:ense|ence)?|tag)\b\.?\s(?:[A-Z][a-z]+\s|[A-Z]{2}\s(?=[A-Z0-9]{2,4}\s\d))?"
            r"((?=[A-Z0-9 ]*\d)(?=[A-Z0-9 ]*[A-Z])[A-Z0-9]{1,4}\s[A-Z0-9]{2,5}|(?=[A-Z0-9]*\d)(?=[A-Z0-9]*[A-Z])[A-Z0-9]{5,8})\b"
        ),
        1,
    ),
    ("plate", re.compile(r"\b(?i:plates?)\b(?:\s(?:[A-Z][a-z]+\s){0,2})?(?:plate\s)?(\d{3}[\s-]\d{3,4})\b"), 1),
    (
        # A device named by its kind, then a serial with hyphens: "LVAD controller HM3-5520871", "hearing aid serial
        # is RX-0918-4473", "Holter HM-3371-09", "wound vac (KCI-V9921047)".
        "device",
        re.compile(
            r"\b(?i:controller|processor|holter|wound vac|hearing aid|defibrillator|pacemaker|pump|monitor|concentrator)"
            r"(?:\s(?i:serial|ID|S/N|SN|number)(?:\s(?i:is|was|number))?)?[\s:#(]*"
            r"((?=[A-Z0-9-]{0,30}\d)(?=[A-Z0-9-]{0,30}[A-Z])[A-Z0-9]{1,6}(?:-[A-Z0-9]{1,10})+)\b"
        ),
        1,
    ),
    (
        # Street names that lead with their kind: "91 Calle Ocotillo", "12 Rue Lepic", "400 Camino Real".
        "address",
        re.compile(
            rf"\b\d{{1,5}}\s(?:Calle|Avenida|Camino|Rue|Via|Paseo)\s(?:[{_UPPER}][{_LOWER}]+)(?:\s[{_UPPER}][{_LOWER}]+)?"
            r"(?:,?\s(?:Apt\.?|Apartment|Unit|Suite|#)\s?[\w-]+)?"
        ),
        0,
    ),
    (
        "address",
        re.compile(
            rf"\b\d{{1,5}}[A-Z]?\s(?:[NSEW]\.?\s)?(?:[{_UPPER}][{_LOWER}]+\s){{1,3}}{_STREET}(?![a-z])(?:,?\s(?:Apt\.?|Apartment|Unit|Suite|#)\s?[\w-]+)?"
        ),
        0,
    ),
    (
        "address",
        re.compile(
            r"\b\d{1,5}\s(?:[nsew]{1,2}\s)?(?:\d{1,3}(?:st|nd|rd|th)|[a-z]{3,}(?:\s[a-z]{3,}){0,2})\s"
            r"(?:st|street|ave|avenue|rd|road|ln|lane|dr|drive|blvd|ct|way)\b"
        ),
        0,
    ),
    ("zip", re.compile(r"\bzip(?:\+4| code)?(?:\s+(?:is|was|of|code))*[\s:,]*(\d{5}(?:-\d{4})?)\b", re.I), 1),
    ("zip", re.compile(r"\b(?:lives|living|resides|moved|home) (?:in|to) (\d{5}(?:-\d{4})?)\b", re.I), 1),
    (
        "date",
        re.compile(
            r"\b(?:started|admitted|discharged|scheduled|period|LMP|surgery|crashed|fell|injured)\s(?:on\s)?"
            r"((?:(?:Mon|Tues|Wednes|Thurs|Fri|Satur|Sun)day\s)?\d{1,2}/\d{1,2})\b(?!/)",
            re.I,
        ),
        1,
    ),
    (
        "date",
        re.compile(r"\b(?:her|his)\s(\d{1,2}/\d{1,2})(?=\s(?:infusion|appointment|visit|surgery|follow-up|procedure|scan)\b)"),
        1,
    ),
    ("zip", re.compile(r"\b(\d{5}(?:-\d{4})?)\s(?:was|is|as)\s(?:\w+\s){0,3}zip\b", re.I), 1),
    ("zip", re.compile(r"(?<!NDC )(?<![\w-])\d{5}-\d{4}\b(?!-)"), 0),
    (
        "age-over-89",
        re.compile(
            r"\b(?:(?:9\d|1[0-2]\d)(?:[- ](?:years?|yrs?|yr)[- ]old|\s(?:years?|yrs?) of age|\s?y\.o\.|\s?y/?o\b|-yo\b)|aged?\s(?:9\d|1[0-2]\d)\b"
            r"|age (?:ninety|one hundred)(?:-[a-z]+)?\b|ninety(?:-[a-z]+)?[- ]years?[- ](?:old|of age)|ninety(?:-[a-z]+)?-year-old|(?:one hundred|a hundred)(?:[- ]and[- ][a-z]+)?[- ]year[- ]old)",
            re.I,
        ),
        0,
    ),
]

_DATE = re.compile(
    rf"\b{_WEEKDAY}?{_MONTH}\s\d{{1,2}}(?:st|nd|rd|th)?(?:,?\s\d{{4}})?\b(?!:)"
    rf"|\b\d{{1,2}}(?:st|nd|rd|th)?\s(?:of\s)?{_MONTH}(?:,?\s\d{{4}})?\b"
    r"|\b\d{1,2}/\d{1,2}/\d{2,4}\b|\b\d{1,2}-\d{1,2}-\d{4}\b|\b\d{4}-\d{2}-\d{2}\b|\b\d{1,2}\.\d{1,2}\.\d{4}\b"
    r"|\b(?:Mon|Tue|Tues|Wed|Thu|Thurs|Fri|Sat|Sun)\.? \d{1,2}/\d{1,2}\b"
    r"|(?<=admit date )\d{1,2}/\d{1,2}\b|(?<=discharge )\d{1,2}/\d{1,2}\b|(?<=DOB )\d{1,2}/\d{1,2}\b"
    r"|\b\d{1,2}(?:JAN|FEB|MAR|APR|MAY|JUN|JUL|AUG|SEP|OCT|NOV|DEC)\d{2,4}\b"
    r"|\b(?:Christmas|Easter|Thanksgiving|New Year's|Independence|Valentine's|Labor|Memorial|Veterans|Mother's|Father's)"
    r"(?: Day| Eve| Sunday)? \d{4}\b"
)
# A date counts only in patient context: these cues in the sentence, and no sign it is the log's own date.
_PATIENT_DATE_CUE = re.compile(
    r"\b(?:DOB|born|birth|admit|admitted|admission|discharge|discharged|delivered|injury|date of|intubated|extubated|died|passed|onset|symptoms|LMP|menstrual"
    r"|booked|crashed|replacement|dialysis|follow-up"
    r"|last (?:drink|seen|dose|cycle)|surgery on|placed on|implanted|chemo|follow-up|scheduled|appointment|started"
    r"|pt|patient|his|her|he|she|mr|mrs|ms)\b",
    re.I,
)
_LOG_DATE_CUE = re.compile(
    r"^\s*(?:On\s)?$|\b(?:shift|week of|orientation|my|I|I'm|we|our|dated|journal|entry|reflection|NCLEX|Step \d|exam|boards|MCAT|shelf)\b",
    re.I,
)

_TITLE_NAME = re.compile(
    rf"\b(?:Mr|Mrs|Ms|Miss|Mx)\.?\s((?:{_PARTICLE}\s)?{_NAME}(?:\s{_NAME}){{0,2}})|\b(?:mr|mrs|ms)\.?\s([a-z]{{3,}})\b"
)
_BABY_NAME = re.compile(
    rf"\b[Bb]aby (?:boy|girl) ({_NAME})|\bbaby ({_NAME})(?=,|'s\b|\s(?:was|is|had|has|latched|cried|slept|fed|went)\b)"
)
# ", the unit clerk", ", our scribe": a name described as a role is staff, not a patient.
_STAFF_APPOSITION = re.compile(r",\s(?:the|our|my|another)\s")
_PATIENT_NAME = re.compile(
    rf"\b(?:[Pp]atient|[Pp]t)(?:'s name)?,?\s(?:is\s)?({_NAME}(?:\s{_NAME})?)\b(?!'s (?:disease|syndrome|sign))"
    r"|\b(?:pt|patient is) (?!(?:says|said|states|stated|reports|reported|wants|denies|needs|asked|was|is|has|had|got|went|left"
    r"|very|still|not|now|also|just|really|feeling|doing|being|now|more|less|able|unable|alert|awake|asleep|stable|afebrile)\b)"
    rf"({_LOWER_WORD}{{3,20}}(?: (?:van|von|der|den|de|la|du|di|da|le|del|dos))* {_LOWER_WORD}{{2,20}}(?:-{_LOWER_WORD}{{3,20}})?"
    rf"(?: (?!{_LOWER_WORD}{{0,20}}(?:ed|ing)\b){_LOWER_WORD}{{2,20}})?)"
    r"(?= (?:dob|mrn|was|is|has|had|kept|keeps|went|got|left|c/o|[A-Z]{2,}\d?|[a-z]+ed)\b|,|\s\d|$)"
)
_RELATIVE_NAME = re.compile(
    rf"\b(?:his|her|their|pt's|patient's|the patient's|the)\s(?:\w+\s)?{_RELATIVE}(?:'s)?,?\s(?!{_TITLES}\b)({_NAME}(?:\s{_NAME})?)\b"
    rf"|\b{_RELATIVE},?\s\(?(?!{_TITLES}\b)({_NAME}(?:\s{_NAME})?)(?=[\s,.)(]|$)"
    rf"|(?:\b(?:his|her|pt's|w/|with)\s(?:(?:her|his)\s)?|^){_RELATIVE},?\s"
    r"(?!(?:who|that|and|was|is|also|had|has|then|just|never|always|still|finally|says|ph|today|tonight|yesterday|tomorrow"
    r"|now|later|again|present|there|here|about)\b)"
    rf"((?![a-z]+(?:ed|ing)\b){_LOWER_WORD}{{3,}})"
    r"(?=\s(?:at|about|re|ph|says|said|brought|is|was|[a-z]+ed|[a-z]+ing)\b|[,.]|$)"
)
_FULL_NAME = re.compile(
    rf"(?<![\w.])({_NAME}\s(?:[A-Z]\.\s)?(?:{_PARTICLE}\s)?{_NAME}(?:\s{_NAME}){{0,2}})(?!'s (?:disease|syndrome|sign|law|palsy))"
)
_WORD_START = re.compile(rf"(?<![\w.'-])[{_UPPER}]")
_PATIENT_VERB_BEFORE = re.compile(
    r"(?:\b(?:saw|see|seen|admitted|discharged|with|for|helped|turn|turned|wheeled|visited|examined|"
    r"was|is|for (?-i:pt)|(?-i:patient)|(?-i:pt)|under|Left a voicemail for|voicemail for|call|called|met|to|teaching|taught|educated|"
    r"educating|bathed|bathing|fed|feeding|transported|transferred|walked|ambulated|interviewed|assessed|comforted|reassured|"
    r"wristband:|name band:|armband:|sticker:|label:|face sheet:|whiteboard said|board said|scanned|sponge-bathed|washed|braided|"
    r"shaved|suctioned|repositioned|dressed|changed|bathed and|fed and|helped|assisted|held)\s)$",
    re.I,
)
# A full name at the start of a sentence is a patient when what follows says so: an age, a relative, care.
_SENTENCE_START_NAME = re.compile(
    rf"(?:^|(?<=[.!?]\s))({_LONG_NAME})"
    r"(?=,\s(?:\d{1,3}\b|SSN|DOB|MRN|member|age|aged|an?\s(?:retired|former|\d))|'s?\s(?:mother|father|mom|dad|wife|husband|son|daughter|family|whānau|parents"
    r"|kids|children|partner|home|house|newborn|baby)\b"
    r"|\s(?:had|has|came|comes|was|is|gave|speaks|lives|tolerated|refused|asked|wants|prefers|needs|went|got|arrived|"
    r"underwent|declined|agreed|signed|likes|loves|kept|keeps|insisted|told|says|said|wanted|transferred|finally|turned|let|"
    r"and his|and her)\b(?!\s(?:me|us|my|our|the team|a case)\b))"
)
# Anywhere: a full name owning a relative or a home ("Lenny Barros's son", "at Everett Stone's home").
_POSSESSIVE_NAME = re.compile(
    rf"(?<![\w.])({_LONG_NAME})'s?\s(?:mother|father|mom|dad|mum|nan|aunty|wife|husband|son|daughter|family|whānau|parents|kids|children"
    r"|partner|home|house|apartment|caregiver|grandson|granddaughter|armband|wristband|chart|room|bed|belongings|labs|meds"
    r"|newborn|baby|dressing|wound|hair|IV|drain|catheter|tray|bath|vitals|blood|biopsy|results|SSN|bag|cochlear|implant|hand)\b"
)
_POSSESSIVE_FIRST_NAME = re.compile(
    rf"(?:^|(?<=[.!?]\s)|\b(?:and|with|for|told|asked|called|held|for)\s)({_NAME})'s?\s(?:(?:big|little|older|younger|baby)\s)?"
    r"(?:mother|father|mom|dad|mum|nan|wife|husband|son|daughter|parents|newborn|baby|brother|sister|grandson|granddaughter"
    r"|grandmother|grandfather|grandma|grandpa|aunt|aunty|auntie|uncle|cousin|twin|cochlear|implant)\b"
)
_FAMILY_NAME = re.compile(
    rf"\b[Tt]he ({_NAME}) (?:family|house|home|household|residence)\b(?!-)(?<!-speaking family)"
    r"(?!\s(?:foundation|practice|clinic|center|centre|fund|medicine|dentistry|pharmacy|company|business)\b)"
)
_CHILDREN_NAMES = re.compile(
    rf"\b(?:twins|kids|children|sons|daughters|grandchildren|grandkids|brothers|sisters|(?:newborn|baby)(?=,)),?\s({_NAME})"
    rf"(?:,? and ({_NAME}(?:\s{_NAME})?))?\b"
)
_APPOSITION_NAME = re.compile(rf"(?:^|(?<=[.!?]\s))({_NAME}),\s(?:Mr|Mrs|Ms|Miss)\.?\s(?:{_PARTICLE}\s)?{_NAME}'s?\s{_RELATIVE}")
_NAME_AGE_COMMA = re.compile(rf"(?:^|(?<=[.!?]\s))({_NAME}),\s\d{{1,3}},\s")
_QUOTED_NICKNAME = re.compile(rf"\bcall(?:s|ed)?\b[^.]{{0,40}}?[\"“]({_NAME})[,.]?[\"”]")
_NAME_WITH_AGE = re.compile(rf"(?<![\w.])({_NAME}),\s(?:a|an)\s\d{{1,3}}[- ](?:year|month|week|day)s?[- ]old\b")
_NICKNAME = re.compile(
    rf"\b(?:prefers to be called|goes by|likes to be called|nicknamed|call (?:her|him|them)|short for)\s[\"“]?({_NAME})\b"
)
_NOT_NAME_PHRASES = (
    "Mass General",
    "Johns Hopkins",
    "Dana-Farber",
    "Ronald McDonald",
    "Puerto Rico",
    "Lou Gehrig",
    "Mary Joseph",
)
# Lower-case words that never sit inside a name written in lower case ("pt aware of copay").
_NOT_NAME_WORDS = frozenset(
    ["of", "the", "and", "to", "in", "on", "at", "for", "with", "from", "by", "aware", "alert", "oriented"]
)
_NEVER_NAMES = frozenset(["Pt", "Patient", "Girl", "Boy", "Baby", "Mom", "Dad", "Miss", "Mr", "Mrs", "Ms", "Newborn"])
_NOT_NAMES = frozenset(
    [
        "The",
        "Daughter",
        "Son",
        "Mother",
        "Father",
        "Wife",
        "Husband",
        "Grandpa",
        "Grandma",
        "Aunt",
        "Uncle",
        "Cousin",
        "Everyone",
        "Newborn",
        "A",
        "An",
        "This",
        "That",
        "These",
        "Those",
        "Our",
        "My",
        "His",
        "Her",
        "Their",
        "We",
        "He",
        "She",
        "They",
        "It",
        "When",
        "After",
        "Before",
        "During",
        "Then",
        "Today",
        "Tonight",
        "Yesterday",
        "Every",
        "Each",
        "Mass",
        "General",
        "Hopkins",
        "Mayo",
        "Clinic",
        "Farber",
        "House",
        "Rico",
        "New",
        "Year",
        "Gehrig",
        "Sister",
        "Nurse",
        "Doctor",
        "Interpreter",
        "Pharmacist",
        "Charge",
        "Chaplain",
        "Professor",
        "Anesthesiologist",
        "Surgeon",
        "Attending",
        "Resident",
        "Medical",
        "Center",
        "Providence",
        "Boston",
        "Children",
        "Brigham",
        "Women",
        "Beth",
        "Israel",
        "Cleveland",
        "New",
        "York",
        "Hospital",
        "University",
        "Health",
        "Care",
        "Emergency",
        "Department",
        "Intensive",
        "Unit",
        "Surgery",
        "Internal",
        "Medicine",
        "Family",
        "Baby",
        "Girl",
        "Boy",
        "Epic",
        "Glasgow",
        "Coma",
        "Scale",
        "Apgar",
        "Braden",
        "Gram",
        "Tanner",
        "Swan",
        "Ganz",
        "Hodgkin",
        "Parkinson",
        "Foley",
        "Whipple",
        "Down",
        "Bell",
        "Cushing",
        "Graves",
        "Babinski",
        "McBurney",
        "Nissen",
        "Roux",
        "Colles",
        "Fowler",
        "Hashimoto",
        "Murphy",
        "Leopold",
        "Wernicke",
        "North",
        "South",
        "East",
        "West",
        "Saint",
        "St",
        "Street",
        "Road",
        "Avenue",
        "Lane",
        "Drive",
        "Court",
        "Way",
        "Monday",
        "Tuesday",
        "Wednesday",
        "Thursday",
        "Friday",
        "Saturday",
        "Sunday",
        "January",
        "February",
        "March",
        "April",
        "May",
        "June",
        "July",
        "August",
        "September",
        "October",
        "November",
        "December",
        "Spanish",
        "English",
        "Arabic",
    ]
)
# Words that are not names in a log (for the learned detector's features, medpath.privacy.names).
NOT_NAME_WORDS = _NOT_NAMES | {phrase_word for phrase in _NOT_NAME_PHRASES for phrase_word in phrase.split()}

_STAFF_BEFORE = re.compile(rf"\b{_STAFF}\.?\s(?:[A-Z][a-z]+\s)?$|\b(?:my|our)\s(?:\w+\s){{0,2}}$")


_ZIP_AFTER = re.compile(r"(?:[A-Za-z0-9],\s|[A-Z][a-z]+,?\s|\b[A-Z]{2}\s)(\d{5}(?:-\d{4})?)\b")


def _in_patient_context(text: str, start: int) -> bool:
    before = text[max(0, start - 40) : start]
    return bool(_PATIENT_VERB_BEFORE.search(before)) and not _STAFF_BEFORE.search(before)


def strong_rule_names(text: str) -> list[tuple[int, int]]:
    """(start, end) of the names the rules find by a title or a relative's role ("Mrs. Haddad", "her son Dmitri"):
    the rules' most precise kind, kept beside the learned detector's names."""
    spans: list[tuple[int, int]] = []
    for pattern in (_TITLE_NAME, _BABY_NAME, _RELATIVE_NAME):
        for match in pattern.finditer(text):
            group = next((g for g in range(1, (match.lastindex or 0) + 1) if match.group(g)), None)
            if group is None:
                continue
            value = match.group(group)
            if value in _NEVER_NAMES or (value.islower() and any(word in _NOT_NAME_WORDS for word in value.split())):
                continue
            spans.append((match.start(group), match.end(group)))
    return spans


def rule_names(text: str) -> list[tuple[int, int]]:
    """(start, end) of the names the rules find: one of the learned detector's features."""
    return [(span.start, span.end) for span in _names(text)]


def find_identifiers(text: str, *, names_by: str = "model") -> list[Span]:
    """Likely identifiers in ``text``, in order, without overlaps (structured ones win).

    Names are decided by the learned detector (``medpath.privacy.names``), which reads the rules' opinion as one
    of its features; ``names_by="rules"`` (or a checkout without the model file) uses the rules alone."""
    found: list[Span] = []
    for kind, pattern, group in _PATTERNS:
        for match in pattern.finditer(text):
            start, end = match.span(group)
            if start < 0:
                continue
            value = text[start:end].rstrip(".")
            if kind == "ip" and re.search(r"\b(?:section|version|v|§|build|release)\s?$", text[max(0, start - 10) : start], re.I):
                continue
            found.append(Span(start, start + len(value), kind, value))
    # ZIP codes right after an address or a city name: "22 Elm Street, Springfield 01103", "Apt 4C, 02451".
    for match in _ZIP_AFTER.finditer(text):
        group = 1
        if any(s.type == "address" and 0 <= match.start(group) - s.end <= 30 for s in found) or re.search(
            r"\b(?:ZIP|zip|P\.?O\.? Box \d+|mail goes to|lives in)\b", text[max(0, match.start() - 40) : match.start()]
        ):
            found.append(Span(match.start(group), match.end(group), "zip", match.group(group)))
    if _PATIENT_DATE_CUE.search(text):
        for match in _DATE.finditer(text):
            before = text[: match.start()]
            if re.search(r"\b(?:DOB|born|birth)\b[^.]{0,20}$", before[-40:], re.I) or not _LOG_DATE_CUE.search(before[-30:]):
                found.append(Span(match.start(), match.end(), "date", match.group()))
    by_rules = _names(text)
    if names_by == "model" and names.model_ready():
        spans = names.name_spans(text, [(span.start, span.end) for span in by_rules])
        # The rules' most precise names (a title or a relative's role before them) stay beside the model's.
        spans += [s for s in strong_rule_names(text) if all(s[1] <= a or s[0] >= b for a, b in spans)]
        found.extend(Span(start, end, "name", text[start:end]) for start, end in spans)
    else:
        found.extend(by_rules)
    return _without_overlaps(found)


def _names(text: str) -> list[Span]:
    spans: list[Span] = []
    for pattern in (_TITLE_NAME, _BABY_NAME, _PATIENT_NAME, _RELATIVE_NAME):
        strong = pattern is not _PATIENT_NAME  # a title or a relative's role makes a person; "patient X" may be an eponym
        for match in pattern.finditer(text):
            group = next((g for g in range(1, (match.lastindex or 0) + 1) if match.group(g)), None)
            if group is None:
                continue
            value = match.group(group)
            if value in _NEVER_NAMES or (not strong and all(word in _NOT_NAMES for word in value.split())):
                continue
            if value.islower() and any(word in _NOT_NAME_WORDS for word in value.split()):
                continue
            spans.append(Span(match.start(group), match.end(group), "name", value))
    for pattern in (
        _SENTENCE_START_NAME,
        _POSSESSIVE_NAME,
        _POSSESSIVE_FIRST_NAME,
        _FAMILY_NAME,
        _CHILDREN_NAMES,
        _NAME_WITH_AGE,
        _NAME_AGE_COMMA,
        _APPOSITION_NAME,
        _NICKNAME,
        _QUOTED_NICKNAME,
    ):
        for match in pattern.finditer(text):
            for group in range(1, (match.lastindex or 0) + 1):
                value = match.group(group)
                if (
                    not value
                    or value in _NEVER_NAMES
                    or any(word in _NOT_NAMES for word in value.split())
                    or re.match(_STAFF + r"\b", value, re.I)
                ):
                    continue
                if _STAFF_BEFORE.search(text[max(0, match.start(group) - 40) : match.start(group)]):
                    continue
                spans.append(Span(match.start(group), match.end(group), "name", value))
    for capital in _WORD_START.finditer(text):
        full = _FULL_NAME.match(text, capital.start())
        if full is None or any(s.start <= full.start(1) < s.end for s in spans):
            continue
        match = full
        value = match.group(1)
        if _STAFF_APPOSITION.match(text, match.end(1)):
            continue
        if any(word in _NOT_NAMES for word in value.split()) or any(
            p in text[match.start(1) - 10 : match.end(1) + 10] for p in _NOT_NAME_PHRASES
        ):
            continue
        if _in_patient_context(text, match.start(1)):
            spans.append(Span(match.start(1), match.end(1), "name", value))
    return spans


_PRIORITY = {
    kind: rank
    for rank, kind in enumerate(
        ("url", "email", "ssn", "ip", "mrn", "device", "plate", "phone", "address", "zip", "age-over-89", "date", "name")
    )
}


def _without_overlaps(spans: list[Span]) -> list[Span]:
    kept: list[Span] = []
    for span in sorted(spans, key=lambda s: (_PRIORITY[s.type], -(s.end - s.start), s.start)):
        if all(span.end <= other.start or span.start >= other.end for other in kept):
            kept.append(span)
    return sorted(kept)
