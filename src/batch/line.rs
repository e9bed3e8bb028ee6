//! One line: parse it (the crate's one statement record), predict every
//! target (with explanations from the same feature row when asked), and
//! serialise its output line.

use std::borrow::Cow;

use super::chunk::Slot;
use super::writer::{ErrorLine, Id, OutLine, StanceOut};
use super::{BatchClassifier, InputFormat, LineError};
use crate::data::{parse_statement_record, Statement};
use crate::error::{Error, Location};
use crate::model::Predictor;

/// A line's error, with its `id` when it could be read.
type Fault = (Option<String>, Error);

impl BatchClassifier<'_> {
    /// Classifies one line into `slot.out` (or its error line).
    pub(super) fn classify_slot(&self, slot: &mut Slot, predictor: &mut Predictor<'_>) {
        slot.out.clear();
        slot.error = None;
        slot.blank = false;
        slot.id_is_number = false;
        slot.explained.clear();
        let result = match std::str::from_utf8(&slot.raw) {
            Err(e) => {
                let at = slot.offset + e.valid_up_to() as u64;
                let message = format!("not valid UTF-8 at byte {at} of the input");
                Err((None, self.line_error(slot.line, &message)))
            }
            Ok(line) => {
                let line = line.trim();
                if line.is_empty() {
                    slot.blank = true;
                    return;
                }
                self.parse_into(line, slot.line, &mut slot.statement, &mut slot.id_is_number)
            }
        };
        let out = &mut slot.out;
        match result {
            Ok(()) => {
                if slot.statement.speaker.is_none() {
                    slot.statement.speaker.clone_from(&self.speaker);
                }
                if self.explain > 0 {
                    predictor.explain_into(
                        &slot.statement,
                        self.explain,
                        &mut slot.predictions,
                        &mut slot.explained,
                    );
                } else {
                    predictor.predict_into(&slot.statement, &mut slot.predictions);
                }
                let line = OutLine {
                    id: Id {
                        text: slot.statement.id.as_deref(),
                        number: slot.id_is_number,
                    },
                    speaker: slot.statement.speaker.as_deref(),
                    stance: StanceOut {
                        model: self.model,
                        predictions: &slot.predictions,
                        explained: &slot.explained,
                    },
                };
                serde_json::to_writer(&mut *out, &line).expect("serialising to memory");
            }
            Err((id, error)) => {
                let line = ErrorLine {
                    id: Id {
                        text: id.as_deref(),
                        number: slot.id_is_number,
                    },
                    error: &error.to_string(),
                };
                serde_json::to_writer(&mut *out, &line).expect("serialising to memory");
                slot.error = Some(LineError {
                    line: slot.line,
                    id,
                    error,
                });
            }
        }
        out.push(b'\n');
    }

    fn line_error(&self, line: u64, message: &str) -> Error {
        Error::input(Location::file(&self.input_name).with_line(line), message)
    }

    /// Reads one line into `statement`, reusing its buffers. On error, the
    /// line's id when it could be read.
    fn parse_into(
        &self,
        line: &str,
        line_no: u64,
        statement: &mut Statement,
        id_is_number: &mut bool,
    ) -> Result<(), Fault> {
        if self.format == InputFormat::Text {
            statement.id = None;
            statement.speaker = None;
            statement.text.clear();
            statement.text.push_str(line);
            return Ok(());
        }
        let loc = Location::file(&self.input_name).with_line(line_no);
        match parse_statement_record(line, &loc) {
            Ok(r) => {
                *id_is_number = r.id.as_ref().is_some_and(|f| f.number);
                set_opt(&mut statement.id, r.id.map(|f| f.text));
                set_opt(&mut statement.speaker, r.speaker.map(|f| f.text));
                statement.text.clear();
                statement
                    .text
                    .push_str(r.text.as_deref().unwrap_or_default());
                Ok(())
            }
            Err(e) => {
                let (id, number) = id_of(line);
                *id_is_number = number;
                Err((id, e))
            }
        }
    }
}

fn set_opt(slot: &mut Option<String>, value: Option<Cow<'_, str>>) {
    match (slot.as_mut(), value) {
        (Some(s), Some(v)) => {
            s.clear();
            s.push_str(&v);
        }
        (None, Some(v)) => *slot = Some(v.into_owned()),
        (_, None) => *slot = None,
    }
}

/// The `id` of a line the parser refused, when it is a JSON object with a
/// string or number `id`, and whether it is a number: the error line
/// carries it.
fn id_of(line: &str) -> (Option<String>, bool) {
    let Ok(serde_json::Value::Object(obj)) = serde_json::from_str::<serde_json::Value>(line) else {
        return (None, false);
    };
    match obj.get("id") {
        Some(serde_json::Value::String(s)) => (Some(s.clone()), false),
        Some(serde_json::Value::Number(n)) => (Some(n.to_string()), true),
        _ => (None, false),
    }
}

#[cfg(test)]
mod tests {
    use crate::batch::BatchClassifier;
    use crate::model::StanceModel;

    fn run(model: &StanceModel, input: &str, explain: usize) -> Vec<serde_json::Value> {
        let mut out = Vec::new();
        BatchClassifier::new(model)
            .explain(explain)
            .input_name("t.jsonl")
            .run(input.as_bytes(), &mut out, &mut ())
            .unwrap();
        let text = String::from_utf8(out).unwrap();
        text.lines()
            .map(|l| serde_json::from_str(l).unwrap())
            .collect()
    }

    #[test]
    fn lines_are_read_by_the_statement_record_and_explained_from_the_model() {
        let model =
            StanceModel::load(concat!(env!("CARGO_MANIFEST_DIR"), "/models/stance.json")).unwrap();
        let input = concat!(
            "{\"id\": 7, \"text\": \"We back the alliance.\", \"speaker\": 3}\n",
            "[\"an array is not a statement\"]\n",
            "\n",
            "{\"id\": \"e\", \"text\": \"  \"}\n",
            "{\"id\": 2.5, \"text\": \"Sanctions hurt everyone.\"}\n",
        );
        let got = run(&model, input, 0);
        assert_eq!(got.len(), 4);
        assert_eq!(got[0]["id"], 7);
        assert_eq!(got[0]["speaker"], "3");
        assert_eq!(
            got[1]["error"],
            "t.jsonl, line 2: expected a JSON object, found an array"
        );
        assert_eq!(got[2]["id"], "e");
        assert_eq!(got[2]["error"], "t.jsonl, line 4, field `text`: empty text");
        assert_eq!(got[3]["id"], 2.5);

        let explained = run(&model, input, 2);
        let statement = crate::data::Statement::new("Sanctions hurt everyone.");
        for t in model.targets() {
            let e = model.explain(&statement, t.name(), 2).unwrap();
            let line = &explained[3]["stance"][t.name()];
            assert_eq!(line["label"], e.prediction.label.as_str());
            assert_eq!(
                line["probabilities"],
                got[3]["stance"][t.name()]["probabilities"]
            );
            let features: Vec<&str> = line["features"]
                .as_array()
                .unwrap()
                .iter()
                .map(|f| f["feature"].as_str().unwrap())
                .collect();
            let want: Vec<&str> = e.toward[&e.prediction.label]
                .iter()
                .map(|f| f.feature.as_str())
                .collect();
            assert_eq!(features, want);
        }
    }
}
