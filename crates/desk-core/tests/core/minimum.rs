//! The minimum-necessary standard (164.502(b); county policy §9): routine disclosures, the
//! Privacy Official's review of every other one, and the disclosures it does not apply to.

use desk_core::disclosure::Basis;
use desk_core::minimum::{
    applies, check, check_made, needs_review, MinimumNecessary, MinimumNecessaryError,
    RoutineFunction, RoutineRecipient,
};

#[test]
fn the_standard_does_not_apply_to_the_individual_treatment_an_authorization_or_the_law() {
    for basis in Basis::ALL {
        let exempt = matches!(
            basis,
            Basis::ToIndividual | Basis::Treatment | Basis::Authorization | Basis::RequiredByLaw
        );
        assert_eq!(applies(basis), !exempt, "{basis:?}");
    }
    // A disclosure to the Secretary is logged as required by law: no review is asked.
    assert_eq!(check(Basis::RequiredByLaw, None), Ok(()));
    assert_eq!(
        check(Basis::ToIndividual, Some(MinimumNecessary::Reviewed)),
        Err(MinimumNecessaryError::NotApplicable),
        "no review of a disclosure to the individual"
    );
}

#[test]
fn every_other_disclosure_is_routine_or_reviewed_by_the_privacy_official() {
    let routine = MinimumNecessary::Routine {
        recipient: RoutineRecipient::DentalPlan,
        function: RoutineFunction::Eligibility,
    };
    // Eligibility sent to the dental plan: routine, no review.
    assert_eq!(check(Basis::Payment, Some(routine)), Ok(()));
    assert!(!needs_review(Some(routine)));
    assert_eq!(routine.label(), "Routine: the dental plan, for eligibility");
    // A subpoena's records to a court: not on the county's list, reviewed on its own.
    assert_eq!(
        check(Basis::Judicial, Some(MinimumNecessary::Reviewed)),
        Ok(())
    );
    assert!(needs_review(Some(MinimumNecessary::Reviewed)));
    let missing = check(Basis::Operations, None).expect_err("a marking is needed");
    assert_eq!(missing, MinimumNecessaryError::Missing);
    assert_eq!(missing.field(), "minimum_necessary");
    // Every routine pair has words for the logbook.
    for recipient in RoutineRecipient::ALL {
        for function in RoutineFunction::ALL {
            let label = MinimumNecessary::Routine {
                recipient,
                function,
            }
            .label();
            assert!(
                label.starts_with("Routine: ") && label.contains(", for "),
                "{label}"
            );
        }
    }
}

#[test]
fn a_business_associates_disclosure_carries_no_marking_of_the_plan() {
    // The associate applies the standard to its own disclosures: nothing waits for the
    // Privacy Official, whatever the basis.
    for basis in Basis::ALL {
        assert_eq!(check_made(basis, None, true), Ok(()), "{basis:?}");
    }
    assert_eq!(
        check_made(Basis::PublicHealth, Some(MinimumNecessary::Reviewed), true),
        Err(MinimumNecessaryError::ByAssociate)
    );
    // The plan's own disclosures are checked as before.
    assert_eq!(
        check_made(Basis::PublicHealth, None, false),
        Err(MinimumNecessaryError::Missing)
    );
    assert_eq!(
        check_made(Basis::PublicHealth, Some(MinimumNecessary::Reviewed), false),
        Ok(())
    );
}
