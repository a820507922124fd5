//! Symbol names of generated code and data.
//!
//! # Scheme
//!
//! Erlang atoms may contain any character (`'+'`, `'-main/1-fun-0-'`,
//! `'héllo'`), so names are escaped before they become symbols:
//! `[A-Za-z0-9_@]` stay as they are and every other byte of the UTF-8
//! encoding becomes `.XX` (two upper-case hex digits). `$` separates the
//! parts and never occurs inside an escaped part, so the scheme is
//! injective, and the result is a plain identifier for ELF, Mach-O and wasm
//! object files alike.
//!
//! | symbol                          | what                                      | linkage  |
//! |---------------------------------|-------------------------------------------|----------|
//! | `kiln$M$F$A`                    | entry of exported `M:F/A` (or BIF wrapper, or `undef` stub) | external |
//! | `kiln$M$F$A$local`              | entry of a non-exported function          | internal |
//! | `kiln$M$L$A$fun`                | body of lambda `L` (`A` = native arity)   | internal |
//! | `<entry>$bN`                    | continuation / handler rooted at block N  | internal |
//! | `kiln$module$M`                 | the module's `ModuleInfo`                 | external |
//! | `kiln$bifs$M`                   | `ModuleInfo` of the BIFs of module `M`    | internal |
//! | `kiln$atom$M$I`, `kiln$lit$M$I`  | atom / literal slots (filled at start-up) | internal |
//!
//! A remote call `M:F(...)` with `A` arguments is a direct call of
//! `kiln$M$F$A`; whichever object defines it (the module, the BIF wrappers
//! or an `undef` stub of the link module) satisfies it at link time.

use std::fmt::Write;

/// Escapes one name part (see the module docs).
pub fn escape(name: &str) -> String {
    let mut out = String::with_capacity(name.len());
    for &b in name.as_bytes() {
        if b.is_ascii_alphanumeric() || b == b'_' || b == b'@' {
            out.push(b as char);
        } else {
            let _ = write!(out, ".{b:02X}");
        }
    }
    out
}

/// The external symbol of `module:name/arity`.
pub fn function(module: &str, name: &str, arity: u32) -> String {
    format!("kiln${}${}${arity}", escape(module), escape(name))
}

/// The internal symbol of a non-exported function.
pub fn local_function(module: &str, name: &str, arity: u32) -> String {
    format!("{}$local", function(module, name, arity))
}

/// The internal symbol of a lambda body (`native_arity` includes the closure).
pub fn lambda(module: &str, name: &str, native_arity: u32) -> String {
    format!("{}$fun", function(module, name, native_arity))
}

/// The internal symbol of the native function rooted at `block` of the
/// function whose entry symbol is `entry`.
pub fn continuation(entry: &str, block: u32) -> String {
    format!("{entry}$b{block}")
}

/// The `ModuleInfo` of a compiled module.
pub fn module_info(module: &str) -> String {
    format!("kiln$module${}", escape(module))
}

/// The `ModuleInfo` of the BIFs of a module, in the link module.
pub fn bif_module_info(module: &str) -> String {
    format!("kiln$bifs${}", escape(module))
}

pub fn atom_slot(module: &str, index: usize) -> String {
    format!("kiln$atom${}${index}", escape(module))
}

pub fn literal_slot(module: &str, index: usize) -> String {
    format!("kiln$lit${}${index}", escape(module))
}

/// Names of private data (strings, tables) of a module: `kiln$<what>$M`.
pub fn data(what: &str, module: &str) -> String {
    format!("kiln${what}${}", escape(module))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn plain_names_stay_readable() {
        assert_eq!(function("lists", "map", 2), "kiln$lists$map$2");
        assert_eq!(function("my_mod", "handle_call", 3), "kiln$my_mod$handle_call$3");
    }

    #[test]
    fn operators_and_unicode_are_escaped() {
        assert_eq!(function("erlang", "+", 2), "kiln$erlang$.2B$2");
        assert_eq!(escape("-main/1-fun-0-"), ".2Dmain.2F1.2Dfun.2D0.2D");
        assert_eq!(escape("é"), ".C3.A9");
        assert_eq!(escape("a$b.c"), "a.24b.2Ec");
    }

    #[test]
    fn parts_cannot_collide() {
        assert_ne!(function("a$b", "c", 1), function("a", "b$c", 1));
        assert_ne!(function("a", "b", 1), local_function("a", "b", 1));
    }
}
