//! Access copy fees (164.524(c)(4)).

use desk_core::fee::{estimate, Cost, FeeError, FeeLine, FeeRequest, Format, Method, Schedule};

fn req(method: Method, copy: Format, records: Format) -> FeeRequest {
    FeeRequest {
        method,
        copy,
        records,
        postage_cents: 0,
        agreed_summary_cents: None,
    }
}

#[test]
fn allowed_costs_add_up() {
    let mut r = req(
        Method::ActualCost {
            lines: vec![
                FeeLine {
                    cost: Cost::CopyingLabour,
                    cents: 1200,
                },
                FeeLine {
                    cost: Cost::Supplies,
                    cents: 150,
                },
            ],
        },
        Format::Paper,
        Format::Paper,
    );
    r.postage_cents = 73;
    r.agreed_summary_cents = Some(500);
    let got = estimate(&r).expect("all chargeable");
    assert_eq!(
        got.total_cents,
        1200 + 150 + 73 + 500,
        "labour, supplies, postage and the agreed summary"
    );
    let schedule = Schedule {
        per_page_cents: 10,
        per_electronic_copy_cents: 300,
    };
    let paper = estimate(&req(
        Method::AverageCost {
            schedule,
            pages: 40,
        },
        Format::Paper,
        Format::Paper,
    ))
    .expect("schedule");
    assert_eq!(paper.total_cents, 400, "40 pages at the posted 10 cents");
    let electronic = estimate(&req(
        Method::AverageCost {
            schedule,
            pages: 40,
        },
        Format::Electronic,
        Format::Electronic,
    ))
    .expect("schedule");
    assert_eq!(
        electronic.total_cents, 300,
        "one electronic copy at the posted rate"
    );
}

#[test]
fn never_search_retrieval_or_verification() {
    for cost in [Cost::Search, Cost::Retrieval, Cost::Verification] {
        let r = req(
            Method::ActualCost {
                lines: vec![FeeLine { cost, cents: 100 }],
            },
            Format::Paper,
            Format::Paper,
        );
        let err = estimate(&r).expect_err("not chargeable");
        assert_eq!(
            err,
            FeeError::NotChargeable { cost },
            "{cost:?} may never be charged"
        );
        assert!(
            err.to_string().contains(cost.as_str()),
            "the error names what was refused"
        );
    }
    let r = req(
        Method::ActualCost {
            lines: vec![FeeLine {
                cost: Cost::Summary,
                cents: 100,
            }],
        },
        Format::Paper,
        Format::Paper,
    );
    assert_eq!(
        estimate(&r),
        Err(FeeError::SummaryNotAgreed),
        "a summary only when agreed"
    );
}

#[test]
fn flat_fee_rules() {
    for (cents, copy, records, want, why) in [
        (
            650,
            Format::Electronic,
            Format::Electronic,
            Ok(650),
            "the $6.50 ceiling itself",
        ),
        (
            651,
            Format::Electronic,
            Format::Electronic,
            Err(FeeError::FlatFeeTooHigh { cents: 651 }),
            "a cent over",
        ),
        (
            500,
            Format::Paper,
            Format::Electronic,
            Err(FeeError::FlatFeeNotElectronic),
            "paper copy",
        ),
        (
            500,
            Format::Electronic,
            Format::Paper,
            Err(FeeError::FlatFeeNotElectronic),
            "paper records scanned",
        ),
    ] {
        assert_eq!(
            estimate(&req(Method::Flat { cents }, copy, records)).map(|e| e.total_cents),
            want,
            "{why}"
        );
    }
}
