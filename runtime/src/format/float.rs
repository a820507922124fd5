//! Float texts as OTP prints them.
//!
//! - [`shortest`]: `~w`/`~p`/`io_lib:write` (OTP 25's `float_to_list(F,
//!   [short])`): the shortest digits that read back as the same float, in
//!   plain decimal notation (`123.5`, `0.001`) when that is no longer than
//!   scientific notation (`1.0e10`, `1.23e-4`) and the magnitude is below
//!   2^53, in scientific notation otherwise.
//! - [`fwrite_e`], [`fwrite_f`], [`fwrite_g`]: `~e`, `~f`, `~g`, which round
//!   (half up) the 21 significant digits of `float_to_list/1` (`%.20e`).
//! - [`display`]: `erlang:display/1`'s C `%e` form (`1.500000e+00`).

/// The shortest round-trip digits of `|f|` and the exponent `x` with
/// `|f| = d0.d1d2... * 10^x`.
fn shortest_parts(f: f64) -> (Vec<u8>, i32) {
    // Rust's `{:e}` without a precision prints the shortest digits that
    // round-trip (like Ryu, which OTP uses).
    let a = f.abs();
    let s = format!("{a:e}");
    let (mant, exp) = s.split_once('e').unwrap_or((&s, "0"));
    let digits: Vec<u8> = mant.bytes().filter(|b| b.is_ascii_digit()).collect();
    let x = exp.parse().unwrap_or(0);
    match tie_to_even(a, &digits, x) {
        Some(even) => (even, x),
        None => (digits, x),
    }
}

/// When `a` lies exactly halfway between two shortest candidates, Ryu (and
/// so OTP) takes the one with an even last digit, where Rust may take the
/// other; returns the even candidate in that case.
fn tie_to_even(a: f64, digits: &[u8], x: i32) -> Option<Vec<u8>> {
    let n = digits.len();
    // A tie means the exact expansion has n + 1 significant digits, the
    // last a 5. Cheap test first: the (n + 1)-digit rounding ends in 5.
    let s = format!("{:.*e}", n, a);
    let m: Vec<u8> = s.split('e').next()?.bytes().filter(|b| b.is_ascii_digit()).collect();
    if m.last() != Some(&b'5') {
        return None;
    }
    // Exact expansion (a double has at most 767 significant digits).
    let exact = format!("{:.*e}", 800, a);
    let e: Vec<u8> = exact.split('e').next()?.bytes().filter(|b| b.is_ascii_digit()).collect();
    if e.get(n) != Some(&b'5') || e[n + 1..].iter().any(|&d| d != b'0') {
        return None;
    }
    let down: Vec<u8> = e[..n].to_vec();
    let mut up = down.clone();
    let mut carry = true;
    for d in up.iter_mut().rev() {
        if !carry {
            break;
        }
        if *d == b'9' {
            *d = b'0';
        } else {
            *d += 1;
            carry = false;
        }
    }
    if carry {
        // Rounding up adds a digit: not a same-length tie.
        return None;
    }
    let even = if down[n - 1].is_multiple_of(2) { down } else { up };
    if even == digits {
        return None;
    }
    // Only take it if it reads back as the same float.
    let text = format!("{}.{}e{}", even[0] as char, String::from_utf8_lossy(&even[1..]), x);
    (text.parse::<f64>().ok()? == a).then_some(even)
}

/// The text of `f` as `io_lib:write/1` prints it.
pub fn shortest(f: f64) -> String {
    let (d, x) = shortest_parts(f);
    let n = d.len() as i32;
    let digits = |r: std::ops::Range<usize>| String::from_utf8_lossy(&d[r]).into_owned();
    let sci = {
        let rest = if n > 1 { digits(1..d.len()) } else { "0".to_owned() };
        format!("{}.{}e{}", d[0] as char, rest, x)
    };
    let fixed = if x < 0 {
        format!("0.{}{}", "0".repeat((-x - 1) as usize), digits(0..d.len()))
    } else if x < n - 1 {
        let k = (x + 1) as usize;
        format!("{}.{}", digits(0..k), digits(k..d.len()))
    } else {
        format!("{}{}.0", digits(0..d.len()), "0".repeat((x - n + 1) as usize))
    };
    let body = if fixed.len() <= sci.len() && f.abs() < 9007199254740992.0 { fixed } else { sci };
    if f.is_sign_negative() {
        format!("-{body}")
    } else {
        body
    }
}

/// OTP's `float_data/1`: the 21 significant digits of `|f|` (as
/// `float_to_list/1` prints them) and the exponent `e` with
/// `|f| = 0.d0d1d2... * 10^e`.
fn float_data(f: f64) -> (Vec<u8>, i32) {
    let s = format!("{:.20e}", f.abs());
    let (mant, exp) = s.split_once('e').unwrap_or((&s, "0"));
    let digits: Vec<u8> = mant.bytes().filter(|b| b.is_ascii_digit()).collect();
    (digits, exp.parse::<i32>().unwrap_or(0) + 1)
}

/// The first `keep` digits of `ds` (padded with zeros), rounded half up on
/// the next digit; the flag is the carry out of the first digit (the
/// digits are then all zeros).
fn round_digits(ds: &[u8], keep: usize) -> (Vec<u8>, bool) {
    let mut m: Vec<u8> = (0..keep).map(|i| ds.get(i).copied().unwrap_or(b'0')).collect();
    let round_up = ds.get(keep).is_some_and(|&d| d >= b'5');
    if !round_up {
        return (m, false);
    }
    for d in m.iter_mut().rev() {
        if *d == b'9' {
            *d = b'0';
        } else {
            *d += 1;
            return (m, false);
        }
    }
    (m, true)
}

fn sign(f: f64) -> &'static str {
    if f.is_sign_negative() {
        "-"
    } else {
        ""
    }
}

/// `~.Pe`: `P` (at least 2) significant digits, `d.ddde+X`.
pub fn fwrite_e(f: f64, p: usize) -> String {
    let (ds, e) = float_data(f);
    let (m, carry) = round_digits(&ds, p);
    let frac = String::from_utf8_lossy(&m[1..]).into_owned();
    let (first, exp) = if carry { ('1', e) } else { (m[0] as char, e - 1) };
    let exp_text = if exp >= 0 { format!("e+{exp}") } else { format!("e{exp}") };
    format!("{}{}.{}{}", sign(f), first, frac, exp_text)
}

/// `~.Pf`: `P` (at least 1) decimals.
pub fn fwrite_f(f: f64, p: usize) -> String {
    let (mut ds, mut e) = float_data(f);
    if e <= 0 {
        let mut padded = vec![b'0'; (-e + 1) as usize];
        padded.extend_from_slice(&ds);
        ds = padded;
        e = 1;
    }
    let int_digits = e as usize;
    let (m, carry) = round_digits(&ds, int_digits + p);
    let int_part = String::from_utf8_lossy(&m[..int_digits]).into_owned();
    let frac = String::from_utf8_lossy(&m[int_digits..]).into_owned();
    format!("{}{}{}.{}", sign(f), if carry { "1" } else { "" }, int_part, frac)
}

/// What `~.Pg` prints: `~f` with some decimals for magnitudes in
/// `[0.1, 10^4)` when `P` digits allow, `~e` otherwise.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum GChoice {
    F(usize),
    E(usize),
}

/// OTP's choice for `~.Pg` (`P` at least 1).
pub fn fwrite_g(f: f64, p: usize) -> GChoice {
    let a = f.abs();
    let e: Option<i64> = if a < 1.0e-1 {
        Some(-2)
    } else if a < 1.0 {
        Some(-1)
    } else if a < 1.0e1 {
        Some(0)
    } else if a < 1.0e2 {
        Some(1)
    } else if a < 1.0e3 {
        Some(2)
    } else if a < 1.0e4 {
        Some(3)
    } else {
        None
    };
    let p = p as i64;
    match e {
        Some(-1) if p <= 1 => GChoice::F((p - 1 - -1) as usize),
        Some(e) if p - 1 > e && e >= -1 => GChoice::F((p - 1 - e) as usize),
        _ if p <= 1 => GChoice::E(2),
        _ => GChoice::E(p as usize),
    }
}

/// `erlang:display/1`'s float text: C's `%e` (`1.500000e+00`).
pub fn display(f: f64) -> String {
    let s = format!("{:.6e}", f);
    let (mant, exp) = s.split_once('e').unwrap_or((&s, "0"));
    let exp: i32 = exp.parse().unwrap_or(0);
    let sign = if exp < 0 { '-' } else { '+' };
    format!("{mant}e{sign}{:02}", exp.unsigned_abs())
}
