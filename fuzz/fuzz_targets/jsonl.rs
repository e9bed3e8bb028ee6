//! The JSONL readers on arbitrary bytes: the streaming line reader, the
//! labelled-quote and statement parsers. Never a panic; every error names
//! its line; every line is either a record or an error.
#![no_main]

use libfuzzer_sys::fuzz_target;
use quotestance::advanced::data::{labelled_quotes_from, parse_statement_line, JsonlLines};
use quotestance::Location;

fuzz_target!(|data: &[u8]| {
    let non_blank = data
        .split(|&b| b == b'\n')
        .enumerate()
        .filter(|(i, l)| {
            let l = if *i == 0 {
                l.strip_prefix(quotestance::advanced::data::BOM).unwrap_or(l)
            } else {
                l
            };
            !std::str::from_utf8(l).is_ok_and(|s| s.trim().is_empty())
        })
        .count();
    let mut seen = 0;
    for item in labelled_quotes_from(data, "fuzz") {
        seen += 1;
        if let Err(e) = item {
            let loc = e.location().expect("a line error has a location");
            assert!(loc.line.is_some(), "{e}");
        }
    }
    assert_eq!(seen, non_blank);
    let mut lines = JsonlLines::new(data, "fuzz");
    while let Some((no, line)) = lines.next_line() {
        if let Ok(l) = line {
            let loc = Location::file("fuzz").with_line(no);
            if let Ok(s) = parse_statement_line(l, &loc) {
                assert!(!s.text.trim().is_empty());
            }
        }
    }
});
