//! The model of DESIGN.md "The model": pure functions of a [`Rubric`] and a
//! vector of levels, no I/O and no randomness. The Monte Carlo and the
//! sensitivity sweep (`simulate`) call [`Model::eval`] with other levels and
//! premiums; the point assessment adds the detail a report needs.

mod assessment;
pub mod exp;
pub mod formula;
pub mod pay;

pub use assessment::{Assessment, Outcomes, RoleResult, StageResult, StrategyResult, ranked};
pub mod strategy;
#[cfg(test)]
mod tests;

use crate::rubric::Rubric;
use crate::units::{Amount as Money, Fit, Level, Points, Probability};

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
}

/// The figures recomputed for every draw: what the Monte Carlo reports as
/// distributions. Index by role (`fit`, `offer`, `salary`) or strategy (`ev`).
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Core {
    pub fit: Vec<Fit>,
    pub offer: Vec<Probability>,
    /// `I_r`: the offer chance once past the first stage (the screening).
    pub interviewed: Vec<Probability>,
    pub salary: Vec<Money>,
    pub ev: Vec<Money>,
    /// Scratch for [`Model::eval_lanes`] with one lane.
    lanes: Lanes<1>,
    levels: Vec<[Level; 1]>,
    premiums: Vec<[f64; 1]>,
}

/// The same figures for `B` draws at once: `fit[r][b]` is role r's fit in
/// draw b. Evaluating draws side by side lets the processor overlap their
/// work; every lane gets exactly the arithmetic a single draw would.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Lanes<const B: usize> {
    pub fit: Vec<[Fit; B]>,
    pub offer: Vec<[Probability; B]>,
    pub interviewed: Vec<[Probability; B]>,
    pub ev: Vec<[Money; B]>,
    /// Scratch: levels in group order ([`Model::eval_lanes`]) and the group
    /// sums `T_rg`.
    sorted: Vec<[Level; B]>,
    sums: Vec<[f64; B]>,
    /// Scratch for pay: premium multipliers per role, `(1 + g)^y` per job
    /// year, and `A_r(T_t)` (the value if taken) at `t·R + r`.
    mult: Vec<[f64; B]>,
    powers: Vec<[f64; B]>,
    taken: Vec<[Money; B]>,
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
        Model {
            rubric,
            weights,
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
                crate::rubric::Pay::Package(_) => 0.0,
            })
            .collect()
    }

    /// Where each competency sits in group order: `levels[i]` of
    /// [`Model::eval_lanes`] is `sorted[slots()[i]]` of
    /// [`Model::eval_grouped_lanes`].
    pub fn slots(&self) -> Vec<usize> {
        let mut slots = vec![0; self.order.len()];
        for (k, &i) in self.order.iter().enumerate() {
            slots[i] = k;
        }
        slots
    }

    /// `T_rg = Σ_{i∈g} w_ri·x_i` into `sums[r·G + g]`, per lane, from levels
    /// in group order.
    fn group_sums<const B: usize>(&self, sorted: &[[Level; B]], sums: &mut Vec<[f64; B]>) {
        let n = self.order.len();
        sums.clear();
        for r in 0..self.rubric.roles.len() {
            let w = &self.sorted_weights[r * n..(r + 1) * n];
            for range in &self.group_ranges {
                let mut acc = [0.0; B];
                for (w, x) in w[range.clone()].iter().zip(&sorted[range.clone()]) {
                    for (a, x) in acc.iter_mut().zip(x) {
                        *a += w * x;
                    }
                }
                sums.push(acc);
            }
        }
    }

    fn stage_coef_of(&self, r: usize, s: usize) -> &[f64] {
        let n_groups = self.rubric.groups.len();
        let at = (r * self.rubric.stages.len() + s) * n_groups;
        &self.stage_group_coef[at..at + n_groups]
    }

    /// Stage score `S_sr` from the group sums the last [`Model::eval`] left
    /// in `core`, as [`Model::eval_lanes`] computes it.
    fn stage_score(&self, core: &Core, s: usize, r: usize) -> Fit {
        let n_groups = self.rubric.groups.len();
        let t = &core.lanes.sums[r * n_groups..(r + 1) * n_groups];
        combine(self.stage_coef_of(r, s), t)[0]
    }

    /// Recomputes fit, offer probability, salary and every strategy's EV.
    pub fn eval(&self, levels: &[Level], premiums: &[f64], out: &mut Core) {
        out.levels.clear();
        out.levels.extend(levels.iter().map(|x| [*x]));
        out.premiums.clear();
        out.premiums.extend(premiums.iter().map(|p| [*p]));
        self.eval_lanes(&out.levels, &out.premiums, [self.growth], &mut out.lanes);
        self.point_figures(out);
    }

    /// The group sums `T_rg = Σ_{i∈g} w_ri·x_i` of point levels, as
    /// `sums[r·G + g]` (weights scaled as the model scales them).
    pub fn sums(&self, levels: &[Level]) -> Vec<f64> {
        let sorted: Vec<[Level; 1]> = self.order.iter().map(|&i| [levels[i]]).collect();
        let mut sums = Vec::new();
        self.group_sums(&sorted, &mut sums);
        sums.into_iter().map(|s| s[0]).collect()
    }

    /// How much competency i's level moves role r's group sum: its scaled
    /// weight, in `sums[r·G + group]`.
    pub fn sum_weight(&self, r: usize, i: usize) -> f64 {
        self.sorted_weights[r * self.order.len() + self.slot[i]]
    }

    /// [`Model::eval`] from group sums (see [`Model::sums`]) rather than
    /// levels: what the planner uses, changing one competency at a time in
    /// a few sums instead of summing every competency again.
    pub fn eval_sums(&self, sums: &[f64], premiums: &[f64], out: &mut Core) {
        out.premiums.clear();
        out.premiums.extend(premiums.iter().map(|p| [*p]));
        out.lanes.sums.clear();
        out.lanes.sums.extend(sums.iter().map(|s| [*s]));
        self.eval_summed(&out.premiums, [self.growth], &mut out.lanes);
        self.point_figures(out);
    }

    /// Copies the one lane of `out.lanes` into `out`'s figures.
    fn point_figures(&self, out: &mut Core) {
        let first = |v: &[[f64; 1]], into: &mut Vec<f64>| {
            into.clear();
            into.extend(v.iter().map(|x| x[0]));
        };
        first(&out.lanes.fit, &mut out.fit);
        first(&out.lanes.offer, &mut out.offer);
        first(&out.lanes.interviewed, &mut out.interviewed);
        // Pay in job year 1, for the reports (the Monte Carlo needs none).
        out.salary.clear();
        for r in 0..self.rubric.roles.len() {
            let year_one = self.pay.first_year(r, out.lanes.mult[r][0], self.growth);
            out.salary.push(year_one);
        }
        first(&out.lanes.ev, &mut out.ev);
    }

    /// [`Model::eval`] for `B` draws at once: `levels[i][b]` is competency
    /// i's level in draw b, `premiums[r][b]` role r's premium.
    pub fn eval_lanes<const B: usize>(
        &self,
        levels: &[[Level; B]],
        premiums: &[[f64; B]],
        growth: [f64; B],
        out: &mut Lanes<B>,
    ) {
        let mut sorted = std::mem::take(&mut out.sorted);
        sorted.clear();
        sorted.extend(self.order.iter().map(|&i| levels[i]));
        self.eval_grouped_lanes(&sorted, premiums, growth, out);
        out.sorted = sorted;
    }

    /// [`Model::eval_lanes`] with the levels already in group order:
    /// `sorted[slots()[i]][b]` is competency i's level in draw b.
    pub fn eval_grouped_lanes<const B: usize>(
        &self,
        sorted: &[[Level; B]],
        premiums: &[[f64; B]],
        growth: [f64; B],
        out: &mut Lanes<B>,
    ) {
        self.group_sums(sorted, &mut out.sums);
        self.eval_summed(premiums, growth, out);
    }

    /// Everything [`Model::eval_grouped_lanes`] works out once the group
    /// sums `T_rg` are in `out.sums`.
    #[inline(always)]
    fn eval_summed<const B: usize>(
        &self,
        premiums: &[[f64; B]],
        growth: [f64; B],
        out: &mut Lanes<B>,
    ) {
        let rubric = self.rubric;
        let n_roles = rubric.roles.len();
        let n_groups = rubric.groups.len().max(1);
        let n_stages = rubric.stages.len();
        out.fit.resize(n_roles, [0.0; B]);
        out.offer.resize(n_roles, [0.0; B]);
        out.interviewed.resize(n_roles, [0.0; B]);
        out.ev.resize(self.strategies.len(), [0.0; B]);
        let per_role = n_stages * n_groups;
        for (r, ((t, (fit, offer)), interviewed)) in out
            .sums
            .chunks_exact(n_groups)
            .zip(out.fit.iter_mut().zip(out.offer.iter_mut()))
            .zip(out.interviewed.iter_mut())
            .enumerate()
        {
            let mut total = [0.0; B];
            for t in t {
                for (total, t) in total.iter_mut().zip(t) {
                    *total += t;
                }
            }
            for (fit, total) in fit.iter_mut().zip(total) {
                // Rounding can carry a sum of weights × 1 a hair past 100.
                *fit = (100.0 * total * self.fit_scale[r]).clamp(0.0, 100.0);
            }
            let coef = &self.stage_group_coef[r * per_role..(r + 1) * per_role];
            let pass_at = &self.pass_at[r * n_stages..(r + 1) * n_stages];
            *offer = [1.0; B];
            // `I_r`: every stage after the first.
            *interviewed = [1.0; B];
            let stages = coef
                .chunks_exact(n_groups)
                .zip(&self.count)
                .zip(pass_at)
                .zip(self.steepness.iter().zip(&self.ln_odds));
            for (s, (((c, &count), &mark), (&k, &ln_odds))) in stages.enumerate() {
                let pass = formula::stage_pass_lanes(combine(c, t), mark, k, ln_odds, count);
                for (p, pass) in offer.iter_mut().zip(pass) {
                    *p *= pass;
                }
                if s > 0 {
                    for (p, pass) in interviewed.iter_mut().zip(pass) {
                        *p *= pass;
                    }
                }
            }
        }
        // Pay: each role's premium multiplier, then `A_r(T)` at every join
        // time the strategies need.
        let pay = &self.pay;
        out.mult.resize(n_roles, [1.0; B]);
        pay.multipliers(premiums, &mut out.mult);
        out.powers.clear();
        let mut power = [1.0; B];
        for _ in 0..pay.growth_years() {
            for (p, g) in power.iter_mut().zip(&growth) {
                *p *= 1.0 + g;
            }
            out.powers.push(power);
        }
        out.taken.resize(pay.times.len() * n_roles, [0.0; B]);
        for r in 0..n_roles {
            out.taken[r] = pay.taken(pay.value(0, r, &out.mult[r], &out.powers));
            if let (Some(t), Some(f)) = (pay.upgrade_time[r], rubric.roles[r].fallback.as_ref()) {
                for role in [r, f.role] {
                    out.taken[t * n_roles + role] =
                        pay.taken(pay.value(t, role, &out.mult[role], &out.powers));
                }
            }
        }
        for (ev, s) in out.ev.iter_mut().zip(&self.strategies) {
            *ev = s.expected_value(rubric, pay, &out.offer, &out.taken);
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
                        let score = self.stage_score(&core, s, r);
                        let pass = formula::stage_pass(
                            score,
                            stage.pass_at[r],
                            self.steepness[s],
                            self.ln_odds[s],
                            stage.count,
                        );
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

/// `100 · Σ_g coef_g · T_g`, per lane.
fn combine<const B: usize>(coef: &[f64], t: &[[f64; B]]) -> [Fit; B] {
    let mut out = [0.0; B];
    for (c, t) in coef.iter().zip(t) {
        for (o, t) in out.iter_mut().zip(t) {
            *o += c * t;
        }
    }
    out.map(|v| 100.0 * v)
}
