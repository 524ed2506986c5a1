//! Benchmarks of the hot paths (issue: uncertainty, sensitivity and speed).
//! Run with `cargo bench --bench assess`.

use std::hint::black_box;

use rolefit::testing::model::{Core, Model};
use rolefit::testing::rubric::{EXAMPLE_NAME, EXAMPLE_RUBRIC, Rubric, parse_str};
use rolefit::testing::simulate;

fn main() {
    divan::main();
}

fn example() -> Rubric {
    parse_str(EXAMPLE_NAME, EXAMPLE_RUBRIC).expect("the bundled example is valid")
}

fn threads() -> usize {
    std::thread::available_parallelism().map_or(1, |n| n.get().min(2))
}

/// Everything `assess` computes for the bundled example once its rubric is
/// read: point model, Monte Carlo at 20,000 draws, sensitivity sweeps,
/// warnings. No I/O; the rubric is parsed outside the timing (see
/// `parse_example`).
#[divan::bench(sample_count = 200)]
fn full_assessment_20k(bencher: divan::Bencher) {
    bencher.with_inputs(example).bench_values(|rubric| {
        rolefit::testing::report::evaluate(EXAMPLE_NAME, "example", black_box(rubric))
    });
}

/// The same at 1,000,000 draws.
#[divan::bench(sample_count = 20)]
fn full_assessment_1m(bencher: divan::Bencher) {
    bencher
        .with_inputs(|| {
            let mut rubric = example();
            rubric.model.samples = 1_000_000;
            rubric
        })
        .bench_values(|rubric| {
            rolefit::testing::report::evaluate(EXAMPLE_NAME, "example", black_box(rubric))
        });
}

/// Reading and checking the bundled example (TOML parse and validation).
#[divan::bench]
fn parse_example() -> Rubric {
    example()
}

/// Monte Carlo alone (draws, model, percentiles), for several sample
/// counts: cost should be linear.
#[divan::bench(args = [20_000, 100_000, 1_000_000], sample_count = 20)]
fn monte_carlo(bencher: divan::Bencher, samples: u64) {
    let rubric = example();
    let model = Model::new(&rubric);
    bencher.bench_local(|| simulate::monte_carlo(&model, black_box(samples), 42, threads()));
}

/// One evaluation of the model (what every draw costs besides sampling).
#[divan::bench]
fn eval_one_draw(bencher: divan::Bencher) {
    let rubric = example();
    let model = Model::new(&rubric);
    let levels = model.point_levels();
    let premiums = model.point_premiums();
    let mut core = Core::default();
    bencher.bench_local(|| model.eval(black_box(&levels), black_box(&premiums), &mut core));
}

/// The whole `rolefit assess` process on the bundled example: 20,000 draws,
/// text report to a pipe, every output file (summary.json, report.md,
/// report.html and the six charts).
#[divan::bench(sample_count = 100)]
fn assess_process_20k(bencher: divan::Bencher) {
    assess_process(bencher, &[]);
}

/// The same with a PNG of every chart (`--png`): what `--png` adds is this
/// minus `assess_process_20k` (issue 16: at most 150 ms).
#[divan::bench(sample_count = 50)]
fn assess_process_20k_png(bencher: divan::Bencher) {
    assess_process(bencher, &["--png"]);
}

/// The eight charts of the bundled example rendered to PNG in-process, on
/// both cores as `assess --png` does for one rubric (SVGs drawn outside
/// the timing).
#[divan::bench(sample_count = 50)]
fn png_eight_charts(bencher: divan::Bencher) {
    let results = rolefit::testing::report::evaluate(EXAMPLE_NAME, "example", example());
    let charts =
        rolefit::testing::chart::render_all(&results, &rolefit::testing::units::Policy::Amounts)
            .expect("charts draw");
    bencher.bench_local(|| rolefit::testing::chart::png::render_all(black_box(&charts), threads()));
}

/// The same without the charts (`--no-charts`).
#[divan::bench(sample_count = 100)]
fn assess_process_20k_no_charts(bencher: divan::Bencher) {
    assess_process(bencher, &["--no-charts"]);
}

fn assess_process(bencher: divan::Bencher, extra: &[&str]) {
    let out = std::env::temp_dir().join(format!("rolefit-bench-{}", std::process::id()));
    bencher.bench(|| {
        let status = std::process::Command::new(env!("CARGO_BIN_EXE_rolefit"))
            .args(["assess", "--out"])
            .arg(&out)
            .args(extra)
            .stdout(std::process::Stdio::piped())
            .stderr(std::process::Stdio::null())
            .output()
            .expect("run rolefit");
        assert!(status.status.success());
    });
    let _ = std::fs::remove_dir_all(&out);
}

/// Eight draws evaluated side by side, as the Monte Carlo does (divide by 8
/// for the cost of one draw).
#[divan::bench]
fn eval_eight_draws(bencher: divan::Bencher) {
    let rubric = example();
    let model = Model::new(&rubric);
    let levels: Vec<[f64; 8]> = model.point_levels().iter().map(|x| [*x; 8]).collect();
    let premiums: Vec<[f64; 8]> = model.point_premiums().iter().map(|p| [*p; 8]).collect();
    let mut lanes = rolefit::testing::model::Lanes::<8>::default();
    let growth = [model.growth; 8];
    bencher.bench_local(|| {
        model.eval_lanes(
            black_box(&levels),
            black_box(&premiums),
            black_box(growth),
            &mut lanes,
        )
    });
}

/// Sampling alone: the 28 standard normals one draw of the bundled rubric needs.
#[divan::bench]
fn sample_28_normals(bencher: divan::Bencher) {
    use rand::SeedableRng;
    use rand::distr::Distribution;
    let normal = statrs::distribution::Normal::standard();
    let mut rng = rand_xoshiro::Xoshiro256PlusPlus::seed_from_u64(1);
    bencher.bench_local(|| {
        let mut s = 0.0;
        for _ in 0..28 {
            let z: f64 = normal.sample(&mut rng);
            s += z;
        }
        s
    });
}

/// The preparation planner on the bundled example: the marginal value of
/// every competency, the greedy plan within 40 hours, the other routes.
#[divan::bench]
fn planner(bencher: divan::Bencher) {
    let rubric = example();
    let model = Model::new(&rubric);
    bencher
        .bench_local(|| rolefit::testing::plan::plan(&model, black_box(rubric.model.prep_hours)));
}

/// A generated rubric of `n` competencies over three groups, two roles,
/// five stages; every step takes 10 hours, so a 40-hour plan has 4 steps.
fn generated(n: usize) -> Rubric {
    let mut text = String::from(
        "schema = 1\n[candidate]\nname = \"G\"\ncurrent_salary = 100000\n\
         [model]\nsamples = 0\nsensitivity_group = \"c\"\nhorizon_years = 4\n\
         [roles.pm]\npay = { base = 150000, sign_on = [50000, 40000], rsu = 200000, vesting = [0.05, 0.15, 0.4, 0.4] }\n\
         [roles.pmt]\npremium_over = \"pm\"\npremium = 0.2\nfallback = \"pm\"\n\
         downlevel_rate = 0.6\nupgrade_green_light = 0.8\nupgrade_days = 21\n\
         [groups.a]\n[groups.b]\n[groups.c]\n",
    );
    for i in 0..n {
        let group = ["a", "b", "c"][i % 3];
        let score = 1.0 + (i % 8) as f64 * 0.5;
        text.push_str(&format!(
            "[[competency]]\nid = \"c{i}\"\ngroup = \"{group}\"\n\
             weight = {{ pm = {}, pmt = {} }}\nbar = {{ pm = 3, pmt = 4 }}\nscore = {score}\n",
            1 + i % 3,
            1 + (i + 1) % 4
        ));
    }
    for s in 0..5 {
        text.push_str(&format!(
            "[[stage]]\nname = \"s{s}\"\ndays = 10\nemphasis = {{ a = 1, b = 2, c = {} }}\n\
             pass_at = {{ pm = 45, pmt = 55 }}\n",
            s + 1
        ));
    }
    parse_str("generated.toml", &text).expect("the generated rubric is valid")
}

/// The planner on 250 and 1,000 competencies: the cost of a plan is
/// competencies × steps (here 4 steps each), so four times the
/// competencies should cost about four times as much.
#[divan::bench(args = [250, 1000])]
fn planner_competencies(bencher: divan::Bencher, n: usize) {
    let rubric = generated(n);
    let model = Model::new(&rubric);
    bencher.bench_local(|| rolefit::testing::plan::plan(&model, black_box(40.0)));
}
