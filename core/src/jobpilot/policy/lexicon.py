# ruff: noqa: E501  (pattern tables read better one topic-language group per line)
"""Multilingual topic lexicons: the words forms use for each topic, in EN, DE, FR, ES, NL,
PT and IT, matched on normalised text (lowercase, accents and punctuation removed).

A lexicon hit is strong evidence: a question that names its topic ("Gehaltsvorstellung",
"permis de travail", "fecha de nacimiento") gets that topic's policy. Words that also have
an everyday sense in application questions ("race condition", "pay attention", "sponsor a
hackathon", "software licence") are cleared by ``OTHER_SENSE`` before matching, so an open
question that uses them stays open. The meaning model (``meaning``) catches paraphrases
that name no topic word at all.
"""

from __future__ import annotations

import re
from functools import lru_cache

from jobpilot.engine.text import norm

_B = r"(?<![a-z0-9])"
"""Word start (the text is normalised: words are ASCII letters and digits)."""

LEXICON: dict[str, tuple[str, ...]] = {
    # --- profile -------------------------------------------------------------------------
    "pay": (
        # en
        r"salar(y|ies|io|ios|is|iaal|ial|iale|iales|aire|aires|ium)\b", r"compensation", r"remunerat", r"wage", r"pay (range|rate|band|scale|expect|requirement)",
        r"(expected|desired|current|minimum|base|annual|monthly|hourly|daily|day) (pay|rate|income|earnings|package)",
        r"how much (do|would|will) you (want|like|expect|need) to (earn|make|be paid)",
        r"\bearn(ing)?s?\b", r"rate per (hour|day)", r"ctc\b", r"\bote\b", r"bonus", r"total rewards",
        r"(gross|net) (per|a|an) (year|month|annum)", r"per annum", r"\bk per year",
        r"paid (per|an|a) ", r"be paid", r"(usd|eur|gbp|chf) ",
        # de
        r"gehalt", r"lohn", r"verguetung", r"verdienst", r"verdienen", r"einkommen", r"brutto", r"jahresziel",
        r"entgelt", r"bezahlung", r"tagessatz", r"stundensatz",
        # fr
        r"remuneration", r"pretentions? (salariales?|financieres?)", r"\btjm\b", r"taux journalier",
        r"(gagner|toucher) par", r"combien (souhaitez|voulez|esperez) vous gagner", r"package",
        # es
        r"sueldo", r"pretensi[oa]n(es)? (salarial|economica)", r"cuanto (esperas?|desea[s]?|quieres?|quiere) (ganar|cobrar)",
        r"ganar (al|por) (mes|ano)", r"banda salarial", r"retribuci[oa]n", r"cobrar",
        # nl
        r"salaris", r"\bloon", r"verdien", r"beloning", r"verdienen", r"inkomen", r"bruto", r"uurtarief", r"dagtarief",
        # pt
        r"pretensao salarial", r"remuneracao", r"ganhar por", r"quanto (voce )?(espera|deseja|quer) ganhar",
        # it
        r"stipendio", r"retribuzione", r"\bral\b", r"compenso", r"aspettative economiche", r"guadagn",
    ),
    "work_authorization": (
        # en
        r"visa\b", r"visas\b", r"sponsorship", r"(need|require|requires|requiring|seek|want)s? (a |an |the )?(company |employer |us )?(to )?sponsor",
        r"sponsor(ed|ing)? (you|your|me|my|an|a|the) ?(visa|employment|work|permit|application|status|h ?1 ?b|immigration|stay)",
        r"sponsor (you|me)\b", r"work (permit|authori[sz]ation|eligibility|pass)", r"authori[sz]ed to work",
        r"eligib\w* to work", r"right to work", r"legal(ly)? (able|allowed|permitted|entitled|authori[sz]ed|right)",
        r"immigration", r"green card", r"permanent resid", r"resident status", r"residen(ce|cy) (permit|status|card|visa)",
        r"\bh ?1 ?b\b", r"\bopt\b", r"\bcpt\b", r"\bstem opt\b", r"\bead\b", r"\btn status\b",
        r"work lawfully", r"lawfully (work|employed)", r"employment eligibility", r"i ?9\b",
        r"restrictions? on (your )?(stay|residence|employment)", r"without restriction", r"settled status",
        r"blue card", r"leave to remain", r"entitled to work", r"status in (the|this) country",
        r"(need|require) (a )?(permit|sponsor)",
        # de
        r"arbeitserlaubnis", r"arbeitsgenehmigung", r"aufenthalt", r"visum", r"einwanderung", r"blaue karte",
        r"arbeiten (zu )?(duerfen|darfst|duerfen sie)", r"berechtigt,? (in|zu arbeiten)", r"beschaeftigungserlaubnis",
        r"arbeitsberechtigung", r"niederlassungserlaubnis", r"freizuegigkeit",
        # fr
        r"permis de (travail|sejour)", r"titre de sejour", r"autorisation de travail", r"autorise a travailler",
        r"parrainage", r"droit de travailler", r"visa de travail",
        # es
        r"permiso de (trabajo|residencia)", r"autorizaci[oa]n (de|para) trabajar", r"autorizad[oa] para trabajar",
        r"patrocinio", r"residencia legal", r"derecho a trabajar",
        # nl
        r"werkvergunning", r"verblijfsvergunning", r"tewerkstellingsvergunning", r"mag (je|u) (in|werken)",
        r"gerechtigd (om )?te werken", r"sponsoring", r"verblijfsstatus",
        # pt
        r"autorizacao (de|para) trabalh", r"autorizado a trabalhar", r"autorizada a trabalhar", r"patrocinio",
        r"visto\b", r"vistos\b", r"residencia", r"direito de trabalhar",
        # it
        r"permesso di (soggiorno|lavoro)", r"autorizzazione al lavoro", r"autorizzat[oa] a lavorare",
        r"sponsorizzazione", r"diritto (a|di) lavorare",
    ),
    "nationality": (
        r"citizen", r"nationalit", r"national of", r"passport (holder|country)",
        r"staatsangehoerigkeit", r"staatsbuerger", r"nationalitaet",
        r"citoyen", r"nationalite",
        r"ciudadan", r"nacionalidad",
        r"nationaliteit", r"staatsburger",
        r"cidadan", r"nacionalidade",
        r"cittadinanza", r"nazionalita",
    ),
    "export_control": (
        r"export (control|regulation|administration)", r"\bitar\b", r"\bear\b", r"u s person", r"us person",
        r"deemed export", r"exportkontroll", r"controle (des|a l) export", r"control de exportaci",
        r"exportcontrole", r"controle de exporta", r"controllo (delle|sulle) esportazion",
    ),
    "security_clearance": (
        r"security clearance", r"clearance (level|status)", r"\bclearance\b", r"\bts ?sci\b", r"top secret", r"\bsc clearance",
        r"\bdv clearance", r"vetting", r"sicherheits(ueberpruefung|freigabe)", r"habilitation", r"habilitacion",
        r"veiligheidsmachtiging", r"\bvog\b", r"nulidade de seguranca", r"credenciamento de seguranca",
        r"nulla osta di sicurezza",
    ),
    "age": (
        r"\bage\b", r"how old", r"date of birth", r"birth ?(date|day|year)", r"year of birth", r"born\b", r"\bdob\b",
        r"(18|eighteen|21|sixteen|16) (years|yrs)( of age| old)?", r"of legal age", r"minimum age",
        r"alter\b", r"geburt", r"geboren", r"volljaehrig", r"jahre alt",
        r"\bage\b", r"date de naissance", r"ne le", r"nee le", r"annee de naissance", r"majeur",
        r"\bedad\b", r"fecha de nacimiento", r"nacid[oa]", r"ano de nacimiento", r"mayor de edad",
        r"leeftijd", r"geboortedatum", r"geboren", r"geboortejaar", r"meerderjarig",
        r"\bidade\b", r"data de nascimento", r"nascid[oa]", r"ano de nascimento", r"maior de idade",
        r"\beta\b", r"data di nascita", r"nat[oa] il", r"anno di nascita", r"maggiorenne", r"quanti anni (hai|ha)\b(?! di)",
    ),
    "gender": (
        r"gender", r"\bsex\b", r"\bmale or female\b", r"transgender", r"\btrans\b", r"pronoun",
        r"geschlecht", r"\bgenre\b", r"\bsexe\b", r"\bgenero\b", r"\bsexo\b", r"geslacht", r"gender identit",
        r"\bgenere\b", r"\bsesso\b", r"identidade de genero", r"identidad de genero", r"identite de genre",
    ),
    "sexual_orientation": (
        r"sexual orientation", r"\blgbt", r"heterosexual", r"\bgay\b", r"lesbian", r"bisexual",
        r"sexuelle orientierung", r"orientation sexuelle", r"orientaci[oa]n sexual", r"seksuele orientatie",
        r"orientacao sexual", r"orientamento sessuale", r"seksuele geaardheid",
    ),
    "race_ethnicity": (
        r"\brace\b", r"racial", r"ethnic", r"hispanic", r"latin[oax]\b", r"ancestry", r"\bheritage\b",
        r"national origin", r"colou?r of (your )?skin", r"aboriginal", r"indigenous",
        r"ethni", r"herkunft", r"abstammung", r"origine (ethnique|raciale)", r"\brasse\b",
        r"\braza\b", r"etnia", r"etnico", r"origen etnico", r"etnisch", r"afkomst", r"\bras\b",
        r"\braca\b", r"\betnia\b", r"cor ou raca", r"\brazza\b", r"etnica", r"origine etnica",
    ),
    "veteran": (
        r"veteran", r"military", r"armed forces", r"served in the (army|navy|air force|military|forces)",
        r"\bdd ?214\b", r"reservist", r"national guard",
        r"wehrdienst", r"bundeswehr", r"militaer", r"streitkraefte", r"reservist",
        r"service militaire", r"ancien combattant", r"forces armees", r"militaire",
        r"servicio militar", r"fuerzas armadas", r"militar",
        r"militaire dienst", r"dienstplicht", r"krijgsmacht",
        r"servico militar", r"forcas armadas", r"militar",
        r"servizio militare", r"forze armate", r"militare",
    ),
    "disability": (
        r"disab", r"handicap", r"impairment", r"accommodat\w* (for|during|in)", r"reasonable accommodation",
        r"adjustments? (for|to) (the )?(interview|recruitment|process|application)",
        r"behinderung", r"schwerbehindert", r"gleichgestellt", r"beeintraechtigung",
        r"rqth", r"situation de handicap", r"amenagement",
        r"discapacidad", r"minusvalia", r"ajustes razonables",
        r"beperking", r"arbeidshandicap", r"aanpassingen",
        r"deficiencia", r"\bpcd\b", r"pessoa com deficiencia",
        r"disabilita", r"invalidita", r"categorie protette", r"legge 68",
    ),
    "health": (
        r"health\b", r"medical", r"illness", r"sick (leave|days)", r"vaccin", r"mental", r"medication", r"condition that",
        r"gesundheit", r"krankheit", r"krank", r"erkrankung", r"impf",
        r"sante", r"maladie", r"medical", r"vaccin",
        r"salud", r"enfermedad", r"medic", r"vacun",
        r"gezondheid", r"ziekte", r"ziekteverzuim", r"medisch", r"vaccin",
        r"saude", r"doenca", r"medic", r"vacin",
        r"salute", r"malattia", r"patologi", r"pathologi", r"medic", r"vaccin",
    ),
    "religion": (
        r"religio", r"faith\b", r"belief", r"church", r"konfession", r"glaube", r"religion",
        r"croyance", r"culte", r"creencia", r"religie", r"geloof", r"levensovertuiging", r"crenca", r"credo",
    ),
    "family_status": (
        r"marital", r"married", r"spouse", r"partner status", r"children", r"kids\b", r"dependants?", r"dependents?",
        r"childcare", r"family (status|situation|plans|commitments)", r"single or",
        r"familienstand", r"verheiratet", r"kinder", r"ehepartner", r"familiensituation",
        r"situation (familiale|matrimoniale)", r"marie\b", r"enfants", r"etat civil",
        r"estado civil", r"casad[oa]", r"hijos", r"cargas familiares", r"situacion familiar",
        r"burgerlijke staat", r"getrouwd", r"kinderen", r"gezinssituatie",
        r"filhos", r"situacao familiar",
        r"stato civile", r"sposat[oa]", r"figli", r"situazione familiare",
    ),
    "pregnancy": (
        r"pregnan", r"maternity", r"paternity", r"parental leave", r"expecting a (baby|child)", r"start a family",
        r"schwanger", r"mutterschutz", r"elternzeit", r"familienplanung",
        r"enceinte", r"grossesse", r"conge (maternite|parental)",
        r"embaraz", r"maternidad", r"baja maternal",
        r"zwanger", r"zwangerschap", r"ouderschapsverlof", r"kinderwens",
        r"gravid", r"licenca maternidade",
        r"incinta", r"gravidanza", r"maternita",
    ),
    "union": (
        r"trade union", r"labou?r union", r"union member", r"member of a union", r"unionized",
        r"gewerkschaft", r"syndica", r"sindica", r"vakbond", r"sindacat",
    ),
    "criminal_record": (
        r"criminal", r"convict", r"felony", r"misdemeanou?r", r"arrest", r"offen[cs]e", r"pleaded guilty", r"\bcourt\b",
        r"police (record|check|certificate)", r"\bdbs\b", r"\bcrb\b", r"pending charges",
        r"vorstraf", r"fuehrungszeugnis", r"straftat", r"verurteil", r"strafregister",
        r"casier judiciaire", r"condamn", r"infraction",
        r"antecedentes penales", r"condenad", r"delito", r"penal",
        r"strafblad", r"veroordeeld", r"\bvog\b", r"verklaring omtrent",
        r"antecedentes criminais", r"condenad", r"crime",
        r"casellario", r"condann", r"reato", r"carichi pendenti", r"penal",
    ),
    "government_id": (
        r"social security", r"\bssn\b", r"\bsin\b number", r"national (insurance|id|identity)", r"passport (number|no)",
        r"(id|identity) (card|number|document)", r"tax (id|identification|number|file)", r"\btin\b", r"\bnino\b",
        r"driv\w* licen[cs]e number", r"licen[cs]e number",
        r"sozialversicherung", r"steuer ?id", r"steuernummer", r"personalausweis", r"reisepass",
        r"securite sociale", r"numero fiscal", r"carte d identite", r"passeport", r"\bnir\b",
        r"\bdni\b", r"\bnie\b", r"\bnif\b", r"seguridad social", r"pasaporte", r"documento de identidad",
        r"\bbsn\b", r"burgerservicenummer", r"paspoort", r"identiteitsbewijs",
        r"\bcpf\b", r"\brg\b", r"\bnif\b", r"passaporte", r"seguranca social", r"cartao de cidadao",
        r"codice fiscale", r"carta d identita", r"passaporto", r"\bcf\b",
        r"personnummer", r"aadhaar", r"\bpan\b (number|card)",
    ),
    "background_check": (
        r"background (check|screen|investigation)", r"credit (check|history|report|score)", r"consumer report",
        r"schufa", r"bonitaet", r"verification des antecedents", r"antecedentes", r"verificacion de antecedentes",
        r"antecedentenonderzoek", r"kredietwaardig", r"verificacao de antecedentes", r"controllo dei precedenti",
        r"bankruptcy", r"insolven", r"debts?\b",
    ),
    # --- facts ---------------------------------------------------------------------------
    "licence_certification": (
        r"licen[cs]e", r"certif", r"accredit", r"registered (nurse|with)", r"registration", r"chartered",
        r"qualified", r"\bcpa\b", r"\bpmp\b", r"\bcdl\b", r"\baws certified\b", r"forklift",
        r"fuehrerschein", r"zertifi", r"zulassung", r"approbation", r"berufserlaubnis", r"nachweis",
        r"permis\b", r"diplome d etat", r"agrement", r"habilit",
        r"carnet de conducir", r"licencia", r"colegiad", r"titulacion", r"homologad",
        r"rijbewijs", r"certificaat", r"diploma", r"big registratie", r"vergunning",
        r"carta de conducao", r"carteira de motorista", r"\bcnh\b", r"certificacao", r"registro profissional",
        r"patente", r"certificazion", r"abilitazion", r"iscrizione all albo", r"albo",
    ),
    "former_employee": (
        r"(worked|work) (for|at|with) (us|our|this company|[a-z]+ before)", r"previously (employed|worked)",
        r"former (employee|intern|contractor)", r"(ever|previously|before) (been )?(employed|worked) (by|for|at)",
        r"applied (to|with|for|at) (us|this company|[a-z]+) before", r"previously applied", r"applied before",
        r"rehire", r"alumni", r"bereits bei uns", r"schon (einmal )?bei uns", r"frueher bei",
        r"ehemalige[rn]? mitarbeiter", r"bereits beworben", r"deja travaille", r"deja (postule|candidate)",
        r"ancien (salarie|employe|collaborateur)", r"(trabajado|trabajaste) (con|en|para) nosotros",
        r"antes (en|para) (nuestra|esta)", r"aplicado antes", r"postulado anteriormente",
        r"eerder (bij|voor) ons", r"eerder gesolliciteerd", r"oud[- ]medewerker",
        r"(trabalhou|trabalhado) (conosco|na|para)", r"candidatou anteriormente",
        r"(lavorato|lavorata) (per|presso|con) (noi|la nostra)", r"gia candidat", r"ex dipendente",
    ),
    "notice_period": (
        r"notice", r"start date", r"earliest (date|start)", r"when (can|could|would) you (start|begin|join)",
        r"available to (start|begin|join)", r"availability", r"join (us|the team)? ?(on|by|from)",
        r"kuendigungsfrist", r"eintrittstermin", r"fruehest", r"verfuegbarkeit", r"wann (koennen|koenntest|kannst)",
        r"preavis", r"date de (debut|demarrage|disponibilite)", r"disponib",
        r"preaviso", r"fecha de (inicio|incorporacion)", r"incorporarte", r"incorporarse", r"cuando podrias",
        r"opzegtermijn", r"startdatum", r"beschikbaar", r"beschikbaarheid", r"wanneer (kun|kunt|zou)",
        r"aviso previo", r"data de inicio", r"quando (pode|poderia)",
        r"preavviso", r"data di inizio", r"quando (potresti|potrebbe|puoi)",
    ),
    "relatives": (
        r"relative", r"related to", r"family member", r"relationship with (an|any)", r"conflicts? of interest",
        r"know anyone (at|who works)", r"verwandt", r"angehoerige", r"interessenkonflikt",
        r"lien de parente", r"parent\w* (travaill|employ)", r"conflit d interet",
        r"familiar (que|trabaj)", r"parentesco", r"conflicto de interes",
        r"familielid", r"familieleden", r"belangenconflict", r"belangenverstrengeling",
        r"parente", r"conflito de interesse", r"parenti", r"conflitto di interess",
    ),
    "non_compete": (
        r"non ?compete", r"non ?solicit", r"restrictive (covenant|agreement)", r"garden leave",
        r"wettbewerbsverbot", r"konkurrenzklausel", r"non concurrence", r"clause de non",
        r"no competencia", r"pacto de no", r"concurrentiebeding", r"relatiebeding",
        r"nao concorrencia", r"non concorrenza", r"patto di non",
    ),
    "travel": (
        r"travel", r"on the road", r"reisebereit", r"reisetaetigkeit", r"dienstreise", r"reisen",
        r"deplacement", r"voyag", r"viaj", r"reizen", r"reisbereid", r"viagem", r"viajar", r"trasfert", r"viaggi",
    ),
    "relocation": (
        r"relocat", r"commut", r"on ?site", r"in the office", r"live (in|near|within)", r"based in", r"reside",
        r"move to", r"umzug", r"umziehen", r"umzugsbereit", r"wohnort", r"pendeln", r"vor ort",
        r"demenag", r"mobilite geographique", r"resid", r"trajet",
        r"reubica", r"traslad", r"mudarte", r"desplazarte", r"resides",
        r"verhuiz", r"woon", r"reistijd", r"pendel",
        r"mudar", r"realoca", r"mudanca", r"desloca",
        r"trasferir", r"trasferiment", r"risied", r"pendolar",
    ),
    "drug_screen": (
        r"drug (test|screen)", r"substance", r"alcohol", r"drogen", r"drogue", r"droga", r"drugs",
        r"alcool", r"alkohol", r"tossicolog", r"toxicolog",
    ),
    "tool_experience": (
        r"how many years", r"years of (professional |hands on |relevant )?experience", r"years (of )?experience (with|in|using)",
        r"(yrs|years) (with|in|using)", r"experience level", r"proficien", r"level of (experience|expertise)",
        r"wie viele jahre", r"jahre (an )?erfahrung", r"berufserfahrung", r"kenntnisstand",
        r"combien d annees", r"annees d experience", r"niveau (d experience|de maitrise)",
        r"cuantos anos", r"anos de experiencia", r"nivel de (experiencia|dominio)",
        r"hoeveel jaar", r"jaar (werk)?ervaring", r"jaren ervaring",
        r"quantos anos", r"anos de experiencia",
        r"quanti anni (di|hai)", r"anni di esperienza", r"livello di (esperienza|conoscenza)",
    ),
    "schedule": (
        r"shift", r"weekend", r"overtime", r"night", r"full ?time", r"part ?time", r"hours per week", r"on call",
        r"schicht", r"wochenende", r"vollzeit", r"teilzeit", r"ueberstunden", r"bereitschaft", r"stunden pro woche",
        r"temps (plein|partiel)", r"horaires", r"astreinte", r"heures par semaine",
        r"turno", r"fines de semana", r"jornada", r"horas (por|a la) semana", r"guardia",
        r"dienst", r"weekenden", r"voltijd", r"deeltijd", r"uren per week", r"ploegen", r"nachtdienst",
        r"turnos", r"fins de semana", r"meio periodo", r"tempo integral", r"horas por semana",
        r"turni", r"fine settimana", r"tempo pieno", r"part time", r"reperibilita", r"ore settimanali",
    ),
    "education_fact": (
        r"(bachelor|master|phd|doctorate|degree|diploma|high school|ged)\b.*\b(hold|have|completed|obtained|earned)",
        r"(hold|have|completed|obtained|earned|possess)\b.*\b(bachelor|master|phd|doctorate|degree|diploma|high school|ged)",
        r"highest (level of )?education", r"hoechste[rn]? (bildungs|abschluss)", r"(abschluss|studium) (abgeschlossen|haben)",
        r"niveau d etudes", r"diplome", r"titulo universitario", r"nivel de estudios", r"grado universitario",
        r"opleidingsniveau", r"hoogst genoten", r"diploma", r"escolaridade", r"formacao academica", r"titolo di studio",
        r"laurea",
    ),
    "language_skill": (
        r"(speak|write|read) (english|german|french|spanish|dutch|portuguese|italian|any)", r"fluen", r"language skills?",
        r"native speaker", r"level of (english|german|french|spanish|dutch|portuguese|italian)",
        r"(english|german|french|spanish|dutch|portuguese|italian) (level|proficiency|skills)",
        r"sprachkenntnisse", r"deutschkenntnisse", r"englischkenntnisse", r"sprechen sie", r"flie?ssend", r"muttersprach",
        r"niveau d (anglais|allemand|francais)", r"parlez vous", r"langue maternelle", r"maitrise de l",
        r"nivel de (ingles|aleman|espanol|frances)", r"hablas", r"habla usted", r"idiomas",
        r"taalvaardigheid", r"spreek je", r"spreekt u", r"beheersing van", r"moedertaal", r"nederlands",
        r"nivel de ingles", r"fala (ingles|alemao|espanhol)", r"idiomas", r"fluente",
        r"livello di (inglese|tedesco|francese)", r"parli", r"lingue", r"madrelingua",
    ),
    "employment_status": (
        r"currently employed", r"current employer", r"employment status", r"are you (currently )?(working|employed)",
        r"derzeit (beschaeftigt|angestellt|taetig)", r"aktuelle[rn]? arbeitgeber", r"ungekuendigt",
        r"actuellement en poste", r"employeur actuel", r"en poste",
        r"actualmente (trabaj|emplead)", r"empleador actual", r"situacion laboral",
        r"momenteel (in dienst|werkzaam)", r"huidige werkgever",
        r"atualmente (empregad|trabalh)", r"empregador atual",
        r"attualmente (occupat|impiegat)", r"datore di lavoro attuale",
    ),
    "referral": (
        r"referred", r"referral", r"refer(r)?ed by", r"empfohlen", r"empfehlung", r"coopt", r"recommande par",
        r"referid[oa]", r"recomendad[oa]", r"aangedragen", r"doorverwezen", r"indicad[oa] por", r"segnalat[oa]",
    ),
    "attestation": (
        r"i (certify|confirm|attest|acknowledge|declare|agree|understand)", r"(certify|attest) that",
        r"true and (complete|correct|accurate)", r"wahrheitsgemaess", r"ich (bestaetige|versichere|erklaere)",
        r"je (certifie|confirme|declare|atteste)", r"(certifico|confirmo|declaro)", r"ik (verklaar|bevestig)",
        r"dichiaro", r"confermo",
    ),
}
"""Topic -> patterns (regular expressions on normalised text, anchored at a word start)."""

OTHER_SENSE: tuple[str, ...] = (
    r"race (condition|car|track|against)", r"(arms|space|rat) race", r"pay (attention|off)", r"paid off",
    r"sponsor(ed|ing)? (a|an|the|our|my|this) (project|event|hackathon|initiative|meetup|conference|program|team|community|change|feature|effort)",
    r"executive sponsor", r"project sponsor", r"(business|product|stakeholder) sponsor",
    r"age of (the|our|a)", r"(ice|stone|bronze|digital|information|golden) age", r"\bage(d)? (data|code|infrastructure|systems?)",
    r"health (check|checks|endpoint|monitor)", r"(system|service|cluster|code|product|team|pipeline)s? health",
    r"(healthcare|health care|health tech|healthtech|digital health|public health) (industry|sector|domain|space|product|startup|company|companies|data|clients|customers)",
    r"(software|open source|oss|mit|apache|gpl) licen[cs]", r"licen[cs]ing (model|models|terms|strategy)",
    r"(work|engineering|technical|professional|educational|academic) background", r"background (in|of) ",
    r"family of (products|models|languages)", r"product family", r"parent (company|class|process|node)", r"child (process|node|component|class)",
    r"military (grade|precision)", r"(trade|customs|european|credit) union\b",
    r"visa (card|payments|api)", r"credit (card|risk|scoring model)", r"debt (collection|market)", r"technical debt",
    r"(expected|desired) (outcome|impact|result)", r"compensation (plan|module|system|data|engine|tool)",
    r"shift (left|in|of|from|towards|to) ", r"(paradigm|mindset|culture) shift",
    r"(travel|mobility|relocation) (industry|platform|product|startup|app|booking)",
    r"notice(d|able)? (a|that|something|how|when)", r"drug (discovery|development|pipeline|trials)",
    r"native (app|apps|code|speakers? of your product)", r"(react|mobile) native", r"(cloud|kubernetes) native",
    r"criminal (justice|investigation) (system|software|data|platform)",
    r"gehaltsabrechnung(ssoftware|ssystem)", r"lohnbuchhaltung(ssoftware)?", r"payroll (software|system|platform|product|project|engine)",
    r"(une|la) course contre", r"carrera (contra|de obstaculos)", r"wettlauf", r"condizione di gara",
    r"(code|data|model|architecture) (review|reviews)",
    r"(project|projects|initiative|initiatives|work|effort|efforts|change|changes) (that )?(you |i )?(have )?sponsored",
    r"sponsored or championed", r"championed or sponsored",
    r"(health|gesundheit|gezondheid|saude|salute|sante|salud)\s(\w+\s){0,3}\w*?(system|cluster|service|servic|api|apis|app|applica|"
    r"plattform|platform|sistema|microservic|infra|server|netzwerk|network|pipeline|codebase|produc)",
    r"health (data|records|tech|technology|platform|products?|sector|industry|insurers?|systems?)",
)
"""Everyday senses of topic words, cleared from the text before matching."""


@lru_cache(maxsize=1)
def _compiled() -> tuple[re.Pattern[str], dict[str, re.Pattern[str]]]:
    other = re.compile("|".join(f"{_B}(?:{p})" for p in OTHER_SENSE))
    topics = {t: re.compile("|".join(f"{_B}(?:{p})" for p in pats)) for t, pats in LEXICON.items()}
    return other, topics


_UMLAUTS = str.maketrans({"ä": "ae", "ö": "oe", "ü": "ue", "Ä": "Ae", "Ö": "Oe", "Ü": "Ue", "ß": "ss"})


def fold(text: str) -> str:
    """Normalised text with German umlauts spelled out first ("Kündigung" -> "kuendigung"),
    the way the patterns are written."""
    return norm(text.translate(_UMLAUTS))


def cleared(text: str) -> str:
    """The normalised text with everyday senses of topic words blanked out."""
    other, _ = _compiled()
    return other.sub(" ", fold(text))


@lru_cache(maxsize=4096)
def hits(text: str) -> tuple[tuple[str, str], ...]:
    """(topic, matched words) for every lexicon topic the text names, in table order."""
    _, topics = _compiled()
    t = cleared(text)
    out = []
    for topic, pattern in topics.items():
        m = pattern.search(t)
        if m is not None:
            out.append((topic, m.group(0).strip()))
    return tuple(out)
