//! Wiring: the only code that names the extraction engine
//! (`quotestance::Extractor`) for `extract` and `report`, behind
//! the traits of its parent module, `extract`.

use std::collections::HashMap;
use std::sync::{Arc, Mutex};

use quotestance::SpeakerTable;
use quotestance::{Extractor, Quote};

impl super::ExtractedQuote for Quote {
    fn text(&self) -> &str {
        &self.text
    }
    fn speaker(&self) -> Option<&str> {
        self.speaker.as_deref()
    }
    fn shift(&mut self, by: usize) {
        Quote::shift(self, by);
    }
}

/// One extractor per article date (role nouns resolve by date), built
/// when a date is first seen.
pub struct DatedEngine {
    undated: Extractor,
    dated: Mutex<HashMap<String, Arc<Extractor>>>,
}

impl DatedEngine {
    pub fn new(speakers: SpeakerTable) -> Self {
        DatedEngine {
            undated: Extractor::new(speakers),
            dated: Mutex::new(HashMap::new()),
        }
    }
}

impl super::ExtractEngine for DatedEngine {
    type Quote = Quote;
    fn extract(&self, text: &str, date: Option<&str>) -> Vec<Quote> {
        let Some(date) = date else {
            return self.undated.extract(text);
        };
        let engine = {
            let mut map = self.dated.lock().unwrap_or_else(|p| p.into_inner());
            let e = map.entry(date.to_owned()).or_insert_with(|| {
                let e = Extractor::new(self.undated.table().clone());
                // Dates reaching here are validated ISO dates.
                Arc::new(
                    e.date(date)
                        .unwrap_or_else(|_| Extractor::new(self.undated.table().clone())),
                )
            });
            Arc::clone(e)
        };
        engine.extract(text)
    }
}
