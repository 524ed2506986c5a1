//! Every rule of DESIGN.md "Rubric format", turning a [`RawRubric`] into a
//! [`Rubric`]. All problems are collected, not just the first. One file per
//! section: `scalars` (candidate, scale, model), `roles`, `competencies`,
//! `stages`; what they share is here.

mod competencies;
mod roles;
mod scalars;
mod stages;
mod stories;

pub(crate) use competencies::CONFIDENCE_SD;

use std::ops::Range;

use indexmap::IndexMap;
use toml::Spanned;

use super::diag::Diag;
use super::limits::{
    MAX_COMPETENCIES, MAX_LIST, MAX_MONEY, MAX_ROLES, MAX_SPREAD, MAX_STAGES, MAX_STORIES,
};
use super::raw::{NumberMap, RawRubric};
use super::{Estimate, Group, Rubric, Stage};

pub(super) struct Checker {
    diags: Vec<Diag>,
}

impl Checker {
    pub(super) fn err(&mut self, span: Range<usize>, message: impl Into<String>) -> &mut Diag {
        self.diags.push(Diag::new(span, message));
        self.diags.last_mut().expect("just pushed")
    }

    /// A finite number satisfying `ok`, else an error saying what is valid.
    pub(super) fn number(
        &mut self,
        value: &Spanned<f64>,
        key: &str,
        ok: impl Fn(f64) -> bool,
        valid: &str,
    ) -> Option<f64> {
        let v = *value.get_ref();
        if v.is_finite() && ok(v) {
            Some(v)
        } else {
            let d = self.err(
                value.span(),
                format!("`{key}` = {} is out of range", short(v)),
            );
            d.label = Some(format!("must be {valid}"));
            None
        }
    }

    pub(super) fn opt_number(
        &mut self,
        value: &Option<Spanned<f64>>,
        key: &str,
        default: f64,
        ok: impl Fn(f64) -> bool,
        valid: &str,
    ) -> f64 {
        match value {
            Some(v) => self.number(v, key, ok, valid).unwrap_or(default),
            None => default,
        }
    }

    /// An amount of money within 0–1e12 (0 when out of range, after the error).
    pub(super) fn money(&mut self, value: &Spanned<f64>, key: &str) -> f64 {
        self.number(
            value,
            key,
            |v| (0.0..=MAX_MONEY).contains(&v),
            "an amount within 0–1e12",
        )
        .unwrap_or(0.0)
    }

    /// A list of yearly amounts: at most 50 long, each within 0–1e12.
    pub(super) fn money_list(&mut self, list: &Spanned<Vec<f64>>, key: &str) -> Vec<f64> {
        self.list(
            list,
            key,
            |v| (0.0..=MAX_MONEY).contains(&v),
            "an amount within 0–1e12",
        )
    }

    /// A list of numbers each satisfying `ok`, at most 50 long.
    pub(super) fn list(
        &mut self,
        list: &Spanned<Vec<f64>>,
        key: &str,
        ok: impl Fn(f64) -> bool,
        valid: &str,
    ) -> Vec<f64> {
        let values = list.get_ref();
        if values.len() > MAX_LIST {
            self.err(
                list.span(),
                format!("`{key}` has {} entries; at most {MAX_LIST}", values.len()),
            )
            .label = Some("one entry per year, at most 50 years".into());
            return Vec::new();
        }
        if let Some((i, v)) = values
            .iter()
            .enumerate()
            .find(|(_, v)| !(v.is_finite() && ok(**v)))
        {
            self.err(
                list.span(),
                format!("`{key}` entry {} = {} is out of range", i + 1, short(*v)),
            )
            .label = Some(format!("each must be {valid}"));
            return Vec::new();
        }
        values.clone()
    }

    /// A number or `{ min, mode, max }` (triangular), every point satisfying
    /// `ok`; `example` shows both forms.
    pub(super) fn estimate(
        &mut self,
        p: &Spanned<toml::Value>,
        key: &str,
        ok: impl Fn(f64) -> bool,
        example: &str,
    ) -> Option<Estimate> {
        let num = |v: &toml::Value| match v {
            toml::Value::Float(f) => Some(*f),
            toml::Value::Integer(i) => Some(*i as f64),
            _ => None,
        };
        let valid = |v: f64| v.is_finite() && ok(v);
        let parsed = match p.get_ref() {
            toml::Value::Table(t) => {
                let unknown = t
                    .keys()
                    .any(|k| !["min", "mode", "max"].contains(&k.as_str()));
                let get = |k| t.get(k).and_then(num);
                match (get("min"), get("mode"), get("max")) {
                    (Some(min), Some(mode), Some(max)) if !unknown => {
                        if !(valid(min) && valid(mode) && valid(max)) {
                            None
                        } else if !(min <= mode && mode <= max) {
                            self.err(
                                p.span(),
                                format!(
                                    "triangular `{key}` needs min ≤ mode ≤ max, found {min}, {mode}, {max}"
                                ),
                            );
                            return None;
                        } else {
                            Some(Estimate::Triangular { min, mode, max })
                        }
                    }
                    _ => None,
                }
            }
            v => num(v).filter(|v| valid(*v)).map(Estimate::Fixed),
        };
        if parsed.is_none() {
            self.err(
                p.span(),
                format!("`{key}` must be a number or {{ min, mode, max }} in range"),
            )
            .label = Some(example.into());
        }
        parsed
    }

    pub(super) fn id(&mut self, id: &Spanned<String>, what: &str) {
        let s = id.get_ref();
        let ok = !s.is_empty()
            && s.chars()
                .all(|c| c.is_ascii_alphanumeric() || c == '-' || c == '_');
        if !ok {
            self.err(id.span(), format!("{what} id `{s}` is not a valid id"))
                .label = Some("use letters, digits, `-` and `_` only".into());
        } else if s == "none" {
            self.err(id.span(), format!("{what} id `none` is reserved"))
                .label = Some("`none` names the no-offer outcome in the JSON".into());
        }
    }
}

pub(super) fn list(ids: impl IntoIterator<Item = impl AsRef<str>>) -> String {
    ids.into_iter()
        .map(|s| format!("`{}`", s.as_ref()))
        .collect::<Vec<_>>()
        .join(", ")
}

/// Validates a parsed rubric; `src` is its text, for line numbers in hints.
/// Errors about something missing altogether point at the start of the file.
///
/// `shape_errors` are those found while parsing; their entries are missing
/// from `raw`, so checks over the whole rubric (a role with no weight, an
/// empty section) are skipped rather than reported as consequences.
pub(crate) fn validate(
    mut raw: RawRubric,
    src: &str,
    shape_errors: Vec<Diag>,
) -> Result<Rubric, Vec<Diag>> {
    let partial = !shape_errors.is_empty();
    let mut c = Checker {
        diags: shape_errors,
    };
    // Refuse an oversized rubric before any other work, pointing at the
    // first entry past the limit.
    let limits = [
        (
            "roles",
            raw.roles.len(),
            MAX_ROLES,
            raw.roles.get(MAX_ROLES).map(|r| r.0.span()),
        ),
        (
            "competencies",
            raw.competencies.len(),
            MAX_COMPETENCIES,
            raw.competencies.get(MAX_COMPETENCIES).map(|c| c.span()),
        ),
        (
            "stages",
            raw.stages.len(),
            MAX_STAGES,
            raw.stages.get(MAX_STAGES).map(|s| s.span()),
        ),
        (
            "stories",
            raw.stories.len(),
            MAX_STORIES,
            raw.stories.get(MAX_STORIES).map(|s| s.span()),
        ),
    ];
    let mut oversized = false;
    for (what, n, max, first_past) in limits {
        if let Some(span) = first_past {
            oversized = true;
            c.err(
                span,
                format!("the rubric has {n} {what}; rolefit handles at most {max}"),
            );
        }
    }
    if oversized {
        return Err(c.diags);
    }
    let top = 0..src.len().min(1);

    match &raw.schema {
        None => {
            c.err(top.clone(), "missing `schema = 1`").help =
                Some("start the rubric with `schema = 1`".into())
        }
        Some(s) if *s.get_ref() != 1 => {
            c.err(s.span(), format!("unsupported schema {}", s.get_ref()))
                .label = Some("this version of rolefit reads schema 1".into())
        }
        Some(_) => {}
    }

    let candidate = scalars::candidate(&mut c, raw.candidate.take().unwrap_or_default(), src);

    let scale = scalars::scale(&mut c, raw.scale.take().unwrap_or_default());

    // Roles and groups first: everything else refers to them.
    let role_ids: Vec<String> = raw.roles.iter().map(|(k, _)| k.get_ref().clone()).collect();
    let group_ids: Vec<String> = raw
        .groups
        .iter()
        .map(|(k, _)| k.get_ref().clone())
        .collect();
    if raw.roles.is_empty() {
        c.err(
            raw.roles_span.clone().unwrap_or(top.clone()),
            "the rubric has no roles",
        )
        .help = Some("add at least one `[roles.ID]` table with a `salary`".into());
    }
    if raw.groups.is_empty() {
        c.err(
            raw.groups_span.clone().unwrap_or(top.clone()),
            "the rubric has no groups",
        )
        .help = Some("add at least one `[groups.ID]` table".into());
    }
    for (id, _) in &raw.roles {
        c.id(id, "role");
    }
    for (id, _) in &raw.groups {
        c.id(id, "group");
    }
    let roles = roles::roles(&mut c, &raw.roles, &role_ids);
    let groups: Vec<Group> = raw
        .groups
        .iter()
        .map(|(id, g)| Group {
            id: id.get_ref().clone(),
            title: g
                .title
                .as_ref()
                .map(|t| t.get_ref().clone())
                .unwrap_or_else(|| id.get_ref().clone()),
            hours_per_step: g.hours_per_step.as_ref().and_then(|h| hours(&mut c, h)),
        })
        .collect();

    let width = (scale.max - scale.min).max(1.0);
    let model = scalars::model(&mut c, &raw, width, &group_ids, top.clone());

    if raw.competencies.is_empty() && !partial {
        c.err(top.clone(), "the rubric has no competencies").help =
            Some("add `[[competency]]` tables".into());
    }
    let mut seen: IndexMap<String, Range<usize>> = IndexMap::new();
    let mut competencies = Vec::new();
    for comp in &raw.competencies {
        let id = &comp.get_ref().id;
        c.id(id, "competency");
        if let Some(first) = seen.get(id.get_ref()) {
            let (line, _) = Diag::new(first.clone(), "").line_col(src);
            c.err(
                id.span(),
                format!("competency id `{}` repeats", id.get_ref()),
            )
            .help = Some(format!(
                "ids must be unique; it is first used on line {line}"
            ));
        } else {
            seen.insert(id.get_ref().clone(), id.span());
        }
        competencies.push(competencies::competency(
            &mut c,
            comp.get_ref(),
            &scale,
            &role_ids,
            &group_ids,
        ));
    }

    // A role's weights must not all be 0: its fit would be 0/0. Nor may they
    // span more than MAX_SPREAD: products of weights and emphases must stay
    // representable.
    for (r, (id, _)) in raw.roles.iter().enumerate() {
        if let Some((lo, hi)) = spread(competencies.iter().map(|k| k.weight[r])) {
            c.err(
                id.span(),
                format!(
                    "the weights of role `{}` span from {lo:e} to {hi:e}",
                    id.get_ref()
                ),
            )
            .help = Some(
                "keep every non-zero weight of a role within a factor of 1e150 of its largest"
                    .into(),
            );
        }
        if !partial && !competencies.is_empty() && competencies.iter().all(|k| k.weight[r] == 0.0) {
            c.err(
                id.span(),
                format!("role `{}` has no weight on any competency", id.get_ref()),
            )
            .help = Some(format!(
                "give some competencies `weight = {{ {} = 1 }}` or more",
                id.get_ref()
            ));
        }
    }

    if raw.stages.is_empty() && !partial {
        c.err(top.clone(), "the rubric has no stages").help =
            Some("add `[[stage]]` tables, one per step of the hiring process".into());
    }
    let stages: Vec<Stage> = raw
        .stages
        .iter()
        .map(|s| {
            stages::stage(
                &mut c,
                s,
                &role_ids,
                &group_ids,
                &competencies,
                partial,
                model.steepness,
            )
        })
        .collect();

    // A step's hours: the competency's own, else its group's, else 10.
    for (k, raw_k) in competencies.iter_mut().zip(&raw.competencies) {
        let own = raw_k
            .get_ref()
            .hours_per_step
            .as_ref()
            .and_then(|h| hours(&mut c, h));
        let group = groups.get(k.group).and_then(|g| g.hours_per_step);
        k.hours_per_step = own.or(group).unwrap_or(DEFAULT_HOURS);
    }

    let leadership = group_ids.iter().position(|g| g == "leadership");
    let stories = stories::stories(&mut c, &raw.stories, &competencies, leadership, src);

    if c.diags.is_empty() {
        Ok(Rubric {
            candidate,
            scale,
            model,
            roles,
            groups,
            competencies,
            stages,
            stories,
        })
    } else {
        c.diags.sort_by_key(|d| d.span.start);
        Err(c.diags)
    }
}

/// Preparation hours a step takes when neither the competency nor its group says.
const DEFAULT_HOURS: f64 = 10.0;

/// `hours_per_step`: more than 0, at most 10,000.
fn hours(c: &mut Checker, h: &Spanned<f64>) -> Option<f64> {
    c.number(
        h,
        "hours_per_step",
        |v| v > 0.0 && v <= 10_000.0,
        "more than 0 and at most 10,000 hours",
    )
}

/// The smallest and largest positive value when they are more than
/// [`MAX_SPREAD`] apart.
pub(super) fn spread(values: impl Iterator<Item = f64>) -> Option<(f64, f64)> {
    let (lo, hi) = values
        .filter(|v| *v > 0.0)
        .fold((f64::MAX, 0.0f64), |(lo, hi), v| (lo.min(v), hi.max(v)));
    (hi > 0.0 && hi / lo > MAX_SPREAD).then_some((lo, hi))
}

/// The values a `{ id = number }` table gives, in the order of `names`;
/// an unknown name is an error.
pub(super) fn number_map(
    c: &mut Checker,
    map: &NumberMap,
    key: &str,
    owner: &str,
    names: &[String],
    kind: &str,
) -> Vec<Option<(f64, Range<usize>)>> {
    let mut out = vec![None; names.len()];
    for (name, value) in map.get_ref() {
        match names.iter().position(|n| n == name.get_ref()) {
            Some(i) => out[i] = Some((*value.get_ref(), value.span())),
            None => {
                c.err(
                    name.span(),
                    format!("{owner}: `{key}` names unknown {kind} `{}`", name.get_ref()),
                )
                .help = Some(format!("known {kind}s: {}", list(names)));
            }
        }
    }
    out
}

/// A number as an error quotes it: `1e308`, not 309 digits.
pub(super) fn short(v: f64) -> String {
    if v != 0.0 && !(1e-6..1e15).contains(&v.abs()) {
        format!("{v:e}")
    } else {
        v.to_string()
    }
}

/// Number of whole levels on a scale, 0 when it is empty.
pub(super) fn levels_on(min: f64, max: f64) -> usize {
    if max > min {
        (max - min) as usize + 1
    } else {
        0
    }
}
