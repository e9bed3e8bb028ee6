//! The extractor on arbitrary text: never panics, and every quote's span
//! lies on character boundaries with `text == article[start..end]`; speaker
//! and cue spans too.
#![no_main]

use libfuzzer_sys::fuzz_target;
use quotestance::Extractor;
use quotestance::SpeakerTable;

fuzz_target!(|data: &[u8]| {
    let Ok(article) = std::str::from_utf8(data) else {
        return;
    };
    thread_local! {
        static EXTRACTOR: Extractor = Extractor::new(SpeakerTable::builtin());
    }
    EXTRACTOR.with(|ex| {
        for q in ex.extract(article) {
            assert!(q.start <= q.end && q.end <= article.len());
            assert!(article.is_char_boundary(q.start) && article.is_char_boundary(q.end));
            assert_eq!(q.text, article[q.start..q.end]);
            for span in [q.speaker_span, q.cue_span].into_iter().flatten() {
                assert!(span.start <= span.end && span.end <= article.len());
                assert!(article.is_char_boundary(span.start));
                assert!(article.is_char_boundary(span.end));
            }
        }
    });
});
