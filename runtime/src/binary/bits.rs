//! Bit-level access to byte buffers, in Erlang's bit order: bit 0 is the
//! most significant bit of byte 0.
//!
//! Bitstring construction and matching work on arbitrary bit positions;
//! these helpers move whole bytes when both sides are aligned and shift
//! byte by byte otherwise, so copying is O(bits / 8) either way.

/// The 8 bits starting at bit `pos` of `src` (bits past the end read as 0).
#[inline]
pub fn read_u8_at(src: &[u8], pos: usize) -> u8 {
    let i = pos / 8;
    let s = pos % 8;
    let hi = src.get(i).copied().unwrap_or(0);
    if s == 0 {
        return hi;
    }
    let lo = src.get(i + 1).copied().unwrap_or(0);
    (hi << s) | (lo >> (8 - s))
}

/// Writes the `k` (1..=8) most significant bits of `v` at bit `pos` of
/// `dst`, leaving the other bits alone. `dst` must hold the bits written.
#[inline]
fn write_bits_u8(dst: &mut [u8], pos: usize, v: u8, k: usize) {
    let mask: u8 = !(0xFFu8.checked_shr(k as u32).unwrap_or(0));
    let v = v & mask;
    let i = pos / 8;
    let s = pos % 8;
    dst[i] = (dst[i] & !(mask >> s)) | (v >> s);
    if s + k > 8 {
        let sh = 8 - s;
        dst[i + 1] = (dst[i + 1] & !(mask << sh)) | (v << sh);
    }
}

/// Copies `n` bits from bit `src_off` of `src` to bit `dst_off` of `dst`.
/// Other bits of `dst` are preserved. Both ranges must lie within the
/// slices.
pub fn copy_bits(src: &[u8], src_off: usize, dst: &mut [u8], dst_off: usize, n: usize) {
    if n == 0 {
        return;
    }
    if src_off % 8 == 0 && dst_off % 8 == 0 {
        let (s, d) = (src_off / 8, dst_off / 8);
        let whole = n / 8;
        dst[d..d + whole].copy_from_slice(&src[s..s + whole]);
        let rest = n % 8;
        if rest > 0 {
            write_bits_u8(dst, dst_off + whole * 8, src[s + whole], rest);
        }
        return;
    }
    let mut done = 0;
    while done < n {
        let k = (n - done).min(8);
        let v = read_u8_at(src, src_off + done);
        write_bits_u8(dst, dst_off + done, v, k);
        done += k;
    }
}

/// The `n` bits at bit `pos` of `src`, left-aligned in `ceil(n / 8)` bytes
/// (unused low bits of the last byte are zero).
pub fn extract(src: &[u8], pos: usize, n: usize) -> Vec<u8> {
    let mut out = vec![0u8; n.div_ceil(8)];
    copy_bits(src, pos, &mut out, 0, n);
    if n % 8 != 0 {
        let last = out.len() - 1;
        out[last] &= !(0xFFu8 >> (n % 8));
    }
    out
}

/// The `n` (0..=64) bits at bit `pos` of `src` as an unsigned big-endian
/// number.
pub fn read_uint_be(src: &[u8], pos: usize, n: usize) -> u64 {
    let mut v: u64 = 0;
    let mut done = 0;
    while done < n {
        let k = (n - done).min(8);
        let byte = read_u8_at(src, pos + done) >> (8 - k);
        v = (v << k) | u64::from(byte);
        done += k;
    }
    v
}

/// A growable bitstring: the buffer of a binary builder.
pub struct BitWriter<'a> {
    pub buf: &'a mut Vec<u8>,
    pub bit_len: usize,
}

impl BitWriter<'_> {
    /// Appends `n` bits from bit `off` of `src`.
    pub fn push_bits(&mut self, src: &[u8], off: usize, n: usize) {
        let need = (self.bit_len + n).div_ceil(8);
        if self.buf.len() < need {
            self.buf.resize(need, 0);
        }
        copy_bits(src, off, self.buf, self.bit_len, n);
        self.bit_len += n;
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn copies_at_any_alignment() {
        let src = [0b1011_0011, 0b0101_1100, 0xFF];
        for off in 0..10 {
            for dst_off in 0..10 {
                for n in 0..14 {
                    let mut dst = [0u8; 4];
                    copy_bits(&src, off, &mut dst, dst_off, n);
                    for i in 0..n {
                        let sb = src[(off + i) / 8] >> (7 - (off + i) % 8) & 1;
                        let db = dst[(dst_off + i) / 8] >> (7 - (dst_off + i) % 8) & 1;
                        assert_eq!(sb, db, "off {off} dst_off {dst_off} n {n} bit {i}");
                    }
                    for i in (0..32).filter(|&i| i < dst_off || i >= dst_off + n) {
                        assert_eq!(dst[i / 8] >> (7 - i % 8) & 1, 0, "untouched bit {i}");
                    }
                }
            }
        }
        assert_eq!(read_uint_be(&src, 4, 12), 0b0011_0101_1100);
    }
}
