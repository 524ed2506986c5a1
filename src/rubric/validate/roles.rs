//! `[roles.ID]`: pay, premiums, fallbacks and the cycles they must not form.

use toml::Spanned;

use super::{Checker, list};
use crate::rubric::raw::RawRole;
use crate::rubric::{Fallback, Pay, Premium, Role};

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

/// Every role, in rubric order; cycles of `premium_over` or `fallback` are errors.
pub(super) fn roles(
    c: &mut Checker,
    raw: &[(Spanned<String>, RawRole)],
    role_ids: &[String],
) -> Vec<Role> {
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
