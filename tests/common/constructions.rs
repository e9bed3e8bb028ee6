//! Helpers shared by the construction tests (`tests/extract_constructions_*.rs`):
//! fixture loading, extraction with a span check, and look-ups.

#![allow(dead_code, unused_imports)]

pub use quotestance::advanced::extract::Sieve;
pub use quotestance::{Extractor, Quote, QuoteKind, SpeakerTable};

/// The text of `tests/fixtures/NAME`.
pub fn fixture(name: &str) -> String {
    let path = format!("{}/tests/fixtures/{name}", env!("CARGO_MANIFEST_DIR"));
    std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{path}: {e}"))
}

/// The fixture's text and its quotations (each span checked against its text).
pub fn extract(name: &str) -> (String, Vec<Quote>) {
    let text = fixture(name);
    let quotes = extract_text(&text);
    (text, quotes)
}

/// The quotations of `text` (each span checked against its text).
pub fn extract_text(text: &str) -> Vec<Quote> {
    let quotes = Extractor::new(SpeakerTable::builtin()).extract(text);
    for q in &quotes {
        assert_eq!(&text[q.start..q.end], q.text, "span and text agree");
    }
    quotes
}

/// The quotation whose text starts with `prefix` (and has kind `kind`).
pub fn find<'a>(quotes: &'a [Quote], kind: QuoteKind, prefix: &str) -> &'a Quote {
    quotes
        .iter()
        .find(|q| q.kind == kind && q.text.starts_with(prefix))
        .unwrap_or_else(|| panic!("no {kind:?} quote starting {prefix:?} in {quotes:#?}"))
}

/// The quotation's speaker id.
pub fn speaker(q: &Quote) -> Option<&str> {
    q.speaker.as_deref()
}
