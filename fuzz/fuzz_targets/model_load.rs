//! The model loader on arbitrary text (seeded with small real model files):
//! never a panic; a model that loads predicts finite probabilities that sum
//! to one.
#![no_main]

use libfuzzer_sys::fuzz_target;
use quotestance::{StanceModel, Statement};

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    if let Ok(model) = StanceModel::from_json(text, "fuzz.json") {
        let s = Statement::new("We will support our partners.").with_speaker("lavrov");
        for p in model.predict(&s).values() {
            let sum = p.probabilities.favor + p.probabilities.against + p.probabilities.none;
            assert!((sum - 1.0).abs() < 1e-6, "{sum}");
        }
    }
});
