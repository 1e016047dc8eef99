"""Structured facts asked as questions, in every language the mapper knows.

Forms ask for a profile fact in a sentence as often as with a one-word label: "Are you
legally able to work in France for any employer?", "Benötigen Sie eine Arbeitserlaubnis?",
"Quel est ton préavis ?". These rules give such questions the fact's key, so the answer
comes from the profile (and never from an AI model), and they come *before* the generic
label rules because a sentence often also holds a word those rules key on ("...to remain
in your current location?" is about sponsorship, not the location).

Languages: English, German, French, Spanish, Dutch, Portuguese, Italian. Text is
normalised (lower case, accents folded, punctuation as spaces) before matching; ``\\b``
word edges hold on the folded text.

Polarity matters because the planner answers yes/no from the fact: "Are you authorised to
work?" (yes = authorised) is ``work_authorized``; "Do you require a work permit / visa?"
(yes = not yet authorised) is ``requires_sponsorship``; questions whose yes/no would be
inverted in a way neither key states ("Are you prevented from working ...?") stay
``question`` and go to the person.
"""

from __future__ import annotations

from jobpilot.vocabulary import FieldKey as K

from jobpilot_ats_generic.patterns import (
    ANSWER,
    CHECK,
    CHOICE,
    LABEL_RULES,
    LEADING_LABEL_RULES,
    NOT_FILE,
    TEXT,
    TYPED,
    TYPED_OR_CHOICE,
    Rule,
    rule,
)

_ANSWER_OR_TICK = frozenset({TEXT, CHOICE, CHECK, "area"})

# --- words, per language ------------------------------------------------------------------

_WORK_VERB = (
    r"(work|be employed|take up employment|accept employment|arbeiten|travailler|trabajar"
    r"|werken|trabalhar|lavorare)"
)

_AUTHORISED_TO_WORK = (
    # EN: authorised / eligible / permitted ... to work, however the sentence is built;
    # "able" and "free" only with "legally" ("able to work weekends" is not a permission).
    r"\b(authori[sz]ed|eligible|entitled|permitted|allowed)( (legally|lawfully))? (to|for) "
    + _WORK_VERB + r"\b"
    r"|\b(legally|lawfully) (able|free|cleared|authori[sz]ed|eligible|permitted|allowed)"
    r"( (legally|lawfully))? (to|for) " + _WORK_VERB + r"\b"
    r"|\beligible for (employment|hire)\b|\b(legally|lawfully) (work|employable)\b"
    r"|\b(legal |lawful )?(right|permission|authori[sz]ation|eligibility|entitlement) to "
    + _WORK_VERB + r"\b"
    r"|\bwork(ing)? (permit|visa|authori[sz]ation|eligibility|permission|rights?)\b"
    r"|\bemployment (authori[sz]ation|eligibility)\b|\bright to work\b"
    r"|\b(can|may) you (legally|lawfully) (work|be employed)\b"
    # DE
    r"|\barbeitserlaubnis\b|\barbeitsgenehmigung\b|\barbeitsberechtigung\b"
    r"|\b(berechtigt|befugt|erlaubt)( \w+){0,4} (zu )?arbeiten\b|\bdurfen sie( \w+){0,4} arbeiten\b"
    r"|\bzur arbeit (berechtigt|befugt|zugelassen)\b|\barbeitsberechtigt\b"
    # FR
    r"|\bautoris(e|ee|es|ees|ation)( e| es)?( legale(ment)?)? (a|de) travailler\b"
    r"|\bpermis de travail\b|\bdroit de travailler\b|\bautorisation de travail\b"
    # ES
    r"|\bpermiso (de|para) trabaj(o|ar)\b|\bautorizacion (de|para) trabaj(o|ar)\b"
    r"|\bautorizad[oa]s?( [oa])? (a|para) trabajar\b|\bderecho a trabajar\b"
    # NL
    r"|\bwerkvergunning\b|\b(gerechtigd|bevoegd|toegestaan) om( \w+){0,3} te werken\b"
    r"|\brecht om( \w+){0,3} te werken\b|\btewerkstellingsvergunning\b"
    # PT
    r"|\bautorizacao (de|para) trabalh(o|ar)\b|\bautorizad[oa]( [oa])? a trabalhar\b"
    r"|\bpermissao (de|para) trabalh(o|ar)\b|\bdireito (de|a) trabalhar\b|\bvisto de trabalho\b"
    # IT
    r"|\bpermesso di lavoro\b|\bautorizzat[oa]( [oa])? a lavorare\b|\bdiritto (di|a) lavorare\b"
    r"|\bidone[oa] a lavorare\b"
)
"""The fact "may legally work here", however phrased."""

_NEEDS_PERMIT = (
    r"\b(do|will|would) you (currently |now )?(require|need)\b.*\b(work permit|work visa|"
    r"visa|permit|work authori[sz]ation)\b"
    r"|\b(require|need)s? (a |any )?(work |employment )?(permit|visa)\b"
    r"|\bbenotigen sie \w* ?(ein |eine )?(visum|arbeitserlaubnis|arbeitsgenehmigung)\b"
    r"|\bbrauchen sie \w* ?(ein |eine )?(visum|arbeitserlaubnis)\b"
    r"|\bavez vous besoin d (un |une )?(visa|permis|autorisation)\b"
    r"|\bas tu besoin d (un |une )?(visa|permis|autorisation)\b"
    r"|\bnecesita(s)? (un |una )?(visa|visado|permiso)\b"
    r"|\bheeft u (een )?(visum|werkvergunning) nodig\b|\bheb je (een )?(visum|werkvergunning) nodig\b"
    r"|\bprecisa(s)? de (um )?(visto|autoriza[cç][aã]o)\b"
    r"|\bha(i)? bisogno di (un )?(visto|permesso)\b"
)
"""Yes means "not authorised yet": the polarity of ``requires_sponsorship``."""

_SPONSORSHIP = (
    r"\bsponsor(ship|ed|ing)?\b|\bvisa support\b|\bpatrocinio\b|\bparrainage\b"
    r"|\bsponsoring\b|\bsponsorisation\b|\bvisumsponsoring\b|\bsponsorizzazione\b"
    r"|\bvisa (sponsorship|sponsoring)\b|\bvisum ?(unterstutzung|sponsoring)\b"
)

_NOT_THE_FACT = (
    r"\b(upload|attach|provide|submit|furnish|supply|produce|show|send)\b.*\b(proof|evidence|"
    r"verification|documentation|documents?|copy|share code)\b"
    r"|\b(do|can|could|will) you (have|hold|provide|get|obtain)\b.*\b(proof|evidence|documentation)\b"
    r"|\bshare code\b"
    r"|\b(under|at least|older than|over) (1[4-9]|2[01])\b|\b(1[4-9]|2[01]) years?( of age| old)\b"
    r"|\bprevent\w*\b|\brestrict\w*\b|\bu ?s person\b|\bexport\b"
)
"""Questions that mention working rights but ask something else: proof, age, restrictions."""

_NOTICE = (
    r"\bnotice period\b|\bperiod of notice\b|\bhow much notice\b|\bnotice (will|would|do) you\b"
    r"|\b(weeks?|months?) notice\b|\bwhen (can|could|would|will) you (be able to |be available to )?"
    r"(start|begin|join)\b|\bwhen you could start\b|\bearliest (possible )?(start|starting|"
    r"availability|joining)\b|\bavailable to (start|begin|join)\b|\bstart(ing)? date\b"
    r"|\bjoining date\b|\bdate (of )?availability\b|\bavailability (date|to start)\b"
    r"|\bhow soon (can|could|would) you (start|begin|join)\b|^available (as of|from)\b"
    # DE
    r"|\bkundigungsfrist\b|\beintrittsdatum\b|\beintrittstermin\b|\bfruhest\w* (eintritt|"
    r"starttermin|beginn|verfugbarkeit)\w*|\bverfugbar ab\b|\bab wann\b.*\b(verfugbar|starten|"
    r"beginnen|anfangen)\b|\bstarttermin\b"
    # FR
    r"|\bpreavis\b|\bdate de (debut|disponibilite|prise de poste|demarrage)\b|\bdisponible (a partir|"
    r"des)\b|\bquand (peux tu|pouvez vous) (commencer|demarrer)\b"
    # ES
    r"|\bpreaviso\b|\bfecha de (inicio|incorporacion|disponibilidad|comienzo)\b"
    r"|\bcuando (puedes|podrias|puede|podria) (empezar|comenzar|incorporarte|incorporarse)\b"
    # NL
    r"|\bopzegtermijn\b|\bstartdatum\b|\bbeschikbaar (vanaf|per)\b|\bwanneer (kun|kan|zou) "
    r"(je|u) (beginnen|starten)\b|\bingangsdatum\b"
    # PT
    r"|\baviso previo\b|\bdata de (inicio|disponibilidade|admissao)\b|\bquando (pode|podes|"
    r"poderia) (comecar|iniciar)\b"
    # IT
    r"|\bpreavviso\b|\bdata di (inizio|disponibilita)\b|\bquando (puoi|potresti|puo|potrebbe) "
    r"(iniziare|cominciare)\b"
)
"""Notice periods and availability to start -> ``start_date``."""

_NOT_A_START = (
    r"\b(weekly|hours|per week|schedule|shifts?|weekdays?|weekends?|days of|enlist\w*|employed"
    r"|employment (start|end|dates?|history|period)|opt ?out|medicare|military|service|school|college"
    r"|universit\w*"
    r"|course|degree|education|program(me)?|internship (dates?|period))\b"
)
"""Start dates of something else: a past job, a course, military service, a benefit."""

_REGION = (
    r"\b(which|what|in which) (u ?s |us |canadian |australian )?(state|province|region|"
    r"territory|county)\b.*\b(live|living|reside|residing|based|located|work(ing)? from|"
    r"work in|be working)\b"
    r"|\b(state|province|region) (of|you are in|you (will )?work from|you (currently )?live in)\b"
    r"( (residence|residency))?|\bstate of (residence|residency)\b"
    r"|\b(state|province|region) (will you be|you will be) (working|based|located)\b"
    r"|\bin welchem bundesland\b|\bbundesland\b|\bdans quelle (region|province)\b"
    r"|\ben que (provincia|estado|comunidad|region)\b|\bin welke provincie\b"
    r"|\bem (que|qual) estado\b|\bin quale (regione|provincia)\b"
)
"""The state / region the person lives in or will work from -> ``address.region``."""

_CURRENT_EMPLOYER = (
    r"\b(current|present|actual)( or| and|/)? ?(last|most recent|previous|former|recent)? "
    r"(employer|company|organi[sz]ation)\b"
    r"|\b(last|most recent|latest) (employer|company)\b"
    r"|\bcurrent (employer|company) (name)?\b|\bname of (your )?(current|present|last|most recent) "
    r"(employer|company)\b|\bwhere (do|are) you (currently )?(work|working|employed)\b"
    r"|\b(aktuell|derzeitig|jetzig|letzt)\w* arbeitgeber\b|\b(aktuell|derzeitig|letzt)\w* "
    r"(firma|unternehmen)\b"
    r"|\b(employeur|entreprise|societe) (actuel|actuelle|precedent|precedente)\b|\bdernier "
    r"employeur\b"
    r"|\b(empresa|empleador) (actual|anterior)\b|\bultim[oa] (empresa|empleador)\b"
    r"|\b(huidige|laatste) (werkgever|bedrijf)\b"
    r"|\b(empresa|empregador|empregadora) (atual|anterior)\b|\bultim[oa] (empresa|empregador)\b"
    r"|\b(datore di lavoro|azienda) (attuale|precedente)\b|\bultim[oa] (datore di lavoro|azienda)\b"
)
"""Current or last employer -> ``current_company`` (a typed box)."""

_PREFERRED_NAME = (
    r"\b(preferred|chosen) (first |given )?name\b|\bname (you|that you) (would like|prefer|"
    r"like) to be called\b|\bknown as\b|\bwhat should we call you\b|\brufname\b"
    r"|\bprenom (d usage|usuel)\b|\bnombre preferido\b|\broepnaam\b|\bnome (preferido|social)\b"
    r"|\bnome preferito\b"
)

_PRONOUNS = (
    r"\bpronouns?\b|\bpronomen\b|\bpronoms?\b|\bpronombres?\b|\bvoornaamwoorden\b"
    r"|\bpronomes\b|\bpronomi\b"
)

_REFERRAL = (
    r"\baufmerksam geworden\b|\bwie (bist du|sind sie|hast du|haben sie) (auf|von) (uns|diese|"
    r"dieser|die)\b|\bcomment (nous )?(as tu|avez vous) (connu|entendu parler|decouvert|trouve)"
    r"|\bcomment (avez vous|as tu) (eu connaissance|appris)\b|\bcomo (te enteraste|supiste|"
    r"nos conociste|conociste|se entero|nos encontraste)\b|\bhoe (heb je|heeft u|ben je|bent u) "
    r"(over |van )?(ons|deze vacature)\b.*\b(gehoord|gevonden|terechtgekomen)\b"
    r"|\bcomo (soube|conheceu|ficou sabendo)\b|\bcome (hai|ha) (saputo|conosciuto|trovato)\b"
    r"|\bcome (sei|e) venut[oa] a conoscenza\b"
)

_NOT_PERMISSION = (
    r"\b(weekends?|nights?|overtime|shifts?|hours|remote(ly)?|onsite|on site|in (the|our) office"
    r"|travel\w*|evenings?|holidays?|independently|under pressure)\b"
)
""""Authorised to work overtime" is about the job, not the permission."""

# --- the rules, in precedence order -----------------------------------------------------------

FACT_RULES: list[Rule] = [
    # Working rights, each polarity once; their look-alikes first.
    rule(K.QUESTION, _AUTHORISED_TO_WORK + "|" + _NEEDS_PERMIT, 0.8, NOT_FILE,
         requires=_NOT_THE_FACT,
         why="asks about working rights, but not the fact (proof, age, restriction)"),
    rule(K.WORK_AUTHORIZED, r"\bwithout (the )?(need (for|of) |requiring |needing )?(any )?(visa "
         r"|employer |company |immigration )?sponsorship\b|\b(does|do|will) not (now or in the future )?"
         r"(require|need)\w* (any )?(visa |employer |company )?sponsorship\b", 0.88, NOT_FILE,
         why="right to work without sponsorship"),
    rule(K.REQUIRES_SPONSORSHIP, _SPONSORSHIP, 0.9, NOT_FILE, why="sponsorship"),
    rule(K.REQUIRES_SPONSORSHIP, _NEEDS_PERMIT, 0.82, NOT_FILE,
         why="needs a visa or permit (yes = needs sponsorship)"),
    rule(K.WORK_AUTHORIZED, _AUTHORISED_TO_WORK, 0.88, _ANSWER_OR_TICK, unless=_NOT_PERMISSION,
         why="work permission"),
    # Availability.
    rule(K.START_DATE, _NOTICE, 0.88, frozenset({TEXT, "area", CHOICE}), unless=_NOT_A_START,
         why="notice period / start availability"),
    # Where the person lives or will work from: the region.
    rule(K.ADDRESS_REGION, _REGION, 0.85, TYPED_OR_CHOICE,
         unless=r"\blicen[cs]\w*|\bcredential\w*|\bpractice\b|\bregistered\b|\bcounty\b",
         why="state / region of residence or of work"),
    # Current or last employer.
    rule(K.CURRENT_COMPANY, _CURRENT_EMPLOYER, 0.88, TYPED,
         unless=r"^(do|are|have|were|did|can|could|will|would|is) you\b|\b(may we|contact|reason|"
                r"agreement|restriction|notice|leave|leaving|salary|title|position|role)\b",
         why="current or last employer"),
    rule(K.PREFERRED_NAME, _PREFERRED_NAME, 0.9, TYPED,
         unless=r"\b(referr\w*|manager|supervisor|recruiter|emergency|spouse|relative|friend|"
                r"colleague|their|his|her|pronunciation)\b",
         why="preferred name"),
    rule(K.PRONOUNS, _PRONOUNS, 0.93, NOT_FILE, why="pronouns"),
    rule(K.REFERRAL_SOURCE, _REFERRAL, 0.88, NOT_FILE, unless=r"\b(name|nom|nombre|naam|nome)\b",
         why="how did you hear about us"),
]
"""Checked before the generic label rules (see :data:`patterns.LABEL_RULES`)."""

ALL_LABEL_RULES: list[Rule] = [*LEADING_LABEL_RULES, *FACT_RULES, *LABEL_RULES]
"""Every label rule in precedence order: look-alikes, structured facts, the rest."""

__all__ = ["ALL_LABEL_RULES", "ANSWER", "FACT_RULES"]
