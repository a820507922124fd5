//! The table of built-in functions (BIFs) implemented in Rust.
//!
//! Each row names an `extern "C" fn(P, T × arity) -> T` in the runtime. A BIF
//! that fails records the exception in the process and returns
//! [`crate::tag::NON_VALUE`]. The code generator calls BIFs directly by
//! `symbol` (and may inline fast paths for small integers); it also emits a
//! uniform-signature wrapper per BIF so `apply/3`, `fun erlang:F/A` and
//! `spawn/3` reach them like any Erlang function.

/// One built-in function.
#[derive(Debug, Clone, Copy)]
pub struct Bif {
    pub module: &'static str,
    pub name: &'static str,
    pub arity: u32,
    /// The runtime symbol implementing it.
    pub symbol: &'static str,
    /// Allowed in guards (a failure makes the guard fail instead of raising).
    pub guard: bool,
    /// Auto-imported: callable without a module prefix (`length(L)`).
    pub auto_import: bool,
}

macro_rules! bifs {
    ($( $module:literal $name:literal / $arity:literal => $symbol:literal $(, $flag:ident)* ;)*) => {
        /// Every BIF the runtime implements.
        pub static BIFS: &[Bif] = &[
            $( Bif {
                module: $module, name: $name, arity: $arity, symbol: $symbol,
                guard: bifs!(@has guard $($flag)*),
                auto_import: bifs!(@has auto $($flag)*),
            }, )*
        ];
    };
    (@has $want:ident) => { false };
    (@has guard guard $($rest:ident)*) => { true };
    (@has auto auto $($rest:ident)*) => { true };
    (@has $want:ident $other:ident $($rest:ident)*) => { bifs!(@has $want $($rest)*) };
}

bifs! {
    // Arithmetic and bitwise operators.
    "erlang" "+"/2 => "kiln_bif_add", guard;
    "erlang" "-"/2 => "kiln_bif_sub", guard;
    "erlang" "*"/2 => "kiln_bif_mul", guard;
    "erlang" "/"/2 => "kiln_bif_fdiv", guard;
    "erlang" "div"/2 => "kiln_bif_div", guard;
    "erlang" "rem"/2 => "kiln_bif_rem", guard;
    "erlang" "band"/2 => "kiln_bif_band", guard;
    "erlang" "bor"/2 => "kiln_bif_bor", guard;
    "erlang" "bxor"/2 => "kiln_bif_bxor", guard;
    "erlang" "bsl"/2 => "kiln_bif_bsl", guard;
    "erlang" "bsr"/2 => "kiln_bif_bsr", guard;
    "erlang" "bnot"/1 => "kiln_bif_bnot", guard;
    "erlang" "-"/1 => "kiln_bif_neg", guard;
    "erlang" "+"/1 => "kiln_bif_plus", guard;
    // Boolean operators (strict).
    "erlang" "not"/1 => "kiln_bif_not", guard;
    "erlang" "and"/2 => "kiln_bif_and", guard;
    "erlang" "or"/2 => "kiln_bif_or", guard;
    "erlang" "xor"/2 => "kiln_bif_xor", guard;
    // Comparisons (full term order).
    "erlang" "=="/2 => "kiln_bif_eq", guard;
    "erlang" "/="/2 => "kiln_bif_ne", guard;
    "erlang" "=<"/2 => "kiln_bif_le", guard;
    "erlang" "<"/2 => "kiln_bif_lt", guard;
    "erlang" ">="/2 => "kiln_bif_ge", guard;
    "erlang" ">"/2 => "kiln_bif_gt", guard;
    "erlang" "=:="/2 => "kiln_bif_exact_eq", guard;
    "erlang" "=/="/2 => "kiln_bif_exact_ne", guard;
    // List operators.
    "erlang" "++"/2 => "kiln_bif_append";
    "erlang" "--"/2 => "kiln_bif_subtract";
    // Type tests.
    "erlang" "is_atom"/1 => "kiln_bif_is_atom", guard, auto;
    "erlang" "is_binary"/1 => "kiln_bif_is_binary", guard, auto;
    "erlang" "is_bitstring"/1 => "kiln_bif_is_bitstring", guard, auto;
    "erlang" "is_boolean"/1 => "kiln_bif_is_boolean", guard, auto;
    "erlang" "is_float"/1 => "kiln_bif_is_float", guard, auto;
    "erlang" "is_function"/1 => "kiln_bif_is_function", guard, auto;
    "erlang" "is_function"/2 => "kiln_bif_is_function_2", guard, auto;
    "erlang" "is_integer"/1 => "kiln_bif_is_integer", guard, auto;
    "erlang" "is_list"/1 => "kiln_bif_is_list", guard, auto;
    "erlang" "is_map"/1 => "kiln_bif_is_map", guard, auto;
    "erlang" "is_number"/1 => "kiln_bif_is_number", guard, auto;
    "erlang" "is_pid"/1 => "kiln_bif_is_pid", guard, auto;
    "erlang" "is_port"/1 => "kiln_bif_is_port", guard, auto;
    "erlang" "is_reference"/1 => "kiln_bif_is_reference", guard, auto;
    "erlang" "is_tuple"/1 => "kiln_bif_is_tuple", guard, auto;
    "erlang" "is_record"/2 => "kiln_bif_is_record_2", guard, auto;
    "erlang" "is_record"/3 => "kiln_bif_is_record_3", guard, auto;
    // Data access.
    "erlang" "abs"/1 => "kiln_bif_abs", guard, auto;
    "erlang" "element"/2 => "kiln_bif_element", guard, auto;
    "erlang" "setelement"/3 => "kiln_bif_setelement", auto;
    "erlang" "tuple_size"/1 => "kiln_bif_tuple_size", guard, auto;
    "erlang" "size"/1 => "kiln_bif_size", guard, auto;
    "erlang" "length"/1 => "kiln_bif_length", guard, auto;
    "erlang" "hd"/1 => "kiln_bif_hd", guard, auto;
    "erlang" "tl"/1 => "kiln_bif_tl", guard, auto;
    // Not guard BIFs before OTP 26.
    "erlang" "max"/2 => "kiln_bif_max", auto;
    "erlang" "min"/2 => "kiln_bif_min", auto;
    // Not auto-imported.
    "erlang" "make_tuple"/2 => "kiln_bif_make_tuple";
    "erlang" "tuple_to_list"/1 => "kiln_bif_tuple_to_list", auto;
    "erlang" "list_to_tuple"/1 => "kiln_bif_list_to_tuple", auto;
    // Conversions.
    "erlang" "atom_to_list"/1 => "kiln_bif_atom_to_list", auto;
    "erlang" "list_to_atom"/1 => "kiln_bif_list_to_atom", auto;
    "erlang" "list_to_existing_atom"/1 => "kiln_bif_list_to_existing_atom", auto;
    "erlang" "integer_to_list"/1 => "kiln_bif_integer_to_list", auto;
    "erlang" "integer_to_list"/2 => "kiln_bif_integer_to_list_2", auto;
    "erlang" "list_to_integer"/1 => "kiln_bif_list_to_integer", auto;
    "erlang" "list_to_integer"/2 => "kiln_bif_list_to_integer_2", auto;
    "erlang" "float"/1 => "kiln_bif_float", guard, auto;
    "erlang" "trunc"/1 => "kiln_bif_trunc", guard, auto;
    "erlang" "round"/1 => "kiln_bif_round", guard, auto;
    "erlang" "floor"/1 => "kiln_bif_floor", guard, auto;
    "erlang" "ceil"/1 => "kiln_bif_ceil", guard, auto;
    "erlang" "float_to_list"/1 => "kiln_bif_float_to_list", auto;
    "erlang" "list_to_float"/1 => "kiln_bif_list_to_float", auto;
    // Exceptions (always return NON_VALUE after raising).
    "erlang" "error"/1 => "kiln_bif_error", auto;
    "erlang" "error"/2 => "kiln_bif_error_2", auto;
    "erlang" "throw"/1 => "kiln_bif_throw", auto;
    "erlang" "exit"/1 => "kiln_bif_exit", auto;
    // Processes.
    "erlang" "self"/0 => "kiln_bif_self", guard, auto;
    "erlang" "spawn"/1 => "kiln_bif_spawn", auto;
    "erlang" "spawn"/3 => "kiln_bif_spawn_3", auto;
    "erlang" "!"/2 => "kiln_bif_send";
    "erlang" "send"/2 => "kiln_bif_send";
    "erlang" "make_ref"/0 => "kiln_bif_make_ref", auto;
    "erlang" "put"/2 => "kiln_bif_put", auto;
    "erlang" "get"/1 => "kiln_bif_get", auto;
    "erlang" "erase"/1 => "kiln_bif_erase", auto;
    // System.
    "erlang" "halt"/0 => "kiln_bif_halt_0", auto;
    "erlang" "halt"/1 => "kiln_bif_halt", auto;
    "erlang" "display"/1 => "kiln_bif_display";
    // I/O.
    "io" "format"/1 => "kiln_bif_io_format_1";
    "io" "format"/2 => "kiln_bif_io_format_2";
    "io" "put_chars"/1 => "kiln_bif_io_put_chars";
    "io_lib" "format"/2 => "kiln_bif_io_lib_format";
}

/// Finds the BIF `module:name/arity`.
pub fn lookup(module: &str, name: &str, arity: u32) -> Option<&'static Bif> {
    BIFS.iter().find(|b| b.module == module && b.name == name && b.arity == arity)
}

/// Finds an auto-imported BIF called without a module prefix.
pub fn lookup_auto_import(name: &str, arity: u32) -> Option<&'static Bif> {
    BIFS.iter().find(|b| b.auto_import && b.name == name && b.arity == arity)
}
