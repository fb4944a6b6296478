"""Training of the learned name detector (``make train-guard``): deterministic for a seed.

The training sentences are the project's labelled sets (``tests/privacy/eval_set*.jsonl``, never the blind sets)
plus sentences generated here from clinical-log templates: names of many origins drawn from Faker's person
providers fill the patient and relative slots, and the hard negatives fill the rest (staff in staff context, some
sharing a patient's name; eponyms; drugs; words that are names; places). The voice varies as people write logs:
shorthand, lower case, capitals, "Pt: Last, First", a first name alone, a relative, a name after a care verb.

    python -m medpath.privacy.train [--seed 7] [--sentences 24000] [--out PATH]
"""

from __future__ import annotations

import argparse
import json
import random
import re
import time
from collections import Counter
from collections.abc import Iterator, Mapping
from pathlib import Path
from typing import Any

from medpath.privacy import names
from medpath.privacy.names import MODEL, Token, features, tokens

ROOT = Path(__file__).resolve().parents[3]
LABELLED = ROOT / "tests" / "privacy"
BLIND = ("eval_set_blind",)  # measured once, never trained on (tests/privacy/test_names.py checks)

# Name origins: Faker locales, weighted so that no one origin dominates.
LOCALES = (
    "en_US", "en_GB", "en_IE", "es_MX", "es_ES", "pt_BR", "fr_FR", "de_DE", "it_IT", "pl_PL", "cs_CZ", "ro_RO",
    "hu_HU", "el_GR", "tr_TR", "nl_NL", "sv_SE", "no_NO", "fi_FI", "en_IN", "hi_IN", "en_NG", "yo_NG", "ig_NG",
    "en_KE", "sw", "zu_ZA", "tw_GH", "ar_AA", "fa_IR", "he_IL", "vi_VN", "ko_KR", "ja_JP", "zh_CN", "zh_TW",
    "id_ID", "uk_UA", "ru_RU", "hy_AM", "ka_GE", "en_PK", "bn_BD", "es_CO", "fr_CA",
)  # fmt: skip

EPONYMS = (
    "Babinski", "Kernig", "Brudzinski", "Murphy", "Apgar", "Glasgow", "Whipple", "Cushing", "Graves", "Hashimoto",
    "Guillain-Barré", "Kawasaki", "Fallot", "Foley", "Swan-Ganz", "Epley", "Heimlich", "Parkinson", "Alzheimer",
    "Crohn", "Addison", "Bell", "Down", "Wilms", "Hodgkin", "Raynaud", "Tourette", "Sjögren", "Asperger", "Lyme",
    "Homans", "McBurney", "Rovsing", "Trendelenburg", "Allen", "Romberg", "Valsalva", "Kussmaul", "Cheyne-Stokes",
    "Levine", "Braden", "Morse", "Bishop", "Wells", "Ranson", "Ottawa", "Centor", "Gleason", "Breslow", "Dix-Hallpike",
)  # fmt: skip
EPONYM_PHRASES = (
    "{E} sign", "{E} score", "{E}'s disease", "{E} catheter", "{E} maneuver", "a positive {E} sign", "the {E} criteria",
    "{E} syndrome", "{E} test", "{E}'s triad",
)  # fmt: skip
DRUGS = (
    "Keppra", "Lyrica", "Allegra", "Xarelto", "Eliquis", "Zofran", "Ativan", "Haldol", "Lasix", "Norco", "Tylenol",
    "Coumadin", "Lovenox", "Narcan", "Toradol", "Dilaudid", "Zosyn", "Vanc", "Ancef", "Benadryl", "Flomax", "Protonix",
    "Lipitor", "Synthroid", "Seroquel", "Precedex", "Levophed", "Humalog", "Lantus", "Cipro", "Augmentin", "Keflex",
)  # fmt: skip
PLACES = (
    "St. Jude", "Mayo", "Johns Hopkins", "Cedars-Sinai", "Mount Sinai", "Kaiser", "Bellevue", "Grady", "Parkland",
    "Victoria General", "Mercy", "Providence", "St. Luke's", "Good Samaritan", "Jackson Memorial", "Stanford",
    "Boston", "Chicago", "Houston", "Phoenix", "Atlanta", "Denver", "Jordan", "Florence", "Austin", "Georgia",
)  # fmt: skip
WORD_NAMES = (
    ("will", "I will follow up tomorrow"), ("grace", "she handled it with grace"), ("hope", "I hope the labs improve"),
    ("faith", "they had faith in the team"), ("joy", "the joy of a first delivery"), ("mark", "mark the site"),
    ("rose", "her pressure rose overnight"), ("bill", "the bill worried him"), ("sage", "sage advice from my mentor"),
    ("dawn", "we rounded at dawn"), ("summer", "my summer rotation"), ("chase", "chase the potassium"),
    ("frank", "frank blood in the drain"), ("may", "we may need a CT"), ("june", "a quiet week in June"),
    ("victoria", "Victoria General"), ("hunter", "a hunter with a tick bite"), ("baker", "a baker with burns"),
    ("miles", "he walked two miles"), ("page", "page the fellow"), ("iris", "the iris was round"),
)  # fmt: skip
TITLES = ("Mr.", "Mrs.", "Ms.", "Mr", "Mrs", "Ms", "Miss")
STAFF = (
    "Dr. {L}", "Dr {L}", "attending Dr. {L}", "my preceptor {F}", "charge nurse {F}", "RN {F}", "nurse {F}",
    "the resident, Dr. {L},", "Dr. {F} {L}", "our pharmacist {F}", "the chaplain, {F},", "interpreter {F}",
    "PGY-2 {F} {L}", "my classmate {F}", "the fellow, {F},", "respiratory therapist {F}", "Professor {L}",
    "my mentor Dr. {L}", "the intern {F}", "tech {F}", "the scribe {F}", "paramedic {F} {L}",
)  # fmt: skip
RELATIONS = (
    "son", "daughter", "wife", "husband", "mother", "father", "sister", "brother", "grandson", "granddaughter",
    "partner", "niece", "nephew", "aunt", "uncle", "mom", "dad", "grandmother", "fiancé", "cousin",
)  # fmt: skip

# {P} a patient's name (full, first only, title and surname, …), {PF} a first name, {PL} "Mr. Surname",
# {R} a relative's first name, {REL} the relation, {S} a staff member, {EP} an eponym phrase, {D} a drug,
# {PL_ACE} a place, {WORD} a word that can be a name used as a word.
TEMPLATES = (
    "Admitted {P} overnight with chest pain; troponin negative x2.",
    "{P} is a 67 yo with CHF exacerbation, diuresed with {D}.",
    "pt {P} c/o SOB since yesterday, sats 91% on RA",
    "Pt: {PLAST}, {PFIRST} - seen in clinic for follow up",
    "{PLASTU}, {PFIRST} | bed 12 | NPO after midnight",
    "Helped bathe {PL} and changed her dressing.",
    "Walked {PF} to x-ray and back; tolerated well.",
    "Taught {PF} how to use her inhaler with a spacer.",
    "Discharged {PF} home with home health.",
    "{PL}'s {REL} {R} asked about the discharge plan.",
    "Spoke with {PF}'s {REL}, {R}, on the phone about code status.",
    "{S} showed me how to place a {EP}.",
    "{S} taught me to check for a {EP} on every exam.",
    "Rounded with {S} on six patients this morning.",
    "Shadowed {S} in clinic; saw a kid with {EP}.",
    "Scrubbed in with {S} for a lap chole.",
    "I presented {P} to {S} and got good feedback.",
    "{S} let me suture the laceration on {PF}'s forearm.",
    "We gave {PF} {D} for seizures after the fall.",
    "{PF} was started on {D} and felt better by the afternoon.",
    "Gave report on {P} to {S} at shift change.",
    "{P}, 54M, s/p MVC, GCS 14 on arrival.",
    "Assisted with a lumbar puncture on {PF} under {S}'s supervision.",
    "{PL} refused her meds again until her {REL} {R} arrived.",
    "Held {PF}'s hand during the blood draw; she was terrified of needles.",
    "{REL} {R} stayed overnight with {PL}.",
    "Family meeting with {PL}'s {REL}s about hospice.",
    "Translated for {PL} with help from {S}.",
    "Fed {PF} lunch and charted intake.",
    "{PF} told me about his grandchildren while I took his vitals.",
    "Repositioned {PL} every two hours; Braden score 13.",
    "Pushed {PF} in the wheelchair to PT.",
    "Educated {PL} and her {REL} {R} on insulin.",
    "{P} (bed 4) had a rapid response for hypotension.",
    "Called {PF}'s {REL} {R} to update her on the plan.",
    "{PF} and her {REL} {R} thanked the whole team.",
    "Today I met {P}, who reminded me why I chose medicine.",
    "I keep thinking about {PF} and how scared she was.",
    "Wound care for {PL}: stage 2 sacral ulcer, cleaned and dressed.",
    "PT eval for {P}: ambulated 50 ft with walker.",
    "OT worked with {PF} on ADLs; needs min assist.",
    "Drew labs on {PL} at 0500.",
    "Inserted a {EP} in {PL} per protocol.",
    "Checked {PF}'s blood sugar before dinner: 212.",
    "Spent an hour with {PF} after his diagnosis.",
    "{PL} asked me to call her {REL}, {R}.",
    "Transported {P} from the ED to 5 West.",
    "Home visit to {PL}; her {REL} {R} manages the pill box.",
    "Hospice visit: {PF} was comfortable and sleeping.",
    "Ambulance run: {P}, fall at home, c-collar applied.",
    "Scribed for {S}; the first patient was {P}.",
    "Volunteered at the front desk and helped {PL} find radiology.",
    "Took the history from {PF}'s {REL} {R} because she was nonverbal.",
    "{PLASTU} {PFIRSTU} - CT head neg, admit to obs",
    "f/u {PFIRSTL} {PLASTL} re: anticoag, on {D}",
    "saw {PFIRSTL} in clinic today for her diabetes",
    "{PFIRSTL}'s {REL} {RL} called twice",
    "interpreter for {PFIRSTL} ({REL} {RL} also present)",
    "The {EP} was positive in {PL}, so we called surgery.",
    "We tested for a {EP} and it was negative.",
    "{S} explained the {EP} at the bedside.",
    "I read about the {EP} after rounds with {S}.",
    "Placed a {EP} under sterile technique with {S}.",
    "{S} reviewed my note and said {WORDSENT}.",
    "Long night; {WORDSENT}.",
    "Started {D} and {D2} per {S}.",
    "Second week at {PLACE} with {S}.",
    "Drove to {PLACE} for a shadowing day with {S}.",
    "Clinic at {PLACE} was packed; {S} saw twenty patients.",
    "Study group with {F1} and {F2} before the exam.",
    "{F1} from my cohort and I practised suturing.",
    "Journal club on the {EP}; {S} presented.",
    "Grand rounds on {EP} by {S}.",
    "I asked {S} about residency applications.",
    "Code blue on 4 East; {S} ran it and I did compressions.",
    "Triage: chest pain, abdominal pain, and a laceration.",
    "The {REL} wanted to know if {D} would help.",
    "She said her {REL} had {EP} too.",
    "{WORDCAP} is what I felt when the baby cried.",
    "Met with {S} and {S2} about my research project.",
    "{P} swore his birthday was in March, but the chart disagreed.",
    "{PF} wasn't sure when her symptoms started.",
    "{P} said her {REL} moved her to a new apartment last spring.",
    "A copy of {PF}'s insurance card was stapled inside the folder.",
    "The consent form had {PF}'s signature on the wrong line.",
    "Prior auth for {PF}'s MRI stalled for a week.",
    "The {REL} who found {P} called 911.",
    "A patient named {P} taught me to fold a fitted sheet.",
    "Baby boy, born to {P} at 38 weeks, went under the bili lights.",
    "{PF}'s photos were taped above the bed, per her {REL}.",
    "Please copy {PF} on the letter, her {REL} told me.",
    "{P}, 81F, DNR/DNI, comfort care started this afternoon.",
    "{PF} kept asking whether his {REL} {R} had been told about the CT.",
    "{PF} gave birth to {R} at 4:12 this morning.",
    "The form had {PF}'s old address on it.",
    "Chart no. 0031958 belonged to {PL}, not the patient in bed 2.",
    "Ms. {PLAST} goes by {R} and asked that we write that on the whiteboard.",
    "{PL} goes by {PF} with everyone on the unit.",
    "The oxygen concentrator was written on {PF}'s discharge paperwork.",
    "{PF}'s {REL}-in-law {R} stayed after visiting hours to help him eat.",
    "written on the old paper chart for {PFIRSTL}",
    "{PFIRSTL} {PLASTL} 72m hx copd here for exacerbation",
    "bed 7 {PFIRSTL} - pain 8/10, gave {D}",
    "Sat with {PF} while {S} broke the news.",
    "{PF} smiled when I remembered her dog's name.",
    "Helped {PF} call his {REL} on the unit phone.",
    "Brought {PL} warm blankets twice.",
    "{PL} was confused overnight and pulled her IV.",
    "{P} came back to the ED two days later.",
    "I translated for {P} and her {REL} {R}.",
    "Ran the blood glucose for {P} at the health fair.",
    "Today {S} and I saw {P} for a knee injection.",
    "My paramedic partner {F1} {F2L} drove while I did the 12-lead.",
    "{S} drove while I did the 12-lead.",
    "Pre-op told her to skip her {D} for a week.",
    "Post-op day 2: ambulating, tolerating diet.",
    "She was flown from {PLACE} to {PLACE2} for the ECMO evaluation.",
    "Mailing address ends in {PLACE}, ME.",
    "{WORDCAP}, the therapy dog, came to the rehab unit.",
    "He kept asking for {NOUN}, and his {REL} brought some from home.",
    "The {REL} read off the card number from her purse.",
    "{NOUNCAP} was cold again, so the family complained.",
    "The {REL} shared the baby cam link with the nurses.",
    "Handoff at 1900: {P} stable, {PL2} needs a repeat lactate.",
    "Dr. {SL} asked me to present {PF} on rounds.",
    "I still think about {PFIRSTL} from my first week.",
    "{SN} gave me feedback on my oral case presentation.",
    "{SN} critiqued my SOAP note line by line.",
    "{SN} presented a fascinating case at morning report.",
    "{SN} gave the noon lecture on acid-base.",
    "{SN}, the unit secretary, found the missing consent.",
    "{SN}, our clinic manager, changed the schedule again.",
    "Helped {SN}, the ward clerk, file the discharge packets.",
    "The {SLAST} family foundation paid for the new simulation lab.",
    "The {SLAST} Center hosted our ethics workshop.",
    "{SF}'s infection control audit found no problems.",
    "{SF}'s lecture on sepsis was the best of the block.",
    "{SF}'s study guide saved me before the shelf exam.",
    "{SN} signed off on my procedure log.",
    "{SN} and I split the admissions tonight.",
    "{SN} covered my patients while I went to the skills lab.",
    "Emailed {SN} about the research project.",
    "{SN} wrote my letter of recommendation.",
    "{SN} is the best preceptor I have had.",
)  # fmt: skip
# Sentences that start with (or hold) a capitalised word that is also a given name or surname, used as a word:
# hard negatives a name detector must learn from context.
WORD_SENTENCES = (
    "Autumn is when the clinic fills with flu shots.", "Major bleeding risk kept her off anticoagulation.",
    "Rocky start to the shift, but the night was calm.", "Grant money pays for the free clinic.",
    "Price came up when he asked what the MRI would cost.", "Hazel eyes, pupils equal and reactive.",
    "Cherry angiomas on his back, nothing worrying.", "Heather from the formulary list was her contraceptive.",
    "Frank pus drained from the abscess.", "Will call the family after rounds.", "Hope the new plan works.",
    "Grace period for the prior auth ended Friday.", "Chase the repeat potassium at noon.",
    "Bill the visit as a level four, my preceptor said.", "Mark the site before surgery.",
    "May need a repeat CT tomorrow.", "Rose petal rash on the trunk, likely viral.", "Dawn rounds start at six.",
    "Summer interns start next week.", "Joy was everywhere on the unit after the twins were born.",
    "Faith in the plan is low among the family.", "Miles of paperwork for one transfer.",
    "Page the fellow if the pressure drops.", "Baker Act paperwork was started for him.",
    "Carter center volunteers brought blankets.", "Victoria General called about the transfer.",
    "Jordan and Lebanon were on his travel history.", "Florence Nightingale came up in our ethics lecture.",
    "Austin is where he was first diagnosed.", "Savannah sent the records by fax.",
    "Tyler Memorial sent him by helicopter.", "Augusta clinic is closed on Mondays.",
    "Georgia Medicaid covers the pump.", "Madison Avenue traffic delayed the ambulance.",
    "Lincoln Hall is where the simulation lab is.", "Washington state rules differ for that license.",
    "Jackson Memorial accepted the transfer.", "Gilda's Club runs the support group.",
    "Ronald McDonald House has a room for the family.", "Ballard exam put the baby at 35 weeks.",
    "Apgar scores were 8 and 9.", "Murphy sign was positive on exam.", "Glasgow coma score was 14.",
    "Foley was removed on day two.", "Whipple went well per the surgeon.", "Cushing triad was absent.",
    "LUCAS device went on before the stairs.", "Holter monitor was placed for two weeks.",
    "Doppler found good pulses.", "Bovie smoke filled the room.", "Ambu bag was at the bedside.",
    "Sharps container was full again.", "Pyxis was down for an hour.", "Epic crashed during sign-out.",
    "Tylenol and ice helped the pain.", "Keppra levels were drawn.", "Eliquis was held for the procedure.",
    "Lyrica made her dizzy.", "Ativan helped with the MRI.", "Haldol was given for agitation.",
    "Xarelto was restarted after the scope.", "Allegra was on her home med list.",
    "Pre-op told her to skip her injection.", "Post-op day one: tolerating diet.",
    "AC mode, rate 18, PEEP 8.", "Impound lot called about the motorcycle.", "Lot number was on the vial.",
    "Tea and toast for breakfast.", "Cam link was shared with the nurses.", "Bishop score was 9, so we induced.",
    "Wells criteria put him at low risk.", "Ottawa rules said no x-ray.", "Morse fall score was 55.",
    "Braden score was 12.", "Centor score was 3.", "Hunter syndrome was on the differential.",
    "Ranger, the therapy dog, visited the ward.", "Buddy, the therapy dog, made the kids laugh.",
    "Sunny weather brought sunburns to fast track.", "Harmony in the team made the shift easy.",
    "Patience is what this rotation teaches.", "Reese's cups were in the break room.",
    "Easter weekend was quiet in the ED.", "Christmas Eve potluck on the unit.",
    "Dean's list again this semester.", "Made the Dean's list in the spring.", "Dean's office approved my leave.",
    "The dean's letter goes out in September.", "Dean of students signed the form.",
    "Chief's rounds ran long today.", "Director's award for the quality project.",
)  # fmt: skip
# Phrases in other scripts that hold no name (what a family said, a sign, a label): a detector must not flag a
# word because of its script. Written for MedPath; everyday clinical phrases.
OTHER_SCRIPTS = (
    "病人今天感觉好多了", "谢谢医生", "肚子疼了两天", "请慢慢说", "药房在哪里", "他需要翻译", "明天早上复查",
    "ありがとうございます", "痛みは昨日から", "薬を飲みましたか", "大丈夫ですか", "환자가 오늘 좋아졌어요",
    "감사합니다", "어제부터 아파요", "물 좀 주세요", "المريض بخير اليوم", "شكرا يا دكتور", "الألم بدأ أمس",
    "أين الصيدلية", "Пациент чувствует себя лучше", "Спасибо, доктор", "Болит живот со вчерашнего дня",
    "Где аптека", "Ο ασθενής είναι καλύτερα σήμερα", "Ευχαριστώ, γιατρέ", "Πονάει από χθες", "धन्यवाद डॉक्टर",
    "कल से दर्द है", "दवा ले ली", "תודה רבה", "כואב לי מאתמול", "حالم بهتر است", "ممنون", "Cảm ơn bác sĩ",
    "Đau bụng từ hôm qua", "ขอบคุณครับ", "ปวดท้องตั้งแต่เมื่อวาน", "Դուք ինչպե՞ս եք", "მადლობა ექიმო",
)  # fmt: skip
SCRIPT_TEMPLATES = (
    "{X}", "She kept saying {X} to her family.", "The sign on the door said {X}.",
    "Wrote {X} on the whiteboard for the family.", "Her son translated: {X}.", "He said “{X}” and smiled.",
    "The label was printed in {X} only.", "{X} — that was all she said before the scan.",
)  # fmt: skip
NOUNS = ("tea", "coffee", "ice chips", "soup", "toast", "the remote", "his glasses", "water", "the chaplain", "music")

_SLOT = re.compile(r"\{([A-Z_0-9]+)\}")


def _names(rng: random.Random, fakers: Mapping[str, Any]) -> tuple[str, str]:
    locale = rng.choice(LOCALES)
    fake = fakers[locale]
    return str(fake.first_name()), str(fake.last_name())


def generated(count: int, seed: int) -> Iterator[tuple[str, list[tuple[int, int]]]]:
    """``count`` sentences with the (start, end) of each patient or relative name, from the templates."""
    from faker import Faker

    Faker.seed(seed)
    fakers: dict[str, Any] = {}
    for locale in LOCALES:
        fakers[locale] = Faker(locale)
        fakers[locale].seed_instance(seed)
    rng = random.Random(seed)  # noqa: S311  (made-up training sentences, not secrets)
    for _ in range(count):
        template = rng.choice(TEMPLATES)
        first, last = _names(rng, fakers)
        relative, _ = _names(rng, fakers)
        staff_first, staff_last = _names(rng, fakers) if rng.random() < 0.7 else (first, last)  # a staff namesake
        values: dict[str, tuple[str, bool]] = {}
        full = rng.choice((f"{first} {last}", f"{first} {last}", first, f"{first[0]}. {last}", last.upper()))
        values["P"] = (full if rng.random() < 0.8 else f"{rng.choice(TITLES)} {last}", True)
        values["PF"] = (first, True)
        values["PL"] = (f"{rng.choice(TITLES)} {last}" if rng.random() < 0.75 else first, True)
        values["PLAST"], values["PFIRST"] = (last, True), (first, True)
        values["PLASTU"], values["PFIRSTU"] = (last.upper(), True), (first.upper(), True)
        values["PLASTL"], values["PFIRSTL"] = (last.lower(), True), (first.lower(), True)
        values["R"], values["RL"] = (relative, True), (relative.lower(), True)
        values["REL"] = (rng.choice(RELATIONS), False)
        values["S"] = (rng.choice(STAFF).format(F=staff_first, L=staff_last), False)
        other_first, other_last = _names(rng, fakers)
        values["S2"] = (rng.choice(STAFF).format(F=other_first, L=other_last), False)
        values["F1"], values["F2"] = (staff_first, False), (other_first, False)
        values["EP"] = (rng.choice(EPONYM_PHRASES).format(E=rng.choice(EPONYMS)), False)
        values["D"], values["D2"] = (rng.choice(DRUGS), False), (rng.choice(DRUGS), False)
        values["PLACE"], values["PLACE2"] = (rng.choice(PLACES), False), (rng.choice(PLACES), False)
        noun = rng.choice(NOUNS)
        values["NOUN"], values["NOUNCAP"] = (noun, False), (noun[0].upper() + noun[1:], False)
        _, second_last = _names(rng, fakers)
        values["PL2"] = (f"{rng.choice(TITLES)} {second_last}", True)
        values["F2L"] = (other_last if rng.random() < 0.5 else staff_last, False)
        values["SL"] = (staff_last, False)
        values["SN"] = (f"{staff_first} {staff_last}" if rng.random() < 0.7 else staff_first, False)
        values["SF"], values["SLAST"] = (staff_first, False), (staff_last, False)
        word, sentence = rng.choice(WORD_NAMES)
        values["WORDSENT"], values["WORDCAP"] = (sentence, False), (word.capitalize(), False)
        text, spans = _fill(template, values)
        if rng.random() < 0.12:
            text = text.lower()
        yield text, spans


def _fill(template: str, values: dict[str, tuple[str, bool]]) -> tuple[str, list[tuple[int, int]]]:
    """The template with its slots filled, and the spans of the name slots (titles left out)."""
    out: list[str] = []
    spans: list[tuple[int, int]] = []
    position = 0
    at = 0
    for match in _SLOT.finditer(template):
        out.append(template[at : match.start()])
        position += match.start() - at
        value, is_name = values[match.group(1)]
        if is_name:
            name_start = 0
            for title in TITLES:
                if value.startswith(title + " "):
                    name_start = len(title) + 1
                    break
            spans.append((position + name_start, position + len(value)))
        out.append(value)
        position += len(value)
        at = match.end()
    out.append(template[at:])
    return "".join(out), spans


def labelled(held_out: tuple[str, ...] = ()) -> Iterator[tuple[str, list[tuple[int, int]]]]:
    """The project's labelled sets (not the blind ones, nor ``held_out`` file names): sentences and name spans."""
    for path in sorted(LABELLED.glob("eval_set*.jsonl")):
        if path.name.startswith(BLIND) or path.name in held_out:
            continue
        for line in path.read_text(encoding="utf-8").splitlines():
            if line.strip():
                row = json.loads(line)
                yield row["text"], [(s["start"], s["end"]) for s in row["spans"] if s["type"] == "name"]


def respelled(
    sentences: list[tuple[str, list[tuple[int, int]]]], copies: int, seed: int
) -> Iterator[tuple[str, list[tuple[int, int]]]]:
    """Each labelled sentence with a name, ``copies`` times, its names replaced by names of other origins written
    the same way (a full name by a full name, a single word by a first name or a surname, lower case or capitals
    kept): the real voice of the labelled sets, with names from every origin in it."""
    from faker import Faker

    fakers = {locale: Faker(locale) for locale in LOCALES}
    for number, locale in enumerate(LOCALES):
        fakers[locale].seed_instance(seed + 1000 + number)
    rng = random.Random(seed + 1)  # noqa: S311  (made-up training sentences, not secrets)
    for text, spans in sentences:
        if not spans:
            continue
        for _ in range(copies):
            pieces: list[str] = []
            new_spans: list[tuple[int, int]] = []
            at = 0
            length = 0
            for start, end in sorted(spans):
                original = text[start:end]
                first, last = _names(rng, fakers)
                words = original.split()
                if len(words) >= 2:
                    name = f"{first} {last}" if rng.random() < 0.85 else f"{first} {_names(rng, fakers)[0]} {last}"
                else:
                    name = rng.choice((first, last))
                if original.islower():
                    name = name.lower()
                elif original.isupper() and len(original) > 1:
                    name = name.upper()
                pieces.append(text[at:start])
                length += start - at
                pieces.append(name)
                new_spans.append((length, length + len(name)))
                length += len(name)
                at = end
            pieces.append(text[at:])
            yield "".join(pieces), new_spans


def labels_of(words: list[Token], spans: list[tuple[int, int]]) -> list[str]:
    """B/I/O per word: a word inside a name span is B at the span's first word, I after."""
    found: list[str] = []
    previous: tuple[int, int] | None = None
    for token in words:
        span = next(((s, e) for s, e in spans if s <= token.start and token.end <= e), None)
        if span is None:
            found.append("O")
        else:
            found.append("I" if span == previous else "B")
        previous = span
    return found


def corpus(count: int, seed: int, held_out: tuple[str, ...] = ()) -> Iterator[tuple[str, list[tuple[int, int]]]]:
    """The training sentences: the labelled sets (three times, they are real voice), the same sentences with
    their names respelled from other origins, and the generated ones."""
    real = list(labelled(held_out))
    for _ in range(3):
        yield from real
    yield from respelled(real, 8, seed)
    for template in SCRIPT_TEMPLATES:
        yield from ((template.replace("{X}", phrase), []) for phrase in OTHER_SCRIPTS)
    for _ in range(4):
        yield from ((sentence, []) for sentence in WORD_SENTENCES)
        yield from ((sentence.lower(), []) for sentence in WORD_SENTENCES)
    yield from generated(count, seed)


def train(out: Path, count: int, seed: int, held_out: tuple[str, ...] = ()) -> dict[str, float]:
    """Train the CRF on the corpus and write it to ``out``; figures of the run."""
    import pycrfsuite

    from medpath.privacy.guard import rule_names

    began = time.perf_counter()
    trainer = pycrfsuite.Trainer(verbose=False)
    rows = [(words, spans, text) for text, spans in corpus(count, seed, held_out) if (words := tokens(text))]
    counts: Counter[str] = Counter()
    for words, spans, _ in rows:
        counts.update(token.text.casefold() for token, label in zip(words, labels_of(words, spans), strict=True) if label == "O")
    known = sorted(word for word, seen in counts.items() if seen >= 3 and any(c.isalpha() for c in word))
    vocabulary_file = out.with_name("names-vocabulary.txt")
    out.parent.mkdir(parents=True, exist_ok=True)
    vocabulary_file.write_text("\n".join(known) + "\n", encoding="utf-8")
    names.VOCABULARY = vocabulary_file
    names.vocabulary.cache_clear()
    sentences = 0
    for words, spans, text in rows:
        trainer.append(features(words, rule_names(text)), labels_of(words, spans))
        sentences += 1
    trainer.set_params({"c1": 0.05, "c2": 0.01, "max_iterations": 150, "feature.possible_transitions": True})
    trainer.train(str(out))
    return {"sentences": sentences, "seconds": time.perf_counter() - began, "bytes": out.stat().st_size}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--sentences", type=int, default=24000, help="generated sentences (the labelled sets come too)")
    parser.add_argument("--out", type=Path, default=MODEL)
    parser.add_argument(
        "--hold-out", action="append", default=[], help="a labelled set's file name to leave out (for development)"
    )
    args = parser.parse_args()
    figures = train(args.out, args.sentences, args.seed, tuple(args.hold_out))
    print(
        f"trained on {figures['sentences']:,.0f} sentences in {figures['seconds']:.0f} s; "
        f"model {figures['bytes'] / 1024:,.0f} KB at {args.out}"
    )


if __name__ == "__main__":
    main()
