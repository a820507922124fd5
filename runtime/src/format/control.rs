//! The `io_lib:format/2` engine: control sequences
//! `~F.P.PadModC` with `C` one of `w p W P s e f g b B x X + # c ~ n i`,
//! field width `F`, precision `P`, pad character, modifiers `t` (unicode)
//! and `l` (no string detection); `*` takes a width, precision or pad
//! from the arguments. Any mismatch between format and arguments is
//! `badarg`, as in OTP.
//!
//! `~p` starts at the column the output has reached on its line, so the
//! continuation lines of a long term line up under its start.

use super::chars::{Chars, Push};
use super::pretty::{self, PrintOptions};
use super::strings::chardata_chars;
use super::{float, write, Encoding};
use crate::abi::{tag, Term};
use crate::atom;
use crate::bifs::convert::integer_text;
use crate::term::{float_value, is_integer, list_iter, list_to_vec, to_bigint, view, Error, TermView};

/// One element of the format: a character, or (in a deep format list) a
/// non-character element that is output as is.
enum Elem {
    Char(u32),
    Data(Term),
}

/// Field adjustment.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Adjust {
    Left,
    Right,
}

/// A parsed control sequence with its arguments.
struct Spec {
    width: Option<i64>,
    adjust: Adjust,
    precision: Option<i64>,
    pad: char,
    enc: Encoding,
    strings: bool,
    control: char,
    args: Vec<Term>,
}

enum Item {
    Text(String),
    Control(Spec),
}

/// Formats `args` (a proper list) according to `fmt` (a character list,
/// binary or atom): the text `io_lib:format/2` returns, or `badarg`.
pub fn format(fmt: Term, args: Term) -> Result<String, Error> {
    Ok(format_chars(fmt, args)?.into_string())
}

/// `io_lib:format/2` as the deep list OTP 25 returns: the format's own
/// characters and the output of the "small" control sequences (everything
/// but `~s` of a non-atom, `~w`, `~W`, `~p`, `~P`) flat, each of the
/// others one element, nested as `io_lib_format` builds it.
pub fn format_chars(fmt: Term, args: Term) -> Result<Chars, Error> {
    let elems = format_elems(fmt)?;
    let args = list_to_vec(args).ok_or(Error::Badarg)?;
    let items = collect(&elems, &args)?;
    let mut out: Vec<Chars> = Vec::new();
    let mut col = 0i64;
    for item in items {
        match item {
            Item::Text(s) => {
                col = advance(col, &s);
                out.text(&s);
            }
            Item::Control(spec) if is_limited(&spec) => {
                let node = control_chars(&spec, col)?;
                col = advance(col, &node.flatten());
                out.push(node);
            }
            Item::Control(spec) => {
                let text = control(&spec, col)?;
                col = advance(col, &text);
                out.text(&text);
            }
        }
    }
    Ok(Chars::L(out))
}

/// The control sequences whose output OTP keeps as one nested element.
fn is_limited(s: &Spec) -> bool {
    match s.control {
        'w' | 'W' | 'p' | 'P' => true,
        's' => !s.args.first().is_some_and(|&a| tag::is_atom(a)),
        _ => false,
    }
}

fn control_chars(s: &Spec, col: i64) -> Result<Chars, Error> {
    let (f, adj, p, pad) = (s.width, s.adjust, s.precision, s.pad);
    let a = s.args.first().copied().unwrap_or(tag::NIL);
    match s.control {
        'w' => Ok(term_chars(write::write_chars(a, -1, s.enc), f, adj, p, pad)),
        'W' => Ok(term_chars(write::write_chars(a, depth_arg(s.args[1])?, s.enc), f, adj, p, pad)),
        'p' => Ok(pretty::print_chars(a, &print_options(s, -1, col)?)),
        'P' => Ok(pretty::print_chars(a, &print_options(s, depth_arg(s.args[1])?, col)?)),
        _ => {
            let l = string_arg_chars(a, s.enc)?;
            string_chars(l, f, adj, p, pad)
        }
    }
}

/// The characters of a `~s` argument with the argument's own nesting
/// (binaries become flat lists).
fn string_arg_chars(a: Term, enc: Encoding) -> Result<Chars, Error> {
    fn binary_chars(b: &[u8], enc: Encoding) -> Vec<Chars> {
        if enc == Encoding::Unicode {
            if let Ok(s) = std::str::from_utf8(b) {
                return s.chars().map(|c| Chars::C(c as u32)).collect();
            }
        }
        b.iter().map(|&x| Chars::C(u32::from(x))).collect()
    }
    fn list(t: Term, enc: Encoding, level: usize) -> Result<Vec<Chars>, Error> {
        if level > 10_000 {
            return Err(Error::Badarg);
        }
        let max = if enc == Encoding::Latin1 { 0xFF } else { 0x10_FFFF };
        let mut out = Vec::new();
        let mut cur = t;
        loop {
            match view(cur) {
                TermView::Nil => return Ok(out),
                TermView::Binary(b) => {
                    out.extend(binary_chars(b, enc));
                    return Ok(out);
                }
                TermView::Cons(h, tl) => {
                    match view(h) {
                        TermView::Small(c) if (0..=max).contains(&c) => out.push(Chars::C(c as u32)),
                        TermView::Binary(b) => out.push(Chars::L(binary_chars(b, enc))),
                        TermView::Nil | TermView::Cons(..) => out.push(Chars::L(list(h, enc, level + 1)?)),
                        _ => return Err(Error::Badarg),
                    }
                    cur = tl;
                }
                _ => return Err(Error::Badarg),
            }
        }
    }
    match view(a) {
        TermView::Binary(b) => Ok(Chars::L(binary_chars(b, enc))),
        TermView::Nil | TermView::Cons(..) => Ok(Chars::L(list(a, enc, 0)?)),
        _ => Err(Error::Badarg),
    }
}

/// `adjust/3`: the padding before or after the data.
fn adjust_chars(data: Chars, pad: Chars, adj: Adjust) -> Chars {
    if pad == Chars::nil() {
        return data;
    }
    match adj {
        Adjust::Left => {
            let mut v = vec![data];
            v.append_list(pad);
            Chars::L(v)
        }
        Adjust::Right => {
            let mut v = vec![pad];
            v.append_list(data);
            Chars::L(v)
        }
    }
}

/// `term/5` on a deep list.
fn term_chars(t: Chars, f: Option<i64>, adj: Adjust, p: Option<i64>, pad: char) -> Chars {
    let f = match (f, p) {
        (None, None) => return t,
        (None, Some(p)) => p,
        (Some(f), _) => f,
    };
    let l = t.char_count() as i64;
    let lim = l.min(match p {
        None => f,
        Some(p) => p.min(f),
    });
    if l > lim {
        adjust_chars(format_chars_n('*', lim), format_chars_n(pad, f - lim), adj)
    } else {
        adjust_chars(t, format_chars_n(pad, f - l), adj)
    }
}

fn format_chars_n(c: char, n: i64) -> Chars {
    super::chars::format_chars(c, n)
}

/// The first `n` characters, flat.
fn flat_trunc(s: &Chars, n: i64) -> Chars {
    Chars::str(&s.flatten().chars().take(n.max(0) as usize).collect::<String>())
}

fn string_field_chars(s: Chars, f: i64, adj: Adjust, n: i64, pad: char) -> Chars {
    if n > f {
        flat_trunc(&s, f)
    } else if n < f {
        adjust_chars(s, format_chars_n(pad, f - n), adj)
    } else {
        s
    }
}

/// `string/6` on a deep list.
fn string_chars(s: Chars, f: Option<i64>, adj: Adjust, p: Option<i64>, pad: char) -> Result<Chars, Error> {
    let n = s.char_count() as i64;
    match (f, p) {
        (None, None) => Ok(s),
        (Some(f), None) => Ok(string_field_chars(s, f, adj, n, pad)),
        (None, Some(p)) => Ok(string_field_chars(s, p, Adjust::Left, n, pad)),
        (Some(f), Some(p)) if f > p => {
            let padding = format_chars_n(pad, f - p);
            Ok(if n > p {
                adjust_chars(flat_trunc(&s, p), padding, adj)
            } else if n < p {
                let mut v = vec![s];
                v.append_list(format_chars_n(pad, p - n));
                adjust_chars(Chars::L(v), padding, adj)
            } else {
                adjust_chars(s, padding, adj)
            })
        }
        (Some(f), Some(p)) if f == p => Ok(string_field_chars(s, f, adj, n, pad)),
        _ => Err(Error::Badarg),
    }
}

/// The column after printing `s` from column `col` (tabs to multiples of 8).
fn advance(mut col: i64, s: &str) -> i64 {
    for c in s.chars() {
        col = match c {
            '\n' => 0,
            '\t' => ((col + 8) / 8) * 8,
            _ => col + 1,
        };
    }
    col
}

fn format_elems(fmt: Term) -> Result<Vec<Elem>, Error> {
    let chars = |s: &str| s.chars().map(|c| Elem::Char(c as u32)).collect();
    match view(fmt) {
        TermView::Atom(a) => Ok(chars(atom::name(a))),
        TermView::Binary(b) => Ok(chars(std::str::from_utf8(b).map_err(|_| Error::Badarg)?)),
        TermView::Nil | TermView::Cons(..) => {
            let mut out = Vec::new();
            for item in list_iter(fmt) {
                let e = item.map_err(|_| Error::Badarg)?;
                match view(e) {
                    TermView::Small(c) if (0..=i64::from(u32::MAX)).contains(&c) => out.push(Elem::Char(c as u32)),
                    _ => out.push(Elem::Data(e)),
                }
            }
            Ok(out)
        }
        _ => Err(Error::Badarg),
    }
}

fn to_char(c: u32) -> Result<char, Error> {
    char::from_u32(c).ok_or(Error::Badarg)
}

/// Splits the format into text and control sequences, taking arguments.
fn collect(elems: &[Elem], args: &[Term]) -> Result<Vec<Item>, Error> {
    let mut items = Vec::new();
    let mut text = String::new();
    let mut p = Parser { elems, pos: 0, args, next_arg: 0 };
    while p.pos < elems.len() {
        match &elems[p.pos] {
            Elem::Char(0x7E) => {
                p.pos += 1;
                if !text.is_empty() {
                    items.push(Item::Text(std::mem::take(&mut text)));
                }
                items.push(Item::Control(p.spec()?));
            }
            Elem::Char(c) => {
                text.push(to_char(*c)?);
                p.pos += 1;
            }
            Elem::Data(t) => {
                let mut cs = Vec::new();
                chardata_chars(*t, Encoding::Unicode, &mut cs).ok_or(Error::Badarg)?;
                for c in cs {
                    text.push(to_char(c)?);
                }
                p.pos += 1;
            }
        }
    }
    if p.next_arg != args.len() {
        return Err(Error::Badarg);
    }
    if !text.is_empty() {
        items.push(Item::Text(text));
    }
    Ok(items)
}

struct Parser<'a> {
    elems: &'a [Elem],
    pos: usize,
    args: &'a [Term],
    next_arg: usize,
}

impl Parser<'_> {
    fn peek(&self) -> Option<u32> {
        match self.elems.get(self.pos) {
            Some(Elem::Char(c)) => Some(*c),
            _ => None,
        }
    }

    fn arg(&mut self) -> Result<Term, Error> {
        let a = *self.args.get(self.next_arg).ok_or(Error::Badarg)?;
        self.next_arg += 1;
        Ok(a)
    }

    /// A number in the format, or `*` (an integer argument).
    fn field_value(&mut self) -> Result<Option<i64>, Error> {
        match self.peek() {
            Some(0x2A) => {
                self.pos += 1;
                let a = self.arg()?;
                if tag::is_small(a) {
                    Ok(Some(tag::small_value(a)))
                } else {
                    Err(Error::Badarg)
                }
            }
            Some(c) if (0x30..=0x39).contains(&c) => {
                let mut v: i64 = 0;
                while let Some(d) = self.peek().filter(|d| (0x30..=0x39).contains(d)) {
                    v = v.saturating_mul(10).saturating_add(i64::from(d - 0x30));
                    self.pos += 1;
                }
                Ok(Some(v))
            }
            _ => Ok(None),
        }
    }

    fn spec(&mut self) -> Result<Spec, Error> {
        // Field width, possibly negative (left adjusted).
        let (width, adjust) = if self.peek() == Some(0x2D) {
            self.pos += 1;
            let v = self.field_value()?.ok_or(Error::Badarg)?;
            width_adjust(-v)
        } else {
            match self.field_value()? {
                Some(v) => width_adjust(v),
                None => (None, Adjust::Right),
            }
        };
        let mut precision = None;
        let mut pad = ' ';
        if self.peek() == Some(0x2E) {
            self.pos += 1;
            precision = self.field_value()?;
            if self.peek() == Some(0x2E) {
                self.pos += 1;
                if self.peek() == Some(0x2A) {
                    self.pos += 1;
                    let a = self.arg()?;
                    pad = char_arg(a)?;
                } else {
                    pad = to_char(self.peek().ok_or(Error::Badarg)?)?;
                    self.pos += 1;
                }
            }
        }
        let mut enc = Encoding::Latin1;
        let mut strings = true;
        loop {
            match self.peek() {
                Some(0x74) => enc = Encoding::Unicode,
                Some(0x6C) => strings = false,
                _ => break,
            }
            self.pos += 1;
        }
        let c = self.peek().and_then(char::from_u32).ok_or(Error::Badarg)?;
        self.pos += 1;
        let nargs = match c {
            'w' | 'p' | 's' | 'e' | 'f' | 'g' | 'b' | 'B' | '+' | '#' | 'c' | 'i' => 1,
            'W' | 'P' | 'x' | 'X' => 2,
            '~' | 'n' => 0,
            _ => return Err(Error::Badarg),
        };
        let args = (0..nargs).map(|_| self.arg()).collect::<Result<Vec<_>, _>>()?;
        Ok(Spec { width, adjust, precision, pad, enc, strings, control: c, args })
    }
}

fn width_adjust(v: i64) -> (Option<i64>, Adjust) {
    if v < 0 {
        (Some(-v), Adjust::Left)
    } else {
        (Some(v), Adjust::Right)
    }
}

fn char_arg(a: Term) -> Result<char, Error> {
    match view(a) {
        TermView::Small(c) if c >= 0 => char::from_u32(c as u32).ok_or(Error::Badarg),
        _ => Err(Error::Badarg),
    }
}

fn chars(c: char, n: i64) -> String {
    std::iter::repeat_n(c, n.max(0) as usize).collect()
}

fn adjust(data: String, pad: String, adj: Adjust) -> String {
    match adj {
        Adjust::Left => data + &pad,
        Adjust::Right => pad + &data,
    }
}

fn char_len(s: &str) -> i64 {
    s.chars().count() as i64
}

/// OTP's `term/5`: pads a text to the field width, or fills the field
/// with `*` when the text does not fit.
fn term(t: String, f: Option<i64>, adj: Adjust, p: Option<i64>, pad: char) -> String {
    let f = match (f, p) {
        (None, None) => return t,
        (None, Some(p)) => p,
        (Some(f), _) => f,
    };
    let l = char_len(&t);
    let lim = l.min(match p {
        None => f,
        Some(p) => p.min(f),
    });
    if l > lim {
        adjust(chars('*', lim), chars(pad, f - lim), adj)
    } else {
        adjust(t, chars(pad, f - l), adj)
    }
}

fn control(s: &Spec, col: i64) -> Result<String, Error> {
    let (f, adj, p, pad) = (s.width, s.adjust, s.precision, s.pad);
    let a = s.args.first().copied().unwrap_or(tag::NIL);
    match s.control {
        'w' => Ok(term(write::write(a, -1, s.enc), f, adj, p, pad)),
        'W' => Ok(term(write::write(a, depth_arg(s.args[1])?, s.enc), f, adj, p, pad)),
        'p' => print(s, a, -1, col),
        'P' => print(s, a, depth_arg(s.args[1])?, col),
        's' => string(string_arg(a, s.enc)?, f, adj, p, pad),
        'e' | 'f' | 'g' => fwrite_float(s, float_value(a).ok_or(Error::Badarg)?),
        'b' | 'B' => {
            let text = integer(a, base(p)?, s.control == 'b')?;
            Ok(term(text, f, adj, None, pad))
        }
        'x' | 'X' => {
            let prefix = prefix_arg(s.args[1])?;
            let text = integer(a, base(p)?, s.control == 'x')?;
            Ok(term(prefixed(text, &prefix), f, adj, None, pad))
        }
        '+' | '#' => {
            let b = base(p)?;
            let text = integer(a, b, s.control == '+')?;
            Ok(term(prefixed(text, &format!("{b}#")), f, adj, None, pad))
        }
        'c' => {
            let code = match s.enc {
                Encoding::Latin1 => {
                    to_bigint(a).map(|v| (v & num_bigint::BigInt::from(255)).try_into().unwrap_or(0u32))
                }
                Encoding::Unicode => match view(a) {
                    TermView::Small(v) => u32::try_from(v).ok(),
                    _ => None,
                },
            };
            let c = code.and_then(char::from_u32).ok_or(Error::Badarg)?;
            char_field(c, f, adj, p, pad)
        }
        '~' => char_field('~', f, adj, p, pad),
        'n' => match (f, adj) {
            (None, _) => Ok("\n".to_owned()),
            (Some(n), Adjust::Right) => Ok(chars('\n', n)),
            (Some(_), Adjust::Left) => Err(Error::Badarg),
        },
        'i' => Ok(String::new()),
        _ => Err(Error::Badarg),
    }
}

fn depth_arg(d: Term) -> Result<i64, Error> {
    match view(d) {
        TermView::Small(v) => Ok(v),
        _ => Err(Error::Badarg),
    }
}

/// `~p`/`~P`: the field width is the line length (80), the precision the
/// start column (the current one).
fn print(s: &Spec, a: Term, depth: i64, col: i64) -> Result<String, Error> {
    Ok(pretty::print(a, &print_options(s, depth, col)?))
}

fn print_options(s: &Spec, depth: i64, col: i64) -> Result<PrintOptions, Error> {
    if s.adjust == Adjust::Left {
        return Err(Error::Badarg);
    }
    Ok(PrintOptions {
        column: s.precision.unwrap_or(col + 1),
        line_length: s.width.unwrap_or(80),
        depth,
        encoding: s.enc,
        strings: s.strings,
    })
}

/// The characters of a `~s` argument.
fn string_arg(a: Term, enc: Encoding) -> Result<Vec<char>, Error> {
    let mut cs: Vec<u32> = Vec::new();
    if let TermView::Atom(at) = view(a) {
        cs.extend(atom::name(at).chars().map(|c| c as u32));
        if enc == Encoding::Latin1 && cs.iter().any(|&c| c > 0xFF) {
            return Err(Error::Badarg);
        }
    } else {
        chardata_chars(a, enc, &mut cs).ok_or(Error::Badarg)?;
    }
    cs.into_iter().map(to_char).collect()
}

fn string(s: Vec<char>, f: Option<i64>, adj: Adjust, p: Option<i64>, pad: char) -> Result<String, Error> {
    let n = s.len() as i64;
    let text = |cs: &[char]| cs.iter().collect::<String>();
    let field = |width: i64, adj: Adjust| -> String {
        if n > width {
            text(&s[..width.max(0) as usize])
        } else if n < width {
            adjust(text(&s), chars(pad, width - n), adj)
        } else {
            text(&s)
        }
    };
    match (f, p) {
        (None, None) => Ok(text(&s)),
        (Some(f), None) => Ok(field(f, adj)),
        (None, Some(p)) => Ok(field(p, Adjust::Left)),
        (Some(f), Some(p)) if f > p => {
            let body = if n > p { text(&s[..p.max(0) as usize]) } else { text(&s) + &chars(pad, p - n) };
            Ok(adjust(body, chars(pad, f - p), adj))
        }
        (Some(f), Some(p)) if f == p => Ok(field(f, adj)),
        _ => Err(Error::Badarg),
    }
}

fn fwrite_float(s: &Spec, x: f64) -> Result<String, Error> {
    let (f, adj, pad) = (s.width, s.adjust, s.pad);
    let e = |p: i64| -> Result<String, Error> {
        if p < 2 {
            return Err(Error::Badarg);
        }
        let t = float::fwrite_e(x, p as usize);
        Ok(if f.is_some() { term(t, f, adj, f, pad) } else { t })
    };
    let fixed = |p: i64| -> Result<String, Error> {
        if p < 1 {
            return Err(Error::Badarg);
        }
        let t = float::fwrite_f(x, p as usize);
        Ok(if f.is_some() { term(t, f, adj, f, pad) } else { t })
    };
    let p = s.precision.unwrap_or(6);
    match s.control {
        'e' => e(p),
        'f' => fixed(p),
        _ => {
            if p < 1 {
                return Err(Error::Badarg);
            }
            match float::fwrite_g(x, p as usize) {
                float::GChoice::F(d) => fixed(d as i64),
                float::GChoice::E(d) => e(d as i64),
            }
        }
    }
}

fn base(p: Option<i64>) -> Result<u32, Error> {
    match p {
        None => Ok(10),
        Some(b) if (2..=36).contains(&b) => Ok(b as u32),
        Some(_) => Err(Error::Badarg),
    }
}

fn integer(a: Term, base: u32, lowercase: bool) -> Result<String, Error> {
    if !is_integer(a) {
        return Err(Error::Badarg);
    }
    let t = integer_text(a, base).ok_or(Error::Badarg)?;
    Ok(if lowercase { t.to_ascii_lowercase() } else { t })
}

/// Puts `prefix` after the sign of an integer text.
fn prefixed(text: String, prefix: &str) -> String {
    match text.strip_prefix('-') {
        Some(digits) => format!("-{prefix}{digits}"),
        None => format!("{prefix}{text}"),
    }
}

/// The prefix argument of `~x`/`~X`: an atom or a deep character list.
fn prefix_arg(t: Term) -> Result<String, Error> {
    if let TermView::Atom(a) = view(t) {
        return Ok(atom::name(a).to_owned());
    }
    let mut cs = Vec::new();
    let mut stack = vec![t];
    while let Some(cur) = stack.pop() {
        match view(cur) {
            TermView::Nil => {}
            TermView::Cons(h, tl) => {
                stack.push(tl);
                match view(h) {
                    TermView::Small(c) if c >= 0 => cs.push(to_char(c as u32)?),
                    TermView::Cons(..) | TermView::Nil => stack.push(h),
                    _ => return Err(Error::Badarg),
                }
            }
            _ => return Err(Error::Badarg),
        }
    }
    Ok(cs.into_iter().collect())
}

fn char_field(c: char, f: Option<i64>, adj: Adjust, p: Option<i64>, pad: char) -> Result<String, Error> {
    match (f, p) {
        (None, None) => Ok(c.to_string()),
        (Some(f), None) => Ok(chars(c, f)),
        (None, Some(p)) => Ok(chars(c, p)),
        (Some(f), Some(p)) if f >= p => Ok(adjust(chars(c, p), chars(pad, f - p), adj)),
        _ => Err(Error::Badarg),
    }
}
