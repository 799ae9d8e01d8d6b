//! Records Desk domain rules: people, requests, identity verification, authorizations, clocks,
//! fees, disclosures and the content of every letter. Pure: no I/O, no clock, no SQL, no PDF.

pub mod accounting;
pub mod amendment;
pub mod associate;
pub mod associate_log;
pub mod authorization;
pub mod clock;
// restrictions, confidential communications, complaints, reports
pub mod communication;
pub mod complaint;
pub mod decision;
pub mod disclosure;
pub mod fee;
pub mod identity;
pub mod incident;
pub mod letter;
pub mod lifecycle;
pub mod minimum;
pub mod organization;
pub mod person;
pub mod report;
pub mod request;
pub mod restriction;
pub mod retention;
pub mod sensitive;
pub mod words;

pub use sensitive::Sensitive;
