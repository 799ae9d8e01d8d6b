//! The accounting's business associates on paper: the request to an associate for its
//! disclosures of the individual's information (who, the period, what each entry must show, the
//! day under the agreement), and the accounting letter naming the associate under whose name its
//! disclosures are listed (164.528(b)(1)).

use desk_core::decision::Addressee;
use desk_core::letter::{
    self, AccountingEntry, AccountingStatement, AccountingSubject, AssociateAccountingAsk,
};

use crate::support::*;

const BCBS: &str = "Blue Cross and Blue Shield of Florida";

fn claims_administrator() -> Addressee {
    Addressee {
        name: BCBS.into(),
        address: vec![
            "Attention: Privacy Office".into(),
            "4800 Deerwood Campus Parkway".into(),
            "Jacksonville, FL 32246".into(),
        ],
    }
}

#[test]
fn the_request_to_an_associate_says_who_the_period_each_entry_and_the_day() {
    let l = letter::associate_accounting_request(
        &org(),
        &claims_administrator(),
        d("2025-03-10"),
        &AssociateAccountingAsk {
            subject: AccountingSubject {
                name: "Jane Q. Participant".into(),
                date_of_birth: d("1978-04-02"),
                member_id: Some("SC10001".into()),
            },
            received_on: d("2025-03-03"),
            period_from: d("2019-03-03"),
            period_to: d("2025-03-03"),
            days: 15,
            reply_by: d("2025-03-25"),
        },
    );
    let pdf = render(&l);
    let text = pdf.text();
    assert_says(
        &text,
        "associate request",
        &[
            "Request for Disclosure Information for an Accounting",
            "Personal & Confidential",
            BCBS,
            "Attention: Privacy Office",
            "Jacksonville, FL 32246",
            "March 10, 2025",
            // Who the individual is.
            "Name: Jane Q. Participant",
            "Date of birth: April 2, 1978",
            "Member ID: SC10001",
            "45 CFR 164.528",
            // The period and the day, under the agreement.
            "from March 3, 2019 to March 3, 2025",
            "Your agreement gives you 15 days",
            "please reply by March 25, 2025",
            // What each entry must show.
            "the date of the disclosure;",
            "the name of the person or organization that received the information, and their address if you know it;",
            "a brief description of the information disclosed;",
            "a brief statement of the purpose of the disclosure",
            "the legal basis",
            "date, recipient, recipient_address, description, purpose, basis",
            "Pat Official",
            "Benefits/Payroll Administrator",
            "Signature of Plan Representative",
        ],
    );
    let first = pdf.page_text(1);
    assert!(
        first.find("Personal & Confidential") < first.find(BCBS),
        "the marking sits above the associate's name"
    );
    assert_well_formed(&pdf, "associate request");
    assert_kept_whole(&pdf, &l, "associate request");
    pdf.save_png("associate-accounting-request");
}

fn entry(on: &str, recipient: &str, by: Option<&str>) -> AccountingEntry {
    AccountingEntry {
        on: d(on),
        recipient: recipient.into(),
        recipient_address: None,
        description: "Immunization claims".into(),
        purpose: "Case report required by state law".into(),
        repeated: None,
        written_request_of: None,
        disclosed_by: by.map(str::to_owned),
    }
}

#[test]
fn the_accounting_names_the_associate_that_made_its_disclosures() {
    let described = format!("{BCBS}, the Plan's claims administrator");
    let statement = AccountingStatement {
        period_from: d("2019-03-03"),
        period_to: d("2025-03-03"),
        entries: vec![
            entry("2024-11-03", "State Insurance Fraud Unit", Some(&described)),
            entry("2024-06-01", "Circuit Court Clerk", None),
            entry("2025-02-17", "County Health Department", Some(&described)),
        ],
        fee_cents: 0,
    };
    let l = letter::accounting(
        &org(),
        &jane(),
        d("2025-03-10"),
        d("2025-03-03"),
        &statement,
    );
    let pdf = render(&l);
    let text = pdf.text();
    assert_says(
        &text,
        "accounting with an associate",
        &[
            "the Plan, and its business associates on its behalf, made from",
            "Disclosed by the Plan",
            "Disclosed by Blue Cross and Blue Shield of Florida, the Plan's claims administrator",
            "State Insurance Fraud Unit",
            "County Health Department",
            "Circuit Court Clerk",
        ],
    );
    // The Plan's own first, then the associate's heading, then its rows.
    let at = |s: &str| text.find(s).unwrap_or_else(|| panic!("{s} in\n{text}"));
    assert!(at("Disclosed by the Plan") < at("Circuit Court Clerk"));
    assert!(at("Circuit Court Clerk") < at("Disclosed by Blue Cross"));
    assert!(at("Disclosed by Blue Cross") < at("State Insurance Fraud Unit"));
    assert!(at("State Insurance Fraud Unit") < at("County Health Department"));
    assert_well_formed(&pdf, "accounting with an associate");
    assert_kept_whole(&pdf, &l, "accounting with an associate");
    pdf.save_png("accounting-associate");
}
