//! The model of DESIGN.md "The model": pure functions of a [`Rubric`] and a
//! vector of levels, no I/O and no randomness. The Monte Carlo and the
//! sensitivity sweep (`simulate`) call [`Model::eval`] with other levels and
//! premiums; the point assessment adds the detail a report needs.

pub mod exp;
pub mod formula;
pub mod strategy;

use crate::rubric::{Level, Money, Points, Rubric};

pub use formula::{Fit, Probability};
pub use strategy::{Strategy, StrategyKind};

/// A rubric compiled for repeated evaluation: per-role weight vectors and
/// per-(stage, role) coefficient vectors `w_ri · e_s,g(i)`, so a draw costs a
/// few dot products and no allocation.
#[derive(Debug, Clone)]
pub struct Model<'a> {
    pub rubric: &'a Rubric,
    /// `weights[r][i] = w_ri`.
    pub weights: Vec<Vec<f64>>,
    /// `stage_coef[s][r][i] = w_ri · e_s,g(i)`.
    pub stage_coef: Vec<Vec<Vec<f64>>>,
    /// The same coefficients normalised to sum to 1, competency-major for
    /// the Monte Carlo's hot loop: `cols[i·Q + q]` with `q = r·(S + 1) + j`,
    /// where row j = 0 is role r's fit weights and j = 1 + s stage s's
    /// coefficients. `F_r = 100 · Σ_i cols[i·Q + q]·x_i` equals DESIGN.md's
    /// ratio; every figure sums over i in rubric order, point or draw.
    cols: Vec<f64>,
    /// Q: rows per competency (roles × (stages + 1)).
    n_rows: usize,
    pub strategies: Vec<Strategy>,
}

/// The figures recomputed for every draw: what the Monte Carlo reports as
/// distributions. Index by role (`fit`, `offer`, `salary`) or strategy (`ev`).
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Core {
    pub fit: Vec<Fit>,
    pub offer: Vec<Probability>,
    pub salary: Vec<Money>,
    pub ev: Vec<Money>,
    /// Scratch: the row sums of [`Model::row_sums`].
    acc: Vec<f64>,
}

impl<'a> Model<'a> {
    pub fn new(rubric: &'a Rubric) -> Self {
        let weights: Vec<Vec<f64>> = (0..rubric.roles.len())
            .map(|r| rubric.competencies.iter().map(|c| c.weight[r]).collect())
            .collect();
        let stage_coef: Vec<Vec<Vec<f64>>> = rubric
            .stages
            .iter()
            .map(|s| {
                weights
                    .iter()
                    .map(|w| {
                        rubric
                            .competencies
                            .iter()
                            .zip(w)
                            .map(|(c, w)| w * s.emphasis[c.group])
                            .collect()
                    })
                    .collect()
            })
            .collect();
        let n = rubric.competencies.len();
        let mut rows: Vec<Vec<f64>> = Vec::new();
        for (r, w) in weights.iter().enumerate() {
            let stages = stage_coef.iter().map(|per_role| &per_role[r]);
            for row in std::iter::once(w).chain(stages) {
                let total: f64 = row.iter().sum();
                rows.push(
                    row.iter()
                        .map(|c| if total > 0.0 { c / total } else { 0.0 })
                        .collect(),
                );
            }
        }
        let n_rows = rows.len();
        let cols = (0..n)
            .flat_map(|i| rows.iter().map(move |row| row[i]))
            .collect();
        Model {
            rubric,
            weights,
            stage_coef,
            cols,
            n_rows,
            strategies: strategy::list(rubric),
        }
    }

    /// Point levels `x_i` from the scores (blank scores count as the scale
    /// minimum; `assess` refuses blank rubrics before getting here).
    pub fn point_levels(&self) -> Vec<Level> {
        self.shifted_levels(None, 0.0)
    }

    /// Levels with every competency of `group` shifted by `delta` scale points.
    pub fn shifted_levels(&self, group: Option<usize>, delta: Points) -> Vec<Level> {
        let r = self.rubric;
        r.competencies
            .iter()
            .map(|c| {
                let shift = if Some(c.group) == group { delta } else { 0.0 };
                let raw = c.score.unwrap_or(r.scale.min) + shift;
                formula::level(raw, r.model.self_bias, r.scale.min, r.scale.max)
            })
            .collect()
    }

    /// Point premiums per role (0 for roles paid a plain salary).
    pub fn point_premiums(&self) -> Vec<f64> {
        self.rubric
            .roles
            .iter()
            .map(|role| match &role.pay {
                crate::rubric::Pay::PremiumOver { premium, .. } => premium.point(),
                crate::rubric::Pay::Salary(_) => 0.0,
            })
            .collect()
    }

    /// Stage scores `S_sr` for role `r`, in stage order.
    pub fn stage_score(&self, s: usize, r: usize, levels: &[Level]) -> Fit {
        100.0 * self.row_sum(r * (self.rubric.stages.len() + 1) + 1 + s, levels)
    }

    /// `Σ_i cols[i·Q + q]·x_i`, in the same order as [`Model::eval`].
    fn row_sum(&self, q: usize, levels: &[Level]) -> f64 {
        let mut sum = 0.0;
        for (col, x) in self.cols.chunks_exact(self.n_rows).zip(levels) {
            sum += col[q] * x;
        }
        sum
    }

    /// All rows at once: `acc[q] = Σ_i cols[i·Q + q]·x_i`.
    fn row_sums(&self, levels: &[Level], acc: &mut Vec<f64>) {
        acc.clear();
        acc.resize(self.n_rows, 0.0);
        for (col, x) in self.cols.chunks_exact(self.n_rows).zip(levels) {
            for (a, c) in acc.iter_mut().zip(col) {
                *a += c * x;
            }
        }
    }

    /// Recomputes fit, offer probability, salary and every strategy's EV.
    pub fn eval(&self, levels: &[Level], premiums: &[f64], out: &mut Core) {
        let rubric = self.rubric;
        let n_roles = rubric.roles.len();
        out.fit.resize(n_roles, 0.0);
        out.offer.resize(n_roles, 0.0);
        out.salary.resize(n_roles, 0.0);
        out.ev.resize(self.strategies.len(), 0.0);
        let k = rubric.model.steepness;
        self.row_sums(levels, &mut out.acc);
        let per_role = rubric.stages.len() + 1;
        for r in 0..n_roles {
            let sums = &out.acc[r * per_role..(r + 1) * per_role];
            out.fit[r] = 100.0 * sums[0];
            let mut offer = 1.0;
            for (stage, sum) in rubric.stages.iter().zip(&sums[1..]) {
                offer *= formula::stage_pass(100.0 * sum, stage.pass_at[r], k, stage.count);
            }
            out.offer[r] = offer;
        }
        formula::salaries(rubric, premiums, &mut out.salary);
        let h = rubric.model.horizon_years;
        let stay = rubric.candidate.current_salary;
        for (i, s) in self.strategies.iter().enumerate() {
            out.ev[i] = s.expected_value(rubric, &out.offer, &out.salary, stay, h);
        }
    }

    /// The full point assessment, with the detail the reports show.
    pub fn assess(&self) -> Assessment {
        let rubric = self.rubric;
        let levels = self.point_levels();
        let premiums = self.point_premiums();
        let mut core = Core::default();
        self.eval(&levels, &premiums, &mut core);
        let bias = rubric.model.self_bias;
        let k = rubric.model.steepness;

        let roles: Vec<RoleResult> = (0..rubric.roles.len())
            .map(|r| {
                let w = &self.weights[r];
                let groups = (0..rubric.groups.len())
                    .map(|g| {
                        let in_group: Vec<f64> = rubric
                            .competencies
                            .iter()
                            .zip(w)
                            .map(|(c, w)| if c.group == g { *w } else { 0.0 })
                            .collect();
                        formula::weighted_percent(&in_group, &levels)
                    })
                    .collect();
                let mut reach = 1.0;
                let stages = rubric
                    .stages
                    .iter()
                    .enumerate()
                    .map(|(s, stage)| {
                        let score = self.stage_score(s, r, &levels);
                        let pass = formula::stage_pass(score, stage.pass_at[r], k, stage.count);
                        let result = StageResult { score, pass, reach };
                        reach *= pass;
                        result
                    })
                    .collect();
                let selfs: Vec<Option<Points>> = rubric
                    .competencies
                    .iter()
                    .map(|c| c.score.map(|s| s + bias))
                    .collect();
                let bars: Vec<Option<Points>> =
                    rubric.competencies.iter().map(|c| c.bar[r]).collect();
                RoleResult {
                    fit: core.fit[r],
                    groups,
                    coverage: formula::coverage(w, &bars, &selfs),
                    gaps: formula::gaps(w, &bars, &selfs),
                    stages,
                    offer: core.offer[r],
                    salary: core.salary[r],
                }
            })
            .collect();

        let reach = roles_reach(&roles);
        let strategies = self
            .strategies
            .iter()
            .enumerate()
            .map(|(i, s)| StrategyResult {
                ev: core.ev[i],
                outcomes: s.outcomes(rubric, &core.offer),
                days: s.expected_days(rubric, &reach, &core.offer),
            })
            .collect::<Vec<_>>();
        let recommendation = formula::argmax_first(&core.ev);
        Assessment {
            levels,
            roles,
            strategies,
            recommendation,
        }
    }
}

fn roles_reach(roles: &[RoleResult]) -> Vec<Vec<Probability>> {
    roles
        .iter()
        .map(|r| r.stages.iter().map(|s| s.reach).collect())
        .collect()
}

/// The point assessment of one rubric.
#[derive(Debug, Clone)]
pub struct Assessment {
    /// `x_i` per competency.
    pub levels: Vec<Level>,
    pub roles: Vec<RoleResult>,
    pub strategies: Vec<StrategyResult>,
    /// Index into `strategies`.
    pub recommendation: usize,
}

#[derive(Debug, Clone)]
pub struct RoleResult {
    pub fit: Fit,
    /// `G_rg` per group; `None` where the role weighs nothing in the group.
    pub groups: Vec<Option<Fit>>,
    /// Share (0–1) of the role's weight on competencies at or above the bar.
    pub coverage: f64,
    pub gaps: Vec<formula::Gap>,
    pub stages: Vec<StageResult>,
    pub offer: Probability,
    pub salary: Money,
}

#[derive(Debug, Clone, Copy)]
pub struct StageResult {
    pub score: Fit,
    pub pass: Probability,
    /// Probability of reaching the stage (passing every earlier one).
    pub reach: Probability,
}

#[derive(Debug, Clone)]
pub struct StrategyResult {
    pub ev: Money,
    /// Probability of ending with each role's offer, in role order.
    pub outcomes: Outcomes,
    pub days: f64,
}

/// Where a strategy ends: an offer for one of the roles, or none.
#[derive(Debug, Clone, PartialEq)]
pub struct Outcomes {
    pub roles: Vec<Probability>,
    pub none: Probability,
}

#[cfg(test)]
mod tests {
    use super::Model;
    use crate::rubric::parse_str;

    /// Built so every figure can be worked out by hand: one competency at
    /// level 0.5 (score 3 on 1–5), a slope so steep that a stage passes
    /// surely above its mark and half the time at it.
    const SMALL: &str = r#"
schema = 1
[candidate]
current_salary = 80
[model]
steepness = 1000
sensitivity_group = "all"
[roles.pm]
salary = 100
[roles.pmt]
premium_over = "pm"
premium = 0.2
fallback = "pm"
downlevel_rate = 0.6
upgrade_green_light = 0.8
upgrade_days = 20
[groups.all]
[[competency]]
id = "only"
group = "all"
weight = { pm = 1, pmt = 1 }
score = 3
[[stage]]
name = "first"
days = 10
emphasis = { all = 1 }
pass_at = { pm = 50, pmt = 50 }
[[stage]]
name = "second"
days = 5
emphasis = { all = 1 }
pass_at = { pm = 0, pmt = 50 }
"#;

    fn close(a: f64, b: f64) {
        assert!((a - b).abs() < 1e-9, "{a} != {b}");
    }

    #[test]
    fn worked_example_of_every_strategy() {
        let rubric = parse_str("small.toml", SMALL).expect("valid");
        let model = Model::new(&rubric);
        let a = model.assess();
        // S = 50 everywhere. pm: σ(0) · σ(1000·50) = 0.5 · 1 = 0.5.
        // pmt: σ(0) · σ(0) = 0.25.
        close(a.roles[0].offer, 0.5);
        close(a.roles[1].offer, 0.25);
        // Sal_pmt = 100 · 1.2 = 120.
        close(a.roles[1].salary, 120.0);
        let ids: Vec<&str> = model.strategies.iter().map(|s| s.id.as_str()).collect();
        assert_eq!(
            ids,
            ["stay", "apply:pm", "apply:pmt", "apply:pm+upgrade:pmt"]
        );
        let ev: Vec<f64> = a.strategies.iter().map(|s| s.ev).collect();
        // stay: 80. apply:pm: 0.5·100 + 0.5·80 = 90.
        close(ev[0], 80.0);
        close(ev[1], 90.0);
        // apply:pmt: D = 0.6 · (0.5 − 0.25) = 0.15;
        // 0.25·120 + 0.15·100 + (1 − 0.25 − 0.15)·80 = 30 + 15 + 48 = 93.
        close(ev[2], 93.0);
        // upgrade: u = 0.8 · min(1, 0.25/0.5) = 0.4;
        // 0.5·(0.4·120 + 0.6·100) + 0.5·80 = 54 + 40 = 94.
        close(ev[3], 94.0);
        assert_eq!(a.recommendation, 3);
        // outcomes
        let apply_pmt = &a.strategies[2].outcomes;
        close(apply_pmt.roles[1], 0.25);
        close(apply_pmt.roles[0], 0.15);
        close(apply_pmt.none, 0.6);
        let upgrade = &a.strategies[3].outcomes;
        close(upgrade.roles[1], 0.2);
        close(upgrade.roles[0], 0.3);
        close(upgrade.none, 0.5);
        // days: 10·1 + 5·0.5 = 12.5 for either role (both reach the second
        // stage half the time); upgrade adds P_pm · 0.8 · 20 = 8.
        close(a.strategies[0].days, 0.0);
        close(a.strategies[1].days, 12.5);
        close(a.strategies[2].days, 12.5);
        close(a.strategies[3].days, 20.5);
    }

    #[test]
    fn horizon_multiplies_every_expected_value() {
        let rubric = parse_str(
            "small.toml",
            &SMALL.replace("steepness", "horizon_years = 3\nsteepness"),
        )
        .expect("valid");
        let a = Model::new(&rubric).assess();
        close(a.strategies[0].ev, 240.0);
        close(a.strategies[3].ev, 282.0);
    }
}
