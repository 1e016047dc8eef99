"""SuccessFactors markup -> vocabulary.

The UI5 application names its controls by SuccessFactors' standard candidate and application
field ids (``firstName``, ``cellPhone``, ``contactEmail``, ``outsideWorkExperience`` ...),
the classic sign-in and account pages theirs (``username``, ``fbclc_userName``,
``fbclc_fName`` ...), so those map by table. The job's own questionnaire has generated ids: the
generic mapper reads their labels. "Email Job to Friend", job alerts and the file-name box of
a file uploader are never part of the application; passwords are typed by the flow.
"""

from __future__ import annotations

from jobpilot.models.mapping import FieldMapping
from jobpilot.models.snapshot import Field, FormSnapshot
from jobpilot.vocabulary import FieldKey as K

from jobpilot_ats_successfactors import markup

PASSWORD = (K.UNKNOWN, 0.99, "account password: the flow types it from the credential store")
LEAVE = (K.UNKNOWN, 0.99, "not part of the application")
TABLE: dict[str, tuple[K, float, str]] = {
    # the UI5 application (standard candidate-profile and application field ids)
    "firstname": (K.FIRST_NAME, 0.97, "first name"),
    "middlename": (K.MIDDLE_NAME, 0.95, "middle name"),
    "lastname": (K.LAST_NAME, 0.97, "last name"),
    "preferredname": (K.PREFERRED_NAME, 0.93, "preferred name"),
    "contactemail": (K.EMAIL, 0.97, "contact e-mail"),
    "email": (K.EMAIL, 0.95, "e-mail"),
    "cellphone": (K.PHONE, 0.95, "cell phone"),
    "homephone": (K.PHONE, 0.9, "home phone"),
    "phone": (K.PHONE, 0.93, "phone"),
    "address": (K.ADDRESS_STREET, 0.93, "street address"),
    "address1": (K.ADDRESS_STREET, 0.93, "street address"),
    "address2": (K.ADDRESS_STREET, 0.9, "second address line: the profile's second line or nothing"),
    "city": (K.ADDRESS_CITY, 0.95, "city"),
    "state": (K.ADDRESS_REGION, 0.93, "state / province"),
    "zip": (K.ADDRESS_POSTAL_CODE, 0.95, "postal code"),
    "postalcode": (K.ADDRESS_POSTAL_CODE, 0.95, "postal code"),
    "country": (K.ADDRESS_COUNTRY, 0.95, "country"),
    "linkedinurl": (K.LINKS_LINKEDIN, 0.95, "LinkedIn"),
    "resume": (K.RESUME, 0.95, "resume / CV"),
    "coverletter": (K.COVER_LETTER, 0.93, "cover letter"),
    "gender": (K.EEO_GENDER, 0.95, "EEO gender"),
    "ethnicity": (K.EEO_RACE, 0.95, "EEO race/ethnicity"),
    "race": (K.EEO_RACE, 0.95, "EEO race"),
    "veteranstatus": (K.EEO_VETERAN_STATUS, 0.95, "EEO veteran status"),
    "disabilitystatus": (K.EEO_DISABILITY_STATUS, 0.95, "EEO disability status"),
    "dataprivacyaccept": (K.CONSENT, 0.95, "the application's data privacy agreement"),
    # the classic sign-in and account pages
    "username": (K.EMAIL, 0.95, "sign-in e-mail"),
    "password": PASSWORD,
    "fbclc_username": (K.EMAIL, 0.97, "account e-mail"),
    "fbclc_emailconf": (K.EMAIL, 0.97, "account e-mail, retyped"),
    "fbclc_pwd": PASSWORD,
    "fbclc_pwdconf": PASSWORD,
    "fbclc_fname": (K.FIRST_NAME, 0.97, "account first name"),
    "fbclc_lname": (K.LAST_NAME, 0.97, "account last name"),
    "fbclc_country": (K.ADDRESS_COUNTRY, 0.95, "country/region of residence"),
    "dataprivacyid": (K.CONSENT, 0.95, "the data privacy consent statement"),
    # never the application
    "mailjob_friend_email": (K.UNKNOWN, 0.99, "e-mail this job to a friend"),
    "mailjob_message": (K.UNKNOWN, 0.99, "e-mail this job to a friend"),
    "jobalertname": LEAVE,
    "alertfrequency": LEAVE,
    "newjobs": LEAVE,
    "keywordsearch": LEAVE,
}
"""SuccessFactors field id (lower-cased) -> key, confidence, why."""

WORK = {"employer": "company", "title": "title"}
EDUCATION = {
    "school": K.EDUCATION_SCHOOL,
    "degree": K.EDUCATION_DEGREE,
    "major": K.EDUCATION_DISCIPLINE,
    "enddate": K.EDUCATION_GRADUATION_YEAR,
}


def _row(field: Field) -> FieldMapping | None:
    pos = markup.row_of(field)
    if pos is None:
        return None
    where = f"{'Work Experience' if pos.section == 'work' else 'Education'} {pos.index + 1}"
    part = pos.part.lower()
    if pos.section == "work" and pos.index == 0 and WORK.get(part) == "title":
        return FieldMapping(ref=field.ref, key=K.CURRENT_TITLE, confidence=0.9, reason=f"{where} job title")
    if pos.section == "work" and pos.index == 0 and WORK.get(part) == "company":
        return FieldMapping(ref=field.ref, key=K.CURRENT_COMPANY, confidence=0.9, reason=f"{where} employer")
    if pos.section == "education" and pos.index == 0 and part in EDUCATION:
        return FieldMapping(ref=field.ref, key=EDUCATION[part], confidence=0.9, reason=f"{where} {pos.part}")
    return FieldMapping(
        ref=field.ref,
        key=K.QUESTION,
        confidence=0.97,
        reason=f"{where} {pos.part}: filled by the SuccessFactors flow",
    )


def map_field(field: Field) -> FieldMapping | None:
    row = _row(field)
    if row is not None:
        return row
    fid = markup.field_id(field)
    if fid.endswith("-fu_input"):
        return FieldMapping(
            ref=field.ref, key=K.UNKNOWN, confidence=0.99, reason="the file uploader's file-name box"
        )
    rule = TABLE.get(fid.lower())
    if rule is None and field.type == "password":
        rule = PASSWORD
    if rule is None:
        return None
    key, conf, why = rule
    return FieldMapping(ref=field.ref, key=key, confidence=conf, reason=f"successfactors {fid}: {why}")


def map_snapshot(snapshot: FormSnapshot) -> list[FieldMapping]:
    return [m for f in snapshot.fields if (m := map_field(f)) is not None]
