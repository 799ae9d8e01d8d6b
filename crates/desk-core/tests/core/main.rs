//! desk-core rules, data-driven.
