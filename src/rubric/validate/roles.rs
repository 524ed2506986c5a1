//! `[roles.ID]`: pay, premiums, fallbacks and the cycles they must not form.

use toml::Spanned;

use super::{Checker, list};
use crate::rubric::limits::MAX_DAYS;
use crate::rubric::raw::{RawPay, RawRole};
use crate::rubric::{Estimate, Fallback, Package, Pay, Role};

/// `premium`: 0–10 (DESIGN.md v2), every point of a triangular one.
fn premium(c: &mut Checker, p: &Spanned<toml::Value>) -> Option<Estimate> {
    c.estimate(
        p,
        "premium",
        |v| (0.0..=10.0).contains(&v),
        "e.g. 0.20, or { min = 0.10, mode = 0.20, max = 0.20 }; each within 0–10",
    )
}

/// `pay = { base, sign_on, rsu, vesting }`: amounts within 0–1e12, lists at
/// most 50 long, vesting shares ≥ 0 summing to at most 1.
fn package(c: &mut Checker, raw: &Spanned<RawPay>, this: &str) -> Package {
    let key = |k: &str| format!("roles.{this}.pay.{k}");
    let p = raw.get_ref();
    let vesting = p.vesting.as_ref().map_or_else(Vec::new, |v| {
        c.list(v, &key("vesting"), |s| s >= 0.0, "a share, 0 or more")
    });
    let total: f64 = vesting.iter().sum();
    if total > 1.0 + 1e-9 {
        if let Some(v) = &p.vesting {
            c.err(
                v.span(),
                format!(
                    "role `{this}`: `vesting` shares add up to {total}, more than the whole grant"
                ),
            )
            .label = Some(
                "the shares vesting each year must sum to at most 1, e.g. [0.05, 0.15, 0.40, 0.40]"
                    .into(),
            );
        }
    }
    let rsu = p.rsu.as_ref().map_or(0.0, |r| c.money(r, &key("rsu")));
    // Missing parts of a package are 0 (DESIGN.md v2), but a grant that never
    // vests is a mistake, not a choice: it would count 0 without a word.
    if rsu > 0.0 && total <= 0.0 {
        if let Some(r) = &p.rsu {
            let (span, what) = match &p.vesting {
                Some(v) => (v.span(), "its `vesting` shares are all 0"),
                None => (r.span(), "it has no `vesting`"),
            };
            c.err(
                span,
                format!("role `{this}`: an RSU grant of {} never vests: {what}", r.get_ref()),
            )
            .help = Some(
                "add the share vesting each year, e.g. `vesting = [0.05, 0.15, 0.40, 0.40]`, or remove `rsu`"
                    .into(),
            );
        }
    }
    Package {
        base: p.base.as_ref().map_or(0.0, |b| c.money(b, &key("base"))),
        sign_on: p
            .sign_on
            .as_ref()
            .map_or_else(Vec::new, |l| c.money_list(l, &key("sign_on"))),
        rsu,
        vesting,
    }
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
        let none = || Pay::Package(Package::default());
        let given: Vec<(&str, std::ops::Range<usize>)> = [
            ("salary", r.salary.as_ref().map(|v| v.span())),
            ("pay", r.pay.as_ref().map(|v| v.span())),
            ("premium_over", r.premium_over.as_ref().map(|v| v.span())),
        ]
        .into_iter()
        .filter_map(|(k, span)| span.map(|s| (k, s)))
        .collect();
        let pay = if given.len() > 1 {
            c.err(
                given[1].1.clone(),
                format!(
                    "role `{this}` has both `{}` and `{}`",
                    given[0].0, given[1].0
                ),
            )
            .help =
                Some("keep one: `salary`, a `pay` package, or a premium over another role".into());
            none()
        } else {
            match (&r.salary, &r.pay, &r.premium_over, &r.premium) {
                (Some(s), None, None, None) => Pay::Package(Package {
                    base: c.money(s, &key("salary")),
                    ..Package::default()
                }),
                (None, Some(p), None, None) => Pay::Package(package(c, p, this)),
                (None, None, Some(over), Some(p)) => {
                    let role = lookup(c, over, "premium_over", this);
                    let premium = premium(c, p);
                    match (role, premium) {
                        (Some(role), Some(premium)) => Pay::PremiumOver { role, premium },
                        _ => none(),
                    }
                }
                (None, None, Some(over), None) => {
                    c.err(
                        over.span(),
                        format!("role `{this}` has `premium_over` but no `premium`"),
                    )
                    .help = Some(
                        "add e.g. `premium = 0.20` (20% above that role's pay, every part of it)"
                            .into(),
                    );
                    none()
                }
                (_, _, None, Some(p)) => {
                    c.err(
                        p.span(),
                        format!("role `{this}` has `premium` but no `premium_over`"),
                    )
                    .help = Some(
                        "say which role the premium is over, e.g. `premium_over = \"pm\"`".into(),
                    );
                    none()
                }
                _ => {
                    c.err(id.span(), format!("role `{this}` has no pay"))
                        .help = Some(
                        "add `salary = 160000`, a package `pay = { base = 150000, sign_on = [50000, 40000], rsu = 200000, vesting = [0.05, 0.15, 0.40, 0.40] }`, or `premium_over = \"ROLE\"` with `premium`".into(),
                    );
                    none()
                }
            }
        };
        // A probability, or a triangular one (DESIGN.md v3): every point within 0–1.
        let prob = |c: &mut Checker, v: &Spanned<toml::Value>, k: &str| {
            c.estimate(
                v,
                &key(k),
                |v| (0.0..=1.0).contains(&v),
                "a probability within 0–1, e.g. 0.6, or { min = 0.4, mode = 0.6, max = 0.8 }",
            )
            .unwrap_or(Estimate::Fixed(0.0))
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
                    .map_or(Estimate::Fixed(0.0), |v| prob(c, v, "downlevel_rate"));
                let light = r
                    .upgrade_green_light
                    .as_ref()
                    .map_or(Estimate::Fixed(0.0), |v| prob(c, v, "upgrade_green_light"));
                let days = c.opt_number(
                    &r.upgrade_days,
                    &key("upgrade_days"),
                    0.0,
                    |v| (0.0..=MAX_DAYS).contains(&v),
                    "within 0–3650 (days)",
                );
                role.map(|role| Fallback {
                    role,
                    downlevel_rate: rate.point(),
                    upgrade_green_light: light.point(),
                    upgrade_days: days,
                    downlevel_estimate: rate,
                    green_light_estimate: light,
                })
            }
            None => {
                for (k, v) in [
                    (
                        "downlevel_rate",
                        r.downlevel_rate.as_ref().map(|v| v.span()),
                    ),
                    (
                        "upgrade_green_light",
                        r.upgrade_green_light.as_ref().map(|v| v.span()),
                    ),
                    ("upgrade_days", r.upgrade_days.as_ref().map(|v| v.span())),
                ] {
                    if let Some(span) = v {
                        c.err(
                            span,
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
                Pay::Package(_) => None,
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
