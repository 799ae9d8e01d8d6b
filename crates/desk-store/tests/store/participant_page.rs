//! What the participant's page reads: authorizations, restrictions, confidential
//! communications and disclosures (rows put in directly: nothing writes these logs yet).

use super::*;
use desk_store::fixture::execute;

#[test]
fn the_participant_page_lists_what_is_on_file_and_in_force() {
    let (_fx, mut store) = new_store();
    let (p, rid) = access_request(&mut store);
    let (other, _) = access_request(&mut store);
    let now = "'2025-03-10T00:00:00Z'";
    for sql in [
        format!(
            "INSERT INTO authorizations (participant_id, information, discloser, recipient,
                 purpose, expires, signer, statements, received_on, created_at)
             VALUES ({p}, 'claims 2024', 'the Plan', 'Dr. Lee', 'treatment',
                 '{{\"on\": \"2026-01-01\"}}', '{{\"name\": \"Jan Doe\"}}', '{{}}', '2025-03-01', {now})"
        ),
        format!(
            "INSERT INTO revocations (authorization_id, received_on, created_at)
             VALUES (1, '2025-03-09', {now})"
        ),
        format!(
            "INSERT INTO restrictions (request_id, participant_id, restriction, agreed,
                 business_associates, decided_on, created_at)
             VALUES ({rid}, {p}, 'no disclosure to my employer', 1, '[\"Claims Co\"]',
                 '2025-03-05', {now})"
        ),
        format!(
            "INSERT INTO restrictions (request_id, participant_id, restriction, agreed,
                 business_associates, decided_on, corrects_id, created_at)
             VALUES ({rid}, {p}, 'no disclosure to my employer or union', 1, '[\"Claims Co\"]',
                 '2025-03-06', 1, {now})"
        ),
        format!(
            "INSERT INTO confidential_communications (request_id, participant_id,
                 alternate_address, alternate_means, endangerment, accommodated, decided_on,
                 created_at)
             VALUES ({rid}, {p}, '[\"PO Box 9\"]', 'mail', 1, 1, '2025-03-05', {now})"
        ),
        format!(
            "INSERT INTO disclosures (participant_id, disclosed_on, recipient, description,
                 purpose, basis, created_at)
             VALUES ({p}, '2025-02-01', 'County Court', 'claims 2024', 'subpoena',
                 'judicial', {now})"
        ),
        format!(
            "INSERT INTO disclosures (participant_id, disclosed_on, recipient, description,
                 purpose, basis, created_at)
             VALUES ({other}, '2025-02-01', 'Someone', 'x', 'y', 'z', {now})"
        ),
    ] {
        execute(&store, &sql).expect("row");
    }

    let auths = store.authorizations_of(p).expect("authorizations");
    assert_eq!(auths.len(), 1);
    assert_eq!(auths[0].recipient, "Dr. Lee");
    assert_eq!(auths[0].expires["on"], "2026-01-01");
    assert_eq!(
        auths[0].revoked_on,
        Some(d("2025-03-09")),
        "the revocation shows"
    );

    let restrictions = store.restrictions_of(p).expect("restrictions");
    assert_eq!(
        restrictions
            .iter()
            .map(|r| r.restriction.as_str())
            .collect::<Vec<_>>(),
        vec!["no disclosure to my employer or union"],
        "only the correction is in force"
    );
    assert_eq!(restrictions[0].business_associates, vec!["Claims Co"]);

    let cc = store.confidential_communications_of(p).expect("cc");
    assert_eq!(cc.len(), 1);
    assert!(cc[0].accommodated && cc[0].endangerment);
    assert_eq!(cc[0].alternate_address, vec!["PO Box 9"]);

    let disclosures = store.disclosures_of(p).expect("disclosures");
    assert_eq!(
        disclosures
            .iter()
            .map(|x| x.recipient.as_str())
            .collect::<Vec<_>>(),
        vec!["County Court"],
        "only this participant's"
    );
    let requests = store
        .list_requests(&desk_store::RequestFilter {
            participant_id: Some(p),
            ..Default::default()
        })
        .expect("requests");
    assert_eq!(requests.iter().map(|r| r.id).collect::<Vec<_>>(), vec![rid]);
    assert!(store.authorizations_of(other).expect("none").is_empty());
}
