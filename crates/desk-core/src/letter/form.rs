//! Request forms, pre-filled for the requester's signature, and the recovery sheet.

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use super::*;
use crate::decision::Format;

/// Who the form is about, as far as the office already knows (blank fields stay blank).
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct FormPerson {
    pub name: String,
    #[serde(default)]
    pub date_of_birth: Option<NaiveDate>,
    #[serde(default)]
    pub employee_id: Option<String>,
    #[serde(default)]
    pub address: Vec<String>,
    #[serde(default)]
    pub phone: Option<String>,
}

fn field(label: &str, value: impl Into<String>, lines: u8) -> Field {
    Field {
        label: label.to_string(),
        value: value.into().trim().to_string(),
        lines,
    }
}

fn person_fields(p: &FormPerson) -> Block {
    Block::Fields(vec![
        field("Name of plan participant", p.name.clone(), 1),
        field(
            "Date of birth",
            p.date_of_birth.map(long_date).unwrap_or_default(),
            1,
        ),
        field("Employee ID", p.employee_id.clone().unwrap_or_default(), 1),
        field("Address", p.address.join(", "), 1),
        field("Telephone", p.phone.clone().unwrap_or_default(), 1),
    ])
}

fn sign_here(who: &str) -> Block {
    Block::SignatureLines(vec![format!("Signature of {who}"), "Date".to_string()])
}

fn representative_section(org: &Organization) -> Vec<Block> {
    let _ = org;
    vec![
        heading("Personal representative section"),
        para("If a personal representative signs this form for the individual, the representative warrants that he or she has authority to sign it on the basis of (attach a copy of the document):"),
        Block::Choices {
            label: "Authority".to_string(),
            options: [
                "Power of attorney",
                "Guardianship order",
                "Letters of administration (executor or administrator)",
                "Parent of a minor child",
                "Other (describe below)",
            ]
            .iter()
            .map(|l| Choice {
                label: l.to_string(),
                checked: false,
            })
            .collect(),
        },
        Block::Fields(vec![
            field("Description of the representative's authority", "", 1),
            field("Printed name of personal representative", "", 1),
        ]),
        sign_here("Personal Representative"),
    ]
}

fn form(kind: LetterKind, title: &str, dated: NaiveDate, blocks: Vec<Block>) -> Letter {
    Letter {
        kind,
        title: title.to_string(),
        dated,
        date_line: None,
        mailing: None,
        reference: None,
        blocks,
    }
}

fn return_to(org: &Organization) -> Vec<Block> {
    vec![
        para("Please return the signed form to the Privacy Official:"),
        official_contact(org),
    ]
}

fn format_choices(format: Option<Format>) -> Block {
    Block::Choices {
        label: "I would like the information in this format".to_string(),
        options: vec![
            Choice {
                label: "Paper".to_string(),
                checked: format == Some(Format::Paper),
            },
            Choice {
                label: "Electronic".to_string(),
                checked: format == Some(Format::Electronic),
            },
        ],
    }
}

/// Request to Inspect Health Information (164.524).
pub fn inspection_request_form(
    org: &Organization,
    person: &FormPerson,
    format: Option<Format>,
    dated: NaiveDate,
) -> Letter {
    let mut blocks = vec![
        person_fields(person),
        para(format!(
            "I request to inspect and copy the health information about me held in the {}'s designated record set, under the Health Insurance Portability and Accountability Act of 1996 (HIPAA). The designated record set includes enrollment, payment, claims adjudication and case or medical management records, and other records used to make decisions about me.",
            keep(&org.plan_name)
        )),
        format_choices(format),
        Block::Choices {
            label: "Optional".to_string(),
            options: vec![Choice {
                label: "I agree that the Plan may give me a summary of the information instead of the records, and to the fee for preparing it.".to_string(),
                checked: false,
            }],
        },
        para("I agree to pay any fee for copies or a summary. Fees are reasonable and cost-based: they cover only the labour and supplies for copying, postage, and preparing a summary if I agree to one; the Plan does not charge for searching for or retrieving records. The Plan will tell me the fee in advance."),
        para("I understand that this request does not cover: (1) information not held in the designated record set; (2) psychotherapy notes; (3) information compiled in reasonable anticipation of, or for use in, a legal proceeding; and (4) other information to which HIPAA gives no right of access."),
        para("I understand that the Plan will respond within 30 days of receiving this request, and that it may extend that time once, by up to 30 days, by telling me in writing why and when it will respond."),
        sign_here("Individual"),
    ];
    blocks.extend(representative_section(org));
    blocks.extend(return_to(org));
    form(
        LetterKind::InspectionRequestForm,
        LetterKind::InspectionRequestForm.title(),
        dated,
        blocks,
    )
}

/// Request to Correct or Amend a Record (164.526).
pub fn amendment_request_form(
    org: &Organization,
    person: &FormPerson,
    amendment: &str,
    reason: &str,
    dated: NaiveDate,
) -> Letter {
    let mut blocks = vec![
        person_fields(person),
        para(format!(
            "I request the {} to amend the protected health information about me in its designated record set.",
            keep(&org.plan_name)
        )),
        Block::Fields(vec![
            field("Specific statement of the amendment requested", amendment, 3),
            field("Specific reason for the amendment", reason, 3),
        ]),
        para("I understand that if the information was not created by the Plan, the Plan is not required to amend it (unless its creator is no longer available): for example, to amend a medical report written by my physician, I must ask the physician. I also understand that the Plan may deny my request if the information is not part of its designated record set, is not available for my inspection, or is already accurate and complete."),
        para("I understand that the Plan will respond within 60 days of receiving this request, and that it may extend that time once, by up to 30 days, by telling me in writing why and when it will respond."),
        sign_here("Individual"),
    ];
    blocks.extend(representative_section(org));
    blocks.extend(return_to(org));
    form(
        LetterKind::AmendmentRequestForm,
        LetterKind::AmendmentRequestForm.title(),
        dated,
        blocks,
    )
}

/// Request Not to Use or Disclose Health Information (164.522(a)): the questionnaire 1–3.
pub fn restriction_request_form(
    org: &Organization,
    person: &FormPerson,
    information: &str,
    manner: &str,
    not_to: &str,
    dated: NaiveDate,
) -> Letter {
    let mut blocks = vec![
        person_fields(person),
        para(format!(
            "I understand that the {} may use and disclose health information about me for treatment, payment and health care operations without my authorization. Under HIPAA, I request that it restrict those uses and disclosures as described below.",
            keep(&org.plan_name)
        )),
        Block::Heading("The Plan is not required to agree".to_string()),
        para("I understand that the Plan is not required to agree to this restriction."),
        Block::Heading("Ending the restriction".to_string()),
        para("I understand that if the Plan agrees, either the Plan or I may end the restriction at any time, and that ending it affects only future uses and disclosures."),
        Block::Heading("Emergency treatment".to_string()),
        para("I understand that if the information must be used or disclosed to provide emergency treatment to me, the restriction does not apply to that use or disclosure."),
        Block::Heading("Questionnaire".to_string()),
        para("Please answer all of the following questions. If a question does not apply, write N/A."),
        Block::Fields(vec![
            field("1) I request that the following information be restricted:", information, 2),
            field("2) I request that use and disclosure of that information be restricted in the following manner:", manner, 2),
            field("3) I request that my health information not be disclosed to the following individuals or entities:", not_to, 2),
        ]),
        para("I understand that a restriction is not effective unless it is listed above and agreed to by the Plan in writing."),
        sign_here("Individual"),
    ];
    blocks.extend(representative_section(org));
    blocks.extend(return_to(org));
    form(
        LetterKind::RestrictionRequestForm,
        LetterKind::RestrictionRequestForm.title(),
        dated,
        blocks,
    )
}

/// What an authorization form is pre-filled with.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct AuthorizationTerms {
    /// Who may disclose ("Sample County Group Health Plan").
    pub discloser: String,
    /// Who may receive and use it.
    pub recipient: String,
    /// A specific description of the information.
    pub information: String,
    /// The purpose, or "At the request of the individual".
    pub purpose: String,
    /// The expiration date or event, written out; empty leaves it for the signer.
    pub expires: String,
}

/// Authorization for Release of Health Information (164.508(c)): every required element,
/// including the purpose line and the conditioning statement the county's 2005 form lacked.
pub fn authorization_form(
    org: &Organization,
    person: &FormPerson,
    terms: &AuthorizationTerms,
    dated: NaiveDate,
) -> Letter {
    let mut blocks = vec![
        person_fields(person),
        para("I authorize the use or disclosure of my health information as described below."),
        Block::Fields(vec![
            field("Person or organization authorized to disclose the information", terms.discloser.clone(), 1),
            field("Person or organization authorized to receive and use the information", terms.recipient.clone(), 1),
            field("Specific description of the information", terms.information.clone(), 2),
            field("Purpose of the disclosure (or \"at the request of the individual\")", terms.purpose.clone(), 1),
            field("This authorization expires on (date) or when (event)", terms.expires.clone(), 1),
        ]),
        para("If no date is given, this authorization expires when my employment with the County ends; a retiree or anyone else must give a date."),
        Block::Heading("Right to revoke".to_string()),
        para(format!(
            "I understand that I may revoke this authorization at any time by writing to {}, {}, {}, {} (fax {}). A revocation is effective when it is received and logged; it does not affect any use or disclosure made under this authorization before then.",
            keep(&org.privacy_official.name),
            keep(&org.privacy_official.title),
            org.department.trim(),
            org.address.iter().map(|l| l.trim()).collect::<Vec<_>>().join(", "),
            keep(&org.fax)
        )),
        Block::Heading("No conditions".to_string()),
        para("I understand that the Plan will not condition my treatment, payment, enrollment or eligibility for benefits on whether I sign this authorization."),
        Block::Heading("Redisclosure".to_string()),
        para("I understand that once the information is disclosed under this authorization, federal privacy law may no longer protect it and the recipient may disclose it again."),
        para("I understand that I am entitled to a copy of this signed authorization."),
        sign_here("Individual"),
    ];
    blocks.extend(representative_section(org));
    blocks.extend(return_to(org));
    form(
        LetterKind::AuthorizationForm,
        LetterKind::AuthorizationForm.title(),
        dated,
        blocks,
    )
}

/// Request for Confidential Communications (164.522(b)).
pub fn confidential_communication_request_form(
    org: &Organization,
    person: &FormPerson,
    means: &str,
    endangerment: bool,
    dated: NaiveDate,
) -> Letter {
    let mut blocks = vec![
        person_fields(person),
        para(format!(
            "I request that the {} send communications containing my health information to me at the alternative address, or by the alternative means, described below.",
            keep(&org.plan_name)
        )),
        Block::Fields(vec![field(
            "Alternative address or means of communication",
            means,
            3,
        )]),
        Block::Choices {
            label: "Endangerment".to_string(),
            options: vec![Choice {
                label: "Disclosure of all or part of my health information at my usual address or by the usual means could endanger me.".to_string(),
                checked: endangerment,
            }],
        },
        para("I understand that the Plan will accommodate a reasonable request, and must accommodate it if I state that disclosure could endanger me; I do not have to explain why. The Plan may ask how payment, if any, will be handled."),
        sign_here("Individual"),
    ];
    blocks.extend(representative_section(org));
    blocks.extend(return_to(org));
    form(
        LetterKind::ConfidentialCommunicationRequestForm,
        LetterKind::ConfidentialCommunicationRequestForm.title(),
        dated,
        blocks,
    )
}

/// Request for an Accounting of Disclosures (164.528).
pub fn accounting_request_form(
    org: &Organization,
    person: &FormPerson,
    period_from: Option<NaiveDate>,
    period_to: Option<NaiveDate>,
    format: Option<Format>,
    dated: NaiveDate,
) -> Letter {
    let mut blocks = vec![
        person_fields(person),
        para(format!(
            "I request an accounting of the disclosures of my health information made by the {} during the period below. The period may be up to six years before the date of this request, and cannot include disclosures before April 14, 2003.",
            keep(&org.plan_name)
        )),
        Block::Fields(vec![
            field("From", period_from.map(long_date).unwrap_or_default(), 1),
            field("To", period_to.map(long_date).unwrap_or_default(), 1),
        ]),
        format_choices(format),
        para("I understand that the first accounting in any 12-month period is free; for another within 12 months the Plan charges 15 cents a page plus any special service charge, will tell me the fee first, and I may then withdraw or change my request."),
        para("I understand that the accounting does not include disclosures for treatment, payment or health care operations, disclosures to me, disclosures I authorized, and certain others the law excludes, and that the Plan will respond within 60 days (extendable once by 30 days with written notice)."),
        sign_here("Individual"),
    ];
    blocks.extend(representative_section(org));
    blocks.extend(return_to(org));
    form(
        LetterKind::AccountingRequestForm,
        LetterKind::AccountingRequestForm.title(),
        dated,
        blocks,
    )
}

/// The recovery sheet for the Privacy Official's safe: the code that opens the database if
/// every password is lost.
pub fn recovery_sheet(org: &Organization, code: &str, printed_on: NaiveDate) -> Letter {
    let blocks = vec![
        para(format!(
            "This sheet holds the recovery code for the Records Desk database of the {}. With it, the Privacy Official can open the database and set new passwords if every password is lost.",
            keep(&org.plan_name)
        )),
        Block::Heading("Recovery code".to_string()),
        Block::Code(code.trim().to_string()),
        Block::Bullets(vec![
            vec![r("Keep this sheet in the Privacy Official's locked safe. Do not photocopy, photograph or scan it, and do not store the code on any computer.")],
            vec![r("Anyone who holds this code can read every record in the database. If the sheet may have been seen by someone else, create a new recovery code in Records Desk at once; the old code then stops working.")],
            vec![r(format!("Printed on {} for {}.", date(printed_on), official(org)))],
        ]),
        Block::SignatureLines(vec![
            "Placed in the safe by (signature)".to_string(),
            "Date".to_string(),
        ]),
    ];
    form(
        LetterKind::RecoverySheet,
        LetterKind::RecoverySheet.title(),
        printed_on,
        blocks,
    )
}
