//! Letter models: what each letter and form must say, decided here so desk-letters only lays out.
