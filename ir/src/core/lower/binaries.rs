//! Bit syntax: `<<...>>` construction and binary patterns.
//!
//! Construction becomes a chain of runtime primitives on a builder term,
//! `'$bs_init'()` (or `'$bs_append'(Bin, Flags)` when the first segment is
//! a whole binary) `-> '$bs_put_<kind>'(B, Value, Size, Flags) ... ->
//! '$bs_finish'(B)`, after every value and size has been evaluated left to
//! right; a binary whose segments are all constants is built here instead
//! and becomes a literal. Patterns become [`Pat::Binary`], whose segment
//! sizes are guard expressions evaluated as matching proceeds (so
//! `<<N:8, Data:N/binary>>` works). The flags word is `kiln_abi::bits`.

use super::*;
use kiln_abi::bits;

/// A segment's type specifiers, resolved with OTP's defaults.
#[derive(Debug, Clone, Copy)]
struct Spec {
    kind: SegmentKind,
    unit: u32,
    flags: u32,
    little: bool,
}

impl Spec {
    fn parse(el: &ast::BinElement) -> Result<Spec> {
        let mut kind: Option<(SegmentKind, &str)> = None;
        let mut unit: Option<u32> = None;
        let mut endian: Option<&str> = None;
        let mut sign: Option<&str> = None;
        for s in &el.specs {
            let mut set_kind = |k: SegmentKind| -> Result<()> {
                if let Some((_, prev)) = kind {
                    if prev != s.name.as_str() {
                        return Err(Diagnostic::error(
                            s.span,
                            format!("conflicting types `{prev}` and `{}` in a binary segment", s.name),
                        ));
                    }
                }
                kind = Some((k, s.name.as_str()));
                Ok(())
            };
            match s.name.as_str() {
                "integer" => set_kind(SegmentKind::Integer)?,
                "float" => set_kind(SegmentKind::Float)?,
                "binary" | "bytes" | "bitstring" | "bits" => set_kind(SegmentKind::Binary)?,
                "utf8" => set_kind(SegmentKind::Utf8)?,
                "utf16" => set_kind(SegmentKind::Utf16)?,
                "utf32" => set_kind(SegmentKind::Utf32)?,
                "big" | "little" | "native" => {
                    if endian.is_some_and(|e| e != s.name) {
                        return Err(Diagnostic::error(s.span, "conflicting endianness in a binary segment"));
                    }
                    endian = Some(&s.name);
                }
                "signed" | "unsigned" => {
                    if sign.is_some_and(|x| x != s.name) {
                        return Err(Diagnostic::error(s.span, "conflicting signedness in a binary segment"));
                    }
                    sign = Some(&s.name);
                }
                "unit" => match s.value {
                    Some(u) if (1..=256).contains(&u) => unit = Some(u as u32),
                    _ => return Err(Diagnostic::error(s.span, "a unit must be an integer from 1 to 256")),
                },
                other => {
                    return Err(Diagnostic::error(s.span, format!("undefined bit type `{other}`")).with_note(
                        "help: the types are integer, float, binary, bytes, bitstring, bits, utf8, utf16 and utf32",
                    ))
                }
            }
        }
        let (kind, name) = kind.unwrap_or((SegmentKind::Integer, "integer"));
        let is_utf = matches!(kind, SegmentKind::Utf8 | SegmentKind::Utf16 | SegmentKind::Utf32);
        if is_utf {
            if let Some(size) = &el.size {
                return Err(Diagnostic::error(size.span, format!("a `{name}` segment cannot have a size")));
            }
            if unit.is_some() {
                return Err(Diagnostic::error(el.span, format!("a `{name}` segment cannot have a unit")));
            }
        }
        let default_unit = match name {
            "binary" | "bytes" => 8,
            _ => 1,
        };
        if unit.is_some() && el.size.is_none() && kind != SegmentKind::Binary {
            return Err(Diagnostic::error(el.span, "a unit without a size is only allowed for binary segments"));
        }
        let unit = unit.unwrap_or(default_unit);
        let little = endian == Some("little");
        let native = endian == Some("native");
        let signed = sign == Some("signed");
        let flags =
            if is_utf { bits::flags(0, little, false, native) } else { bits::flags(unit, little, signed, native) };
        Ok(Spec { kind, unit, flags, little: little || native })
    }

    /// The size used when none is written, in units (`None`: utf, or a
    /// binary taking everything).
    fn default_size(self) -> Option<Lit> {
        match self.kind {
            SegmentKind::Integer => Some(Lit::Integer("8".into())),
            SegmentKind::Float => Some(Lit::Integer("64".into())),
            SegmentKind::Binary => Some(Lit::Atom("all".into())),
            _ => None,
        }
    }
}

impl<'a> Lowerer<'a> {
    /// `<<Segments>>` in an expression.
    pub(crate) fn binary(&mut self, elems: &[ast::BinElement], b: &mut Bindings) -> Result<Operand> {
        let segs = self.segment_operands(elems, b)?;
        if let Some(bytes) = constant_binary(&segs) {
            return Ok(Operand::Lit(Lit::Binary(bytes)));
        }
        // `<<Acc/binary, ...>>` starts from `Acc` itself, which the runtime
        // extends in place when it can (linear appends in a loop).
        let mut segs = segs.into_iter().map(|(seg, _)| seg).peekable();
        let first_is_whole_binary = segs.peek().is_some_and(|s| {
            s.kind == SegmentKind::Binary && matches!(&s.size, Some(Operand::Lit(Lit::Atom(a))) if a == "all")
        });
        let builder = match segs.next_if(|_| first_is_whole_binary) {
            Some(seg) => {
                let flags = Operand::Lit(Lit::Integer(seg.flags.to_string()));
                self.bind(b, erlang_call("$bs_append", vec![seg.value, flags]))
            }
            None => self.bind(b, erlang_call("$bs_init", vec![])),
        };
        let builder = self.put_segments(builder, segs, b);
        Ok(self.bind(b, erlang_call("$bs_finish", vec![builder])))
    }

    /// Appends the value of `e`, an element of a binary comprehension, to
    /// the builder `acc`: the segments of `<<...>>` are put directly, any
    /// other bitstring whole (`badarg` if it is not one, as in OTP).
    pub(crate) fn append_element(&mut self, acc: Operand, e: &ast::Expr, b: &mut Bindings) -> Result<Operand> {
        if let ast::ExprKind::Binary(elems) = &e.kind {
            let segs = self.segment_operands(elems, b)?;
            return Ok(self.put_segments(acc, segs.into_iter().map(|(seg, _)| seg), b));
        }
        let v = self.expr(e, b)?;
        let flags = Operand::Lit(Lit::Integer(bits::flags(1, false, false, false).to_string()));
        Ok(self.bind(b, erlang_call("$bs_put_binary", vec![acc, v, Operand::atom("all"), flags])))
    }

    /// Evaluates the values and sizes of a construction's segments, left to
    /// right (a string literal is one segment per character).
    fn segment_operands(
        &mut self,
        elems: &[ast::BinElement],
        b: &mut Bindings,
    ) -> Result<Vec<(Segment<Operand, Operand>, Spec)>> {
        let mut segs = Vec::new();
        for el in elems {
            let spec = Spec::parse(el)?;
            let size = match &el.size {
                Some(s) => Some(self.expr(s, b)?),
                None => spec.default_size().map(Operand::Lit),
            };
            let values = match &el.value.kind {
                ast::ExprKind::String(s) => {
                    s.chars().map(|c| Operand::Lit(Lit::Integer((c as u32).to_string()))).collect()
                }
                _ => vec![self.expr(&el.value, b)?],
            };
            for value in values {
                segs.push((Segment { value, kind: spec.kind, size: size.clone(), flags: spec.flags }, spec));
            }
        }
        Ok(segs)
    }

    /// One `'$bs_put_<kind>'` per segment on `builder`; returns the builder.
    fn put_segments(
        &mut self,
        mut builder: Operand,
        segs: impl Iterator<Item = Segment<Operand, Operand>>,
        b: &mut Bindings,
    ) -> Operand {
        for seg in segs {
            let flags = Operand::Lit(Lit::Integer(seg.flags.to_string()));
            let args = match seg.kind {
                SegmentKind::Utf8 => vec![builder, seg.value],
                SegmentKind::Utf16 | SegmentKind::Utf32 => vec![builder, seg.value, flags],
                _ => vec![builder, seg.value, seg.size.unwrap_or(Operand::atom("all")), flags],
            };
            builder = self.bind(b, erlang_call(&format!("$bs_put_{}", seg.kind.name()), args));
        }
        builder
    }

    /// `<<Segments>>` in a pattern.
    pub(crate) fn binary_pattern(
        &mut self,
        elems: &[ast::BinElement],
        fresh: bool,
        shadowed: &mut HashSet<String>,
    ) -> Result<Pat> {
        let mut segs = Vec::new();
        for (i, el) in elems.iter().enumerate() {
            let spec = Spec::parse(el)?;
            let last = i + 1 == elems.len();
            if spec.kind == SegmentKind::Binary && el.size.is_none() && !last {
                return Err(Diagnostic::error(
                    el.span,
                    "a binary segment without a size must be the last segment of a pattern",
                )
                .with_note("help: give it a size, as in `Bin:4/binary`"));
            }
            let size = match &el.size {
                Some(s) => Some(match self.constant_size(s) {
                    Some(constant) => constant,
                    None => self.guard_value(s)?,
                }),
                None => spec.default_size().map(|l| Expr::Atomic(Operand::Lit(l))),
            };
            match &el.value.kind {
                ast::ExprKind::String(s) => {
                    for c in s.chars() {
                        let value = Pat::Lit(Lit::Integer((c as u32).to_string()));
                        segs.push(Segment { value, kind: spec.kind, size: size.clone(), flags: spec.flags });
                    }
                }
                _ => {
                    let value = self.pat_in(&el.value, fresh, shadowed)?;
                    segs.push(Segment { value, kind: spec.kind, size, flags: spec.flags });
                }
            }
        }
        Ok(Pat::Binary(segs))
    }

    /// A guard expression inside a pattern (a segment size, a map key),
    /// as a Core expression evaluated when the pattern is tried.
    pub(crate) fn guard_value(&mut self, e: &ast::Expr) -> Result<Expr> {
        self.check_guard(e)?;
        let mut b = Bindings::new();
        let v = self.expr(e, &mut b)?;
        Ok(wrap(b, Expr::Atomic(v)))
    }
}

/// The bytes of a binary whose segments are all constants of the common
/// kinds, or `None` (the runtime builds it, and raises if it is wrong).
fn constant_binary(segs: &[(Segment<Operand, Operand>, Spec)]) -> Option<Vec<u8>> {
    let mut w = BitWriter::default();
    for (seg, spec) in segs {
        let Operand::Lit(value) = &seg.value else { return None };
        match seg.kind {
            SegmentKind::Integer => {
                let Some(Operand::Lit(Lit::Integer(size))) = &seg.size else { return None };
                let bits = size.parse::<u32>().ok()?.checked_mul(spec.unit)?;
                let Lit::Integer(v) = value else { return None };
                let v: i128 = v.parse().ok()?;
                if bits > 128 || (spec.little && bits % 8 != 0) {
                    return None;
                }
                w.put_int(v, bits, spec.little);
            }
            SegmentKind::Float => {
                let Some(Operand::Lit(Lit::Integer(size))) = &seg.size else { return None };
                let Lit::Float(f) = value else { return None };
                if size.parse::<u32>().ok()?.checked_mul(spec.unit)? != 64 {
                    return None;
                }
                w.put_int(f.to_bits() as i128, 64, spec.little);
            }
            SegmentKind::Binary => {
                let Lit::Binary(bytes) = value else { return None };
                if !matches!(&seg.size, Some(Operand::Lit(Lit::Atom(a))) if a == "all") {
                    return None;
                }
                bytes.iter().for_each(|&byte| w.put_int(byte as i128, 8, false));
            }
            SegmentKind::Utf8 => {
                let Lit::Integer(v) = value else { return None };
                let c = char::from_u32(v.parse().ok()?)?;
                c.encode_utf8(&mut [0; 4]).bytes().for_each(|byte| w.put_int(byte as i128, 8, false));
            }
            SegmentKind::Utf16 | SegmentKind::Utf32 => return None,
        }
    }
    w.finish()
}

/// Packs bits most significant first.
#[derive(Default)]
struct BitWriter {
    bytes: Vec<u8>,
    bits: u64,
}

impl BitWriter {
    fn put_bit(&mut self, bit: bool) {
        if self.bits % 8 == 0 {
            self.bytes.push(0);
        }
        if bit {
            let last = self.bytes.len() - 1;
            self.bytes[last] |= 0x80 >> (self.bits % 8);
        }
        self.bits += 1;
    }

    /// The low `bits` bits of `v` (two's complement), big or little endian
    /// (little only for whole bytes).
    fn put_int(&mut self, v: i128, bits: u32, little: bool) {
        if little {
            for byte in 0..bits / 8 {
                let b = (v >> (8 * byte)) as u8;
                (0..8).rev().for_each(|i| self.put_bit(b >> i & 1 == 1));
            }
        } else {
            (0..bits).rev().for_each(|i| self.put_bit(if i >= 127 { v < 0 } else { v >> i & 1 == 1 }));
        }
    }

    fn finish(self) -> Option<Vec<u8>> {
        (self.bits % 8 == 0).then_some(self.bytes)
    }
}
