//! Benchmarks of the hot paths (issue: uncertainty, sensitivity and speed).
//! Run with `cargo bench --bench assess`.

use std::hint::black_box;

use rolefit::model::{Core, Model};
use rolefit::rubric::{EXAMPLE_NAME, EXAMPLE_RUBRIC, Rubric, parse_str};
use rolefit::simulate;

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
        rolefit::report::evaluate(EXAMPLE_NAME, "example", black_box(rubric))
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
            rolefit::report::evaluate(EXAMPLE_NAME, "example", black_box(rubric))
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
    let mut lanes = rolefit::model::Lanes::<8>::default();
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
