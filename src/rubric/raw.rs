//! The rubric as written: serde structs that keep every value's span, so that
//! validation can point at the exact line and column (DESIGN.md "Rubric
//! format"). Nothing here checks ranges or cross-references; `validate` does.
//!
//! The document is not deserialized in one go: each top-level section, each
//! role, group, competency and stage is deserialized on its own, so that one
//! mistake does not hide the next (all errors in a file are reported).

use indexmap::IndexMap;
use serde::Deserialize;
use serde::de::DeserializeOwned;
use toml::Spanned;
use toml::de::{DeTable, DeValue, ValueDeserializer};

use super::diag::Diag;

/// A `{ key = number }` table such as `weight`, `bar`, `emphasis`, `pass_at`.
pub(crate) type NumberMap = Spanned<IndexMap<Spanned<String>, Spanned<f64>>>;

#[derive(Debug, Default)]
pub(crate) struct RawRubric {
    pub schema: Option<Spanned<i64>>,
    pub candidate: Option<RawCandidate>,
    pub scale: Option<RawScale>,
    pub model: Option<RawModel>,
    pub roles: Vec<(Spanned<String>, RawRole)>,
    pub groups: Vec<(Spanned<String>, RawGroup)>,
    pub competencies: Vec<Spanned<RawCompetency>>,
    pub stages: Vec<Spanned<RawStage>>,
    pub stories: Vec<Spanned<RawStory>>,
    /// Where the `[roles]`, `[groups]`, `[[competency]]`, `[[stage]]` sections
    /// start, or `None` when they are missing.
    pub roles_span: Option<std::ops::Range<usize>>,
    pub groups_span: Option<std::ops::Range<usize>>,
    /// A section other than a competency or a stage failed to parse: what
    /// everything else refers to is incomplete, so validation would only
    /// report consequences of it.
    pub header_failed: bool,
}

#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct RawCandidate {
    pub name: Option<Spanned<String>>,
    pub current_salary: Option<Spanned<f64>>,
    /// careers-site | referral | recruiter.
    pub route: Option<Spanned<String>>,
    pub current_equity: Option<Spanned<Vec<f64>>>,
    pub accept_lower_pay: Option<Spanned<bool>>,
    /// When the self-assessment was made: a TOML date or "YYYY-MM-DD".
    pub date: Option<Spanned<toml::Value>>,
}

#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct RawScale {
    pub min: Option<Spanned<f64>>,
    pub max: Option<Spanned<f64>>,
    pub labels: Option<Spanned<Vec<String>>>,
}

#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct RawModel {
    pub self_bias: Option<Spanned<f64>>,
    pub steepness: Option<Spanned<f64>>,
    pub samples: Option<Spanned<i64>>,
    pub seed: Option<Spanned<i64>>,
    pub horizon_years: Option<Spanned<f64>>,
    /// A number or `{ min, mode, max }`.
    pub stock_growth: Option<Spanned<toml::Value>>,
    pub sensitivity_group: Option<Spanned<String>>,
    pub overfocus_gap: Option<Spanned<f64>>,
    pub prep_hours: Option<Spanned<f64>>,
    pub prep_step: Option<Spanned<f64>>,
    pub loop_principles: Option<Spanned<i64>>,
    pub self_bias_sd: Option<Spanned<f64>>,
    pub vote_steepness: Option<Spanned<f64>>,
    pub inclined_at_bar: Option<Spanned<f64>>,
    pub vote_noise: Option<Spanned<f64>>,
    pub unprepared_penalty: Option<Spanned<f64>>,
    pub story_hours: Option<Spanned<f64>>,
}

#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct RawRole {
    pub title: Option<Spanned<String>>,
    pub salary: Option<Spanned<f64>>,
    pub pay: Option<Spanned<RawPay>>,
    pub premium_over: Option<Spanned<String>>,
    /// A number or `{ min, mode, max }`; checked in validation so that the
    /// error can say both forms.
    pub premium: Option<Spanned<toml::Value>>,
    pub fallback: Option<Spanned<String>>,
    /// A number or `{ min, mode, max }`, as `premium`.
    pub downlevel_rate: Option<Spanned<toml::Value>>,
    pub upgrade_green_light: Option<Spanned<toml::Value>>,
    pub upgrade_days: Option<Spanned<f64>>,
}

/// `pay = { base, sign_on = [..], rsu, vesting = [..] }`; missing parts are 0.
#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct RawPay {
    pub base: Option<Spanned<f64>>,
    pub sign_on: Option<Spanned<Vec<f64>>>,
    pub rsu: Option<Spanned<f64>>,
    pub vesting: Option<Spanned<Vec<f64>>>,
}

#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct RawGroup {
    pub title: Option<Spanned<String>>,
    pub hours_per_step: Option<Spanned<f64>>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct RawCompetency {
    pub id: Spanned<String>,
    pub name: Option<Spanned<String>>,
    pub group: Spanned<String>,
    pub question: Option<String>,
    /// What each whole level of the scale looks like, lowest first (an
    /// addition to DESIGN.md's schema so a person can rate without guessing).
    pub levels: Option<Spanned<Vec<String>>>,
    pub weight: Option<NumberMap>,
    pub bar: Option<NumberMap>,
    pub score: Option<Spanned<f64>>,
    /// `low | medium | high` or a number (the sd).
    pub confidence: Option<Spanned<toml::Value>>,
    pub evidence: Option<String>,
    pub hours_per_step: Option<Spanned<f64>>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct RawStage {
    pub name: Spanned<String>,
    pub count: Option<Spanned<i64>>,
    pub days: Option<Spanned<f64>>,
    pub emphasis: Option<NumberMap>,
    pub pass_at: Option<NumberMap>,
    pub steepness: Option<Spanned<f64>>,
    /// Odds multiplier per application route.
    pub route_odds: Option<NumberMap>,
    /// A voted stage: the judgements it makes and the "not inclined"
    /// votes its debrief tolerates.
    pub votes: Option<Spanned<i64>>,
    pub max_no: Option<Spanned<i64>>,
}

/// A STAR story of the story bank (DESIGN.md `[[story]]`). Every part may
/// be missing while the story is a draft.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct RawStory {
    pub id: Spanned<String>,
    pub title: Option<Spanned<String>>,
    pub situation: Option<Spanned<String>>,
    pub task: Option<Spanned<String>>,
    pub action: Option<Spanned<String>>,
    pub result: Option<Spanned<String>>,
    /// Ids of `leadership` competencies.
    pub principles: Option<Spanned<Vec<Spanned<String>>>>,
}

const TOP_LEVEL_KEYS: &str =
    "schema, candidate, scale, model, roles, groups, competency, stage, story";

/// Parses the document. A syntax error stops here (`Err`); shape errors (an
/// unknown key, a wrong type) drop the entry they are in and are returned
/// beside what did parse, so validation can still report the rest.
pub(crate) fn parse(src: &str) -> Result<(RawRubric, Vec<Diag>), Vec<Diag>> {
    let (root, errors) = DeTable::parse_recoverable(src);
    if !errors.is_empty() {
        // One mistake (a `[stage]` meant as `[[stage]]`) can make the parser
        // report the same error on every following line: keep the first of
        // each kind.
        let mut diags: Vec<Diag> = Vec::new();
        for e in &errors {
            let d = Diag::from_toml(e).in_source(src);
            if !diags.iter().any(|seen| seen.message == d.message) {
                diags.push(d);
            }
        }
        return Err(diags);
    }
    let mut diags = Vec::new();
    let mut raw = RawRubric::default();
    for (key, value) in root.into_inner() {
        let span = key.span();
        let before = diags.len();
        let is_list = matches!(key.get_ref().as_ref(), "competency" | "stage" | "story");
        match key.get_ref().as_ref() {
            "schema" => raw.schema = item(value, "schema", &mut diags),
            "candidate" => raw.candidate = item(value, "[candidate]", &mut diags),
            "scale" => raw.scale = item(value, "[scale]", &mut diags),
            "model" => raw.model = item(value, "[model]", &mut diags),
            "roles" => {
                raw.roles_span = Some(value.span());
                raw.roles = named_tables(value, "roles", &mut diags);
            }
            "groups" => {
                raw.groups_span = Some(value.span());
                raw.groups = named_tables(value, "groups", &mut diags);
            }
            "competency" => raw.competencies = array(value, "competency", &mut diags),
            "stage" => raw.stages = array(value, "stage", &mut diags),
            "story" => raw.stories = array(value, "story", &mut diags),
            other => diags.push(
                Diag::new(span, format!("unknown top-level key `{other}`"))
                    .label("not part of the rubric format")
                    .help(format!("valid top-level keys: {TOP_LEVEL_KEYS}")),
            ),
        }
        if diags.len() > before && !is_list {
            raw.header_failed = true;
        }
    }
    Ok((raw, diags))
}

fn item<T: DeserializeOwned>(
    value: Spanned<DeValue<'_>>,
    what: &str,
    diags: &mut Vec<Diag>,
) -> Option<T> {
    T::deserialize(ValueDeserializer::from(value))
        .map_err(|e| diags.push(Diag::from_toml(&e).context(what)))
        .ok()
}

fn named_tables<T: DeserializeOwned>(
    value: Spanned<DeValue<'_>>,
    section: &str,
    diags: &mut Vec<Diag>,
) -> Vec<(Spanned<String>, T)> {
    let span = value.span();
    let DeValue::Table(table) = value.into_inner() else {
        diags.push(
            Diag::new(span, format!("`{section}` must be a table"))
                .help(format!("write one `[{section}.ID]` table per entry")),
        );
        return Vec::new();
    };
    let mut out = Vec::new();
    for (key, value) in table {
        let id = key.get_ref().to_string();
        let name = Spanned::new(key.span(), id.clone());
        if let Some(parsed) = item(value, &format!("[{section}.{id}]"), diags) {
            out.push((name, parsed));
        }
    }
    out
}

fn array<T: DeserializeOwned>(
    value: Spanned<DeValue<'_>>,
    section: &str,
    diags: &mut Vec<Diag>,
) -> Vec<Spanned<T>> {
    let span = value.span();
    let DeValue::Array(items) = value.into_inner() else {
        diags.push(
            Diag::new(span, format!("`{section}` must be an array of tables"))
                .help(format!("write one `[[{section}]]` table per entry")),
        );
        return Vec::new();
    };
    let mut out = Vec::new();
    for (index, value) in items.into_iter().enumerate() {
        let span = value.span();
        let id = value
            .get_ref()
            .as_table()
            .and_then(|t| t.get("id"))
            .and_then(|v| v.get_ref().as_str())
            .map(|id| format!(" `{id}`"))
            .unwrap_or_default();
        let what = format!("[[{section}]] #{}{id}", index + 1);
        if let Some(parsed) = item::<T>(value, &what, diags) {
            out.push(Spanned::new(span, parsed));
        }
    }
    out
}
