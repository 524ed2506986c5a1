//! `[[competency]]`: group, weights, bars, score, confidence, levels.

use toml::Spanned;

use super::{Checker, levels_on, list, number_map};
use crate::rubric::raw::RawCompetency;
use crate::rubric::{Competency, Scale};

/// The confidence words and the standard deviation (scale points) each stands for.
pub(crate) const CONFIDENCE_SD: [(&str, f64); 3] = [("low", 1.0), ("medium", 0.6), ("high", 0.3)];

/// One competency, its numbers checked against the scale and the roles.
pub(super) fn competency(
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
                    // Any case, as `fill` takes it: "High" is "high".
                    .find(|(w, _)| w.eq_ignore_ascii_case(s))
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
        // Set once every group is known (validate::validate).
        hours_per_step: 0.0,
    }
}
