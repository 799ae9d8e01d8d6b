//! Request forms pre-filled for signature, notices to third parties, and the recovery sheet.

use desk_core::decision::{Addressee, Format};
use desk_core::letter::{self, AuthorizationTerms, FormPerson, Letter};

use crate::support::*;

fn person() -> FormPerson {
    FormPerson {
        name: "Jane Q. Participant".into(),
        date_of_birth: Some(d("1980-07-04")),
        employee_id: Some("E-10442".into()),
        address: vec!["12 Palm Ave".into(), "Vero Beach, FL 32960".into()],
        phone: Some("772-555-0100".into()),
    }
}

fn check(name: &str, l: &Letter, says: &[&str]) {
    let pdf = render(l);
    let text = pdf.text();
    assert_says(
        &text,
        name,
        &[
            "Sample County Group Health Plan",
            "Jane Q. Participant",
            "July 4, 1980",
            "E-10442",
            "12 Palm Ave, Vero Beach, FL 32960",
            "Signature of Individual",
            "Date",
            "Personal representative section",
            "Power of attorney",
            "Pat Official",
        ],
    );
    assert_says(&text, name, says);
    assert_well_formed(&pdf, name);
    pdf.save_png(name);
}

#[test]
fn request_to_inspect() {
    let l = letter::inspection_request_form(
        &org(),
        &person(),
        Some(Format::Electronic),
        d("2025-03-10"),
    );
    check(
        "form-inspect",
        &l,
        &[
            "Request to Inspect Health Information",
            "X Electronic",
            "Paper",
            "summary",
            "30 days",
            "psychotherapy notes",
            "cost-based",
        ],
    );
}

#[test]
fn request_to_amend() {
    let l = letter::amendment_request_form(
        &org(),
        &person(),
        "Claim 88 lists an emergency room visit on 2024-02-03 that I did not have.",
        "I was out of the country that week.",
        d("2025-03-10"),
    );
    check(
        "form-amend",
        &l,
        &[
            "Request to Correct or Amend a Record",
            "Claim 88 lists an emergency room visit",
            "I was out of the country that week.",
            "60 days",
            "accurate and complete",
        ],
    );
}

#[test]
fn request_not_to_use_or_disclose() {
    let l = letter::restriction_request_form(
        &org(),
        &person(),
        "Physical therapy claims",
        "Not to be discussed with my spouse",
        "My spouse, John Participant",
        d("2025-03-10"),
    );
    check(
        "form-restriction",
        &l,
        &[
            "Request Not to Use or Disclose Health Information",
            "not required to agree",
            "either the Plan or I may end the restriction",
            "emergency treatment",
            "1) I request that the following information be restricted:",
            "2) I request that use and disclosure",
            "3) I request that my health information not be disclosed",
            "Physical therapy claims",
            "My spouse, John Participant",
            "N/A",
        ],
    );
}

#[test]
fn authorization_carries_every_element_including_purpose_and_conditioning() {
    let terms = AuthorizationTerms {
        discloser: "Sample County Group Health Plan".into(),
        recipient: "Dr. Alan Smith, 40 Main St, Vero Beach FL 32960".into(),
        information: "Claims and eligibility records for 2023 and 2024".into(),
        purpose: "At the request of the individual".into(),
        expires: "January 1, 2026".into(),
    };
    let l = letter::authorization_form(&org(), &person(), &terms, d("2025-03-10"));
    check(
        "form-authorization",
        &l,
        &[
            "Authorization for Release of Health Information",
            "authorized to disclose",
            "authorized to receive",
            "Dr. Alan Smith, 40 Main St, Vero Beach FL 32960",
            "Claims and eligibility records for 2023 and 2024",
            "Purpose of the disclosure",
            "At the request of the individual",
            "expires",
            "January 1, 2026",
            "revoke this authorization at any time by writing to Pat Official",
            "received and logged",
            "will not condition my treatment, payment, enrollment or eligibility",
            "may disclose it again",
            "entitled to a copy",
            "Signature of Personal Representative",
            "Description of the representative's authority",
        ],
    );
}

#[test]
fn confidential_communications_and_accounting_requests() {
    let l = letter::confidential_communication_request_form(
        &org(),
        &person(),
        "PO Box 77, Sebastian, FL 32958",
        true,
        d("2025-03-10"),
    );
    check(
        "form-confidential",
        &l,
        &[
            "Request for Confidential Communications",
            "PO Box 77, Sebastian, FL 32958",
            "X Disclosure of all or part",
            "could endanger me",
        ],
    );
    let l = letter::accounting_request_form(
        &org(),
        &person(),
        Some(d("2019-06-01")),
        Some(d("2025-06-01")),
        Some(Format::Paper),
        d("2025-03-10"),
    );
    check(
        "form-accounting",
        &l,
        &[
            "Request for an Accounting of Disclosures",
            "June 1, 2019",
            "June 1, 2025",
            "X Paper",
            "15 cents a page",
            "April 14, 2003",
            "six years",
        ],
    );
}

#[test]
fn notices_to_business_associates_and_named_people() {
    let ba = Addressee {
        name: "Blue Cross Claims Administration".into(),
        address: vec!["PO Box 1".into(), "Jacksonville, FL 32231".into()],
    };
    let l = letter::restriction_notice(
        &org(),
        &ba,
        d("2025-03-12"),
        "Jane Q. Participant",
        "Do not disclose physical therapy claims to the spouse.",
        d("2025-03-10"),
    );
    let pdf = render(&l);
    let text = pdf.text();
    assert_says(
        &text,
        "restriction notice",
        &[
            "Personal & Confidential",
            "Blue Cross Claims Administration",
            "Jacksonville, FL 32231",
            "Notice of Agreed Restriction",
            "Jane Q. Participant",
            "March 10, 2025",
            "March 12, 2025",
            "Do not disclose physical therapy claims to the spouse.",
            "Signature of Plan Representative",
            "Pat Official",
            "Benefits/Payroll Administrator",
        ],
    );
    assert_well_formed(&pdf, "restriction notice");
    assert_kept_whole(&pdf, &l, "restriction notice");
    pdf.save_png("notice-restriction");

    let to = Addressee {
        name: "Dr. Alan Smith".into(),
        address: vec!["40 Main St".into(), "Vero Beach FL 32960".into()],
    };
    let l = letter::amendment_notice(
        &org(),
        &to,
        d("2025-03-12"),
        "Jane Q. Participant",
        "Claim 88 removed: the visit did not take place.",
        d("2025-03-11"),
    );
    let pdf = render(&l);
    assert_says(
        &pdf.text(),
        "amendment notice",
        &[
            "Personal & Confidential",
            "Dr. Alan Smith",
            "Notice of Amendment",
            "Claim 88 removed: the visit did not take place.",
            "March 11, 2025",
            "Jane Q. Participant",
            "Signature of Plan Representative",
            "Pat Official",
            "Benefits/Payroll Administrator",
        ],
    );
    assert_well_formed(&pdf, "amendment notice");
    assert_kept_whole(&pdf, &l, "amendment notice");
    pdf.save_png("notice-amendment");
}

#[test]
fn recovery_sheet_prints_the_code_once_on_one_page() {
    let code = "7KQ4-M2XD-98TF-LW3C-PP6R-ZA1N-H5VE-03GY";
    let l = letter::recovery_sheet(&org(), code, d("2025-03-10"));
    let pdf = render(&l);
    assert_eq!(pdf.pages(), 1, "one page");
    let text = pdf.text();
    assert_says(
        &text,
        "recovery sheet",
        &[
            "Records Desk Recovery Sheet",
            code,
            "safe",
            "March 10, 2025",
            "Pat Official",
            "Sample County",
        ],
    );
    assert_eq!(text.matches(code).count(), 1, "the code is printed once");
    assert_well_formed(&pdf, "recovery sheet");
    pdf.save_png("recovery-sheet");
}
