//! Quotation extraction and speaker attribution for English news.
//!
//! [`Extractor::extract`] finds every quotation in an article and says who
//! said it: direct quotes (a full clause in quote marks), partial quotes (a
//! quoted fragment inside a sentence), indirect speech ("Wang said China was
//! willing to ...") and scare quotes (a term in marks used as a label, with no
//! speaker). Each [`Quote`] carries its exact byte span in the article, its
//! speaker's canonical id from a [`SpeakerTable`], the mention and the cue
//! verb that attribute it, and the outlet or body that relayed it.
//!
//! ```
//! use quotestance::{Extractor, QuoteKind};
//! use quotestance::SpeakerTable;
//!
//! let article = "“We will keep talking,” Lavrov told reporters in Moscow.\n\
//!                Wang said the two sides had agreed to meet again, Xinhua reported.";
//! let quotes = Extractor::new(SpeakerTable::builtin()).extract(article);
//! assert_eq!(quotes[0].text, "We will keep talking,");
//! assert_eq!(quotes[0].kind, QuoteKind::Direct);
//! assert_eq!(quotes[0].speaker.as_deref(), Some("lavrov"));
//! assert_eq!(quotes[1].kind, QuoteKind::Indirect);
//! assert_eq!(quotes[1].speaker.as_deref(), Some("wang_yi"));
//! assert_eq!(quotes[1].via.as_deref(), Some("xinhua"));
//! ```
//!
//! The pipeline, one module each: quote-mark scanning (`marks`), sentence
//! splitting (`sentences`), tokens (`tokens`), gazetteer matching
//! (`gazetteer`), speaker mentions and their resolution (`np`), and the
//! attribution sieves (`sieves`). It never panics, whatever the input: the
//! scanners recover from unbalanced marks and keep going.

mod doc;
mod gazetteer;
mod lexicon;
mod marks;
mod np;
mod sentences;
mod sieves;
mod tokens;
mod words;

use serde::Serialize;

use crate::error::{Error, Result};
use crate::speakers::{is_iso_date_prefix, SpeakerTable};

/// The kind of a quotation.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum QuoteKind {
    /// A full clause in quote marks: `“We will keep talking,” Lavrov said.`
    Direct,
    /// A quoted fragment inside a sentence: `called for China to “press Russia”`.
    Partial,
    /// Reported speech without marks: `Wang said China was willing to ...`; the
    /// text is the reported clause.
    Indirect,
    /// A term in marks used as a label (`the “no limits” partnership`); it has
    /// no speaker unless it sits inside someone's quotation.
    Scare,
}

impl QuoteKind {
    /// The lower-case name used in files (`direct`, `partial`, ...).
    pub fn as_str(self) -> &'static str {
        match self {
            QuoteKind::Direct => "direct",
            QuoteKind::Partial => "partial",
            QuoteKind::Indirect => "indirect",
            QuoteKind::Scare => "scare",
        }
    }
}

/// A byte span `[start, end)` in the article.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
pub struct Span {
    /// First byte.
    pub start: usize,
    /// One past the last byte.
    pub end: usize,
}

/// Which sieve attributed a quotation (most precise first).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Sieve {
    /// A cue verb and its subject before the content: `Wang said (that) ...`,
    /// `Wang said: “...”`, `called for China to “...”`.
    CueBefore,
    /// A cue after the content: `“...,” Wang said`, `..., the ministry said`,
    /// `“...,” said Wang`.
    CueAfter,
    /// `according to X, ...` / `..., according to X`.
    AccordingTo,
    /// `X was quoted as saying` / `the statement quoted X as saying`.
    QuotedAs,
    /// The previous sentence ends with a colon introduction (`Wang said:`).
    ColonIntro,
    /// The next sentence names the speaker (`Wang made the remarks ...`).
    NextSentence,
    /// The speaker of the previous quotation in a run of quotations.
    PreviousQuote,
    /// Another segment of the same utterance (a multi-paragraph quotation).
    SameUtterance,
    /// An inner quotation takes the speaker of the quotation around it.
    EnclosingQuote,
    /// A fragment after a postposed attribution in its sentence (`A, an
    /// official said, given “...”`).
    AfterPostposed,
    /// A headline without quote marks naming its source: `X: CLAIM`,
    /// `CLAIM — X`.
    Headline,
    /// The previous sentence, when the next says `This was stated by X`.
    PassiveBy,
    /// A headline quotation followed by a dash and its speaker:
    /// `“...” – Lavrov`.
    DashTail,
    /// A fragment no cue governs, after the clause's subject naming a
    /// speaker (`X believes that “...”`, `X calls Y “...”`).
    GoverningSubject,
}

impl Sieve {
    /// Every sieve, in the order they run.
    pub const ALL: [Sieve; 14] = [
        Sieve::CueBefore,
        Sieve::CueAfter,
        Sieve::AccordingTo,
        Sieve::QuotedAs,
        Sieve::DashTail,
        Sieve::ColonIntro,
        Sieve::NextSentence,
        Sieve::PreviousQuote,
        Sieve::GoverningSubject,
        Sieve::AfterPostposed,
        Sieve::Headline,
        Sieve::PassiveBy,
        Sieve::SameUtterance,
        Sieve::EnclosingQuote,
    ];

    /// The sieve's name in files and reports (`cue_before`, ...).
    pub fn as_str(self) -> &'static str {
        match self {
            Sieve::CueBefore => "cue_before",
            Sieve::CueAfter => "cue_after",
            Sieve::AccordingTo => "according_to",
            Sieve::QuotedAs => "quoted_as",
            Sieve::ColonIntro => "colon_intro",
            Sieve::NextSentence => "next_sentence",
            Sieve::PreviousQuote => "previous_quote",
            Sieve::SameUtterance => "same_utterance",
            Sieve::EnclosingQuote => "enclosing_quote",
            Sieve::AfterPostposed => "after_postposed",
            Sieve::Headline => "headline",
            Sieve::PassiveBy => "passive_by",
            Sieve::DashTail => "dash_tail",
            Sieve::GoverningSubject => "governing_subject",
        }
    }
}

/// One quotation found in an article.
///
/// `&article[q.start..q.end] == q.text` always holds, and both offsets are
/// on character boundaries.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Quote {
    /// The quoted text, without its marks (for `indirect`: the reported clause).
    pub text: String,
    /// Byte offset of the text in the article.
    pub start: usize,
    /// Byte offset just past the text.
    pub end: usize,
    /// Direct, partial, indirect or scare.
    pub kind: QuoteKind,
    /// Canonical speaker id (`wang_yi`, `g7`, ...), a slug for an unknown
    /// named speaker (`li_shangfu`), `other` for an unnamed one ("an aide to
    /// Putin"), or `None` when no sieve attributes the quotation.
    pub speaker: Option<String>,
    /// The mention that names the speaker ("Wang", "the statement", "he").
    pub speaker_text: Option<String>,
    /// Byte span of that mention.
    pub speaker_span: Option<Span>,
    /// The cue ("said", "told", "called for", "quoted ... as saying").
    pub cue: Option<String>,
    /// Byte span of the cue (from its first to its last word).
    pub cue_span: Option<Span>,
    /// The outlet or body that relays the quotation (`tass`, `xinhua`,
    /// `china_mfa`), as an id when the speaker table knows it, else as text.
    pub via: Option<String>,
    /// Quotations with the same number are parts of one utterance: the two
    /// halves of `“X,” he said, “Y.”`, or the paragraphs of a multi-paragraph
    /// quotation. Unique otherwise (indirect speech has 0).
    pub utterance: usize,
    /// The sieve that attributed the quotation.
    pub sieve: Option<Sieve>,
}

impl Quote {
    /// Moves every byte offset (the quotation's, its speaker's and its
    /// cue's) `by` bytes later: for a quotation found in a section of a
    /// longer text that starts at byte `by` of it. The utterance number moves
    /// by `by` too (indirect speech keeps 0), so that numbers stay unique
    /// across the sections of a text: a section's numbers are below its
    /// length in bytes.
    pub fn shift(&mut self, by: usize) {
        self.start += by;
        self.end += by;
        if self.kind != QuoteKind::Indirect {
            self.utterance += by;
        }
        for span in [&mut self.speaker_span, &mut self.cue_span]
            .into_iter()
            .flatten()
        {
            span.start += by;
            span.end += by;
        }
    }
}

/// Finds quotations and their speakers. Build once, use for many articles.
///
/// ```
/// use quotestance::Extractor;
/// use quotestance::SpeakerTable;
///
/// // Role nouns resolve by their period of office on the article's date.
/// let ex = Extractor::new(SpeakerTable::builtin()).date("2024-11-13")?;
/// let q = ex.extract("Russia's top security official said the talks went well.");
/// assert_eq!(q[0].speaker.as_deref(), Some("shoigu"));
/// # Ok::<(), quotestance::Error>(())
/// ```
#[derive(Clone)]
pub struct Extractor {
    table: SpeakerTable,
    gaz: gazetteer::Gazetteer,
    date: Option<String>,
    off: Vec<Sieve>,
}

impl Extractor {
    /// An extractor using `table` to name speakers, with no article date (every
    /// role noun counts as held).
    pub fn new(table: SpeakerTable) -> Self {
        let gaz = gazetteer::Gazetteer::new(&table);
        Extractor {
            table,
            gaz,
            date: None,
            off: Vec::new(),
        }
    }

    /// Sets the articles' date (ISO `YYYY-MM-DD`, or `YYYY-MM`), so that role
    /// nouns ("secretary of Russia's Security Council") resolve to whoever
    /// held the role then. Default: no date, every role counts as held.
    ///
    /// Fails with [`Error::InvalidParam`] when `date` is not an ISO date.
    pub fn date(mut self, date: &str) -> Result<Self> {
        if !is_iso_date_prefix(date) {
            return Err(Error::InvalidParam {
                name: "date",
                message: format!("`{date}` is not a date of the form YYYY-MM-DD"),
            });
        }
        self.date = Some(date.to_string());
        Ok(self)
    }

    /// Switches one sieve off (for ablation: what each sieve adds). A
    /// switched-off cue sieve's attributions are dropped before the others
    /// run; every sieve is on by default.
    ///
    /// ```
    /// use quotestance::advanced::extract::Sieve;
    /// use quotestance::Extractor;
    /// use quotestance::SpeakerTable;
    ///
    /// let ex = Extractor::new(SpeakerTable::builtin()).without(Sieve::CueAfter);
    /// let q = ex.extract("“We will keep talking,” Lavrov said.");
    /// assert_eq!(q[0].speaker, None);
    /// ```
    pub fn without(mut self, sieve: Sieve) -> Self {
        if !self.off.contains(&sieve) {
            self.off.push(sieve);
        }
        self
    }

    /// The speaker table in use.
    pub fn table(&self) -> &SpeakerTable {
        &self.table
    }

    /// All quotations of `article`, in document order (by start; a quotation
    /// before the quotations it contains).
    ///
    /// The time it takes is linear in the article's length, whatever the
    /// text: sentences are at most 4 KB long (a longer run without a sentence
    /// end is cut at white space) and speakers are resolved against the last
    /// 256 attributions, so no look-back grows with the article.
    pub fn extract(&self, article: &str) -> Vec<Quote> {
        self.extract_with_work(article).0
    }

    /// [`Extractor::extract`], with a measure of the work it did.
    ///
    /// ```
    /// use quotestance::Extractor;
    /// use quotestance::SpeakerTable;
    ///
    /// let ex = Extractor::new(SpeakerTable::builtin());
    /// let (quotes, work) = ex.extract_with_work("Wang said the talks went well.");
    /// assert_eq!(quotes.len(), 1);
    /// assert_eq!(work.sentences, 1);
    /// assert!(work.token_reads > 0);
    /// ```
    pub fn extract_with_work(&self, article: &str) -> (Vec<Quote>, Work) {
        self.extract_on(article, self.date.as_deref())
    }

    /// [`Extractor::extract_with_work`] for an article of `date` (an ISO
    /// date; `None`: undated) instead of the extractor's own: many dates
    /// share one extractor.
    pub(crate) fn extract_on(&self, article: &str, date: Option<&str>) -> (Vec<Quote>, Work) {
        let doc = doc::Doc::new(article, &self.gaz, date);
        let quotes = sieves::run(&doc, &self.off).quotes;
        let work = Work {
            token_reads: doc.work.get(),
            tokens: doc.toks.len(),
            sentences: doc.sents.len(),
        };
        (quotes, work)
    }
}

/// What one extraction cost, in steps rather than time (so that it can be
/// compared across machines and runs): see [`Extractor::extract_with_work`].
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Work {
    /// Looks at a token (its text, kind, or the quotation marks and
    /// gazetteer matches at it) by the sieves and the noun-phrase finder,
    /// plus the pairs of cues of a sentence compared for nesting: every
    /// look-back and look-ahead they make counts here.
    pub token_reads: u64,
    /// Tokens in the article.
    pub tokens: usize,
    /// Sentences the article was split into.
    pub sentences: usize,
}
