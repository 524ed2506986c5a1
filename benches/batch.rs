//! `rolefit assess FOLDER` over 1,000 generated rubrics with every output
//! (summary.json, report.md, report.html and six charts each).
//! Run with `cargo bench --bench batch` (about 10 s a sample, 3 samples).

fn main() {
    divan::main();
}

/// 1,000 rubrics: the three examples in turn, each with its own name and
/// some scores half a point higher.
fn generate(dir: &std::path::Path) {
    let root = env!("CARGO_MANIFEST_DIR");
    let bases: Vec<String> = ["engineer-to-product", "mba-pm", "experienced-pm"]
        .iter()
        .map(|n| std::fs::read_to_string(format!("{root}/rubrics/examples/{n}.toml")).unwrap())
        .collect();
    for i in 0..1000 {
        let base = &bases[i % 3];
        let mut out = String::with_capacity(base.len() + 64);
        let mut named = false;
        for (k, line) in base.lines().enumerate() {
            if !named && line.starts_with("name = ") {
                out.push_str(&format!("name = \"Person {i:04}\"\n"));
                named = true;
            } else if let Some(score) = line.strip_prefix("score = ") {
                let v: f64 = score.parse().unwrap();
                let v = if (i + k) % 5 == 0 {
                    (v + 0.5).min(5.0)
                } else {
                    v
                };
                out.push_str(&format!("score = {v}\n"));
            } else {
                out.push_str(line);
                out.push('\n');
            }
        }
        std::fs::write(dir.join(format!("p{i:04}.toml")), out).unwrap();
    }
}

#[divan::bench(sample_count = 3, sample_size = 1)]
fn assess_1000_rubrics(bencher: divan::Bencher) {
    let dir = tempfile::tempdir().unwrap();
    let input = dir.path().join("in");
    std::fs::create_dir_all(&input).unwrap();
    generate(&input);
    bencher.bench(|| {
        let status = std::process::Command::new(env!("CARGO_BIN_EXE_rolefit"))
            .args(["assess", "--quiet", "--out"])
            .arg(dir.path().join("out"))
            .arg(&input)
            .status()
            .unwrap();
        assert!(status.success());
    });
}
