"""Each vocabulary key from invented forms in several languages, and the traps around them."""

from __future__ import annotations

from typing import Any

import pytest

GOLD: list[tuple[str, dict[str, Any], str]] = [
    # --- names
    ("first name en", {"label": "First name"}, "first_name"),
    ("first name de", {"label": "Vorname *"}, "first_name"),
    ("first name fr", {"label": "Prénom"}, "first_name"),
    ("legal first name question", {"label": "What is your legal first name?"}, "first_name"),
    ("last name en", {"label": "Last Name"}, "last_name"),
    ("last name de", {"label": "Nachname"}, "last_name"),
    ("last name es", {"label": "Apellidos"}, "last_name"),
    ("last name with synonym", {"label": "Last name (family name)"}, "last_name"),
    ("first name with synonym", {"label": "First name (given name)"}, "first_name"),
    ("middle name", {"label": "Middle name (optional)"}, "middle_name"),
    ("name alone", {"label": "Name"}, "full_name"),
    ("full name", {"label": "Full name"}, "full_name"),
    ("full name es", {"label": "Nombre completo"}, "full_name"),
    ("full name fr", {"label": "Nom complet"}, "full_name"),
    ("typed signature", {"label": "Electronic signature"}, "full_name"),
    ("preferred name", {"label": "Preferred first name"}, "preferred_name"),
    ("known as", {"label": "Known as"}, "preferred_name"),
    ("preferred last name", {"label": "Preferred last name"}, "last_name"),
    ("pronouns", {"label": "Pronouns", "tag": "select", "options": ["she/her", "he/him"]},
     "pronouns"),
    # --- contact
    ("email", {"label": "Email address", "type": "email"}, "email"),
    ("confirm email", {"label": "Confirm your email", "type": "email"}, "email"),
    ("email de", {"label": "E-Mail-Adresse"}, "email"),
    ("email fr", {"label": "Courriel"}, "email"),
    ("email es", {"label": "Correo electrónico"}, "email"),
    ("phone", {"label": "Phone number", "type": "tel"}, "phone"),
    ("phone de", {"label": "Telefonnummer"}, "phone"),
    ("phone fr", {"label": "Téléphone"}, "phone"),
    ("phone es", {"label": "Teléfono móvil"}, "phone"),
    ("mobile", {"label": "Mobile"}, "phone"),
    # --- where
    ("street", {"label": "Street address"}, "address.street"),
    ("address 2", {"label": "Address line 2"}, "address.street"),
    ("city", {"label": "City"}, "address.city"),
    ("city de", {"label": "Stadt"}, "address.city"),
    ("state", {"label": "State / Province"}, "address.region"),
    ("state reside", {"label": "Which state do you currently live in?"}, "address.region"),
    ("zip", {"label": "ZIP / Postal code"}, "address.postal_code"),
    ("plz", {"label": "Postleitzahl"}, "address.postal_code"),
    ("country", {"label": "Country", "tag": "select", "options": ["France", "Spain"]},
     "address.country"),
    ("country fr", {"label": "Pays de résidence"}, "address.country"),
    ("dial code picker", {"label": "Phone country code", "type": "combobox"}, "address.country"),
    ("dial code listbox", {"label": "Select country calling code", "tag": "button",
                           "type": "listbox"}, "address.country"),
    ("location", {"label": "Location"}, "location"),
    ("where based", {"label": "Where are you based?"}, "location"),
    ("location fr", {"label": "Lieu"}, "location"),
    ("location es", {"label": "Ubicación"}, "location"),
    # --- links
    ("linkedin", {"label": "LinkedIn profile URL"}, "links.linkedin"),
    ("github", {"label": "GitHub"}, "links.github"),
    ("twitter", {"label": "Twitter handle"}, "links.twitter"),
    ("x", {"label": "X (formerly Twitter)"}, "links.twitter"),
    ("website", {"label": "Personal website"}, "links.portfolio"),
    ("portfolio", {"label": "Portfolio link"}, "links.portfolio"),
    ("other website", {"label": "Other website"}, "links.other"),
    ("facebook", {"label": "Facebook"}, "links.other"),
    # --- documents
    ("resume", {"label": "Resume / CV", "type": "file"}, "resume"),
    ("cv de", {"label": "Lebenslauf hochladen", "type": "file"}, "resume"),
    ("cv es", {"label": "Currículum", "type": "file"}, "resume"),
    ("cover letter file", {"label": "Cover letter", "type": "file"}, "cover_letter"),
    ("cover letter area", {"label": "Cover letter", "tag": "textarea"}, "cover_letter"),
    ("anschreiben", {"label": "Anschreiben", "type": "file"}, "cover_letter"),
    ("lettre", {"label": "Lettre de motivation", "type": "file"}, "cover_letter"),
    ("carta", {"label": "Carta de presentación", "tag": "textarea"}, "cover_letter"),
    ("other document", {"label": "Other documents", "type": "file"}, "question"),
    ("work sample", {"label": "Work sample", "type": "file"}, "question"),
    # --- work
    ("current company", {"label": "Current employer"}, "current_company"),
    ("current company fr", {"label": "Employeur actuel"}, "current_company"),
    ("current title", {"label": "Current job title"}, "current_title"),
    ("headline", {"label": "Headline"}, "current_title"),
    ("years total", {"label": "Years of experience"}, "years_experience"),
    ("years total q", {"label": "How many years of professional experience do you have?"},
     "years_experience"),
    ("years domain", {"label": "How many years of experience do you have with Kubernetes?"},
     "question"),
    ("years domain fr", {"label": "Combien d'années d'expérience avez-vous en gestion de projet ?"},
     "question"),
    # --- education
    ("school", {"label": "University"}, "education.school"),
    ("school de", {"label": "Hochschule"}, "education.school"),
    ("degree", {"label": "Highest level of education", "tag": "select",
                "options": ["High school", "Bachelor's", "Master's", "PhD"]}, "education.degree"),
    ("discipline", {"label": "Field of study"}, "education.discipline"),
    ("graduation", {"label": "Graduation year"}, "education.graduation_year"),
    ("degree yes/no", {"label": "Do you have a bachelor's degree?", "tag": "select",
                       "options": ["Yes", "No"]}, "question"),
    # --- screening with keys
    ("authorized", {"label": "Are you legally authorized to work in Canada?", "tag": "select",
                    "options": ["Yes", "No"]}, "work_authorized"),
    ("right to work", {"label": "Do you have the right to work in the UK?", "type": "radio",
                       "members": ["Yes", "No"]}, "work_authorized"),
    ("work permit de", {"label": "Arbeitserlaubnis", "tag": "select", "options": ["Ja", "Nein"]},
     "work_authorized"),
    ("without sponsorship", {"label": "Are you able to work here without the need for visa "
                                      "sponsorship?"}, "work_authorized"),
    ("sponsorship", {"label": "Will you now or in the future require visa sponsorship?",
                     "tag": "select", "options": ["Yes", "No"]}, "requires_sponsorship"),
    ("salary", {"label": "What are your salary expectations?"}, "salary_expectation"),
    ("salary de", {"label": "Gehaltsvorstellung (brutto/Jahr)"}, "salary_expectation"),
    ("salary fr", {"label": "Prétentions salariales"}, "salary_expectation"),
    ("salary es", {"label": "Expectativa salarial"}, "salary_expectation"),
    ("hourly rate", {"label": "Desired hourly rate (EUR)", "type": "number"},
     "salary_expectation"),
    ("salary ack", {"label": "The range for this role is 50-60k. Are you comfortable with this "
                              "salary?", "type": "radio", "members": ["Yes", "No"]}, "question"),
    ("notice", {"label": "What is your notice period?"}, "start_date"),
    ("start de", {"label": "Frühestes Eintrittsdatum"}, "start_date"),
    ("start fr", {"label": "Disponibilité"}, "start_date"),
    ("start es", {"label": "Fecha de incorporación"}, "start_date"),
    ("when start", {"label": "When could you start?", "type": "date"}, "start_date"),
    ("weekly availability", {"label": "Which days are you available each week?", "type": "checkbox",
                             "members": ["Mon", "Tue"]}, "question"),
    ("relocate", {"label": "Are you willing to relocate?", "type": "radio",
                  "members": ["Yes", "No"]}, "willing_to_relocate"),
    ("hear", {"label": "How did you hear about this job?", "tag": "select",
              "options": ["LinkedIn", "Referral"]}, "referral_source"),
    ("hear de", {"label": "Wie sind Sie auf uns aufmerksam geworden?"}, "referral_source"),
    ("hear fr", {"label": "Comment avez-vous connu notre entreprise ?"}, "referral_source"),
    ("referred", {"label": "Were you referred by a current employee?", "type": "radio",
                  "members": ["Yes", "No"]}, "question"),
    ("referrer name", {"label": "Referrer name"}, "question"),
    # --- EEO
    ("gender", {"label": "Gender", "tag": "select", "options": ["Male", "Female", "Decline"]},
     "eeo.gender"),
    ("gender de", {"label": "Geschlecht", "tag": "select",
                   "options": ["männlich", "weiblich", "divers"]}, "eeo.gender"),
    ("race", {"label": "Race / Ethnicity", "type": "radio",
              "members": ["Asian", "White", "Black or African American"]}, "eeo.race"),
    ("hispanic", {"label": "Are you Hispanic or Latino?", "tag": "select",
                  "options": ["Yes", "No", "Decline"]}, "eeo.hispanic_latino"),
    ("veteran", {"label": "Veteran status", "tag": "select",
                 "options": ["I am a protected veteran", "I am not a protected veteran"]},
     "eeo.veteran_status"),
    ("disability", {"label": "Disability status", "tag": "select",
                    "options": ["Yes, I have a disability", "No, I do not have a disability"]},
     "eeo.disability_status"),
    ("transgender", {"label": "Do you identify as transgender?", "type": "radio",
                     "members": ["Yes", "No"]}, "question"),
    ("age", {"label": "What is your age range?", "type": "radio", "members": ["18-24", "25-34"]},
     "question"),
    ("disability prose", {"label": "Please tell us about any disability we should know of",
                          "tag": "textarea"}, "question"),
    # --- consent
    ("privacy", {"label": "I have read and accept the privacy policy", "type": "checkbox"},
     "consent"),
    ("datenschutz", {"label": "Ich stimme der Verarbeitung meiner Daten gemäß der "
                                "Datenschutzerklärung zu", "type": "checkbox"}, "consent"),
    ("certify", {"label": "I certify that the information provided is true and complete.",
                 "type": "checkbox"}, "consent"),
    ("sms", {"label": "I agree to receive text messages about my application", "type": "checkbox"},
     "consent"),
    ("future jobs", {"label": "Keep me informed about future job opportunities",
                     "type": "checkbox"},
     "unknown"),
    ("newsletter", {"label": "Subscribe to our newsletter", "type": "checkbox"}, "unknown"),
    ("licence ack", {"label": "Do you hold a valid driving licence?", "type": "radio",
                     "members": ["Yes", "No"]}, "question"),
    # --- free questions
    ("motivation", {"label": "Why do you want to join us?", "tag": "textarea"}, "question"),
    ("custom select", {"label": "Preferred team", "tag": "select",
                       "options": ["Platform", "Data"]}, "question"),
    ("posting location", {"label": "Which of our offices are you applying to?", "tag": "select",
                          "options": ["Berlin", "Paris"]}, "question"),
    ("time zone", {"label": "Time zone", "tag": "select", "options": ["CET", "EST"]}, "question"),
]


@pytest.mark.parametrize(("kwargs", "expected"), [(k, e) for _, k, e in GOLD],
                         ids=[c[0] for c in GOLD])
def test_key(mk: Any, map1: Any, kwargs: dict[str, Any], expected: str) -> None:
    kwargs = dict(kwargs)
    f = mk("x", tag=kwargs.pop("tag", "input"), type=kwargs.pop("type", "text"), **kwargs)
    m = map1(f)
    got = m.key.value if m is not None and m.confidence >= 0.6 else "unknown"
    assert got == expected, m


CHROME: list[tuple[str, dict[str, Any]]] = [
    ("site search", {"label": "Search jobs", "type": "text"}),
    ("search type", {"type": "search", "placeholder": "Keywords"}),
    ("picker search", {"label": "Search", "type": "combobox", "visible": False}),
    ("password", {"label": "Password", "type": "password"}),
    ("honeypot robots", {"label": "Leave this field blank", "name": "website", "visible": False}),
    ("honeypot name", {"name": "hp_a1b2", "id": "hp_a1b2", "label": "hp_a1b2", "visible": False}),
    ("honeypot hidden website", {"name": "website", "visible": False}),
    ("captcha", {"name": "g-recaptcha-response", "tag": "textarea", "visible": False}),
    ("cookie", {"label": "Analytics cookies", "type": "checkbox"}),
    ("language switcher", {"label": "Select language, current: English", "tag": "button",
                           "type": "combobox"}),
    ("job alert", {"label": "Send me job alerts", "type": "checkbox"}),
    ("future jobs", {"label": "You may contact me about other suitable positions",
                     "type": "checkbox"}),
    ("newsletter box by id", {"id": "newsletter-email", "name": "email", "type": "email",
                              "label": "Get the latest news"}),
    ("newsletter box by label", {"name": "email", "type": "email",
                                 "label": "Subscribe to our newsletter"}),
    ("inbox box", {"name": "email", "type": "email", "label": "Product updates in your inbox"}),
    ("photo", {"label": "Profile photo", "type": "file"}),
    ("autofill", {"label": "Autofill from resume", "type": "file"}),
    ("hidden unlabelled", {"visible": False}),
    ("filter select", {"name": "jobFilterCategory", "tag": "select", "options": ["A", "B"]}),
]


@pytest.mark.parametrize("kwargs", [k for _, k in CHROME], ids=[t[0] for t in CHROME])
def test_chrome_is_left_alone(mk: Any, map1: Any, kwargs: dict[str, Any]) -> None:
    """Page chrome and traps are reported as unknown or omitted, never filled."""
    kwargs = dict(kwargs)
    f = mk("x", tag=kwargs.pop("tag", "input"), type=kwargs.pop("type", "text"), **kwargs)
    m = map1(f)
    assert m is None or m.key.value == "unknown", m


LOOKALIKES: list[tuple[str, dict[str, Any], str]] = [
    ("company name", {"label": "Company name"}, "full_name"),
    ("school name", {"label": "School name"}, "full_name"),
    ("name of manager", {"label": "Name of your manager"}, "full_name"),
    ("referrer name", {"label": "Please give the name of the person who referred you"},
     "full_name"),
    ("their email", {"label": "If referred, please provide their email address",
                     "type": "email"}, "email"),
    ("emergency phone", {"label": "Emergency contact phone", "type": "tel"}, "phone"),
    ("licence state", {"label": "Which state(s) are you licensed in?"}, "address.region"),
    ("position country", {"label": "Please select the country of the position you are applying to",
                          "tag": "select", "options": ["France", "Spain"]}, "address.country"),
    ("freelance country", {"label": "Can you work as a freelancer in your country of residence?",
                           "type": "radio", "members": ["Yes", "No"]}, "address.country"),
    ("proof of right", {"label": "Do you have proof of your right to work, such as a passport?",
                        "type": "radio", "members": ["Yes", "No"]}, "work_authorized"),
    ("start month in school", {"label": "Start date month", "type": "combobox",
                               "section": "Education"}, "start_date"),
    ("hear other", {"label": "If you chose Other, please specify"}, "referral_source"),
    ("password question", {"label": "Portfolio password"}, "links.portfolio"),
    ("company website", {"label": "Company website"}, "links.portfolio"),
    ("previous employer site", {"label": "Website of your previous employer"}, "links.portfolio"),
    ("company website by name", {"name": "company_website"}, "links.portfolio"),
    ("hear via linkedin", {"label": "Did you find this job on LinkedIn?", "type": "radio",
                           "members": ["Yes", "No"]}, "links.linkedin"),
]


@pytest.mark.parametrize(("kwargs", "tempting"), [(k, t) for _, k, t in LOOKALIKES],
                         ids=[t[0] for t in LOOKALIKES])
def test_lookalike_is_not_the_tempting_key(
    mk: Any, map1: Any, kwargs: dict[str, Any], tempting: str
) -> None:
    kwargs = dict(kwargs)
    f = mk("x", tag=kwargs.pop("tag", "input"), type=kwargs.pop("type", "text"), **kwargs)
    m = map1(f)
    assert m is None or m.key.value != tempting, m


@pytest.mark.parametrize("name", ["website_url", "contact_time", "extra_info"])
def test_hidden_unlabelled_text_box_is_a_honeypot(mk: Any, map1: Any, name: str) -> None:
    hidden = map1(mk("h1", name=name, visible=False))
    assert hidden is None or hidden.key == "unknown"


def test_hidden_but_labelled_box_keeps_its_meaning(mk: Any, map1: Any) -> None:
    # A real field in a collapsed section still carries its label.
    m = map1(mk("h2", name="website_url", label="Personal website", visible=False))
    assert m is not None and m.key == "links.portfolio"


@pytest.mark.parametrize(("part", "expected"), [("First", "first_name"), ("Last", "last_name")])
def test_part_label_read_with_its_group(mk: Any, map1: Any, part: str, expected: str) -> None:
    # "Name" over two boxes labelled "First" and "Last": neither is the full name.
    f = mk("p1", label=part, label_source="for", labels={"for": part, "legend": "Name"})
    m = map1(f)
    assert m is not None and m.key == expected
