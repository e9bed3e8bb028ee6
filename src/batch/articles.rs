//! Articles in, one JSON line per attributed quote out, in input order: the
//! quotes of a chunk of articles found in parallel, each with its stance
//! when a model is given. Reading the articles (files, sections of a large
//! file, JSONL lines, datelines) is the caller's job.

use jiff::civil::Date;
use serde::Serialize;

use super::chunk::PredictorPool;
use crate::data::Statement;
use crate::error::Error;
use crate::extract::{Extractor, Quote};
use crate::model::{Prediction, StanceModel};
use crate::par::*;
use crate::speakers::SpeakerTable;

/// One article of an [`ArticleBatch`] run.
#[derive(Debug)]
pub struct Article {
    /// Its output lines' `doc`: a file name, or a JSONL line's `id`.
    pub doc: String,
    /// `doc` is the text of a JSON number, and is written back as a number.
    pub doc_is_number: bool,
    /// The text, or the error that stands in its place (written as one
    /// `{"doc": ..., "error": ...}` line).
    pub text: Result<String, Error>,
    /// Its date: role nouns resolve to whoever held the office then, and
    /// every quote carries it as `date`.
    pub date: Option<Date>,
    /// Byte offset of `text` in its input (a section of a longer file):
    /// the quotes' offsets count from the start of the input.
    pub offset: usize,
}

impl Article {
    /// An undated article named `doc`, at the start of its input.
    pub fn new(doc: impl Into<String>, text: Result<String, Error>) -> Self {
        Article {
            doc: doc.into(),
            doc_is_number: false,
            text,
            date: None,
            offset: 0,
        }
    }
}

/// Finds and attributes the quotes of many articles, on all cores with the
/// default `parallel` feature, and writes them as JSON lines in input order.
///
/// One output line per quote: `{"doc", "date", "text", "start", "end",
/// "kind", "speaker", "speaker_text", "cue", "via"}` (the fields of
/// [`Quote`] after `doc` and `date`) and, with [`ArticleBatch::model`],
/// `"stance"` as [`StanceModel::predict`] gives it. An article whose text is
/// an error gives one `{"doc", "error"}` line instead.
///
/// ```
/// use quotestance::batch::{Article, ArticleBatch};
/// use quotestance::SpeakerTable;
///
/// let batch = ArticleBatch::new(SpeakerTable::builtin());
/// let text = "“We will keep talking,” Lavrov said.".to_string();
/// let lines = batch.render(&[Article::new("a.txt", Ok(text))]);
/// let line: serde_json::Value = serde_json::from_slice(&lines[0]).unwrap();
/// assert_eq!(line["doc"], "a.txt");
/// assert_eq!(line["text"], "We will keep talking,");
/// ```
pub struct ArticleBatch<'m> {
    extractor: Extractor,
    predictors: Option<PredictorPool<'m>>,
}

impl<'m> ArticleBatch<'m> {
    /// A batch naming speakers from `speakers`, without stance.
    pub fn new(speakers: SpeakerTable) -> Self {
        ArticleBatch {
            extractor: Extractor::new(speakers),
            predictors: None,
        }
    }

    /// Classify every quote's stance with `model` (its speaker is the
    /// quote's). Default: no stance.
    pub fn model(mut self, model: &'m StanceModel) -> Self {
        self.predictors = Some(PredictorPool::new(model));
        self
    }

    /// The quotes of `text`, with role nouns resolved for `date`.
    pub fn quotes(&self, text: &str, date: Option<Date>) -> Vec<Quote> {
        // A jiff date always prints as YYYY-MM-DD.
        let date = date.map(|d| d.to_string());
        self.extractor.extract_on(text, date.as_deref()).0
    }

    /// Each article's output lines (newline-terminated JSON), in the order
    /// of `articles`.
    pub fn render(&self, articles: &[Article]) -> Vec<Vec<u8>> {
        articles
            .par_iter()
            .map(|article| {
                let mut out = Vec::new();
                self.render_one(article, &mut out);
                out
            })
            .collect()
    }

    fn render_one(&self, article: &Article, out: &mut Vec<u8>) {
        let doc = DocField(article);
        let text = match &article.text {
            Ok(t) => t,
            Err(e) => {
                let line = ErrorLine {
                    doc,
                    error: e.to_string(),
                };
                serde_json::to_writer(&mut *out, &line).expect("serialising to memory");
                out.push(b'\n');
                return;
            }
        };
        let date = article.date.map(|d| d.to_string());
        let mut quotes = self.extractor.extract_on(text, date.as_deref()).0;
        if article.offset > 0 {
            quotes.iter_mut().for_each(|q| q.shift(article.offset));
        }
        let mut predictor = self.predictors.as_ref().map(PredictorPool::take);
        let mut statement = Statement::new("");
        for quote in &quotes {
            let stance = predictor.as_mut().map(|p| {
                statement.text.clear();
                statement.text.push_str(&quote.text);
                statement.speaker.clone_from(&quote.speaker);
                p.predict(&statement)
            });
            let line = QuoteLine {
                doc,
                date: date.as_deref(),
                quote,
                stance,
            };
            serde_json::to_writer(&mut *out, &line).expect("serialising to memory");
            out.push(b'\n');
        }
        if let (Some(pool), Some(p)) = (&self.predictors, predictor) {
            pool.give_back(p);
        }
    }
}

/// An output line's `doc`: the article's name, or its numeric id as a number.
#[derive(Clone, Copy)]
struct DocField<'a>(&'a Article);

impl Serialize for DocField<'_> {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        let name = &self.0.doc;
        match name.parse::<serde_json::Number>() {
            Ok(n) if self.0.doc_is_number => n.serialize(s),
            _ => s.serialize_str(name),
        }
    }
}

#[derive(Serialize)]
struct QuoteLine<'a> {
    doc: DocField<'a>,
    date: Option<&'a str>,
    #[serde(flatten)]
    quote: &'a Quote,
    #[serde(skip_serializing_if = "Option::is_none")]
    stance: Option<Prediction>,
}

#[derive(Serialize)]
struct ErrorLine<'a> {
    doc: DocField<'a>,
    error: String,
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::error::Location;

    fn lines(out: &[Vec<u8>]) -> Vec<Vec<serde_json::Value>> {
        out.iter()
            .map(|o| {
                std::str::from_utf8(o)
                    .unwrap()
                    .lines()
                    .map(|l| serde_json::from_str(l).unwrap())
                    .collect()
            })
            .collect()
    }

    #[test]
    fn articles_keep_their_order_offsets_shift_and_errors_take_one_line() {
        let batch = ArticleBatch::new(SpeakerTable::builtin());
        let text = "“We will keep talking,” Lavrov said. “Nothing has changed,” he added.";
        let mut shifted = Article::new("big.txt", Ok(text.to_string()));
        shifted.offset = 1000;
        let mut numbered = Article::new("17", Ok(text.to_string()));
        numbered.doc_is_number = true;
        let bad = Article::new(
            "c.jsonl:3",
            Err(Error::input(
                Location::file("c.jsonl").with_line(3),
                "no text",
            )),
        );
        let got = lines(&batch.render(&[
            Article::new("a.txt", Ok(text.to_string())),
            shifted,
            bad,
            numbered,
        ]));
        assert_eq!(got.len(), 4);
        assert_eq!(got[0].len(), 2);
        assert_eq!(got[0][0]["doc"], "a.txt");
        assert_eq!(got[0][0]["date"], serde_json::Value::Null);
        assert_eq!(got[0][0]["speaker"], got[0][1]["speaker"]);
        assert!(got[0][0]["speaker"].is_string());
        for (a, b) in got[0].iter().zip(&got[1]) {
            assert_eq!(a["text"], b["text"]);
            assert_eq!(a["start"].as_u64().unwrap() + 1000, b["start"]);
            assert_eq!(a["end"].as_u64().unwrap() + 1000, b["end"]);
        }
        assert_eq!(got[2].len(), 1);
        assert_eq!(got[2][0]["doc"], "c.jsonl:3");
        assert!(got[2][0]["error"].as_str().unwrap().contains("line 3"));
        assert_eq!(got[3][0]["doc"], 17);
        assert!(got[0][0].get("stance").is_none());
    }

    #[test]
    fn stance_is_the_models_prediction_for_the_quote_and_its_speaker() {
        let model =
            StanceModel::load(concat!(env!("CARGO_MANIFEST_DIR"), "/models/stance.json")).unwrap();
        let batch = ArticleBatch::new(SpeakerTable::builtin()).model(&model);
        let text = "“We firmly support the sovereignty of Ukraine,” Lavrov said.";
        let mut dated = Article::new("a", Ok(text.to_string()));
        dated.date = Some(jiff::civil::date(2024, 5, 20));
        let got = lines(&batch.render(&[dated]));
        let line = &got[0][0];
        assert_eq!(line["date"], "2024-05-20");
        let quote = &batch.quotes(text, None)[0];
        let mut s = Statement::new(quote.text.clone());
        s.speaker.clone_from(&quote.speaker);
        let want = serde_json::to_value(model.predict(&s)).unwrap();
        assert_eq!(line["stance"], want);
    }
}
