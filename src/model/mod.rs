//! The model of DESIGN.md "The model": pure functions of a [`Rubric`] and a
//! vector of levels, no I/O and no randomness. The Monte Carlo and the
//! sensitivity sweep (`simulate`) call [`Model::eval`] with other levels and
//! premiums; the point assessment adds the detail a report needs.

mod assessment;
pub(crate) mod exp;
pub(crate) mod formula;
mod kernel;
pub(crate) mod pay;
pub(crate) mod vote;

pub use assessment::{Assessment, Outcomes, RoleResult, StageResult, StrategyResult, ranked};
pub(crate) mod strategy;
#[cfg(test)]
mod tests;

use crate::rubric::Rubric;
use crate::units::{Amount as Money, Level, Points, Probability};

pub use kernel::{Core, Lanes};
pub use strategy::{Strategy, StrategyKind};

/// A rubric compiled for repeated evaluation: per-role weights in group
/// order and per-(role, stage) group coefficients, so a draw costs a few
/// dot products and no allocation.
#[derive(Debug, Clone)]
pub struct Model<'a> {
    pub rubric: &'a Rubric,
    /// `weights[r][i] = w_ri`.
    pub weights: Vec<Vec<f64>>,
    /// For the hot loop. Stage s's score for role r only depends on the
    /// role's weighted level sums per group, `T_rg = Σ_{i∈g} w_ri·x_i`:
    /// `S_sr = 100 · Σ_g e_sg·T_rg / Σ_i w_ri·e_s,g(i)` and
    /// `F_r = 100 · Σ_g T_rg / Σ_i w_ri`. So a draw needs one pass over the
    /// competencies (roles × competencies products) and then a few products
    /// per stage, instead of roles × stages × competencies.
    ///
    /// Competency indices sorted by group (stable), the range of each group
    /// in that order, and `sorted_weights[r·n + k] = w_r,order[k]`: each
    /// `T_rg` is then a dot product over a contiguous range.
    order: Vec<usize>,
    /// The inverse of `order`: competency i's place in group order.
    slot: Vec<usize>,
    group_ranges: Vec<std::ops::Range<usize>>,
    sorted_weights: Vec<f64>,
    /// Pay over the horizon, compiled.
    pub pay: pay::PayModel,
    /// The stock growth's point value (a triangular's mode).
    pub growth: f64,
    /// `pass_at[r·S + s]` and, per stage, `count_s`, `k_s` and `ln m_s` for
    /// the candidate's route.
    pass_at: Vec<f64>,
    count: Vec<u32>,
    steepness: Vec<f64>,
    ln_odds: Vec<f64>,
    /// `fit_scale[r] = 1 / Σ_i w_ri`.
    fit_scale: Vec<f64>,
    /// `stage_group_coef[(r·S + s)·G + g] = e_sg / Σ_i w_ri·e_s,g(i)`.
    stage_group_coef: Vec<f64>,
    pub strategies: Vec<Strategy>,
    /// Voted stages (DESIGN.md v3): the settings, per stage `(n, C(n, j)
    /// for j ≤ m)` for a voted one, and `incline_offset[r·n + k]`, the
    /// log-odds of "inclined" at level 0 of the competency in slot k (its
    /// penalty as entered, role r's bar) as [`vote::Votes::factor`] keeps
    /// it, so a draw's `v_ri` costs a division.
    votes: vote::Votes,
    voted: Vec<Option<(u32, Vec<f64>)>>,
    incline_offset: Vec<f64>,
    /// `miss_source[r·n + k]`: the first `r'·n + k` (r' ≤ r) whose
    /// `incline_offset` has the same bits, so a draw works out each
    /// distinct `1 − v_ri` once (a role's chance only differs from
    /// another's through the bar).
    miss_source: Vec<usize>,
    /// `d_i` as entered, per competency in rubric order.
    pub penalty: Vec<f64>,
}

impl<'a> Model<'a> {
    pub fn new(rubric: &'a Rubric) -> Self {
        let weights: Vec<Vec<f64>> = (0..rubric.roles.len())
            .map(|r| rubric.competencies.iter().map(|c| c.weight[r]).collect())
            .collect();
        // Every ratio below is unchanged when a role's weights, or a stage's
        // emphasis, are all multiplied by the same power of two (exactly, no
        // rounding); scaling each to around 1 keeps products of weights of
        // 1e-300 or 1e300 from underflowing or overflowing.
        let scaled: Vec<Vec<f64>> = weights
            .iter()
            .map(|w| {
                let k = crate::units::pow2_scale(w);
                w.iter().map(|w| w * k).collect()
            })
            .collect();
        // `stage_coef[s][r][i] = w_ri · e_s,g(i)`, summed below for each
        // stage score's denominator (in this order, so every bit stays).
        let stage_coef: Vec<Vec<Vec<f64>>> = rubric
            .stages
            .iter()
            .map(|s| {
                let k = crate::units::pow2_scale(&s.emphasis);
                scaled
                    .iter()
                    .map(|w| {
                        rubric
                            .competencies
                            .iter()
                            .zip(w)
                            .map(|(c, w)| w * (s.emphasis[c.group] * k))
                            .collect()
                    })
                    .collect()
            })
            .collect();
        let n_groups = rubric.groups.len();
        let inverse = |total: f64| if total > 0.0 { 1.0 / total } else { 0.0 };
        let mut order: Vec<usize> = (0..rubric.competencies.len()).collect();
        order.sort_by_key(|&i| rubric.competencies[i].group);
        let group_ranges = (0..n_groups)
            .map(|g| {
                let start = order.partition_point(|&i| rubric.competencies[i].group < g);
                let end = order.partition_point(|&i| rubric.competencies[i].group <= g);
                start..end
            })
            .collect();
        let sorted_weights = scaled
            .iter()
            .flat_map(|w| order.iter().map(move |&i| w[i]))
            .collect();
        let pass_at = (0..rubric.roles.len())
            .flat_map(|r| rubric.stages.iter().map(move |s| s.pass_at[r]))
            .collect();
        let count = rubric.stages.iter().map(|s| s.count).collect();
        let steepness = rubric.stages.iter().map(|s| s.steepness).collect();
        let route = rubric.candidate.route;
        let ln_odds = rubric.stages.iter().map(|s| s.odds(route).ln()).collect();
        let fit_scale = scaled.iter().map(|w| inverse(w.iter().sum())).collect();
        let mut stage_group_coef = Vec::new();
        for r in 0..rubric.roles.len() {
            for (stage, per_role) in rubric.stages.iter().zip(&stage_coef) {
                let den = inverse(per_role[r].iter().sum());
                let k = crate::units::pow2_scale(&stage.emphasis);
                stage_group_coef.extend(stage.emphasis.iter().map(|e| e * k * den));
            }
        }
        let votes = vote::Votes::new(rubric);
        let penalty = vote::penalties(rubric);
        let incline_offset = (0..rubric.roles.len())
            .flat_map(|r| order.iter().map(move |&i| (r, i)))
            .map(|(r, i)| votes.factor(votes.offset(penalty[i], rubric.competencies[i].bar[r])))
            .collect::<Vec<f64>>();
        let n = order.len();
        let miss_source = (0..incline_offset.len())
            .map(|at| {
                let same = |r: &usize| {
                    incline_offset[r * n + at % n].to_bits() == incline_offset[at].to_bits()
                };
                (0..=at / n).find(same).map_or(at, |r| r * n + at % n)
            })
            .collect();
        let voted = rubric
            .stages
            .iter()
            .map(|s| s.vote.map(|v| (v.votes, vote::choose(v.votes, v.max_no))))
            .collect();
        Model {
            rubric,
            weights,
            votes,
            voted,
            incline_offset,
            miss_source,
            penalty,
            pay: pay::PayModel::new(rubric),
            growth: rubric.model.stock_growth.point(),
            slot: {
                let mut slot = vec![0; order.len()];
                for (k, &i) in order.iter().enumerate() {
                    slot[i] = k;
                }
                slot
            },
            order,
            group_ranges,
            sorted_weights,
            pass_at,
            count,
            steepness,
            ln_odds,
            fit_scale,
            stage_group_coef,
            strategies: strategy::list(rubric),
        }
    }

    /// Point levels `x_i` from the scores (blank scores count as the scale
    /// minimum; `assess` refuses blank rubrics before getting here).
    pub fn point_levels(&self) -> Vec<Level> {
        self.shifted_levels(None, 0.0)
    }

    /// Levels with every competency of `group` shifted by `delta` scale points.
    pub(crate) fn shifted_levels(&self, group: Option<usize>, delta: Points) -> Vec<Level> {
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

    /// Every role's point offer chance with competency i read at `target`
    /// (`score + self_bias = target`, scale points) and everything else as
    /// entered: what raising one competency to a bar would do.
    pub(crate) fn offers_with(&self, i: usize, target: Points) -> Vec<Probability> {
        let r = self.rubric;
        let mut levels = self.point_levels();
        levels[i] = formula::level(target, 0.0, r.scale.min, r.scale.max);
        let mut core = Core::default();
        self.eval(&levels, &self.point_premiums(), &mut core);
        core.offer
    }

    /// Point premiums per role (0 for roles paid a plain salary).
    pub fn point_premiums(&self) -> Vec<f64> {
        self.rubric
            .roles
            .iter()
            .map(|role| match &role.pay {
                crate::rubric::Pay::PremiumOver { premium, .. } => premium.point(),
                crate::rubric::Pay::Package(_) => 0.0,
            })
            .collect()
    }

    /// Where each competency sits in group order: `levels[i]` of
    /// [`Model::eval_lanes`] is `sorted[slots()[i]]` of
    /// [`Model::eval_grouped_lanes`].
    pub(crate) fn slots(&self) -> Vec<usize> {
        let mut slots = vec![0; self.order.len()];
        for (k, &i) in self.order.iter().enumerate() {
            slots[i] = k;
        }
        slots
    }

    /// The full point assessment, with the detail the reports show.
    pub fn assess(&self) -> Assessment {
        let rubric = self.rubric;
        let levels = self.point_levels();
        let premiums = self.point_premiums();
        let mut core = Core::default();
        self.eval(&levels, &premiums, &mut core);
        let bias = rubric.model.self_bias;
        // Pay at the point values: each role's package, and `V_r(T_t)` at
        // every join time (`values[t·R + r]`), before any decline.
        let n_roles = rubric.roles.len();
        let packages: Vec<crate::rubric::Package> = (0..n_roles)
            .map(|r| self.pay.package(r, core.lanes.mult[r][0]))
            .collect();
        let values: Vec<Money> = (0..self.pay.times.len())
            .flat_map(|t| (0..n_roles).map(move |r| (t, r)))
            .map(|(t, r)| {
                self.pay
                    .value(t, r, &core.lanes.mult[r], &core.lanes.powers)[0]
            })
            .collect();
        let years = self.pay.horizon.ceil() as usize;

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
                        let (score, pass) = self.stage_figures(&core, s, r);
                        let voted = stage.vote.is_some();
                        let result = StageResult {
                            score,
                            pass,
                            reach,
                            voted,
                        };
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
                    interviewed: core.interviewed[r],
                    salary: core.salary[r],
                    package: packages[r].clone(),
                    pay_by_year: (1..=years)
                        .map(|y| packages[r].year(y, self.growth))
                        .collect(),
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
                by_year: self.by_year(s, &core.offer, &values, &packages),
                outcomes: s.outcomes(rubric, &self.pay, &core.offer, &values),
                days: s.expected_days(rubric, &reach, &core.offer),
                days_to_offer: s.days_to_offer(rubric),
            })
            .collect::<Vec<_>>();
        let (recommendation, runner_up) = ranked(&core.ev);
        Assessment {
            levels,
            roles,
            strategies,
            recommendation,
            runner_up,
            stay_value: self.pay.stay,
            offer_value: values[..n_roles].to_vec(),
            declined: values[..n_roles]
                .iter()
                .map(|v| !self.pay.takes(*v))
                .collect(),
            unprepared: rubric.unprepared(),
        }
    }

    /// A strategy's expected pay per calendar year y = 1 … ⌈H⌉, over
    /// `[y − 1, min(y, H)]`: the same mixture as its value, each value
    /// replaced by its part of that year; a declined offer contributes
    /// staying's part. The years add up to the EV.
    fn by_year(
        &self,
        s: &Strategy,
        offer: &[Probability],
        values: &[Money],
        packages: &[crate::rubric::Package],
    ) -> Vec<Money> {
        let rubric = self.rubric;
        let n = rubric.roles.len();
        let h = self.pay.horizon;
        let stay = |y: usize| rubric.stay_year(y);
        let mixture = s.mixture(rubric, &self.pay, offer);
        (1..=h.ceil() as usize)
            .map(|y| {
                let (a, b) = ((y - 1) as f64, (y as f64).min(h));
                let stay_part = pay::integral(a, b, f64::INFINITY, &stay, &|_| 0.0);
                let mut total = stay_part;
                for &(p, role, t) in &mixture {
                    if self.pay.takes(values[t * n + role]) {
                        let package = &packages[role];
                        let joined = pay::integral(a, b, self.pay.times[t], &stay, &|k| {
                            package.year(k, self.growth)
                        });
                        total += p * (joined - stay_part);
                    }
                }
                total
            })
            .collect()
    }
}

fn roles_reach(roles: &[RoleResult]) -> Vec<Vec<Probability>> {
    roles
        .iter()
        .map(|r| r.stages.iter().map(|s| s.reach).collect())
        .collect()
}
