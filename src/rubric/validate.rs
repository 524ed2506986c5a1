//! Every rule of DESIGN.md "Rubric format", turning a [`RawRubric`] into a
//! [`Rubric`]. All problems are collected, not just the first.

use std::ops::Range;

use indexmap::IndexMap;
use toml::Spanned;

use super::diag::Diag;
use super::raw::{NumberMap, RawCompetency, RawRole, RawRubric, RawStage};
use super::{
    Candidate, Competency, Fallback, Group, ModelParams, Pay, Premium, Role, Rubric, Scale, Stage,
};

/// Upper bound on `[model] samples`: more would take minutes, not seconds.
pub const MAX_SAMPLES: i64 = 10_000_000;
/// Upper bound on a stage's `count`.
pub const MAX_COUNT: i64 = 100;
/// Upper bounds on the rubric's size: far above any real rubric, low enough
/// that the work per draw stays bounded.
pub const MAX_COMPETENCIES: usize = 1_000;
pub const MAX_STAGES: usize = 100;
pub const MAX_ROLES: usize = 20;

const CONFIDENCE_SD: [(&str, f64); 3] = [("low", 1.0), ("medium", 0.6), ("high", 0.3)];

struct Checker {
    diags: Vec<Diag>,
}

impl Checker {
    fn err(&mut self, span: Range<usize>, message: impl Into<String>) -> &mut Diag {
        self.diags.push(Diag::new(span, message));
        self.diags.last_mut().expect("just pushed")
    }

    /// A finite number satisfying `ok`, else an error saying what is valid.
    fn number(
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
            let d = self.err(value.span(), format!("`{key}` = {v} is out of range"));
            d.label = Some(format!("must be {valid}"));
            None
        }
    }

    fn opt_number(
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

    fn id(&mut self, id: &Spanned<String>, what: &str) {
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

fn list(ids: impl IntoIterator<Item = impl AsRef<str>>) -> String {
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
pub fn validate(
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

    let candidate = {
        let raw_c = raw.candidate.take().unwrap_or_default();
        Candidate {
            name: raw_c
                .name
                .map(|n| n.into_inner().trim().to_string())
                .unwrap_or_default(),
            current_salary: c.opt_number(
                &raw_c.current_salary,
                "current_salary",
                0.0,
                |v| v >= 0.0,
                "0 or more",
            ),
            date: raw_c.date.as_ref().and_then(|d| {
                let text = match d.get_ref() {
                    toml::Value::Datetime(dt) => dt.to_string(),
                    toml::Value::String(s) => s.clone(),
                    other => other.to_string(),
                };
                let parsed = find_date(&text).filter(|found| found == &text);
                if parsed.is_none() {
                    c.err(d.span(), format!("`date` = {} is not a date", d.get_ref()))
                        .label = Some("write it as 2026-06-01".into());
                }
                parsed
            }),
        }
    };

    let scale = scale(&mut c, raw.scale.take().unwrap_or_default());

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
    let roles = roles(&mut c, &raw.roles, &role_ids);
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
        })
        .collect();

    let model = model(&mut c, &raw, &group_ids, top.clone());

    if raw.competencies.is_empty() && !partial {
        c.err(top.clone(), "the rubric has no competencies").help =
            Some("add `[[competency]]` tables".into());
    }
    let mut seen: IndexMap<String, Range<usize>> = IndexMap::new();
    let mut competencies = Vec::new();
    for comp in &raw.competencies {
        let id = &comp.get_ref().id;
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
        competencies.push(competency(
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
        .map(|s| stage(&mut c, s, &role_ids, &group_ids, &competencies, partial))
        .collect();

    if c.diags.is_empty() {
        Ok(Rubric {
            candidate,
            scale,
            model,
            roles,
            groups,
            competencies,
            stages,
        })
    } else {
        c.diags.sort_by_key(|d| d.span.start);
        Err(c.diags)
    }
}

fn scale(c: &mut Checker, raw: super::raw::RawScale) -> Scale {
    let whole = |v: f64| v.fract() == 0.0;
    let min = c.opt_number(&raw.min, "min", 1.0, whole, "a whole number");
    let max = c.opt_number(&raw.max, "max", 5.0, whole, "a whole number");
    if min >= max {
        let span = raw
            .max
            .as_ref()
            .or(raw.min.as_ref())
            .map_or(0..0, |v| v.span());
        c.err(span, format!("the scale {min}–{max} is empty")).label =
            Some("`min` must be less than `max`".into());
    }
    let levels = levels_on(min, max);
    let labels = match raw.labels {
        Some(labels) => {
            if labels.get_ref().len() != levels {
                c.err(
                    labels.span(),
                    format!(
                        "`labels` has {} entries but the scale {min}–{max} has {levels} levels",
                        labels.get_ref().len()
                    ),
                )
                .label = Some("give one label per whole level, lowest first".into());
            }
            labels.into_inner()
        }
        None => Vec::new(),
    };
    Scale { min, max, labels }
}

/// Non-zero weights or emphases further apart than this are refused: the
/// products of two of them must stay far from under- and overflow.
pub const MAX_SPREAD: f64 = 1e150;

/// The smallest and largest positive value when they are more than
/// [`MAX_SPREAD`] apart.
fn spread(values: impl Iterator<Item = f64>) -> Option<(f64, f64)> {
    let (lo, hi) = values
        .filter(|v| *v > 0.0)
        .fold((f64::MAX, 0.0f64), |(lo, hi), v| (lo.min(v), hi.max(v)));
    (hi > 0.0 && hi / lo > MAX_SPREAD).then_some((lo, hi))
}

/// The first `YYYY-MM-DD` in `text` with a plausible month and day.
pub fn find_date(text: &str) -> Option<String> {
    let b = text.as_bytes();
    (0..b.len().saturating_sub(9)).find_map(|i| {
        let s = &b[i..i + 10];
        let digits = |r: std::ops::Range<usize>| s[r].iter().all(u8::is_ascii_digit);
        if !(digits(0..4) && s[4] == b'-' && digits(5..7) && s[7] == b'-' && digits(8..10)) {
            return None;
        }
        let month = (s[5] - b'0') * 10 + (s[6] - b'0');
        let day = (s[8] - b'0') * 10 + (s[9] - b'0');
        ((1..=12).contains(&month) && (1..=31).contains(&day))
            .then(|| String::from_utf8_lossy(s).into_owned())
    })
}

/// Number of whole levels on a scale, 0 when it is empty.
fn levels_on(min: f64, max: f64) -> usize {
    if max > min {
        (max - min) as usize + 1
    } else {
        0
    }
}

fn model(c: &mut Checker, raw: &RawRubric, group_ids: &[String], top: Range<usize>) -> ModelParams {
    let m = raw.model.as_ref();
    let get = |f: fn(&super::raw::RawModel) -> &Option<Spanned<f64>>| m.and_then(|m| f(m).clone());
    let self_bias = c.opt_number(
        &get(|m| &m.self_bias),
        "self_bias",
        0.0,
        |_| true,
        "a finite number",
    );
    let steepness = c.opt_number(
        &get(|m| &m.steepness),
        "steepness",
        0.1,
        |v| v > 0.0,
        "greater than 0",
    );
    let horizon_years = c.opt_number(
        &get(|m| &m.horizon_years),
        "horizon_years",
        1.0,
        |v| v > 0.0,
        "greater than 0",
    );
    let overfocus_gap = c.opt_number(
        &get(|m| &m.overfocus_gap),
        "overfocus_gap",
        15.0,
        |v| (0.0..=100.0).contains(&v),
        "within 0–100",
    );
    let samples = match m.and_then(|m| m.samples.as_ref()) {
        Some(s) if !(0..=MAX_SAMPLES).contains(s.get_ref()) => {
            c.err(
                s.span(),
                format!("`samples` = {} is out of range", s.get_ref()),
            )
            .label = Some(format!("must be within 0–{MAX_SAMPLES}"));
            0
        }
        Some(s) => *s.get_ref() as u64,
        None => 20_000,
    };
    let seed = match m.and_then(|m| m.seed.as_ref()) {
        Some(s) if *s.get_ref() < 0 => {
            c.err(
                s.span(),
                format!("`seed` = {} is out of range", s.get_ref()),
            )
            .label = Some("must be 0 or more".into());
            0
        }
        Some(s) => *s.get_ref() as u64,
        None => 42,
    };
    let sensitivity_group = match m.and_then(|m| m.sensitivity_group.as_ref()) {
        Some(g) => group_ids
            .iter()
            .position(|id| id == g.get_ref())
            .unwrap_or_else(|| {
                c.err(
                    g.span(),
                    format!("`sensitivity_group` names unknown group `{}`", g.get_ref()),
                )
                .help = Some(format!("known groups: {}", list(group_ids)));
                0
            }),
        None => group_ids
            .iter()
            .position(|id| id == "technical")
            .unwrap_or_else(|| {
                if !group_ids.is_empty() {
                    c.err(top, "no `technical` group for the sensitivity sweep")
                        .help = Some(format!(
                        "set `[model] sensitivity_group` to one of {}",
                        list(group_ids)
                    ));
                }
                0
            }),
    };
    ModelParams {
        self_bias,
        steepness,
        samples,
        seed,
        horizon_years,
        sensitivity_group,
        overfocus_gap,
    }
}

fn premium(c: &mut Checker, p: &Spanned<toml::Value>) -> Option<Premium> {
    let num = |v: &toml::Value| match v {
        toml::Value::Float(f) => Some(*f),
        toml::Value::Integer(i) => Some(*i as f64),
        _ => None,
    };
    let valid = |v: f64| v.is_finite() && v >= -1.0;
    let parsed = match p.get_ref() {
        toml::Value::Table(t) => {
            let unknown: Vec<&String> = t
                .keys()
                .filter(|k| !["min", "mode", "max"].contains(&k.as_str()))
                .collect();
            let get = |k| t.get(k).and_then(num);
            match (get("min"), get("mode"), get("max")) {
                (Some(min), Some(mode), Some(max)) if unknown.is_empty() => {
                    if !(valid(min) && valid(mode) && valid(max)) {
                        None
                    } else if !(min <= mode && mode <= max) {
                        c.err(p.span(), format!("triangular `premium` needs min ≤ mode ≤ max, found {min}, {mode}, {max}"));
                        return None;
                    } else {
                        Some(Premium::Triangular { min, mode, max })
                    }
                }
                _ => None,
            }
        }
        v => num(v).filter(|v| valid(*v)).map(Premium::Fixed),
    };
    if parsed.is_none() {
        c.err(p.span(), "`premium` must be a number or { min, mode, max }")
            .label = Some(
            "e.g. 0.20, or { min = 0.10, mode = 0.20, max = 0.20 }; each finite and ≥ −1".into(),
        );
    }
    parsed
}

fn roles(c: &mut Checker, raw: &[(Spanned<String>, RawRole)], role_ids: &[String]) -> Vec<Role> {
    let lookup =
        |c: &mut Checker, name: &Spanned<String>, key: &str, this: &str| -> Option<usize> {
            match role_ids.iter().position(|id| id == name.get_ref()) {
                Some(i) if role_ids[i] == this => {
                    c.err(
                        name.span(),
                        format!("role `{this}`: `{key}` names the role itself"),
                    );
                    None
                }
                Some(i) => Some(i),
                None => {
                    c.err(
                        name.span(),
                        format!(
                            "role `{this}`: `{key}` names unknown role `{}`",
                            name.get_ref()
                        ),
                    )
                    .help = Some(format!("known roles: {}", list(role_ids)));
                    None
                }
            }
        };
    let mut roles = Vec::new();
    for (id, r) in raw {
        let this = id.get_ref().as_str();
        let key = |k: &str| format!("roles.{this}.{k}");
        let pay = match (&r.salary, &r.premium_over, &r.premium) {
            (Some(s), None, None) => Pay::Salary(
                c.number(s, &key("salary"), |v| v >= 0.0, "0 or more")
                    .unwrap_or(0.0),
            ),
            (None, Some(over), Some(p)) => {
                let role = lookup(c, over, "premium_over", this);
                let premium = premium(c, p);
                match (role, premium) {
                    (Some(role), Some(premium)) => Pay::PremiumOver { role, premium },
                    _ => Pay::Salary(0.0),
                }
            }
            (None, Some(over), None) => {
                c.err(
                    over.span(),
                    format!("role `{this}` has `premium_over` but no `premium`"),
                )
                .help = Some("add e.g. `premium = 0.20` (20% above that role's salary)".into());
                Pay::Salary(0.0)
            }
            (Some(s), Some(_), _) => {
                c.err(
                    s.span(),
                    format!("role `{this}` has both `salary` and `premium_over`"),
                )
                .help = Some("keep one: a salary, or a premium over another role".into());
                Pay::Salary(0.0)
            }
            (_, None, Some(p)) => {
                c.err(
                    p.span(),
                    format!("role `{this}` has `premium` but no `premium_over`"),
                )
                .help =
                    Some("say which role the premium is over, e.g. `premium_over = \"pm\"`".into());
                Pay::Salary(0.0)
            }
            (None, None, None) => {
                c.err(id.span(), format!("role `{this}` has neither `salary` nor `premium_over`"))
                    .help = Some("add `salary = 160000` (annual pay) or `premium_over = \"ROLE\"` with `premium`".into());
                Pay::Salary(0.0)
            }
        };
        let prob = |c: &mut Checker, v: &Spanned<f64>, k: &str| {
            c.number(
                v,
                &key(k),
                |v| (0.0..=1.0).contains(&v),
                "a probability within 0–1",
            )
            .unwrap_or(0.0)
        };
        let fallback = match &r.fallback {
            Some(f) => {
                let role = lookup(c, f, "fallback", this);
                let missing: Vec<&str> = [
                    ("downlevel_rate", r.downlevel_rate.is_none()),
                    ("upgrade_green_light", r.upgrade_green_light.is_none()),
                    ("upgrade_days", r.upgrade_days.is_none()),
                ]
                .into_iter()
                .filter_map(|(k, m)| m.then_some(k))
                .collect();
                if !missing.is_empty() {
                    c.err(
                        f.span(),
                        format!("role `{this}` has a `fallback` but no {}", list(&missing)),
                    )
                    .help = Some(
                        "a fallback needs downlevel_rate, upgrade_green_light and upgrade_days"
                            .into(),
                    );
                }
                let rate = r
                    .downlevel_rate
                    .as_ref()
                    .map_or(0.0, |v| prob(c, v, "downlevel_rate"));
                let light = r
                    .upgrade_green_light
                    .as_ref()
                    .map_or(0.0, |v| prob(c, v, "upgrade_green_light"));
                let days = c.opt_number(
                    &r.upgrade_days,
                    &key("upgrade_days"),
                    0.0,
                    |v| v >= 0.0,
                    "0 or more",
                );
                role.map(|role| Fallback {
                    role,
                    downlevel_rate: rate,
                    upgrade_green_light: light,
                    upgrade_days: days,
                })
            }
            None => {
                for (k, v) in [
                    ("downlevel_rate", &r.downlevel_rate),
                    ("upgrade_green_light", &r.upgrade_green_light),
                    ("upgrade_days", &r.upgrade_days),
                ] {
                    if let Some(v) = v {
                        c.err(
                            v.span(),
                            format!("role `{this}`: `{k}` has no effect without a `fallback`"),
                        )
                        .help = Some("add `fallback = \"ROLE\"` or remove this key".into());
                    }
                }
                None
            }
        };
        roles.push(Role {
            id: this.to_string(),
            title: r
                .title
                .as_ref()
                .map_or_else(|| this.to_string(), |t| t.get_ref().clone()),
            pay,
            fallback,
        });
    }
    // Cycles: following premium_over (or fallback) from a role must end.
    for (what, next) in [
        (
            "premium_over",
            (|r: &Role| match &r.pay {
                Pay::PremiumOver { role, .. } => Some(*role),
                Pay::Salary(_) => None,
            }) as fn(&Role) -> Option<usize>,
        ),
        ("fallback", |r: &Role| r.fallback.as_ref().map(|f| f.role)),
    ] {
        for (start, (id, _)) in raw.iter().enumerate() {
            let mut at = start;
            let mut path = vec![roles[start].id.clone()];
            for _ in 0..roles.len() {
                match next(&roles[at]) {
                    Some(n) if n == start => {
                        path.push(roles[n].id.clone());
                        c.err(
                            id.span(),
                            format!("`{what}` forms a cycle: {}", path.join(" → ")),
                        )
                        .help = Some(format!("`{what}` must lead to a role that has no `{what}`"));
                        break;
                    }
                    Some(n) => {
                        path.push(roles[n].id.clone());
                        at = n;
                    }
                    None => break,
                }
            }
        }
    }
    roles
}

fn number_map(
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

fn competency(
    c: &mut Checker,
    k: &RawCompetency,
    scale: &Scale,
    role_ids: &[String],
    group_ids: &[String],
) -> Competency {
    let id = k.id.get_ref().clone();
    let owner = format!("competency `{id}`");
    let group = group_ids
        .iter()
        .position(|g| g == k.group.get_ref())
        .unwrap_or_else(|| {
            c.err(
                k.group.span(),
                format!("{owner}: unknown group `{}`", k.group.get_ref()),
            )
            .help = Some(format!("known groups: {}", list(group_ids)));
            0
        });
    let on_scale = |v: f64| v >= scale.min && v <= scale.max;
    let scale_text = format!("on the scale {}–{}", scale.min, scale.max);
    let weight = match &k.weight {
        Some(map) => number_map(c, map, "weight", &owner, role_ids, "role")
            .into_iter()
            .map(|w| match w {
                Some((v, span)) => c
                    .number(
                        &Spanned::new(span, v),
                        &format!("{id}.weight"),
                        |v| v >= 0.0,
                        "0 or more",
                    )
                    .unwrap_or(0.0),
                None => 0.0,
            })
            .collect(),
        None => vec![0.0; role_ids.len()],
    };
    let bar = match &k.bar {
        Some(map) => number_map(c, map, "bar", &owner, role_ids, "role")
            .into_iter()
            .map(|b| {
                b.and_then(|(v, span)| {
                    c.number(
                        &Spanned::new(span, v),
                        &format!("{id}.bar"),
                        on_scale,
                        &scale_text,
                    )
                })
            })
            .collect(),
        None => vec![None; role_ids.len()],
    };
    let score = k
        .score
        .as_ref()
        .and_then(|s| c.number(s, &format!("{id}.score"), on_scale, &scale_text));
    let sd = match &k.confidence {
        None => 0.6,
        Some(conf) => {
            let parsed = match conf.get_ref() {
                toml::Value::String(s) => CONFIDENCE_SD
                    .iter()
                    .find(|(w, _)| w == s)
                    .map(|(_, sd)| *sd),
                toml::Value::Float(f) => Some(*f).filter(|f| f.is_finite() && *f > 0.0),
                toml::Value::Integer(i) => Some(*i as f64).filter(|f| *f > 0.0),
                _ => None,
            };
            parsed.unwrap_or_else(|| {
                c.err(
                    conf.span(),
                    format!("{owner}: `confidence` = {} is not valid", conf.get_ref()),
                )
                .label =
                    Some("use low, medium, high, or a standard deviation greater than 0".into());
                0.6
            })
        }
    };
    let levels = match &k.levels {
        Some(levels) => {
            let want = levels_on(scale.min, scale.max);
            if levels.get_ref().len() != want {
                c.err(
                    levels.span(),
                    format!(
                        "{owner}: `levels` has {} entries but the scale has {want} levels",
                        levels.get_ref().len()
                    ),
                )
                .label = Some("describe each whole level, lowest first".into());
            }
            levels.get_ref().clone()
        }
        None => Vec::new(),
    };
    Competency {
        name: k
            .name
            .as_ref()
            .map_or_else(|| id.clone(), |n| n.get_ref().clone()),
        id,
        group,
        question: k.question.clone(),
        levels,
        weight,
        bar,
        score,
        sd,
        evidence: k.evidence.clone().filter(|e| !e.trim().is_empty()),
    }
}

fn stage(
    c: &mut Checker,
    s: &Spanned<RawStage>,
    role_ids: &[String],
    group_ids: &[String],
    competencies: &[Competency],
    partial: bool,
) -> Stage {
    let raw = s.get_ref();
    let name = raw.name.get_ref().clone();
    let owner = format!("stage `{name}`");
    let count = match &raw.count {
        Some(n) if !(1..=MAX_COUNT).contains(n.get_ref()) => {
            c.err(
                n.span(),
                format!("{owner}: `count` = {} is out of range", n.get_ref()),
            )
            .label = Some(format!("must be a whole number within 1–{MAX_COUNT}"));
            1
        }
        Some(n) => *n.get_ref() as u32,
        None => 1,
    };
    let days = c.opt_number(&raw.days, "days", 0.0, |v| v >= 0.0, "0 or more");
    let emphasis: Vec<f64> = match &raw.emphasis {
        Some(map) => number_map(c, map, "emphasis", &owner, group_ids, "group")
            .into_iter()
            .map(|e| match e {
                Some((v, span)) => c
                    .number(
                        &Spanned::new(span, v),
                        "emphasis",
                        |v| v >= 0.0,
                        "0 or more",
                    )
                    .unwrap_or(0.0),
                None => 0.0,
            })
            .collect(),
        None => {
            c.err(s.span(), format!("{owner} has no `emphasis`")).help =
                Some("add e.g. `emphasis = { leadership = 2, technical = 1 }`".into());
            vec![0.0; group_ids.len()]
        }
    };
    let pass_at: Vec<f64> = match &raw.pass_at {
        Some(map) => {
            let values = number_map(c, map, "pass_at", &owner, role_ids, "role");
            let missing: Vec<&String> = role_ids
                .iter()
                .zip(&values)
                .filter_map(|(id, v)| v.is_none().then_some(id))
                .collect();
            if !missing.is_empty() {
                c.err(
                    map.span(),
                    format!("{owner}: `pass_at` has no value for {}", list(&missing)),
                )
                .help = Some(
                    "give every role the stage score (0–100) at which it passes half the time"
                        .into(),
                );
            }
            values
                .into_iter()
                .map(|v| match v {
                    Some((v, span)) => c
                        .number(
                            &Spanned::new(span, v),
                            "pass_at",
                            |v| (0.0..=100.0).contains(&v),
                            "within 0–100",
                        )
                        .unwrap_or(50.0),
                    None => 50.0,
                })
                .collect()
        }
        None => {
            c.err(s.span(), format!("{owner} has no `pass_at`")).help =
                Some("add e.g. `pass_at = { pm = 50, pmt = 55 }`".into());
            vec![50.0; role_ids.len()]
        }
    };
    if let Some((lo, hi)) = spread(emphasis.iter().copied()) {
        let span = raw.emphasis.as_ref().map_or(s.span(), |e| e.span());
        c.err(
            span,
            format!("{owner}: `emphasis` spans from {lo:e} to {hi:e}"),
        )
        .help = Some("keep every non-zero emphasis within a factor of 1e150 of the largest".into());
    }
    // A role whose weighted emphasis is 0 everywhere has an undefined stage score.
    if raw.emphasis.is_some() && !competencies.is_empty() && !partial {
        for (r, role) in role_ids.iter().enumerate() {
            // Scaled as the model does, so tiny weights × tiny emphasis do
            // not underflow to a false "no weight".
            let w_scale = crate::model::formula::pow2_scale(
                &competencies.iter().map(|k| k.weight[r]).collect::<Vec<_>>(),
            );
            let e_scale = crate::model::formula::pow2_scale(&emphasis);
            let total: f64 = competencies
                .iter()
                .map(|k| {
                    (k.weight[r] * w_scale)
                        * (emphasis.get(k.group).copied().unwrap_or(0.0) * e_scale)
                })
                .sum();
            if total == 0.0 && competencies.iter().any(|k| k.weight[r] > 0.0) {
                let span = raw.emphasis.as_ref().map_or(s.span(), |e| e.span());
                c.err(
                    span,
                    format!("{owner}: `emphasis` gives role `{role}` no weight at all"),
                )
                .help = Some(format!(
                    "emphasise a group in which `{role}` weighs some competency, so its stage score is defined"
                ));
            }
        }
    }
    Stage {
        name,
        count,
        days,
        emphasis,
        pass_at,
    }
}
