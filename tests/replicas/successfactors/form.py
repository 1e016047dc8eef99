"""The application form of the SuccessFactors replica, as data: what ``ui5app.js`` renders
and what the server validates. Field ids are SuccessFactors Recruiting's own standard
candidate and application field ids (``firstName``, ``cellPhone``, ``outsideWorkExperience``
...); the questions are the job's questionnaire (invented ids ``q_<n>``)."""

from __future__ import annotations

from typing import Any

YES_NO = ["Yes", "No"]
COUNTRIES = ["United States", "Canada", "United Kingdom", "Germany"]
STATES = ["Arizona", "California", "New York", "Oregon", "Texas", "Washington"]
DEGREES = ["High School", "Associate", "Bachelor's Degree", "Master's Degree", "Doctorate"]

SECTIONS: list[dict[str, Any]] = [
    {
        "id": "profilePanel",
        "title": "Candidate Profile",
        "fields": [
            {"id": "firstName", "label": "First Name", "kind": "input", "required": True},
            {"id": "middleName", "label": "Middle Name", "kind": "input"},
            {"id": "lastName", "label": "Last Name", "kind": "input", "required": True},
            {
                "id": "contactEmail",
                "label": "Email",
                "kind": "input",
                "type": "email",
                "required": True,
                "readonly": True,
            },
            {"id": "cellPhone", "label": "Cell Phone", "kind": "input", "type": "tel", "required": True},
            {"id": "address", "label": "Address", "kind": "input"},
            {"id": "city", "label": "City", "kind": "input", "required": True},
            {
                "id": "country",
                "label": "Country/Region",
                "kind": "select",
                "options": COUNTRIES,
                "required": True,
            },
            {"id": "state", "label": "State/Province", "kind": "select", "options": STATES},
            {"id": "zip", "label": "Postal Code", "kind": "input", "required": True},
            {"id": "linkedinUrl", "label": "LinkedIn Profile", "kind": "input", "type": "url"},
        ],
    },
    {
        "id": "documentsPanel",
        "title": "Resume and Documents",
        "fields": [
            {"id": "resume", "label": "Resume/CV", "kind": "file", "required": True, "parse": True},
        ],
    },
    {"id": "workPanel", "title": "Work Experience", "rows": "outsideWorkExperience"},
    {"id": "educationPanel", "title": "Education", "rows": "education"},
    {
        "id": "questionsPanel",
        "title": "Job-Specific Questions",
        "fields": [
            {
                "id": "q_4101",
                "label": "Are you legally authorized to work in the country where this job is located?",
                "kind": "select",
                "options": YES_NO,
                "required": True,
            },
            {
                "id": "q_4102",
                "label": "Will you now or in the future require visa sponsorship to work for us?",
                "kind": "select",
                "options": YES_NO,
                "required": True,
            },
            {
                "id": "q_4103",
                "label": "What is your desired annual salary?",
                "kind": "input",
                "required": True,
            },
            {
                "id": "q_4104",
                "label": "How did you hear about this position?",
                "kind": "select",
                "options": ["Career Site", "LinkedIn", "Indeed", "Employee Referral", "Other"],
                "required": True,
            },
            {
                "id": "q_4105",
                "label": "Do you hold a valid commercial driver's license?",
                "kind": "select",
                "options": YES_NO,
            },
        ],
    },
    {
        "id": "eeoPanel",
        "title": "Voluntary Self-Identification (United States)",
        "fields": [
            {
                "id": "gender",
                "label": "Gender",
                "kind": "select",
                "options": ["Female", "Male", "I do not wish to self-identify"],
            },
            {
                "id": "ethnicity",
                "label": "Race/Ethnicity",
                "kind": "select",
                "options": [
                    "Hispanic or Latino",
                    "White (Not Hispanic or Latino)",
                    "Black or African American (Not Hispanic or Latino)",
                    "Asian (Not Hispanic or Latino)",
                    "Two or More Races (Not Hispanic or Latino)",
                    "I do not wish to self-identify",
                ],
            },
            {
                "id": "veteranStatus",
                "label": "Veteran Status",
                "kind": "select",
                "options": [
                    "I am a protected veteran",
                    "I am not a protected veteran",
                    "I do not wish to self-identify",
                ],
            },
            {
                "id": "disabilityStatus",
                "label": "Disability Status",
                "kind": "select",
                "options": [
                    "Yes, I have a disability (or previously had a disability)",
                    "No, I do not have a disability",
                    "I do not want to answer",
                ],
            },
        ],
    },
    {
        "id": "consentPanel",
        "title": "Data Privacy",
        "fields": [
            {
                "id": "dataPrivacyAccept",
                "label": (
                    "I confirm that the information in this application is correct "
                    "and I agree to its processing."
                ),
                "kind": "checkbox",
                "required": True,
            }
        ],
    },
]

ROWS: dict[str, list[dict[str, Any]]] = {
    "outsideWorkExperience": [
        {"id": "employer", "label": "Employer", "kind": "input", "required": True},
        {"id": "title", "label": "Job Title", "kind": "input", "required": True},
        {"id": "startDate", "label": "From", "kind": "date"},
        {"id": "endDate", "label": "To", "kind": "date"},
        {"id": "present", "label": "Present", "kind": "checkbox"},
    ],
    "education": [
        {"id": "school", "label": "School", "kind": "input", "required": True},
        {"id": "degree", "label": "Degree", "kind": "select", "options": DEGREES},
        {"id": "major", "label": "Major", "kind": "input"},
        {"id": "endDate", "label": "Graduation Date", "kind": "date"},
    ],
}
ROW_TITLES = {"outsideWorkExperience": "Work Experience", "education": "Education"}


def fields() -> list[dict[str, Any]]:
    return [f for s in SECTIONS for f in s.get("fields", [])]
