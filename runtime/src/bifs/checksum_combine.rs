//! `erlang:crc32_combine/3` and `erlang:adler32_combine/3`: the checksum
//! of `A ++ B` from the checksums of `A` and `B` and the length of `B`,
//! without the data (zlib's algorithms, which OTP calls).
//!
//! Checksums and the length must be integers in `0..2^32` (OTP reads them
//! as 32-bit values), else `badarg`. OTP answers the first checksum
//! unchanged for `adler32_combine(A, B, 0)`, and so does kiln.

use crate::abi::{tag, ProcessHeader, Term};
use crate::term::{bif_return_pure, to_i64, BifResult, Error};

/// CRC-32's reflected polynomial.
const POLY: u32 = 0xedb8_8320;
/// Adler-32's modulus.
const BASE: u64 = 65521;

/// `a * b` modulo the CRC polynomial (bit-reflected).
fn multmodp(a: u32, mut b: u32) -> u32 {
    let mut m = 1u32 << 31;
    let mut p = 0;
    loop {
        if a & m != 0 {
            p ^= b;
            if a & (m - 1) == 0 {
                return p;
            }
        }
        m >>= 1;
        b = if b & 1 != 0 { (b >> 1) ^ POLY } else { b >> 1 };
    }
}

/// `x^(n * 2^k)` modulo the CRC polynomial.
fn x2nmodp(mut n: u64, mut k: u32) -> u32 {
    // x^(2^i) for i = 0..32, by repeated squaring of x (`1 << 30`).
    let mut table = [0u32; 32];
    table[0] = 1 << 30;
    for i in 1..32 {
        table[i] = multmodp(table[i - 1], table[i - 1]);
    }
    let mut p = 1u32 << 31;
    while n != 0 {
        if n & 1 != 0 {
            p = multmodp(table[(k & 31) as usize], p);
        }
        n >>= 1;
        k += 1;
    }
    p
}

/// zlib's `crc32_combine`.
pub fn crc32_combine(crc1: u32, crc2: u32, len2: u64) -> u32 {
    multmodp(x2nmodp(len2, 3), crc1) ^ crc2
}

/// zlib's `adler32_combine`, except that an empty second part gives
/// `adler1` (as OTP).
pub fn adler32_combine(adler1: u32, adler2: u32, len2: u64) -> u32 {
    if len2 == 0 {
        return adler1;
    }
    let (a1, a2) = (u64::from(adler1), u64::from(adler2));
    let rem = len2 % BASE;
    let mut sum1 = a1 & 0xffff;
    let mut sum2 = (rem * sum1) % BASE;
    sum1 += (a2 & 0xffff) + BASE - 1;
    sum2 += ((a1 >> 16) & 0xffff) + ((a2 >> 16) & 0xffff) + BASE - rem;
    if sum1 >= BASE {
        sum1 -= BASE;
    }
    if sum1 >= BASE {
        sum1 -= BASE;
    }
    if sum2 >= BASE << 1 {
        sum2 -= BASE << 1;
    }
    if sum2 >= BASE {
        sum2 -= BASE;
    }
    (sum1 | (sum2 << 16)) as u32
}

/// An integer in `0..2^32`.
fn u32_arg(t: Term) -> Result<u32, Error> {
    to_i64(t).and_then(|v| u32::try_from(v).ok()).ok_or(Error::Badarg)
}

fn combine(a: Term, b: Term, len: Term, f: fn(u32, u32, u64) -> u32) -> BifResult {
    let (a, b, len) = (u32_arg(a)?, u32_arg(b)?, u32_arg(len)?);
    Ok(tag::small(i64::from(f(a, b, u64::from(len)))))
}

#[no_mangle]
pub extern "C" fn kiln_bif_crc32_combine(p: *mut ProcessHeader, a: Term, b: Term, len: Term) -> Term {
    bif_return_pure(p, combine(a, b, len, crc32_combine))
}

#[no_mangle]
pub extern "C" fn kiln_bif_adler32_combine(p: *mut ProcessHeader, a: Term, b: Term, len: Term) -> Term {
    bif_return_pure(p, combine(a, b, len, adler32_combine))
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Answers of OTP 25's `erlang:crc32_combine/3` and `adler32_combine/3`.
    #[test]
    fn matches_otp() {
        assert_eq!(crc32_combine(2659403885, 1171689434, 2), 3984772369);
        assert_eq!(crc32_combine(1, 2, 0), 3);
        assert_eq!(crc32_combine(5, 7, 2147483647), 87);
        assert_eq!(crc32_combine(5, 7, 2147483648), 1802195443);
        assert_eq!(crc32_combine(5, 7, 4294967295), 2);
        assert_eq!(crc32_combine(123456789, 987654321, 12345), 2354059558);
        assert_eq!(crc32_combine(4294967295, 4294967295, 100000), 3557922173);
        assert_eq!(adler32_combine(19267780, 19661000, 2), 64487819);
        assert_eq!(adler32_combine(1, 2, 0), 1);
        assert_eq!(adler32_combine(5, 7, 2147483647), 29229067);
        assert_eq!(adler32_combine(5, 7, 4294967295), 58720267);
        assert_eq!(adler32_combine(123456789, 987654321, 12345), 4013569492);
        assert_eq!(adler32_combine(4294967295, 4294967295, 100000), 3612934156);
        assert_eq!(adler32_combine(196613, 458761, 1), 917517);
    }

    #[test]
    fn argument_ranges() {
        assert!(combine(tag::small(-1), tag::small(2), tag::small(3), crc32_combine).is_err());
        assert!(combine(tag::small(1 << 32), tag::small(2), tag::small(3), crc32_combine).is_err());
        assert!(combine(tag::small(1), tag::small(2), tag::small(1 << 32), adler32_combine).is_err());
        assert_eq!(combine(tag::small(0), tag::small(0), tag::small(0), crc32_combine), Ok(tag::small(0)));
    }
}
