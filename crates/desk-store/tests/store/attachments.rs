//! Attachments: PNG, JPEG and PDF only, at most 20 MB, with their SHA-256.

use super::*;
use desk_store::{AttachmentKind, NewAttachment, MAX_ATTACHMENT_BYTES};
use sha2::{Digest, Sha256};

fn scan(request_id: Option<i64>, bytes: &[u8]) -> NewAttachment {
    NewAttachment {
        request_id,
        kind: AttachmentKind::PhotoId,
        file_name: "C:\\Scans\\licence.jpg".into(),
        bytes: bytes.to_vec(),
        corrects_id: None,
    }
}

#[test]
fn attachments_are_kept_with_their_hash_and_told_by_their_bytes() {
    let (_fx, mut store) = new_store();
    let (_, rid) = access_request(&mut store);
    let jpeg = store.add_attachment(&scan(Some(rid), JPEG)).expect("jpeg");
    let pdf = store
        .add_attachment(&NewAttachment {
            kind: AttachmentKind::SignedForm,
            file_name: "form.pdf".into(),
            ..scan(Some(rid), PDF)
        })
        .expect("pdf");
    let png = store
        .add_attachment(&scan(None, PNG))
        .expect("png, not tied to a request");
    assert_eq!(last_action(&store), "attachment.add");

    let got = store.attachment(jpeg).expect("get");
    assert_eq!(got.bytes, JPEG, "the exact bytes come back");
    assert_eq!(got.meta.media_type, "image/jpeg", "told by the bytes");
    assert_eq!(
        got.meta.file_name, "licence.jpg",
        "only the last path component"
    );
    assert_eq!(got.meta.size, JPEG.len() as i64);
    assert_eq!(got.meta.sha256, hex::encode(Sha256::digest(JPEG)));
    assert_eq!(
        store.attachment(png).expect("png").meta.media_type,
        "image/png"
    );

    let listed = store.attachments_of(rid).expect("list");
    assert_eq!(
        listed.iter().map(|a| (a.id, a.kind)).collect::<Vec<_>>(),
        vec![
            (jpeg, AttachmentKind::PhotoId),
            (pdf, AttachmentKind::SignedForm)
        ],
        "the request's attachments, oldest first"
    );

    let rescan = store
        .add_attachment(&NewAttachment {
            corrects_id: Some(jpeg),
            ..scan(Some(rid), JPEG)
        })
        .expect("a rescan points at the old one");
    assert_eq!(
        store.attachment(rescan).expect("r").meta.corrects_id,
        Some(jpeg)
    );
    let e = store
        .add_attachment(&NewAttachment {
            corrects_id: Some(jpeg),
            ..scan(Some(rid), JPEG)
        })
        .expect_err("replaced once");
    assert_eq!(field_of(e), "corrects_id");
}

#[test]
fn other_files_and_oversized_ones_are_refused_naming_the_field() {
    let (_fx, mut store) = new_store();
    let (_, rid) = access_request(&mut store);
    let seq = store.recent_audit(1).expect("audit")[0].seq;
    let mut big = PDF.to_vec();
    big.resize(MAX_ATTACHMENT_BYTES + 1, b' ');
    for (bytes, what) in [
        (b"GIF89a....".to_vec(), "a GIF"),
        (b"hello".to_vec(), "text"),
        (Vec::new(), "nothing"),
        (big, "more than 20 MB"),
    ] {
        let e = store
            .add_attachment(&scan(Some(rid), &bytes))
            .expect_err(what);
        let text = e.to_string();
        assert_eq!(field_of(e), "bytes", "{what}: {text}");
    }
    let e = store
        .add_attachment(&scan(Some(9_999), PNG))
        .expect_err("no such request");
    assert_eq!(field_of(e), "request_id");
    assert_eq!(
        store.recent_audit(1).expect("audit")[0].seq,
        seq,
        "nothing written"
    );
    assert!(matches!(
        store.attachment(9_999),
        Err(desk_store::Error::NotFound {
            entity: "attachment"
        })
    ));
}
