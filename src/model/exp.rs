//! `e^x` in plain IEEE arithmetic: a 64-entry table of `2^(j/64)` and a
//! degree-5 polynomial for `e^r − 1`, about 1 ulp from the exact value. Used for the
//! logistic stage pass so that (a) results do not depend on the system's
//! maths library, keeping outputs byte-identical across machines, and (b) the
//! Monte Carlo's ten-odd exponentials per draw cost a few nanoseconds each.

/// `2^(j/64)` for j = 0..63, correctly rounded.
const TABLE: [u64; 64] = [
    0x3ff0000000000000,
    0x3ff02c9a3e778061,
    0x3ff059b0d3158574,
    0x3ff0874518759bc8,
    0x3ff0b5586cf9890f,
    0x3ff0e3ec32d3d1a2,
    0x3ff11301d0125b51,
    0x3ff1429aaea92de0,
    0x3ff172b83c7d517b,
    0x3ff1a35beb6fcb75,
    0x3ff1d4873168b9aa,
    0x3ff2063b88628cd6,
    0x3ff2387a6e756238,
    0x3ff26b4565e27cdd,
    0x3ff29e9df51fdee1,
    0x3ff2d285a6e4030b,
    0x3ff306fe0a31b715,
    0x3ff33c08b26416ff,
    0x3ff371a7373aa9cb,
    0x3ff3a7db34e59ff7,
    0x3ff3dea64c123422,
    0x3ff4160a21f72e2a,
    0x3ff44e086061892d,
    0x3ff486a2b5c13cd0,
    0x3ff4bfdad5362a27,
    0x3ff4f9b2769d2ca7,
    0x3ff5342b569d4f82,
    0x3ff56f4736b527da,
    0x3ff5ab07dd485429,
    0x3ff5e76f15ad2148,
    0x3ff6247eb03a5585,
    0x3ff6623882552225,
    0x3ff6a09e667f3bcd,
    0x3ff6dfb23c651a2f,
    0x3ff71f75e8ec5f74,
    0x3ff75feb564267c9,
    0x3ff7a11473eb0187,
    0x3ff7e2f336cf4e62,
    0x3ff82589994cce13,
    0x3ff868d99b4492ed,
    0x3ff8ace5422aa0db,
    0x3ff8f1ae99157736,
    0x3ff93737b0cdc5e5,
    0x3ff97d829fde4e50,
    0x3ff9c49182a3f090,
    0x3ffa0c667b5de565,
    0x3ffa5503b23e255d,
    0x3ffa9e6b5579fdbf,
    0x3ffae89f995ad3ad,
    0x3ffb33a2b84f15fb,
    0x3ffb7f76f2fb5e47,
    0x3ffbcc1e904bc1d2,
    0x3ffc199bdd85529c,
    0x3ffc67f12e57d14b,
    0x3ffcb720dcef9069,
    0x3ffd072d4a07897c,
    0x3ffd5818dcfba487,
    0x3ffda9e603db3285,
    0x3ffdfc97337b9b5f,
    0x3ffe502ee78b3ff6,
    0x3ffea4afa2a490da,
    0x3ffefa1bee615a27,
    0x3fff50765b6e4540,
    0x3fffa7c1819e90d8,
];
/// `ln 2 / 64` split in a high part with 32 significant bits (so `k · HI`
/// is exact) and the remainder.
const LN2_64_HI: f64 = 0.010830424696905538;
const LN2_64_LO: f64 = -6.563929801064195e-13;
const INV_LN2_64: f64 = 92.33248261689366;

/// `e^x`, without branches, so that the compiler can work out several at
/// once (see [`super::formula::stage_pass_lanes`]).
///
/// `x` is first clamped to [−746, 710]: below, `e^x` rounds to 0 (it is
/// under half the smallest subnormal); above, it overflows to infinity, and
/// the clamped value still does. `2^m` is applied as two normal factors
/// `2^m1 · 2^m2`, exact while the result is a normal number and rounded once
/// when it is subnormal. NaN stays NaN.
#[inline(always)]
pub(crate) fn exp(x: f64) -> f64 {
    let (y, m) = reduced(x.clamp(-746.0, 710.0));
    let m1 = m >> 1;
    let m2 = m - m1;
    y * pow2(m1) * pow2(m2)
}

/// `2^e` for `e` in [−1022, 1023].
#[inline(always)]
fn pow2(e: i32) -> f64 {
    f64::from_bits(((e + 1023) as u64) << 52)
}

/// `e^x = y · 2^m` with `y` in [1, 2): the table entry times `e^r`.
#[inline(always)]
fn reduced(x: f64) -> (f64, i32) {
    // x = k·ln2/64 + r with |r| ≤ ln2/128, k = 64·m + j.
    // Round to nearest by adding 1.5·2^52: the sum's low mantissa bits then
    // hold k as a two's-complement integer (|k| < 2^17), and subtracting the
    // shifter again gives k as a float. No libm call, no checked cast.
    const SHIFTER: f64 = 6755399441055744.0;
    let shifted = x * INV_LN2_64 + SHIFTER;
    let kf = shifted - SHIFTER;
    let r = (x - kf * LN2_64_HI) - kf * LN2_64_LO;
    let k = shifted.to_bits() as u32 as i32;
    let j = (k & 63) as usize;
    let m = k >> 6;
    // e^r − 1 to degree 5; the first omitted term, r^6/720, is below 4e-17.
    let p = r + r * r * (0.5 + r * (1.0 / 6.0 + r * (1.0 / 24.0 + r * (1.0 / 120.0))));
    let t = f64::from_bits(TABLE[j]);
    (t + t * p, m)
}

#[cfg(test)]
mod tests {
    use super::exp;

    #[test]
    fn agrees_with_the_standard_library_to_about_one_ulp() {
        let mut worst: f64 = 0.0;
        // Results below 2^−1022 are subnormal and carry fewer bits: checked
        // for range only, in `edges`.
        let mut x: f64 = -708.0;
        while x < 709.0 {
            let want = x.exp();
            let got = exp(x);
            let rel = ((got - want) / want).abs();
            worst = worst.max(rel);
            x += 0.0137;
        }
        assert!(worst < 4.5e-16, "worst relative error {worst:e}");
    }

    #[test]
    fn edges() {
        assert_eq!(exp(0.0), 1.0);
        assert_eq!(exp(1000.0), f64::INFINITY);
        assert_eq!(exp(-1000.0), 0.0);
        assert!(exp(f64::NAN).is_nan());
        assert_eq!(exp(f64::NEG_INFINITY), 0.0);
        assert!((exp(1.0) - std::f64::consts::E).abs() <= f64::EPSILON * 3.0);
        let tiny = exp(-740.0);
        assert!(tiny > 0.0 && (tiny / (-740.0f64).exp() - 1.0).abs() < 1e-3);
    }
}
