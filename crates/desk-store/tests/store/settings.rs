//! Settings: idle minutes and the signature image; only the Privacy Official changes them.

use super::*;
use desk_core::person::Role;
use desk_store::{Error, DEFAULT_IDLE_MINUTES};

#[test]
fn the_official_sets_idle_minutes_and_the_signature_and_staff_read_them() {
    let (fx, mut pat) = new_store();
    assert_eq!(pat.idle_minutes().expect("default"), DEFAULT_IDLE_MINUTES);
    assert_eq!(DEFAULT_IDLE_MINUTES, 10);
    pat.set_idle_minutes(15).expect("set");
    for bad in [0, 61] {
        let e = pat.set_idle_minutes(bad).expect_err("out of range");
        assert_eq!(field_of(e), "idle_minutes", "{bad}");
    }
    assert_eq!(pat.signature_image().expect("none"), None);
    pat.set_signature_image(Some(PNG)).expect("png");
    let e = pat.set_signature_image(Some(JPEG)).expect_err("only PNG");
    assert_eq!(field_of(e), "signature_image");
    assert_eq!(last_action(&pat), "settings.signature_image");

    let mut sam = staff_store(&fx, pat);
    assert_eq!(
        sam.idle_minutes().expect("read"),
        15,
        "staff read the setting"
    );
    assert_eq!(
        sam.signature_image().expect("read").as_deref(),
        Some(PNG),
        "the exact bytes"
    );
    for e in [
        sam.set_idle_minutes(30).expect_err("staff"),
        sam.set_signature_image(None).expect_err("staff"),
    ] {
        assert!(
            matches!(
                e,
                Error::NotPermitted {
                    needed: Role::PrivacyOfficial
                }
            ),
            "{e:?}"
        );
    }
    sam.lock();
    let mut pat = sign_in(&fx.path);
    pat.set_signature_image(None).expect("cleared");
    assert_eq!(pat.signature_image().expect("none"), None);
    assert_eq!(pat.idle_minutes().expect("kept"), 15);
}
