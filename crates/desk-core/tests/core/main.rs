//! desk-core rules, data-driven: one integration-test binary, modules mirroring `src/`.

mod accounting;
mod authorization;
mod clock;
mod fee;
mod identity;
mod lifecycle;
mod logbook;
mod minimum;
mod properties;
mod registers;
mod retention;
mod support;
