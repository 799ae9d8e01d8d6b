//! Letters to business associates: a request forwarded for the records they hold, and the
//! notices of an accepted amendment and of a confidential-communication accommodation.

use desk_core::associate::Duty;
use desk_core::decision::Addressee;
use desk_core::letter::{self, Arranged, AssociateAsk, Individual};

use crate::support::*;

fn claims_administrator() -> Addressee {
    Addressee {
        name: "Blue Cross and Blue Shield of Florida".into(),
        address: vec![
            "Attention: Privacy Office".into(),
            "4800 Deerwood Campus Parkway".into(),
            "Jacksonville, FL 32246".into(),
        ],
    }
}

fn jane_q() -> Individual {
    Individual {
        name: "Jane Q. Participant".into(),
        member_id: Some("E-10442".into()),
        date_of_birth: Some(d("1980-07-04")),
    }
}

#[test]
fn the_forwarding_letter_says_who_what_by_when_and_where() {
    let ask = AssociateAsk {
        duty: Duty::Access,
        individual: jane_q(),
        received_on: d("2025-03-03"),
        asked_for: "Copies of claims for 2024, with the explanations of benefits".into(),
        days: 15,
        due_on: d("2025-03-20"),
        agreement_on: Some(d("2019-01-01")),
        plan_due_on: Some(d("2025-04-02")),
    };
    let l = letter::associate_request(&org(), &claims_administrator(), d("2025-03-05"), &ask);
    let pdf = render(&l);
    assert_says(
        &pdf.text(),
        "forwarding letter",
        &[
            "Personal & Confidential",
            "Blue Cross and Blue Shield of Florida",
            "Attention: Privacy Office",
            "Request to a Business Associate",
            "March 5, 2025",
            "Re: Request for records of Jane Q. Participant, reply due March 20, 2025",
            "received a request from the individual below, under 45 CFR 164.524",
            "Name: Jane Q. Participant",
            "Member ID: E-10442",
            "Date of birth: July 4, 1980",
            "Copies of claims for 2024, with the explanations of benefits",
            "signed January 1, 2019",
            "within 15 days of the Plan's request",
            "no later than March 20, 2025, 15 days from the date of this letter",
            "The Plan must answer the individual by April 2, 2025",
            "Send your reply and the records to the Privacy Official, not to the individual",
            "1840 25th Street",
            "Signature of Plan Representative",
            "Pat Official",
        ],
    );
    assert_well_formed(&pdf, "forwarding letter");
    assert_kept_whole(&pdf, &l, "forwarding letter");
    pdf.save_png("associate-request");
}

#[test]
fn the_notices_to_associates_name_the_individual_what_from_when_and_what_to_do() {
    let l = letter::associate_amendment_notice(
        &org(),
        &claims_administrator(),
        d("2025-03-12"),
        &jane_q(),
        "Claim 88 of March 3, 2025 was for physical therapy, not surgery.",
        d("2025-03-12"),
        10,
        d("2025-03-22"),
    );
    let pdf = render(&l);
    assert_says(
        &pdf.text(),
        "amendment notice to an associate",
        &[
            "Notice of Amendment to a Business Associate",
            "Re: Amendment accepted for Jane Q. Participant on March 12, 2025",
            "Claim 88 of March 3, 2025 was for physical therapy, not surgery.",
            "Member ID: E-10442",
            "amend the records you hold for the Plan",
            "within 10 days of this notice, by March 22, 2025, please:",
            "Pat Official",
        ],
    );
    assert_well_formed(&pdf, "amendment notice to an associate");
    assert_kept_whole(&pdf, &l, "amendment notice to an associate");
    pdf.save_png("associate-amendment-notice");

    let l = letter::communication_notice(
        &org(),
        &claims_administrator(),
        d("2025-03-12"),
        &jane_q(),
        &Arranged::Address(vec!["PO Box 4410".into(), "Vero Beach, FL 32961".into()]),
        d("2025-03-12"),
    );
    let pdf = render(&l);
    assert_says(
        &pdf.text(),
        "confidential-communication notice",
        &[
            "Notice of Confidential Communications",
            "Re: Confidential communications for Jane Q. Participant from March 12, 2025",
            "45 CFR 164.522(b)",
            "at another address",
            "From March 12, 2025, send every letter",
            "PO Box 4410",
            "Vero Beach, FL 32961",
            "nothing to the address you had on file",
            "stays in force until the Plan tells you in writing that it has ended",
            "Pat Official",
        ],
    );
    assert_well_formed(&pdf, "confidential-communication notice");
    assert_kept_whole(&pdf, &l, "confidential-communication notice");
    pdf.save_png("associate-communication-notice");

    let l = letter::communication_ended_notice(
        &org(),
        &claims_administrator(),
        d("2025-09-02"),
        &jane_q(),
        &Arranged::Address(vec!["PO Box 4410".into(), "Vero Beach, FL 32961".into()]),
        d("2025-09-03"),
    );
    let pdf = render(&l);
    assert_says(
        &pdf.text(),
        "confidential-communication end notice",
        &[
            "Notice That Confidential Communications Have Ended",
            "Re: Confidential communications for Jane Q. Participant ended from September 3, 2025",
            "45 CFR 164.522(b)",
            "that arrangement has ended",
            "From September 3, 2025, send every letter",
            "at the address the Plan has on file for them",
            "Stop using this address for the individual:",
            "PO Box 4410",
            "Pat Official",
        ],
    );
    assert_well_formed(&pdf, "confidential-communication end notice");
    assert_kept_whole(&pdf, &l, "confidential-communication end notice");
    pdf.save_png("associate-communication-ended-notice");
}
