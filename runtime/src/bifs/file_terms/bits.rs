//! Binary literals: segment values and type specifiers, and the bit
//! writer that packs them.

use num_bigint::BigInt;
use num_traits::ToPrimitive;

pub(super) enum Seg {
    Int(BigInt),
    Float(f64),
    Str(Vec<u32>),
}

#[derive(Default)]
pub(super) struct Spec {
    pub(super) kind: Option<String>,
    pub(super) little: bool,
    pub(super) unit: Option<usize>,
}

/// Bits appended most significant first.
#[derive(Default)]
pub(super) struct BitWriter {
    pub(super) bytes: Vec<u8>,
    pub(super) len: usize,
}

/// The largest binary literal segment accepted, in bits.
const MAX_SEGMENT_BITS: usize = 1 << 24;
/// The largest binary literal accepted, in bits (128 MiB).
const MAX_BINARY_BITS: usize = 1 << 30;

impl BitWriter {
    fn push_bit(&mut self, b: bool) {
        if self.len.is_multiple_of(8) {
            self.bytes.push(0);
        }
        if b {
            let i = self.len / 8;
            self.bytes[i] |= 0x80 >> (self.len % 8);
        }
        self.len += 1;
    }

    fn push_bytes(&mut self, bytes: &[u8]) {
        for &b in bytes {
            for k in (0..8).rev() {
                self.push_bit(b >> k & 1 == 1);
            }
        }
    }

    fn push_int(&mut self, v: &BigInt, bits: usize, little: bool) {
        // Two's complement, truncated to `bits`.
        let mut le = v.to_signed_bytes_le();
        let fill = if v.sign() == num_bigint::Sign::Minus { 0xff } else { 0 };
        let nbytes = bits.div_ceil(8);
        le.resize(nbytes.max(le.len()), fill);
        le.truncate(nbytes);
        if little && bits.is_multiple_of(8) {
            self.push_bytes(&le);
        } else {
            for i in (0..bits).rev() {
                self.push_bit(le[i / 8] >> (i % 8) & 1 == 1);
            }
        }
    }

    fn push_char(&mut self, c: u32, kind: &str, little: bool) -> bool {
        match kind {
            "utf8" => match char::from_u32(c) {
                Some(ch) => {
                    let mut buf = [0; 4];
                    self.push_bytes(ch.encode_utf8(&mut buf).as_bytes());
                }
                None => return false,
            },
            "utf16" => match char::from_u32(c) {
                Some(ch) => {
                    let mut buf = [0; 2];
                    for u in ch.encode_utf16(&mut buf) {
                        let b = if little { u.to_le_bytes() } else { u.to_be_bytes() };
                        self.push_bytes(&b);
                    }
                }
                None => return false,
            },
            _ => match char::from_u32(c) {
                Some(_) => self.push_bytes(&if little { c.to_le_bytes() } else { c.to_be_bytes() }),
                None => return false,
            },
        }
        true
    }

    /// Appends a segment; false if it is not a valid literal segment.
    pub(super) fn put(&mut self, value: Seg, size: Option<usize>, spec: &Spec) -> bool {
        if self.len > MAX_BINARY_BITS {
            return false;
        }
        let kind = spec.kind.as_deref().unwrap_or("integer");
        match (value, kind) {
            (Seg::Str(s), "utf8" | "utf16" | "utf32") => s.iter().all(|&c| self.push_char(c, kind, spec.little)),
            (Seg::Int(i), "utf8" | "utf16" | "utf32") => match i.to_u32() {
                Some(c) if size.is_none() => self.push_char(c, kind, spec.little),
                _ => false,
            },
            (Seg::Str(s), "integer") => {
                let bits = size.unwrap_or(8).saturating_mul(spec.unit.unwrap_or(1));
                if bits > MAX_SEGMENT_BITS {
                    return false;
                }
                for c in s {
                    self.push_int(&BigInt::from(c), bits, spec.little);
                }
                true
            }
            (Seg::Int(i), "integer") => {
                let bits = size.unwrap_or(8).saturating_mul(spec.unit.unwrap_or(1));
                if bits > MAX_SEGMENT_BITS {
                    return false;
                }
                self.push_int(&i, bits, spec.little);
                true
            }
            (Seg::Int(i), "float") => match i.to_f64() {
                Some(f) => self.put(Seg::Float(f), size, spec),
                None => false,
            },
            (Seg::Float(f), "float") => {
                match size.unwrap_or(64).saturating_mul(spec.unit.unwrap_or(1)) {
                    64 => self.push_bytes(&if spec.little { f.to_le_bytes() } else { f.to_be_bytes() }),
                    32 => {
                        let g = f as f32;
                        self.push_bytes(&if spec.little { g.to_le_bytes() } else { g.to_be_bytes() })
                    }
                    _ => return false,
                }
                true
            }
            _ => false,
        }
    }
}
