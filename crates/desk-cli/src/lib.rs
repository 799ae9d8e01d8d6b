//! The fixed-contract half of `records-desk` as a library: `check` and `letter render`, their
//! JSON decoders and their subcommands. The binary runs them; the fuzz targets (`fuzz/` at the
//! repository root) feed the same decoders arbitrary bytes.

pub mod check;
#[cfg(test)]
mod fuzz;
pub mod letter;
mod redact;
