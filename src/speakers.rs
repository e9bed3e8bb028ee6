//! The speaker table (gazetteer): canonical speaker ids, their names, aliases,
//! role nouns, side and kind.
//!
//! The table is shared by attribution (which maps mentions to ids) and by the
//! stance features (which use a speaker's [`Side`]). A table ships with the
//! crate ([`SpeakerTable::builtin`], from `data/speakers.json`); users can load
//! their own ([`SpeakerTable::from_path`]) or extend one ([`SpeakerTable::insert`]).

use std::collections::BTreeMap;
use std::path::Path;

use serde::{Deserialize, Serialize};

use crate::error::{Error, Location, Result};

/// The side of the China–Russia–West triangle a speaker belongs to.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Side {
    /// China's leaders, ministries and officials.
    China,
    /// Russia's leaders, ministries and officials.
    Russia,
    /// The US, the G7, NATO, the EU and their officials.
    West,
    /// Everyone else, and unknown speakers.
    Other,
}

impl Side {
    /// All sides, in a fixed order (used for feature indices).
    pub const ALL: [Side; 4] = [Side::China, Side::Russia, Side::West, Side::Other];

    /// The lower-case name used in files.
    pub fn as_str(self) -> &'static str {
        match self {
            Side::China => "china",
            Side::Russia => "russia",
            Side::West => "west",
            Side::Other => "other",
        }
    }
}

/// What kind of entity a speaker is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum SpeakerKind {
    /// One person ("Wang Yi").
    Person,
    /// A ministry, council or government ("the Chinese foreign ministry").
    Organisation,
    /// A group of states or ministers ("the G7").
    Group,
    /// A news outlet that relays quotes (Tass, Xinhua): never a speaker itself
    /// when it only relays.
    Outlet,
}

/// Grammatical gender, for pronoun resolution.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Gender {
    /// he / his
    Male,
    /// she / her
    Female,
    /// it / its (organisations)
    Neuter,
    /// they / their (groups)
    Plural,
}

/// A role noun that refers to a speaker, optionally only during a period of
/// office ("secretary of Russia's Security Council": Patrushev until May 2024,
/// then Shoigu).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Role {
    /// The role noun phrase as it appears in text, e.g. "China's top diplomat".
    pub noun: String,
    /// First day in office, ISO `YYYY-MM-DD`; open when absent.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub from: Option<String>,
    /// Last day in office, ISO `YYYY-MM-DD`; open when absent.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub to: Option<String>,
}

impl Role {
    /// Whether the role was held on `date` (ISO `YYYY-MM-DD`, or a prefix such
    /// as `2024-05`). With no date, every role counts as held.
    pub fn held_on(&self, date: Option<&str>) -> bool {
        let Some(date) = date else { return true };
        let after_start = self.from.as_deref().is_none_or(|f| date >= f);
        let before_end = self.to.as_deref().is_none_or(|t| date <= t);
        after_start && before_end
    }
}

/// One entry of the speaker table.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(expecting = "a speaker: an object {\"id\": ..., \"name\": ..., ...}")]
pub struct Speaker {
    /// Canonical id (`wang_yi`, `g7`, `china_mfa`).
    pub id: String,
    /// Display name ("Wang Yi").
    pub name: String,
    /// Person, organisation, group or outlet.
    pub kind: SpeakerKind,
    /// The side the speaker belongs to.
    pub side: Side,
    /// For pronoun resolution; defaults from `kind` when absent.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub gender: Option<Gender>,
    /// Other names that refer to this speaker ("Wang", "Sergei Lavrov").
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub aliases: Vec<String>,
    /// Role nouns that refer to this speaker.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub roles: Vec<Role>,
    /// The canonical id that attribution reports for this speaker, when it is
    /// not the speaker's own: a foreign-ministry spokesperson counts as the
    /// ministry (`china_mfa`), a US official as `us_gov`. The entry still gives
    /// the person's own name and gender, so pronouns resolve to them.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub counts_as: Option<String>,
}

impl Speaker {
    /// The speaker's gender for pronoun resolution, defaulting from its kind
    /// (persons: none known; organisations and outlets: neuter; groups: plural).
    pub fn pronoun_gender(&self) -> Option<Gender> {
        self.gender.or(match self.kind {
            SpeakerKind::Person => None,
            SpeakerKind::Organisation | SpeakerKind::Outlet => Some(Gender::Neuter),
            SpeakerKind::Group => Some(Gender::Plural),
        })
    }

    /// The id attribution reports for this speaker: [`Speaker::counts_as`]
    /// when set, else [`Speaker::id`].
    pub fn reported_id(&self) -> &str {
        self.counts_as.as_deref().unwrap_or(&self.id)
    }
}

#[derive(Deserialize)]
#[serde(expecting = "a speaker table: an object {\"speakers\": [...]}")]
struct TableFile {
    speakers: Vec<Speaker>,
}

/// A table of speakers keyed by canonical id.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct SpeakerTable {
    speakers: BTreeMap<String, Speaker>,
}

/// The shipped table, compiled into the crate.
const BUILTIN: &str = include_str!("../data/speakers.json");

impl SpeakerTable {
    /// An empty table.
    pub fn new() -> Self {
        SpeakerTable::default()
    }

    /// The table shipped with the crate (`data/speakers.json`).
    pub fn builtin() -> Self {
        SpeakerTable::from_json_str(BUILTIN, "data/speakers.json")
            .expect("the shipped data/speakers.json is valid (checked by tests)")
    }

    /// Loads a table from a JSON file of the form `{"speakers": [...]}`.
    pub fn from_path(path: impl AsRef<Path>) -> Result<Self> {
        let path = path.as_ref();
        let name = path.display().to_string();
        let text = std::fs::read_to_string(path).map_err(|e| Error::io(&name, e))?;
        SpeakerTable::from_json_str(&text, &name)
    }

    /// Parses a table from JSON text; `name` is used in error messages.
    pub fn from_json_str(text: &str, name: &str) -> Result<Self> {
        let file: TableFile = serde_json::from_str(text).map_err(|e| {
            Error::input(
                Location::file(name).with_line(e.line() as u64),
                format!(
                    "invalid speaker table at column {}: {}",
                    e.column(),
                    crate::data::strip_position(&e)
                ),
            )
        })?;
        let ids: std::collections::BTreeSet<&str> =
            file.speakers.iter().map(|s| s.id.as_str()).collect();
        for (i, speaker) in file.speakers.iter().enumerate() {
            let field = |f: &str| Location::file(name).with_field(format!("speakers[{i}].{f}"));
            if let Some(target) = &speaker.counts_as {
                if !ids.contains(target.as_str()) {
                    return Err(Error::input(
                        field("counts_as"),
                        format!("`{}` counts as unknown speaker `{target}`", speaker.id),
                    ));
                }
            }
            for (j, role) in speaker.roles.iter().enumerate() {
                for (what, date) in [("from", &role.from), ("to", &role.to)] {
                    if let Some(d) = date.as_deref().filter(|d| !is_iso_date_prefix(d)) {
                        return Err(Error::input(
                            field(&format!("roles[{j}].{what}")),
                            format!("`{d}` is not a date of the form YYYY-MM-DD"),
                        ));
                    }
                }
            }
        }
        let mut table = SpeakerTable::new();
        for (i, speaker) in file.speakers.into_iter().enumerate() {
            if speaker.id.trim().is_empty() {
                return Err(Error::input(
                    Location::file(name).with_field(format!("speakers[{i}].id")),
                    "empty speaker id",
                ));
            }
            if table.speakers.contains_key(&speaker.id) {
                return Err(Error::input(
                    Location::file(name).with_field(format!("speakers[{i}].id")),
                    format!("duplicate speaker id `{}`", speaker.id),
                ));
            }
            table.insert(speaker);
        }
        Ok(table)
    }

    /// Adds or replaces a speaker.
    pub fn insert(&mut self, speaker: Speaker) {
        self.speakers.insert(speaker.id.clone(), speaker);
    }

    /// The speaker with this id.
    pub fn get(&self, id: &str) -> Option<&Speaker> {
        self.speakers.get(id)
    }

    /// The side of the speaker with this id; [`Side::Other`] when unknown.
    pub fn side(&self, id: &str) -> Side {
        self.get(id).map_or(Side::Other, |s| s.side)
    }

    /// All speakers, ordered by id.
    pub fn iter(&self) -> impl Iterator<Item = &Speaker> {
        self.speakers.values()
    }

    /// Number of speakers.
    pub fn len(&self) -> usize {
        self.speakers.len()
    }

    /// Whether the table is empty.
    pub fn is_empty(&self) -> bool {
        self.speakers.is_empty()
    }
}

/// Whether `s` is an ISO date `YYYY-MM-DD` or a prefix of one (`YYYY`,
/// `YYYY-MM`), so that string comparison orders dates correctly.
pub fn is_iso_date_prefix(s: &str) -> bool {
    let b = s.as_bytes();
    let digits = |r: std::ops::Range<usize>| b[r].iter().all(u8::is_ascii_digit);
    match b.len() {
        4 => digits(0..4),
        7 => digits(0..4) && b[4] == b'-' && digits(5..7),
        10 => digits(0..4) && b[4] == b'-' && digits(5..7) && b[7] == b'-' && digits(8..10),
        _ => false,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn builtin_table_loads_and_knows_the_main_speakers() {
        let t = SpeakerTable::builtin();
        for id in ["wang_yi", "lavrov", "patrushev", "shoigu", "g7"] {
            assert!(t.get(id).is_some(), "missing {id}");
        }
        assert_eq!(t.side("wang_yi"), Side::China);
        assert_eq!(t.side("lavrov"), Side::Russia);
        assert_eq!(t.side("g7"), Side::West);
        assert_eq!(t.side("nobody"), Side::Other);
    }

    #[test]
    fn builtin_table_has_the_guideline_ids_and_outlets() {
        let t = SpeakerTable::builtin();
        for id in [
            "xi_jinping",
            "putin",
            "china_mfa",
            "russia_mfa",
            "russia_security_council",
            "nato",
            "us_gov",
            "tass",
            "xinhua",
            "ria",
        ] {
            assert!(t.get(id).is_some(), "missing {id}");
        }
        assert_eq!(t.get("tass").unwrap().kind, SpeakerKind::Outlet);
        assert_eq!(t.get("blinken").unwrap().reported_id(), "us_gov");
        assert_eq!(t.get("wang_yi").unwrap().reported_id(), "wang_yi");
    }

    #[test]
    fn security_council_secretary_changes_in_may_2024() {
        let t = SpeakerTable::builtin();
        let holds = |id: &str, date: &str| {
            t.get(id).unwrap().roles.iter().any(|r| {
                r.noun == "secretary of Russia's Security Council" && r.held_on(Some(date))
            })
        };
        assert!(holds("patrushev", "2023-09-19"));
        assert!(!holds("shoigu", "2023-09-19"));
        assert!(holds("shoigu", "2024-11-12"));
        assert!(!holds("patrushev", "2024-11-12"));
    }

    #[test]
    fn counts_as_must_name_a_known_speaker() {
        let text = r#"{"speakers": [
            {"id": "a", "name": "A", "kind": "person", "side": "china", "counts_as": "zz"}]}"#;
        let err = SpeakerTable::from_json_str(text, "t.json").unwrap_err();
        assert!(err.to_string().contains("counts_as"), "{err}");
    }

    #[test]
    fn bad_role_dates_are_rejected() {
        let text = r#"{"speakers": [
            {"id": "a", "name": "A", "kind": "person", "side": "china",
             "roles": [{"noun": "x", "from": "May 2024"}]}]}"#;
        let err = SpeakerTable::from_json_str(text, "t.json").unwrap_err();
        assert!(err.to_string().contains("roles[0].from"), "{err}");
    }

    #[test]
    fn role_periods() {
        let r = Role {
            noun: "secretary".into(),
            from: Some("2008-05-12".into()),
            to: Some("2024-05-12".into()),
        };
        assert!(r.held_on(Some("2023-09-18")));
        assert!(!r.held_on(Some("2024-06-01")));
        assert!(r.held_on(None));
    }

    #[test]
    fn duplicate_ids_are_rejected_with_the_field() {
        let text = r#"{"speakers": [
            {"id": "a", "name": "A", "kind": "person", "side": "china"},
            {"id": "a", "name": "B", "kind": "person", "side": "china"}]}"#;
        let err = SpeakerTable::from_json_str(text, "t.json").unwrap_err();
        assert!(err.to_string().contains("speakers[1].id"), "{err}");
    }
}
