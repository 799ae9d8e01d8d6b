//! The notice to each individual whose unsecured health information was breached (45 CFR
//! 164.404): in plain language, (A) what happened, with the date of the breach and of its
//! discovery; (B) the kinds of information involved; (C) the steps the individual should take
//! to protect themselves; (D) what the plan is doing to investigate, to lessen the harm and to
//! protect against further breaches; (E) how to ask questions: the Privacy Official's telephone
//! and postal address, and a toll-free number when one is open for the breach.

use chrono::NaiveDate;

use super::*;
use crate::incident::Information;

/// How the notice ends before the Privacy Official's address (164.404(c)(1)(E)'s postal
/// address), offering it in another format as every letter to a person does.
pub(super) const WRITE_OR_ANOTHER_FORMAT: &str = "You may also write to the Privacy Official, or ask for this letter in large print or another format, at this address:";
/// The same, in a letter already in large print.
pub(super) const WRITE_OR_OTHER_FORMAT: &str = "You may also write to the Privacy Official, or ask for this letter in another format, at this address:";

/// What a breach notice says beyond the letterhead and the addressee.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct BreachNotice {
    /// When the breach happened, when known; `occurred_until` when it went on over days.
    pub occurred_on: Option<NaiveDate>,
    pub occurred_until: Option<NaiveDate>,
    pub discovered_on: NaiveDate,
    /// What happened, in plain words (the incident's own account).
    pub what_happened: String,
    pub information: Vec<Information>,
    /// What the "other information" was.
    pub other_information: String,
    /// (D): how the plan is looking into it, lessening the harm, and preventing another.
    pub investigating: String,
    pub mitigating: String,
    pub protecting: String,
    /// Steps the Privacy Official adds to those the information calls for, one per line.
    pub extra_steps: String,
    /// A toll-free number open for questions about this breach, when there is one.
    pub toll_free: String,
}

impl BreachNotice {
    /// What the plan is doing, each of (D)'s three parts in words, and a toll-free number
    /// that is one, when given.
    pub fn check(&self) -> Result<(), crate::incident::IncidentError> {
        use crate::incident::IncidentError;
        for (field, text, problem) in [
            (
                "investigating",
                &self.investigating,
                "say how the plan is looking into what happened",
            ),
            (
                "mitigating",
                &self.mitigating,
                "say what the plan is doing to lessen the harm",
            ),
            (
                "protecting",
                &self.protecting,
                "say what the plan is doing to prevent another breach",
            ),
        ] {
            if text.trim().is_empty() {
                return Err(IncidentError { field, problem });
            }
        }
        if not_blank(&self.toll_free) && !crate::incident::is_toll_free(&self.toll_free) {
            return Err(IncidentError {
                field: "tollFree",
                problem: "give a toll-free number (800, 833, 844, 855, 866, 877 or 888), or leave it blank",
            });
        }
        Ok(())
    }
}

/// The steps that protect someone whose `information` was involved (164.404(c)(1)(C)), most
/// pressing first, then `extra` (one step a line).
pub fn protective_steps(information: &[Information], extra: &str) -> Vec<String> {
    let has = |i: Information| information.contains(&i);
    let mut steps = Vec::new();
    if has(Information::Ssn) {
        steps.push("Place a free fraud alert on your credit file: contact any one of the three nationwide credit bureaus (Equifax, Experian or TransUnion), and it tells the other two. You may also ask each of them for a free security freeze, which stops anyone opening credit in your name.".to_string());
    }
    if has(Information::Ssn) || has(Information::DatesOfBirth) {
        steps.push("Get your free credit reports at www.annualcreditreport.com or by calling 1-877-322-8228, and look for accounts or inquiries you do not recognize.".to_string());
    }
    if has(Information::MemberIds) || has(Information::Claims) || has(Information::Diagnoses) {
        steps.push("Read each Explanation of Benefits you receive for your health coverage. If one lists care you did not receive, call the number on your member ID card and tell the Privacy Official.".to_string());
    }
    steps.push("Be careful with calls, letters or e-mails that ask for your personal or health information. If someone says they are calling from the Plan, you can hang up and call the Privacy Official at the number below to check.".to_string());
    steps.push("If you believe your information has been misused, report it to the Federal Trade Commission at www.identitytheft.gov or 1-877-438-4338.".to_string());
    steps.extend(
        extra
            .lines()
            .map(str::trim)
            .filter(|l| !l.is_empty())
            .map(str::to_string),
    );
    steps
}

/// When the breach happened and when the plan found out, in one sentence.
fn dates_sentence(n: &BreachNotice) -> String {
    let found = format!(
        "The Plan discovered the breach on {}.",
        date(n.discovered_on)
    );
    match (n.occurred_on, n.occurred_until) {
        (Some(from), Some(until)) if until != from => format!(
            "The breach happened between {} and {}. {found}",
            date(from),
            date(until)
        ),
        (Some(on), _) => format!("The breach happened on {}. {found}", date(on)),
        (None, _) => format!("The Plan does not know the exact date the breach happened. {found}"),
    }
}

/// The notice of a breach to one individual, `recipient`, dated `dated`.
pub fn breach_notification(
    org: &Organization,
    recipient: &Addressee,
    dated: NaiveDate,
    n: &BreachNotice,
) -> Letter {
    let information: Vec<Vec<Span>> = n
        .information
        .iter()
        .map(|i| match i {
            Information::Other => vec![r(format!(
                "other information: {}",
                n.other_information.trim()
            ))],
            i => vec![r(i.to_individual())],
        })
        .collect();
    let steps: Vec<Vec<Span>> = protective_steps(&n.information, &n.extra_steps)
        .into_iter()
        .map(|s| vec![r(s)])
        .collect();
    let doing = vec![
        vec![b("Looking into what happened: "), r(n.investigating.trim())],
        vec![b("Lessening any harm to you: "), r(n.mitigating.trim())],
        vec![
            b("Protecting against another breach: "),
            r(n.protecting.trim()),
        ],
    ];
    let mut contact = vec![Block::Paragraph(vec![r(format!(
        "If you have questions, or want to know more, please call the Privacy Official at {}.",
        keep(org.phone.trim())
    ))])];
    if not_blank(&n.toll_free) {
        contact.push(para(format!(
            "A toll-free number is open for questions about this breach: {}.",
            keep(n.toll_free.trim())
        )));
    }
    contact.push(para(WRITE_OR_ANOTHER_FORMAT));
    contact.push(official_contact(org));

    let mut blocks = vec![
        salutation(&recipient.name),
        para(format!(
            "We are writing to tell you about a breach of your health information, which the {} keeps to run your health benefits. We are sorry this happened. This letter explains what happened, what you can do, and what we are doing about it.",
            keep(&org.plan_name)
        )),
        heading("What happened"),
        para(n.what_happened.split_whitespace().collect::<Vec<_>>().join(" ")),
        para(dates_sentence(n)),
        heading("What information was involved"),
        para("The information involved was:"),
        Block::Bullets(information),
        heading("What you can do to protect yourself"),
        Block::Bullets(steps),
        heading("What we are doing"),
        Block::Bullets(doing),
        heading("For more information"),
    ];
    blocks.extend(contact);
    blocks.push(signature(org));
    Letter {
        kind: LetterKind::BreachNotification,
        title: LetterKind::BreachNotification.title().to_string(),
        dated,
        date_line: Some(long_date(dated)),
        mailing: mailing(recipient),
        reference: Some(format!(
            "Re: A breach of your health information, discovered {}",
            date(n.discovered_on)
        )),
        blocks,
    }
}

/// The notification of a breach of a minor's information, to their parent or guardian (their
/// personal representative, 164.502(g)): the same letter, which says first, after the
/// salutation, whose information it is and that "you" means them.
pub fn breach_notification_to_parent(
    org: &Organization,
    recipient: &Addressee,
    child: &str,
    dated: NaiveDate,
    n: &BreachNotice,
) -> Letter {
    let child = keep(child.trim());
    let mut letter = breach_notification(org, recipient, dated, n);
    letter.blocks.insert(
        1,
        para(format!(
            "We are writing to you as the parent or guardian of {child}, who is under 18. The information involved is {child}'s: where this letter says \u{201c}you\u{201d} or \u{201c}your\u{201d}, it means {child}."
        )),
    );
    letter.reference = Some(format!(
        "Re: A breach of {child}'s health information, discovered {}",
        date(n.discovered_on)
    ));
    letter
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(s: &str) -> NaiveDate {
        s.parse().expect("date")
    }

    fn org() -> Organization {
        Organization {
            name: "Sample County".into(),
            plan_name: "Sample County Group Health Plan".into(),
            department: "Human Resources".into(),
            address: vec!["1 Main St".into(), "Sampleton, FL 32960".into()],
            phone: "555-010-0000".into(),
            fax: "555-010-0001".into(),
            privacy_official: crate::organization::Official {
                name: "Pat Official".into(),
                title: "Privacy Official".into(),
            },
            business_associates: Vec::new(),
        }
    }

    fn notice() -> BreachNotice {
        BreachNotice {
            occurred_on: Some(d("2026-02-27")),
            occurred_until: None,
            discovered_on: d("2026-03-02"),
            what_happened: "A claims report was e-mailed to the wrong county department.".into(),
            information: vec![Information::Names, Information::Ssn],
            other_information: String::new(),
            investigating: "We traced the e-mail.".into(),
            mitigating: "The department deleted it.".into(),
            protecting: "Reports now go through a checked list.".into(),
            extra_steps: "Keep this letter.\n\n".into(),
            toll_free: String::new(),
        }
    }

    #[test]
    fn the_plan_says_what_it_is_doing_and_a_toll_free_number_is_one() {
        assert_eq!(notice().check(), Ok(()));
        let mut n = notice();
        n.mitigating = " ".into();
        assert_eq!(n.check().map_err(|e| e.field), Err("mitigating"));
        let mut n = notice();
        n.toll_free = "772-555-0100".into();
        assert_eq!(n.check().map_err(|e| e.field), Err("tollFree"));
        n.toll_free = "1-877-555-0100".into();
        assert_eq!(n.check(), Ok(()));
    }

    #[test]
    fn steps_follow_the_information_involved() {
        let ssn = protective_steps(&[Information::Ssn], "");
        assert!(ssn[0].contains("fraud alert"));
        assert!(ssn.iter().any(|s| s.contains("annualcreditreport.com")));
        assert!(!ssn.iter().any(|s| s.contains("Explanation of Benefits")));
        let claims = protective_steps(&[Information::Claims], "Call us.");
        assert!(claims[0].contains("Explanation of Benefits"));
        assert!(!claims.iter().any(|s| s.contains("fraud alert")));
        assert_eq!(claims.last().map(String::as_str), Some("Call us."));
        assert!(claims.iter().any(|s| s.contains("identitytheft.gov")));
    }

    #[test]
    fn the_letter_carries_every_element_in_order() {
        let text = breach_notification(
            &org(),
            &Addressee {
                name: "Jan Doe".into(),
                address: vec!["12 Palm Ave".into()],
            },
            d("2026-03-10"),
            &notice(),
        )
        .plain_text();
        let order = [
            "What happened",
            "e-mailed to the wrong county department",
            "The breach happened on February 27, 2026. The Plan discovered the breach on March 2, 2026.",
            "What information was involved",
            "your Social Security number",
            "What you can do to protect yourself",
            "fraud alert",
            "Keep this letter.",
            "What we are doing",
            "We traced the e-mail.",
            "The department deleted it.",
            "Reports now go through a checked list.",
            "For more information",
            "555-010-0000",
            "1 Main St",
        ];
        let mut at = 0;
        for part in order {
            let found = text[at..]
                .find(part)
                .unwrap_or_else(|| panic!("{part:?} after the previous element:\n{text}"));
            at += found;
        }
        assert!(!text.contains("toll-free number is open"), "none given");
    }

    #[test]
    fn a_minors_letter_goes_to_the_parent_and_says_whose_information_it_is() {
        let to = Addressee {
            name: "Parent or guardian of Jamie Doe".into(),
            address: vec!["12 Palm Ave".into()],
        };
        let letter =
            breach_notification_to_parent(&org(), &to, " Jamie Doe ", d("2026-03-10"), &notice());
        let text = letter.plain_text();
        let dear = text
            .find("Dear Parent or guardian of Jamie Doe:")
            .expect("salutation");
        let whose = text
            .find("as the parent or guardian of Jamie Doe, who is under 18")
            .expect("whose information");
        let what = text.find("What happened").expect("the elements follow");
        assert!(dear < whose && whose < what, "{text}");
        assert!(text.contains("it means Jamie Doe."), "{text}");
        assert_eq!(
            letter
                .reference
                .map(|r| r.replace('\u{a0}', " "))
                .as_deref(),
            Some("Re: A breach of Jamie Doe's health information, discovered March 2, 2026"),
            "names and dates are kept whole on a line"
        );
    }

    #[test]
    fn unknown_and_spread_dates_and_a_toll_free_number_are_said() {
        let mut n = notice();
        n.occurred_on = None;
        let org = org();
        let to = Addressee {
            name: "Jan Doe".into(),
            address: vec![],
        };
        let text = breach_notification(&org, &to, d("2026-03-10"), &n).plain_text();
        assert!(text.contains("does not know the exact date the breach happened"));
        n.occurred_on = Some(d("2026-02-20"));
        n.occurred_until = Some(d("2026-02-27"));
        n.toll_free = "1-800-555-0100".into();
        let text = breach_notification(&org, &to, d("2026-03-10"), &n).plain_text();
        assert!(text.contains("between February 20, 2026 and February 27, 2026"));
        assert!(text.contains(
            "A toll-free number is open for questions about this breach: 1-800-555-0100."
        ));
    }
}
