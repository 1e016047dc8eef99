"""Pattern tables: what application forms at large call each vocabulary key.

This module is data, not logic. Every table is an ordered list of :class:`Rule`; the
classifier takes the *first* rule that matches, so specific rules (``preferred last name``,
``were you referred``) come before general ones (``name``, ``how did you hear``). Rules are
written against *normalised* text (see :func:`jobpilot_ats_generic.signals.normalise`):
lower case, accents folded (``prénom`` -> ``prenom``), every run of punctuation turned into
one space. So ``E-Mail`` is ``e mail`` and ``what's`` is ``what s``.

Languages: English, German, French and Spanish at least; a phrase is added here when it is
what real application forms in that language say, never to fit one page.

Kinds restrict a rule to the controls where it makes sense: a consent phrase on a text box
is not a consent, a "Disability" textarea is a free question, not the EEO answer.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cached_property

from jobpilot.vocabulary import FieldKey as K

# --- control kinds ---------------------------------------------------------------------

TEXT = "text"
"""A single-line box: text, email, tel, url, number, date, and typeable comboboxes."""
AREA = "area"
"""A multi-line box: textarea, contenteditable."""
CHOICE = "choice"
"""Pick from a list: select, radio group, checkbox group, listbox button, combobox, pills."""
CHECK = "check"
"""One checkbox on its own (also Ashby-style yes/no toggles backed by one checkbox)."""
FILE = "file"

ANY = frozenset({TEXT, AREA, CHOICE, CHECK, FILE})
NOT_FILE = frozenset({TEXT, AREA, CHOICE, CHECK})
TYPED = frozenset({TEXT})
TYPED_OR_CHOICE = frozenset({TEXT, CHOICE})
ANSWER = frozenset({TEXT, AREA, CHOICE})
"""Controls that take an answer (not a lone tick box, not a file)."""
PICK = frozenset({CHOICE, CHECK})
"""A tick or a pick: where consents and yes/no questions live."""
DOCUMENT = frozenset({FILE, AREA})
LINK_BOX = frozenset({TEXT, AREA})
"""Where a URL is typed (some forms use a textarea for "LinkedIn profile")."""


@dataclass(frozen=True)
class Rule:
    """One way a form can ask for ``key``.

    ``unless`` vetoes the rule (the next rule is tried): it is how "name" keeps away from
    "name of your manager" without a rule per trap.
    """

    key: K
    source: str
    confidence: float
    kinds: frozenset[str]
    unless_source: str | None
    why: str
    statements_only: bool = False
    """The rule holds only for statements ("I agree ..."), not questions ("Do you ...?")."""
    requires_source: str | None = None
    """The rule holds only when this also matches (a look-alike needs its tell-tale word)."""

    # Compiled on first use: the tables hold hundreds of patterns, and compiling them all
    # when the plugin loads cost a fifth of a second of every `jobpilot` start.
    @cached_property
    def pattern(self) -> re.Pattern[str]:
        return re.compile(self.source)

    @cached_property
    def unless(self) -> re.Pattern[str] | None:
        return re.compile(self.unless_source) if self.unless_source else None

    @cached_property
    def requires(self) -> re.Pattern[str] | None:
        return re.compile(self.requires_source) if self.requires_source else None

    def matches(self, text: str, kind: str, *, asks: bool = False) -> bool:
        if kind not in self.kinds:
            return False
        if self.statements_only and asks:
            return False
        if not self.pattern.search(text):
            return False
        if self.requires is not None and not self.requires.search(text):
            return False
        return not (self.unless is not None and self.unless.search(text))


def rule(
    key: K,
    pattern: str,
    confidence: float,
    kinds: frozenset[str] = ANY,
    unless: str | None = None,
    why: str = "",
    statements_only: bool = False,
    requires: str | None = None,
) -> Rule:
    return Rule(
        key=key,
        source=pattern,
        confidence=confidence,
        kinds=kinds,
        unless_source=unless,
        why=why or key.value,
        statements_only=statements_only,
        requires_source=requires,
    )


_LEAD = (
    r"(?:(?:what is|what s|what are|please|kindly|bitte|veuillez|por favor)\s)?"
    r"(?:(?:enter|provide|type|add|write|fill in|insert|state|share|give|indicate|confirm|"
    r"re enter|reenter|repeat|retype|verify|angeben|eingeben|saisir|indiquer|introduce|"
    r"ingrese|escriba)\s)?"
    r"(?:(?:your|the|ihr|ihre|ihren|votre|vos|tu|su|sus)\s)?"
)
_TAIL = r"(?:\s(?:here|below|please|bitte|ici|aqui))?"


def exact(body: str) -> str:
    """A pattern for a label that *is* the phrase, with only filler words around it.

    Short field labels ("First name", "Your e-mail", "Please enter your phone number") name
    their key; the same words inside a long question ("the name of the person who referred
    you") do not, so profile keys are anchored.
    """
    return rf"^{_LEAD}(?:{body}){_TAIL}$"


WHOLE_ADDRESS = "the whole address in one box"

_LINK_PROSE = (
    r"\b(describe|experience|budget|ads|advertising|strategy|channels?|products?|platforms?|"
    r"campaigns?|managed|how (much|many)|which)\b"
)
"""A question that names a site without asking for the applicant's address on it."""

_OTHER_PERSON = (
    r"\b(referr\w*|referee|reference|manager|supervisor|recruiter|employee|emergency|"
    r"contact person|spouse|relative|partner|friend|colleague|their|his|her|parent|"
    r"guardian|company|school|university|employer|agency|business)\b"
)
"""Words that say a name, e-mail or phone belongs to someone (or something) else."""


# --- traps: controls a filler must leave alone ------------------------------------------

HARD_TRAP_RULES: list[Rule] = [
    rule(K.UNKNOWN, r"\b(robots?|bots?|spam ?bots?) only\b|\bfor robots\b|\bif you are (a )?human\b"
         r"|\bleave (this )?(field )?(blank|empty)\b|\bhoney ?pot\b|\bdo not (fill|enter|complete)"
         r" (this|in)\b", 0.97, why="honeypot wording"),
    rule(K.UNKNOWN, r"\b(g|h) ?recaptcha\b|\bcaptcha\b|\bturnstile\b", 0.97, why="captcha token"),
]
"""Checked on every label text: a honeypot or captcha token is never a field to fill."""

SOFT_TRAP_RULES: list[Rule] = [
    rule(K.UNKNOWN, r"\bnewsletters?\b|\bsubscribe\b|\bmailing list\b|\bin your inbox\b", 0.9, TYPED,
         why="newsletter sign-up box"),
    rule(K.UNKNOWN, r"^(alle|all|toutes? les|todas? las|todos los|tutte le|tutti i|alle) \w+$", 0.88,
         frozenset({CHOICE, TEXT}), why="a listing filter ('All categories')"),
    rule(K.UNKNOWN, r"^(search|suche|suchen|rechercher|recherche|buscar|busqueda)\b"
         r"|\bsearch (by|for|jobs?|keywords?|term|query|help|here)\b"
         r"|\bto search\b|^keywords?$|^(job )?keyword search$|^filter\b|^sort( by)?\b",
         0.95, why="search or filter box"),
    rule(K.UNKNOWN, r"\b(select|choose|change|switch) (the |your )?(site |page |display |website )?"
         r"(language|langue|sprache|idioma|locale)\b|\blanguage current\b"
         r"|^(language|sprache|langue|"
         r"idioma) (selector|switcher|auswahl)$", 0.95, why="language switcher"),
    rule(K.UNKNOWN, r"\bcookies?\b|^(strictly necessary|necessary|essential|analytics|analytical|"
         r"marketing|performance|functional|functionality|advertising|statistics|statistical|"
         r"preferences|targeting|technisch notwendig|notwendig|analyse( statistiken)?|statistiken"
         r"|komfort|personalisierung|mesure d audience|publicite|estadisticas|analiticas)( cookies)?$",
         0.93, frozenset({CHECK, CHOICE}),
         why="cookie preference"),
    rule(K.UNKNOWN, r"\bnewsletters?\b|\bjob alerts?\b|\btalent (pool|community|network)\b"
         r"|\bfuture (job|opportunit|position|vacanc|role|opening|career)\w*"
         r"|\b(other|similar|relevant|suitable) (job|opportunit|position|role|vacanc|opening)\w*"
         r"|\bkeep me (informed|updated|in mind)\b|\bcontact me (about|regarding|with)\b"
         r"|\bmarketing (communications?|e ?mails?|messages)\b|\bsubscribe\b"
         r"|\bzukunftige (stellen|stellenangebote)\b|\bfutures? (offres|opportunites)\b"
         r"|\bfuturas (ofertas|vacantes|oportunidades)\b"
         r"|\bweitergabe (der|meiner) (bewerbung|unterlagen)\b|\bforward(ing)? (the |my )?application\b"
         r"|\bshare (the |my )?application with\b", 0.9, PICK,
         why="optional opt-in (not this application)"),
    rule(K.UNKNOWN, r"\b(photo|picture|avatar|headshot|profile (image|pic|photo)|foto|bild"
         r"|lichtbild"
         r"|imagen|portrait)\b", 0.9, frozenset({FILE}), why="profile photo upload"),
    rule(K.UNKNOWN, r"\b(auto ?fill|autofill|easy apply|quick apply|one click apply|parse|import "
         r"(from|your)|apply with|upload (your )?(resume|cv) to (auto|pre) ?fill)\b", 0.9,
         frozenset({FILE}), why="resume autofill drop zone"),
    rule(K.UNKNOWN, r"\bai assist\b", 0.85, why="assistant widget"),
    rule(K.UNKNOWN, r"\b(e ?mail|send|receive|get)( me)? an? (e ?mail )?cop(y|ies)\b|\bcopy of (this|the|my) "
         r"(form|application|submission|responses?|answers)\b|\bcc (me|myself)\b", 0.9,
         why="a copy of the form for the sender (not part of the application)"),
    rule(K.UNKNOWN, r"\b(e ?mail|send|share|tell|forward|refer)( this| the)?( job| position| posting)?"
         r" (to )?a friend\b|\bfriend s (e ?mail|name)\b|\byour friend\b"
         r"|\b(e ?mail|send|share) (this|the) (job|position|posting)\b"
         r"|\bcopy link\b|\bshare (on|via)\b|\bsaved? search\w*|\bjob alert\w*|\balert (name|"
         r"frequency)\b|^e ?mail me\b|\bresults per page\b|\bjobs available in\b"
         r"|\b(posted|posting) (date|within)\b|\bdate posted\b|\bfind jobs\b|\bjobs within\b",
         0.9, why="job-board chrome (share, alerts, listing controls)"),
]
"""Checked on the field's best label: page chrome and optional extras."""

SECTION_TRAP = re.compile(
    r"\balready (working|work|employed) (at|for|with)\b|\b(employee|staff|internal|colleague)s? "
    r"(log ?in|sign ?in|portal|referral portal)\b|\b(log|sign) ?in (as|for) (an? )?(employee|staff|"
    r"colleague)s?\b|\bjob alerts?\b|\b(sign up|subscribe) (for|to) (job )?(alerts?|updates|our "
    r"newsletter|our mailing list|mailing list)\b|\bmailing list\b|\b(set|create|turn on) (an? )?"
    r"(job )?alerts?\b|\balert for similar\b|\b(send )?feedback( and suggestions)?$"
    r"|\b\d+ (jobs|open positions|open roles|aktuelle stellenangebote|stellenangebote|offres"
    r"|vacatures|ofertas)\b|\bnewsletter\b|\bget (notified|job alerts)\b|\bstay (informed|"
    r"connected|in touch)\b|\bbereits (mitarbeiter|bei uns)\b"
    r"|\bdeja (collaborateur|employe|salarie)\b|\bya (trabajas|eres empleado)\b|\bal werkzaam\b"
    r"|\bja trabalha\b|\bgia (lavori|dipendente)\b"
)
"""Section headings of page parts that are not this application: staff log-ins ("Already
working at Acme?"), job alerts, newsletters. A talent-community sign-up is not listed: on
its own page it is the form the person came to fill.""" 

ANCESTOR_TRAP_RULES: list[Rule] = [
    rule(K.UNKNOWN, r"\b(auto ?fill|autofill|easy apply|quick apply|apply with|parse resume|resume "
         r"parser)\b", 0.88, frozenset({FILE}), why="resume autofill drop zone"),
    rule(K.UNKNOWN, r"\bhoney ?pot\b|\bbee ?catcher\b|\bbot ?trap\b", 0.95,
         why="inside a honeypot"),
]
"""Checked on the ids, classes and test hooks of the nearest wrappers."""

GENERIC_LABEL = re.compile(
    r"^((choose|select|upload|attach|add|browse)( an?| your| the)? files?( or drop (it|them|files?)"
    r" here)?|drag (and )?drop.*|drop (it|files?|your files?) here.*|browse|attach|upload|"
    r"select|select an option|choose|choose one|please select|toggle flyout|open menu|"
    r"no file chosen|or)$"
)
"""Text that widgets put where a label would be; it names nothing."""

TEMPLATE_MARKUP = re.compile(r"\{\{|\}\}|\[\[|\]\]|<%|%>|\$\{")
"""Unrendered template syntax (Angular/Handlebars ``{{ question.text }}``, ERB, JS
templates) in a label, name or id: a prototype the page clones, never a field to fill."""

I18N_KEY = re.compile(r"^%(?:(?:PLACEHOLDER|HEADER|LABEL|TITLE|FIELD|TEXT)_)?([A-Z0-9_]+)%$")
"""A label that is still its translation key (``%PLACEHOLDER_PHONE_NUMBER%``): the page's
strings were not loaded, but the key names the field ("phone number")."""

DIAL_VALUE = re.compile(r"^\s*\+\s?\d{1,4}\b")
"""A current value like "+44" or "+44 GB": the control is a phone country-code picker."""

TRAP_NAME_RULES: list[Rule] = [
    rule(K.UNKNOWN, r"^hp\b|\bhp$|\bhoney ?pot\b|\bhoney\b|\bbee ?catcher\b|\bbot ?(trap|field)\b"
         r"|\bnospam\b|\banti ?spam\b", 0.97, why="honeypot name"),
    rule(K.UNKNOWN, r"\b(g|h) ?recaptcha\b|\bcaptcha\b|\bturnstile\b|\bcf chl\b", 0.97,
         why="captcha token"),
    rule(K.UNKNOWN, r"\bcookies?\b|\bonetrust\b|\bcookiebot\b|\bconsent banner\b|\bccm\b|\bcmp\b", 0.9,
         frozenset({CHECK, CHOICE}), why="cookie banner"),
    rule(K.UNKNOWN, r"\bfuture (job|opportunit|position|vacanc|role)\w*|\bnewsletter\b"
         r"|\bjob alert\b|\btalent (pool|community)\b|\bmarketing\b", 0.88, PICK,
         why="optional opt-in"),
    rule(K.UNKNOWN, r"\b(lang|language|locale) (switch\w*|select\w*|picker|menu)\b", 0.9,
         why="language switcher"),
    rule(K.UNKNOWN, r"\b(want|send|email|receive) ?copy\b|\bcopy (address|email|to me)\b", 0.9,
         why="a copy of the form for the sender"),
    # A newsletter or mailing-list box (often the careers page's footer): its e-mail field is
    # not the application's, whatever its type says.
    rule(K.UNKNOWN, r"\bnewsletters?\b|\bsubscri(be|ber|ption)s?\b|\bmailing ?list\b|^mce\b|\bmc embedded\b"
         r"|\bmailchimp\b|\bfeedback form\b", 0.9,
         why="newsletter sign-up"),
]
"""Checked on name/id/test-hook tokens (see ``signals.name_text``)."""

# Honeypot names only count when the field is invisible: a visible "website" box is real.
HIDDEN_TRAP_NAMES = re.compile(
    r"^(website|url|homepage|home page|web|fax|company|address|zip|email2|email 2|name2|"
    r"middle name|contact me by fax only|comment|comments)$"
)

# --- label rules --------------------------------------------------------------------------

LEADING_LABEL_RULES: list[Rule] = [
    # Questions that look like a key but are not the applicant's profile data.
    rule(K.QUESTION, r"\bu ?s person\b|\bexport control|\bitar\b|\bsecurity clearance\b"
         r"|\bclearance\b", 0.8, NOT_FILE, why="export control / clearance"),
    rule(K.QUESTION, r"\b(applying|apply|applied) (to|for|in)\b.*\b(location|country|city|office|"
         r"site|region)s?\b|\b(location|country|city|office)s? (of|for) the (position|role|job|"
         r"vacancy)\b|\bwhich (of (our|the|these) )?(locations?|offices?|sites?)\b"
         r"|\bpreferred (work |job )?locations?\b|\bwork locations?\b|\bjob locations?\b"
         r"|^locations$|\btime ?zone\b|\bwork from (our|the) \w+ office\b", 0.8, NOT_FILE,
         unless=r"\b(authori[sz]\w+|eligib\w+|sponsor\w*|right to work|work permit|agree|consent"
         r"|accept|privacy)\b|\b(are you|you are) (currently )?(based|located|living)\b",
         why="posting location, not the applicant's"),
    rule(K.QUESTION, r"^(start|end|from|to|begin)( date)? (month|year)$|^(month|year)$", 0.75,
         NOT_FILE, why="date part without a vocabulary key"),
    rule(K.QUESTION, r"^(do|would|will|are|can) you\b.*\b(background (check|screen\w*)|drug "
         r"(test|screen\w*))", 0.8, NOT_FILE, why="background-check willingness"),
]
"""Look-alikes settled before anything else (then :data:`facts.FACT_RULES`)."""

LABEL_RULES: list[Rule] = [
    rule(K.QUESTION, r"\b(consent|agree) to (undergo\w*|a|the|any|all)\b.*\b(background|police|criminal|"
         r"credit|reference) (checks?|screen\w*)\b", 0.8, NOT_FILE, why="background-check willingness"),
    rule(K.CONSENT, r"\b(confirm|certify|declare|attest)\b.*\b(information|answers|details|statements|"
         r"everything|application|data)\b.*\b(accurate|true|correct|complete|truthful)\b"
         r"|\bich erklare hiermit\b|\bwahrheitsgemass\b|\bje (certifie|declare)\b", 0.85, PICK,
         unless=r"\bi (confirm|certify|declare) that i (have|am|will|did) (completed|taken|done)\b",
         why="declaration that the application is accurate"),
    rule(K.QUESTION, r"\bi (confirm|certify|declare) that i (have|am|will|did) (completed|taken|done|"
         r"submitted|attended|passed|finished|uploaded|registered)\b", 0.8, PICK,
         why="confirms a fact about the applicant, not an agreement"),
    rule(K.CONSENT, r"\barbitration\b|\bprivacy\b|\bdata (protection|processing|privacy)\b"
         r"|\bpersonal (data|information)\b|\bgdpr\b|\bdsgvo\b|\brgpd\b|\bdatenschutz\w*"
         r"|\bterms (and|&) conditions\b|\bterms of (use|service)\b|\bconsent\w*|\bi agree\b"
         r"|\bi accept\b|\bi certify\b|\bi acknowledge\b|\bi affirm\b|\bi attest\b"
         r"|\bi confirm\b|\bhereby\b|\btrue and (complete|correct|accurate)\b"
         r"|\b(accurate|correct) and complete\b|\binformation\b.*\b(is|are) (accurate|true|"
         r"correct)\b|\btext messages?\b|\btext you\b|\bsms\b|\bconsentement\b"
         r"|\bconsentimiento\b|\beinwillig\w*|\bacepto\b|\bj accepte\b|\bich stimme\b"
         r"|\bich akzeptiere\b|\bdatenverarbeitung\b|\bprotection des donnees\b"
         r"|\bproteccion de datos\b", 0.88, PICK, why="consent wording"),
    # Names.
    rule(K.LAST_NAME, r"\bpreferred (last|family|sur) ?name\b", 0.85, frozenset({TEXT})),
    rule(K.PREFERRED_NAME, r"\b(preferred|chosen) (first |given )?name\b|\bknown as\b"
         r"|\bnick ?name\b|\brufname\b|\bnombre preferido\b|\bprenom (d usage|usuel)\b",
         0.9, TYPED, unless=_OTHER_PERSON),
    rule(K.MIDDLE_NAME, exact(r"(legal )?middle (name|initial)s?|zweiter vorname|second prenom|"
                              r"deuxieme prenom|segundo nombre"), 0.93, TYPED),
    rule(K.FULL_NAME, exact(r"(full |legal |complete |first and last |given and family )*"
                            r"(legal )?name(s)?|name and surname|name surname|vor und nachname|"
                            r"vollstandiger name|nom complet|nom et prenom|prenom et nom|"
                            r"nombre completo|nombres? y apellidos?|nombre completo y apellidos|"
                            r"applicant name|candidate name|legal name"), 0.93, frozenset({TEXT, AREA})),
    rule(K.FULL_NAME, r"\bfirst (name )?and last names?\b|\bfull (legal )?name\b", 0.8,
         frozenset({TEXT, AREA}), unless=_OTHER_PERSON + r"|\bname of\b|\bnames of\b"),
    rule(K.FIRST_NAME, exact(r"(legal |official )?(first|given|fore) ?name|vorname|prenom|"
                             r"nombre de pila|primer nombre|first name legal|"
                             r"(first|given) ?name (first|given|fore) ?name"), 0.95, TYPED),
    rule(K.FIRST_NAME, r"\b(legal|official) first name\b|\byour (legal )?first name\b", 0.85, TYPED,
         unless=_OTHER_PERSON),
    rule(K.LAST_NAME, exact(r"(legal |official )?(last|family|sur) ?name|surname|nachname|"
                            r"familienname|nom de famille|apellidos?|primer apellido|"
                            r"last name legal|(last|family|sur) ?name (last|family|sur) ?name"),
         0.95, TYPED),
    rule(K.LAST_NAME, r"\b(legal|official) (last|family) name\b|\byour (legal )?(last|family) "
         r"name\b", 0.85, TYPED, unless=_OTHER_PERSON),
    rule(K.FULL_NAME, r"\bi certify\b|\bapplication certification\b|\b(e|electronic|digital) "
         r"signature\b|^signature$|\bsign(ed)? by typing\b|\btype your (full )?(legal )?name\b"
         r"|\bsign (here|below)\b|\bunterschrift\b", 0.72, TYPED,
         unless=r"\bdate\b|\bdatum\b|\bcertifications\b", why="typed e-signature"),
    # Contact.
    rule(K.EMAIL, exact(r"(confirm |verify |repeat |re enter |retype )?(your )?(personal |private "
                        r"|primary |account |contact )?(e ?mail|courriel|correo|mail)( address|"
                        r" adresse| adresse e mail)?( again)?|(adresse )?(e ?mail|electronique|"
                        r"courriel)|correo electronico|adresse e ?mail|direccion de correo"
                        r"( electronico)?|e ?mail adresse|confirm e ?mail( address)?"),
         0.95, frozenset({TEXT, AREA})),
    rule(K.EMAIL, r"^(your |personal |primary )?(e ?mail|courriel|correo)( address)?\b", 0.85,
         TYPED, unless=_OTHER_PERSON),
    rule(K.ADDRESS_COUNTRY, r"\b(country|dial(l?ing)?|calling|phone|telephone) ?codes?\b"
         r"|\bindicatif( pays| telephonique)?\b|\blandesvorwahl\b|\blandercode\b|\blandvorwahl\b"
         r"|\bvorwahl\b|\bprefijo\b"
         r"|\bcodigo (de )?pais\b|\bcountry calling\b", 0.88, TYPED_OR_CHOICE,
         unless=r"\b(with|including|incl|inkl|avec|con) (the |your )?(country|area|dial|calling) "
         r"codes?\b", why="phone country code"),
    rule(K.PHONE, exact(r"((mobile|cell|home|primary|contact|landline|daytime|personal) )?"
                        r"(phone|telephone|mobile|cell|cellphone|landline|tel|telefon|telefono|"
                        r"handy|mobil|movil|portable|celular|mobilnummer|telefonnummer|"
                        r"handynummer)( (movil|mobil|mobile|portable|fijo|fixe|cellulaire))?"
                        r"( ?(number|no|nr|nummer|numero))?( with country code)?|"
                        r"numero de telephone|numero de telefono|numero de (portable|movil)"),
         0.95, frozenset({TEXT, AREA})),
    rule(K.PHONE, r"^(your |best )?(mobile |cell )?(phone|telephone)( number)?\b", 0.8, TYPED,
         unless=_OTHER_PERSON + r"|\bext(ension)?\b|\btype\b"),
    # Where the applicant is.
    rule(K.LOCATION, exact(r"(current |home |your )?(location|location city|city and country|"
                           r"country and city|city country|city state|city and state|lieu|"
                           r"standort|ubicacion|localisation|localizacion|ciudad y pais|"
                           r"ville et pays|location city state)|current city"), 0.9,
         frozenset({TEXT, AREA, CHOICE})),
    rule(K.LOCATION, r"^(place of )?residence\b.*\b(city|town|state|country)\b"
         r"|\bwhat (city|country city|city country) (are )?you (are )?(currently )?(located|based|"
         r"living|residing)\b", 0.82, frozenset({TEXT, AREA}), why="where the applicant lives"),
    rule(K.LOCATION, r"\bwhere (are|do) you (currently |primarily |presently )?(based|located|live|"
         r"living|reside|residing)\b|\b(which|what) (country and city|city and country|city)\b.*"
         r"\b(based|live|located|reside)\b|\bcurrent (city|location)\b|\bwo (wohnen|leben) sie\b"
         r"|\bou (etes vous|habitez vous)\b|\bdonde (vives|resides)\b", 0.85,
         frozenset({TEXT, AREA}),
         unless=r"\b(prefer\w*|willing|office|relocat\w*|commut\w*|within)\b"),
    rule(K.ADDRESS_CITY, r"^(current |home |your )?address (city|town)$", 0.88, TYPED_OR_CHOICE,
         why="the city part of the address"),
    rule(K.ADDRESS_REGION, r"^(current |home |your )?address (state|province|region)( if applicable)?$",
         0.85, TYPED_OR_CHOICE, why="the state part of the address"),
    rule(K.ADDRESS_POSTAL_CODE, r"^(current |home |your )?address (zip|postal|post)( code)?$", 0.88,
         TYPED, why="the postal-code part of the address"),
    rule(K.ADDRESS_COUNTRY, r"^(current |home |your )?address (country|country region)$", 0.88,
         TYPED_OR_CHOICE, why="the country part of the address"),
    rule(K.ADDRESS_STREET, r"\baddress (line )?2\b|\baddress ?2\b|\baddress line two\b|\bapartment\b"
         r"|\bapt\b|\bsuite\b|\badresszusatz\b|\bcomplement d adresse\b|^address \(?additional\)?$"
         r"|^additional address( line)?$", 0.85, TYPED),
    rule(K.ADDRESS_STREET, r"\b(full|complete|entire) (home |postal |mailing |residential |current "
         r"|permanent )?address\b|\b(provide|enter|give|share)( us)?( with)? your (current |home "
         r"|residential |mailing |permanent )+address\b|^(current |home )?street address$"
         r"|^home address \(?street", 0.8, frozenset({TEXT, AREA}), why=WHOLE_ADDRESS),
    rule(K.ADDRESS_STREET, exact(r"street|street address|address ?line ?1|address line one|"
                                 r"address ?1|street and (house )?number|strasse|strasse und "
                                 r"hausnummer|rue|calle|(home|mailing|postal|legal|residential|"
                                 r"permanent|physical) address|adresse postale|direccion postal"),
         0.85, TYPED),
    rule(K.ADDRESS_CITY, exact(r"(current |home )?((village |town |city )*(city|town|village)|city of "
                               r"residence|stadt|ort|wohnort|ville|ville de residence|ciudad|"
                               r"localidad|municipio|ciudad de residencia|cidade|citta|woonplaats"
                               r"|plaats|localita)"), 0.9, TYPED_OR_CHOICE),
    rule(K.ADDRESS_REGION, exact(r"state|province|region|county|state province|state region|"
                                 r"state or province|province state|bundesland|departement|"
                                 r"provincia|estado|state of residence|region province"),
         0.85, TYPED_OR_CHOICE),
    rule(K.ADDRESS_REGION, r"\b(which|what) (us )?state do you (permanently |currently )?(reside|"
         r"live)\b|\bstate of (residence|residency)\b", 0.85, TYPED_OR_CHOICE,
         unless=r"\blicen[cs]\w*"),
    rule(K.ADDRESS_POSTAL_CODE, r"^(your )?(zip|postal|post|zip postal|zip or postal)( ?code)?\b"
         r"|\bpostcode\b|\bzip code\b|\bpostal code\b|^plz$|\bpostleitzahl\b|\bcode postal\b"
         r"|\bcodigo postal\b", 0.92, TYPED),
    rule(K.ADDRESS_COUNTRY, exact(r"(current |home )?(country|country region|country of "
                                  r"residence|country of residency|residence country|land|"
                                  r"wohnsitzland|pays|pays de residence|pais|pais de residencia|"
                                  r"country location|paese|land van verblijf)"),
         0.9, frozenset({TEXT, AREA, CHOICE})),
    rule(K.ADDRESS_COUNTRY, r"^(in )?(which|what) country do you (currently )?(live|reside)( in)?$"
         r"|^(in )?(which|what) country are you (currently )?(based|located|living|residing)( in)?$",
         0.82, TYPED_OR_CHOICE),
    rule(K.ADDRESS_COUNTRY, r"^(please )?(select|choose|specify|enter|indicate|state) (your|the) country"
         r"( of (residence|residency))?( you (are )?(currently )?(live|living|reside|residing) in)?$"
         r"|^(current )?country of (residence|residency)$|^wohnsitzland$|^pays de residence$"
         r"|^pais de residencia$|^land van (verblijf|woonplaats)$|^paese di residenza$", 0.85,
         frozenset({TEXT, AREA, CHOICE}), why="country the applicant lives in"),
    # Links.
    rule(K.QUESTION, r"\bpassword\b|\bpasswort\b|\bmot de passe\b|\bcontrasena\b", 0.7, ANSWER,
         unless=r"\b(include|including|and|with|plus)\b.*\bpassword\b",
         why="a password asked as a question"),
    rule(K.LINKS_OTHER, r"\bother (website|url|link|profile|social)s?\b|\badditional (profiles?|"
         r"links?|websites?|urls?)\b|\bfacebook\b|\binstagram\b|\bstack ?overflow\b|\bxing\b"
         r"|\b(other|additional|any|helpful|relevant|further)( \w+)? (links?|urls?|profiles?)\b"
         r"|^(links|urls|web links|social links|online profiles|social media( profiles| links)?)$",
         0.85, LINK_BOX),
    rule(K.LINKS_LINKEDIN, r"\blinked ?in\b", 0.93, LINK_BOX,
         unless=r"\b(hear|heard|apply|applied|source|found|find)|" + _LINK_PROSE),
    rule(K.LINKS_GITHUB, r"\bgit ?hub\b", 0.93, LINK_BOX,
         unless=r"\b(hear|heard|source|found|find)|" + _LINK_PROSE),
    rule(K.LINKS_TWITTER, r"\btwitter\b|^x$|\bx (handle|url|profile|account)\b", 0.9, LINK_BOX,
         unless=r"\b(hear|heard|source)|" + _LINK_PROSE),
    rule(K.LINKS_PORTFOLIO, r"\bportfolio\b|\bweb ?site\b|\bblog\b|\bpersonal (site|url|page|"
         r"homepage)\b|\bhomepage\b|\bsite (web|internet)\b|\bsitio web\b|\bwebseite\b"
         r"|\bbehance\b|\bdribbble\b", 0.88, LINK_BOX,
         # "Company website", "your referrer's site" are not the applicant's own site.
         unless=r"\b(hear|heard|source|found|find|company s|our)\b|" + _OTHER_PERSON + "|" + _LINK_PROSE),
    # Documents.
    rule(K.RESUME, r"\b(resume|cv|curriculum( vitae)?|lebenslauf|curriculo|c v)\b", 0.93,
         DOCUMENT, unless=r"\b(other|additional|supporting|further) (documents?|files?|attachments?|"
                          r"materials?|certificates?)\b|\bautofill\b|\bparse\b"),
    rule(K.COVER_LETTER, r"\bcover(ing)? ?letter\b|\banschreiben\b|\bmotivationsschreiben\b"
         r"|\blettre de motivation\b|\bcarta de (presentacion|motivacion)\b|\bmessage to the "
         r"hiring (team|manager)\b|\bnote to (the )?hiring\b", 0.92, DOCUMENT),
    # Salary acknowledgements before salary.
    rule(K.QUESTION, r"\b(comfortable|okay|ok|fine|happy|agree|aware|align|aligned|in line|"
         r"acceptable|accept)\b.*\b(salary|compensation|pay|rate|range|wage|gehalt\w*|salaire|salario)\b"
         r"|\b(salary|compensation|pay|wage|gehalt\w*|salaire|salario)\b.*\b(comfortable|align|"
         r"aligned|aware|acceptable|okay|agree|in line|einverstanden|d accord|de acuerdo)\b",
         0.8, NOT_FILE, unless=r"\b(what|how much|let us know|tell us|targeting|please (provide|share|"
                                r"enter|state))\b.*\b(salary|compensation|pay|targeting|expect\w*)\b",
         why="salary-range acknowledgement"),
    rule(K.QUESTION, r"\bis (this|the|that) (salary |pay )?(range )?(within|compatible with|in line with|"
         r"aligned with|acceptable)\b|\bwithin your (salary )?(expectations?|range)\b", 0.8, NOT_FILE,
         why="yes/no on a salary range"),
    rule(K.QUESTION, r"^(is|are|does|do|would|will|can|could)\b.*\b(salary|compensation|pay|wage|"
         r"expectations?)\b.*\b(compatible|within|match(es)?|meets?|fits?|in (the )?range)\b"
         r"|^(is|are|does|do|would|will|can|could)\b.*\b(compatible|within|match(es)?|meets?|fits?)"
         r"\b.*\b(salary|compensation|pay|wage|range)\b", 0.8, NOT_FILE,
         why="yes/no on a salary range"),
    rule(K.QUESTION, r"\blicen[cs]\w*", 0.78, NOT_FILE, why="licence question"),
    rule(K.QUESTION, r"\b(current|previous|last|present|most recent|former)( or most recent)? (base |basic "
         r"|annual |gross )?(salary|compensation|pay|rate)\b",
         0.75, NOT_FILE, why="current pay, not an expectation"),
    rule(K.SALARY_EXPECTATION, r"\bsalary\b|\bcompensation\b|\b(desired|expected|target|"
         r"requested|asking) (pay|rate|wage|income|remuneration|salary)\b|\b(hourly|daily|day) rate\b"
         r"|\bpay (expectations?|requirements?)\b|\bwage\b|\bgehalt\w*|\bverdienst\w*"
         r"|\bremuneration\b|\bsalaire\b|\bpretentions? salariales?\b|\bsalario\b"
         r"|\bsalar(erwartung|vorstellung|wunsch)\w*|\bsalaris\w*|\bstipendio\b|\bretribuzione\b"
         r"|\bpretensao salarial\b"
         r"|\bexpectativas? salarial(es)?\b|\bpretension(es)? salarial(es)?\b|\bsueldo\b"
         r"|\bremuneracion\b|\bjahresgehalt\b|\bbrutto\w*", 0.88, NOT_FILE),
    # Authorisation and sponsorship: facts.FACT_RULES (every language, both polarities).
    # Experience and current job.
    rule(K.YEARS_EXPERIENCE, r"^(how many )?(total )?years of (total |overall |professional |work |"
         r"working |full time |paid )?(professional |work )?experience( do you have)?( in total"
         r"| overall| total)?$|^total (years of )?(professional |work )?experience( in years)?$"
         r"|^(jahre )?berufserfahrung( in jahren)?$|^(nombre d )?annees d experience"
         r"( professionnelle)?$|^anos de experiencia( profesional)?$", 0.8, ANSWER,
         why="total years of experience"),
    rule(K.QUESTION, r"\byears?\b.*\b(experience|experiencia|erfahrung)\b|\b(experience|erfahrung)"
         r"\b.*\byears?\b|\bannees d experience\b|\banos de experiencia\b", 0.8, NOT_FILE,
         why="domain-specific experience"),
    rule(K.CURRENT_COMPANY, r"\bcurrent (company|employer|organi[sz]ation)\b|\bpresent employer\b"
         r"|\bcurrent or (most )?recent (company|employer)\b|\bmost recent (company|employer)\b"
         r"|\bemployeur actuel\b|\bentreprise actuelle\b|\baktueller arbeitgeber\b"
         r"|\bderzeitiger arbeitgeber\b|\bempresa actual\b|\bempleador actual\b", 0.9, TYPED,
         unless=r"\b(do you|are you|have you|were you|did you)\b"),
    rule(K.CURRENT_COMPANY, exact(r"company|company name|employer|current employer|organi[sz]ation|"
                                  r"arbeitgeber|unternehmen|entreprise|empresa|employeur"),
         0.65, TYPED, why="bare company (maybe work history)"),
    rule(K.CURRENT_TITLE, r"\bcurrent (job |position |role )?title\b|\bcurrent (position|role|"
         r"job|occupation)\b|\bheadline\b|\btitre actuel\b|\bposte actuel\b|\bfonction actuelle\b"
         r"|\baktuelle (position|berufsbezeichnung|stelle)\b|\bcargo actual\b|\bpuesto actual\b",
         0.88, TYPED, unless=r"\b(do you|are you|have you|how long|years?|manager|if so)\b"),
    rule(K.CURRENT_TITLE, exact(r"job title|title of (your )?current (job|position)|position title|"
                                r"berufsbezeichnung|jobtitel|intitule du poste|titulo del puesto"),
         0.72, TYPED),
    # Education.
    rule(K.EDUCATION_GRADUATION_YEAR, r"\bgraduation (year|date)\b|\byear of graduation\b"
         r"|\b(expected |anticipated )?graduation\b|\babschlussjahr\b|\bannee d obtention\b"
         r"|\bano de (graduacion|egreso)\b", 0.85, TYPED_OR_CHOICE,
         unless=r"\b(do you|are you|have you|will you)\b"),
    rule(K.EDUCATION_DEGREE, r"\bhighest (level of )?(education|degree|qualification)\w*"
         r"|\blevel of (your )?highest (degree|education|qualification)\b|\bhighest (educational|"
         r"academic)\b|\b(education|educational) level\b|\blevel of education\b"
         r"|\bhochste[rn]? (bildungs|schul)?abschluss\b|\bniveau d (etudes?|education)\b"
         r"|\blevel of (formal )?(educational )?(qualification|education)\b"
         r"|\bwhat (degree|qualification) (did|do) you (complete|hold|have|obtain)\b"
         r"|\bnivel (de estudios|educativo|academico)\b|\bdiplome le plus eleve\b", 0.88, ANSWER),
    rule(K.EDUCATION_DEGREE, exact(r"degree|degree type|type of degree|diploma|qualification|"
                                   r"abschluss|diplome|titulo|grado|titulacion"), 0.85,
         TYPED_OR_CHOICE),
    rule(K.EDUCATION_DISCIPLINE, exact(r"discipline|field of study|fields of study|major|"
                                       r"area of study|course of study|major field of study|"
                                       r"studienfach|studiengang|fachrichtung|domaine d etudes|"
                                       r"specialite|carrera|especialidad|concentration|"
                                       r"major minor|subject|field"), 0.85, TYPED_OR_CHOICE),
    rule(K.EDUCATION_SCHOOL, r"\b(which|what) (was )?(is )?(the )?(most recent |last )?(university|college|"
         r"school) (did )?you (attended|attend|graduate\w*|studied|study)\b", 0.85, TYPED_OR_CHOICE,
         why="the school the applicant attended"),
    rule(K.EDUCATION_DISCIPLINE, r"\b(what|which) (discipline|field|subject|major)\b.*\b(degree|study|"
         r"studies|studied)\b", 0.85, TYPED_OR_CHOICE, why="field of study"),
    rule(K.EDUCATION_SCHOOL, exact(r"school|university|college|institution|school name|name of "
                                   r"school|university name|school university|educational "
                                   r"institution|hochschule|universitat|schule|ecole|universite|"
                                   r"etablissement|universidad|escuela|institucion|school or "
                                   r"university|college university|university college"),
         0.88, TYPED_OR_CHOICE),
    # Availability.
    rule(K.START_DATE, r"\bstart(ing)? date\b|\bearliest (possible )?start\b|\bavailable (from|to "
         r"start)\b|\bavailability (date|to start)\b|\bnotice period\b|\bperiod of notice\b"
         r"|\bwhen (can|could|would|will|are) you (be )?(available |able )?(to )?start\b"
         r"|\bdate (of )?availability\b|\bdate available\b|\bstart availability\b"
         r"|\bkundigungsfrist\b|\beintrittsdatum\b|\beintrittstermin\b|\bfruhest\w* (eintritt|"
         r"starttermin|beginn)\w*|\bverfugbar ab\b|\bverfugbarkeit\b|\bdisponible (a partir|des)\b"
         r"|\bdisponibilite\b|\bdate de (debut|disponibilite|prise de poste)\b|\bpreavis\b"
         r"|\bfecha de (inicio|incorporacion|disponibilidad)\b|\bdisponibilidad\b|\bpreaviso\b"
         r"|\bincorporacion\b", 0.88, frozenset({TEXT, AREA, CHOICE}),
         unless=r"\b(weekly|hours|per week|schedule|shifts?|weekdays?|weekends?|days of|enlist\w*"
                r"|employed|employment (start|end|dates?|history|period)|opt ?out|medicare|military|service"
                r"|school|college|course|degree)\b"),
    rule(K.WILLING_TO_RELOCATE, r"\b(ready|willing|open|prepared|happy) to (move|relocate) to\b", 0.85,
         NOT_FILE, unless=r"^i (understand|acknowledge|confirm)\b", why="willing to move"),
    rule(K.WILLING_TO_RELOCATE, r"\brelocat\w*|\bumzug\w*|\bumzuziehen\b|\bdemenag\w*"
         r"|\breubica\w*|\btrasladarte\b|\btrasladarse\b", 0.85, NOT_FILE,
         unless=r"^i (understand|acknowledge|confirm)\b"),
    # Referral.
    rule(K.REFERRAL_SOURCE, r"^(how|where) did you (first )?(hear|learn|find out|find|come across|"
         r"see)\b", 0.9, NOT_FILE, unless=r"\b(if you|please specify|referr\w+ by)\b"),
    rule(K.QUESTION, r"\breferr(ed|er|ing|ee)\b|\breferral (name|contact|e ?mail|code)\b|\bwho "
         r"referred\b|\bemployee referral\b|\bplease specify\b|\bif other\b|\bif you (chose|"
         r"selected|answered|picked)\b|\bwas the referral\b", 0.8, NOT_FILE,
         why="referral details"),
    rule(K.REFERRAL_SOURCE, r"\bhow did you (first )?(hear|learn|find out|come across|find)\b"
         r"|\bwhere did you (first )?(hear|see|find|learn|come across)\b|\bwhere you (first )?"
         r"(heard|saw|found)\b|\bheard? (about|of) (us|this|the)\b|\breferral source\b"
         r"|\b(application|candidate|applicant|lead) source\b|^source$|^(recruiting )?source of "
         r"(application|hire)$|\bwie (sind|haben|wurden) sie (auf|von)\b|\bcomment (avez vous|"
         r"nous avez vous) (connu|entendu|decouvert|trouve)\b|\bcomo (te enteraste|supiste|nos "
         r"conociste|conociste|se entero)\b|\bdonde (viste|encontraste)\b", 0.88, NOT_FILE),
    # Demographics beyond the EEO keys are free questions.
    rule(K.QUESTION, r"\btransgender\b|\bsexual orientation\b|\blgbt\w*|\bneuro ?diver\w*"
         r"|\bneurodivergent\b|\bage range\b|\bcurrent age\b|\bhow old\b|\bdate of birth\b"
         r"|\bbirth ?date\b|\bmarital\b|\breligio\w*|\bcaste\b|\bcommunities\b|\bnationality\b"
         r"|\bplace of birth\b|\bage\b|\bgeburtsdatum\b|\bdate de naissance\b"
         r"|\bfecha de nacimiento\b|\bsocial class\b|\bsocio ?economic\b", 0.8, NOT_FILE,
         why="demographic question without a vocabulary key"),
    rule(K.EEO_HISPANIC_LATINO, r"\bhispanic\b|\blatin[oax]\b|\blatine\b", 0.9,
         frozenset({TEXT, CHOICE, CHECK}), unless=r"\brac(e|ial)\b"),
    rule(K.EEO_RACE, r"\brace\b|\bracial\b|\bethnic\w*|\bethnie\b|\borigine ethnique\b|\betnia\b"
         r"|\bethnische\b|\bherkunft\b", 0.9, frozenset({TEXT, CHOICE, CHECK}),
         unless=r"\brace car\b"),
    rule(K.EEO_GENDER, r"\bgender\b|\bsex\b|\bgeschlecht\b|\bsexe\b|\bgenero\b|\bsexo\b"
         r"|^genre$", 0.9, frozenset({TEXT, CHOICE, CHECK})),
    rule(K.EEO_VETERAN_STATUS, r"\bveteran\w*|\barmed forces\b|\bmilitary (service|status)\b",
         0.9, frozenset({TEXT, CHOICE, CHECK})),
    rule(K.EEO_DISABILITY_STATUS, r"\bdisabilit\w*|\bdisabled\b|\bbehinderung\b"
         r"|\bschwerbehinder\w*|\bhandicap\w*|\bdiscapacidad\b", 0.9,
         frozenset({CHOICE, CHECK}), unless=r"\breasonable (adjustment|accommodation)s?\b"),
    # Consent wording came early (above); here questions that only sound like one.
    rule(K.QUESTION, r"\bbackground (check|screen\w*)|\bdrug (test|screen\w*)|\b18\b|\bshifts?\b"
         r"|\btravel\b|\bovertime\b|\bweekends?\b|\bon call\b|\bwilling\b|\bable to\b", 0.8,
         NOT_FILE, why="acknowledgement that depends on the applicant"),
    rule(K.CONSENT, r"\bagree\b|\baccept\b|\backnowledg\w*|\bcertify\b|\baffirm\b|\battest\b"
         r"|\bterms\b|\bpolicy\b|\bnotice\b|\bdeclaration\b|\bstimme zu\b|\bakzeptiere\b"
         r"|\baccepte\b|\bacepto\b", 0.8, PICK, unless=r"^(have|are|were|did|can|could|do) you\b",
         why="acknowledgement", statements_only=True),
]
"""Label rules in precedence order; the first that matches decides. The whole order is
:data:`facts.ALL_LABEL_RULES`: leading look-alikes, structured facts, then these."""

AMBIGUOUS_NAMES: dict[str, tuple[K, K, K]] = {
    "nom": (K.LAST_NAME, K.FIRST_NAME, K.FULL_NAME),
    "nombre": (K.FIRST_NAME, K.LAST_NAME, K.FULL_NAME),
}
"""A label that means one key when its partner is on the page and another alone:
French "Nom" is the surname beside "Prénom" and the whole name alone; Spanish "Nombre" is
the given name beside "Apellidos". Value: (key with partner, partner key, key alone)."""

ADDRESS_ALONE = re.compile(exact(r"(your |home |current )?(address|adresse|anschrift|direccion|"
                                 r"domicilio|wohnadresse)"))
""""Address": a street line when street/city/post code boxes sit beside it, the applicant's
location (one place-autocomplete box) when it is alone."""

EDUCATION_DATE = re.compile(
    r"\b(start|end|from|to|begin|finish|completion)( date)?( month| year)?\b|\b(month|year)\b"
)
"""Dates inside an education entry: the end year is the graduation year, the rest have no
vocabulary key."""
EDUCATION_END_YEAR = re.compile(r"\b(end|to|finish|completion)\b.*\byear\b|\byear\b.*\b(end|to)\b")
EDUCATION_CONTEXT = re.compile(
    r"educat\w*|\bschool\w*|academ\w*|\buniversit\w*|ausbildung|studium|formation|formacion"
    r"|estudios|etudes"
)

FOLLOW_UP = re.compile(
    r"\bif (so|yes|no|not|applicable|other)\b|\bif you (answered|selected|chose|said|ticked|checked)\b"
    r"|\bif answered\b|\bfalls (ja|nein|zutreffend|nicht)\b|\bwenn (ja|nein)\b"
    r"|\bsi (oui|non|c est le cas|si|es asi|afirmativo)\b|\bindien (ja|nee|van toepassing)\b"
    r"|\bzo ja\b|\bse (sim|nao|si|no)\b|\bcaso (sim|afirmativo)\b|\bin caso affermativo\b"
    r"|^(please )?(explain|elaborate|give details|provide (more )?details)\b"
)
"""Free-text follow-ups to a yes/no question ("If so, please explain", "If no, give
details", "Falls ja, bitte erläutern")."""

QUESTION_SHAPE = re.compile(
    r"\?|^(are|do|did|have|has|will|would|can|could|is|was|were|what|which|how|why|when|where|"
    r"who|please|describe|tell|list|explain|provide|select|enter|indicate|share|give|mark|choose|"
    r"rate|sind|haben|"
    r"warum|welche|wie|was|avez|etes|quel|quelle|pourquoi|comment|tiene|cual|por que|como)\b"
)
"""Labels worded as a question or an instruction (used to trust hidden-step questions)."""

CHROME_CONTEXT = re.compile(
    r"\b(search|keywords?|filters?|facets?|criteria|sort|sorting|results per page|job list|"
    r"joblist|requisition list|pagination|radius)\b"
)
"""Words in a control's own or its wrappers' ids, classes and test hooks that mark a job
search, filter or listing widget. Searchable selects ("select-search") are not chrome."""
SEARCHABLE_SELECT = re.compile(r"\b(select|dropdown|combo ?box|picker) search\b|\bsearch (select|"
                               r"dropdown)\b|\bsearchable\b")

CHROME_NAME = re.compile(
    r"\b(search|keywords?|query|filter|facet|sort|radius|distance|posted|subscribe|"
    r"newsletter)\b"
)
"""Name/id words of page chrome (job search, filters) when nothing else names the field."""

# --- name / id / test-hook tokens ----------------------------------------------------------

NAME_NOISE = frozenset(
    {
        "candidate", "candidates", "applicant", "application", "applications", "user", "input",
        "inputs", "field", "fields", "fld", "txt", "text", "form", "data", "value", "values", "c",
        "question", "questions", "answer", "answers", "attributes", "attribute", "custom",
        "control", "ctl", "el", "element", "spl", "oc", "main", "the", "of", "id", "job", "info",
        "personal", "details", "item", "entry", "widget", "component", "select", "dropdown", "box",
        "area", "textarea", "textbox", "content", "cards", "card", "profile", "systemfield",
        "system", "open", "multi", "flag", "response", "responses", "default", "new", "and", "or",
    }
)
"""Tokens that carry no meaning in names like ``candidate[first_name]`` or ``cPhoneNumber``."""

NAME_RULES: list[Rule] = [
    rule(K.QUESTION, r"\bsignature date\b|\bdate signed\b", 0.7, TYPED, why="signature date"),
    rule(K.FULL_NAME, r"\bsignature\b", 0.75, TYPED, why="typed signature"),
    rule(K.UNKNOWN, r"\b(photo|avatar|picture|headshot)\b", 0.85, frozenset({FILE})),
    rule(K.UNKNOWN, r"\b(password|passwd|pwd)\b", 0.9),
    rule(K.FIRST_NAME, r"\b(first ?name|fname|given ?name|forename|vorname|prenom|nombre)\b",
         0.85, TYPED),
    rule(K.LAST_NAME, r"\b(last ?name|lname|surname|family ?name|nachname|apellidos?)\b", 0.85,
         TYPED),
    rule(K.MIDDLE_NAME, r"\bmiddle ?names?\b", 0.85, TYPED),
    rule(K.PREFERRED_NAME, r"\b(preferred ?name|nick ?name|known ?as)\b", 0.82, TYPED),
    rule(K.PRONOUNS, r"\bpronouns?\b", 0.85, NOT_FILE),
    rule(K.FULL_NAME, r"^(full ?name|name)$", 0.8, TYPED),
    rule(K.EMAIL, r"\b(e ?mail|email ?address|email ?confirm\w*|confirm ?email)\b|^mail$", 0.85,
         TYPED),
    rule(K.ADDRESS_COUNTRY, r"\b(phone|tel|dial|calling)( number)? ?(country|code)\b|\bcountry ?code\b"
         r"|\bdial ?code\b", 0.8, TYPED_OR_CHOICE),
    rule(K.PHONE, r"\b(phone|telephone|tel|mobile|cell|handy)( ?number)?\b", 0.85, TYPED,
         unless=r"\b(ext|extension|type|device|country|code|search|menu|nav|app)\b"),
    rule(K.LINKS_LINKEDIN, r"\blinked ?in\b", 0.88, TYPED),
    rule(K.LINKS_GITHUB, r"\bgit ?hub\b", 0.88, TYPED),
    rule(K.LINKS_TWITTER, r"\btwitter\b", 0.88, TYPED),
    rule(K.LINKS_OTHER, r"\b(urls? other|other ?(url|website|link)|facebook)\b", 0.8, TYPED),
    rule(K.LINKS_PORTFOLIO, r"\b(portfolio|website|personal ?site|blog)\b", 0.75, TYPED,
         unless=_OTHER_PERSON),
    rule(K.RESUME, r"\b(resume|cv|curriculum)\b", 0.88, DOCUMENT),
    rule(K.COVER_LETTER, r"\bcover ?letter\b|\bmotivation ?letter\b|\bhiring ?manager ?message\b"
         r"|\bmessage to (the )?hiring\b", 0.88, DOCUMENT),
    rule(K.EEO_HISPANIC_LATINO, r"\bhispanic\b", 0.85, frozenset({TEXT, CHOICE, CHECK})),
    rule(K.EEO_RACE, r"\b(race|ethnicity)\b", 0.85, frozenset({TEXT, CHOICE, CHECK})),
    rule(K.EEO_GENDER, r"\b(gender|sex)\b", 0.85, frozenset({TEXT, CHOICE, CHECK})),
    rule(K.EEO_VETERAN_STATUS, r"\bveteran\b", 0.85, frozenset({TEXT, CHOICE, CHECK})),
    rule(K.EEO_DISABILITY_STATUS, r"\bdisability\b", 0.85, frozenset({CHOICE, CHECK})),
    rule(K.LOCATION, r"^(current ?)?location$", 0.75, TYPED),
    rule(K.ADDRESS_CITY, r"^city$|\b(address ?)?city\b", 0.8, TYPED_OR_CHOICE),
    rule(K.ADDRESS_POSTAL_CODE, r"\b(zip|postal ?code|post ?code|postcode|zipcode|plz)\b", 0.85,
         TYPED),
    rule(K.ADDRESS_STREET, r"\b(street|address ?line ?[12]|address[12])\b", 0.8, TYPED),
    rule(K.ADDRESS_REGION, r"^(state|province|region)$", 0.7, TYPED_OR_CHOICE),
    rule(K.ADDRESS_COUNTRY, r"^(country|country ?of ?residence)$", 0.75, TYPED_OR_CHOICE),
    rule(K.CURRENT_COMPANY, r"\b(current ?(company|employer)|org|organization|employer)\b", 0.75,
         TYPED),
    rule(K.CURRENT_TITLE, r"\b(current ?title|job ?title|headline)\b", 0.75, TYPED),
    rule(K.SALARY_EXPECTATION, r"\b(salary|compensation)\b", 0.8, NOT_FILE),
    rule(K.START_DATE, r"\b(available ?from|start ?date|notice ?period|availability ?date)\b",
         0.78, frozenset({TEXT, CHOICE})),
    rule(K.EDUCATION_SCHOOL, r"^school( ?name)?$|\buniversity\b", 0.78, TYPED_OR_CHOICE),
    rule(K.EDUCATION_DEGREE, r"^degree$", 0.78, TYPED_OR_CHOICE),
    rule(K.EDUCATION_DISCIPLINE, r"^(discipline|major|field ?of ?study)$", 0.78, TYPED_OR_CHOICE),
    rule(K.EDUCATION_GRADUATION_YEAR, r"\bgraduation ?year\b", 0.78, TYPED_OR_CHOICE),
    rule(K.REFERRAL_SOURCE, r"\b(referral ?source|how ?did ?you ?hear)\b", 0.75, NOT_FILE),
    rule(K.CONSENT, r"\b(gdpr|privacy|consent\w*|terms|agree\w*|accept\w*|sms ?opt ?in)\b", 0.78,
         PICK),
]
"""Rules on the meaningful name/id/test-hook tokens, in precedence order."""

# --- autocomplete tokens -------------------------------------------------------------------

AUTOCOMPLETE: dict[str, K] = {
    "name": K.FULL_NAME,
    "given-name": K.FIRST_NAME,
    "additional-name": K.MIDDLE_NAME,
    "family-name": K.LAST_NAME,
    "nickname": K.PREFERRED_NAME,
    "email": K.EMAIL,
    "tel": K.PHONE,
    "tel-national": K.PHONE,
    "tel-local": K.PHONE,
    "tel-country-code": K.ADDRESS_COUNTRY,
    "street-address": K.ADDRESS_STREET,
    "address-line1": K.ADDRESS_STREET,
    "address-line2": K.ADDRESS_STREET,
    "address-line3": K.ADDRESS_STREET,
    "address-level2": K.ADDRESS_CITY,
    "address-level1": K.ADDRESS_REGION,
    "postal-code": K.ADDRESS_POSTAL_CODE,
    "country": K.ADDRESS_COUNTRY,
    "country-name": K.ADDRESS_COUNTRY,
    "organization": K.CURRENT_COMPANY,
    "organization-title": K.CURRENT_TITLE,
    "sex": K.EEO_GENDER,
    "new-password": K.UNKNOWN,
    "current-password": K.UNKNOWN,
    "one-time-code": K.UNKNOWN,
    "cc-number": K.UNKNOWN,
    "cc-csc": K.UNKNOWN,
    "cc-exp": K.UNKNOWN,
    "cc-name": K.UNKNOWN,
}
"""WHATWG autofill field names. Anything else ("off", "nope", "list", random strings that
sites use to defeat browser autofill) is no signal at all."""

# --- option sets ---------------------------------------------------------------------------

GENDER_OPTIONS = re.compile(
    r"^(male|female|man|woman|men|women|cis ?(man|woman)|non ?binary|nonbinary|genderqueer|"
    r"mannlich|weiblich|divers|homme|femme|hombre|mujer|masculino|femenino|masculin|feminin)$"
)
RACE_OPTIONS = re.compile(
    r"\b(white|black or african american|african american|asian|american indian|alaska native|"
    r"native hawaiian|pacific islander|two or more races|hispanic or latino|middle eastern)\b"
)
HISPANIC_OPTIONS = re.compile(r"\bhispanic or latin[oax]\b|\bnot hispanic\b")
VETERAN_OPTIONS = re.compile(r"\bprotected veteran\b|\bnot a veteran\b|\bi am a veteran\b"
                             r"|\bveteran\b")
DISABILITY_OPTIONS = re.compile(
    r"\b(i )?(have|had) a disability\b|\b(do not|don t) (have|want to answer) .*disabilit\w*"
    r"|\bno disability\b"
)
PRONOUN_OPTIONS = re.compile(r"\b(he him|she her|they them|ze hir|xe xem)\b")
DEGREE_OPTIONS = re.compile(
    r"\b(bachelor|master|phd|ph d|doctorate|doctoral|high school|associate|mba|ged|diploma|"
    r"abitur|licence|licenciatura|bachillerato|baccalaureat)\w*"
)
YES_NO_OPTIONS = re.compile(r"^(yes|no|ja|nein|oui|non|si|true|false)\b")
DIAL_OPTION = re.compile(r"\+\s?\d{1,4}\b")
COUNTRY_WORDS = re.compile(
    r"^(united states|united kingdom|germany|france|spain|canada|india|italy|netherlands|"
    r"australia|brazil|mexico|japan|china|poland|sweden|ireland|switzerland|austria|belgium|"
    r"portugal|afghanistan|albania|algeria|argentina|deutschland|espana|allemagne|"
    r"royaume uni|etats unis|estados unidos|alemania|francia)\b"
)
