//! The `file` module's BIFs, over `std::fs` (on wasm32-wasip1 through the
//! WASI preopened directories; `tests/wasi-run.mjs` preopens `.`).
//!
//! - Filenames are strings (character codes, UTF-8 encoded for the OS),
//!   atoms, deep lists of those, or binaries (raw bytes) at the top level;
//!   anything else gives `{error, badarg}`, as in OTP. Relative names are
//!   relative to the current directory (`get_cwd/0`, `set_cwd/1`; on
//!   wasm32-wasip1 the current directory starts as `/`, which is the
//!   preopened directory).
//! - Errors are OTP's POSIX atoms (`{error, enoent}`, ...), including its
//!   Linux quirks: `delete/1` of a directory is `eperm`, `del_dir/1` of a
//!   non-empty directory is `eexist`.
//! - `read_file_info/1,2` returns the `#file_info{}` record tuple in OTP's
//!   field order; times are local `{{Y,M,D},{H,Mi,S}}` by default, or
//!   `[{time, universal | local | posix}]`. On wasm32-wasip1 the device,
//!   inode, uid and gid fields are 0 and the mode is made up from the file
//!   type and the read-only flag.
//! - `open/2` returns `{ok, Fd}` where `Fd` is the opaque tuple
//!   `{file_descriptor, kiln_file, N}` (N unique per run), usable from any
//!   process; `read/2`, `read_line/1`, `write/2`, `position/2`, `close/1`
//!   take it. Modes: `read`, `write`, `append`, `exclusive`, `binary`,
//!   `list`; other options (`raw`, `read_ahead`, `delayed_write`, `sync`,
//!   `{encoding, latin1}`, ...) are accepted and ignored, as OTP ignores
//!   unknown ones; `{encoding, utf8}` is refused with `badarg`. A closed handle gives `{error, terminated}`; reading a handle
//!   not opened for reading (or writing one not opened for writing) gives
//!   `{error, ebadf}`.
//! - `consult/1` reads terms with [`super::file_terms`].
//!
//! `format_error/1` is Erlang (`stdlib/file.erl`).

mod consult;
mod copy;
mod handles;
mod info;
mod modes;
mod names;
mod whole;

// The BIFs and the helpers used elsewhere, at their old paths.
pub use consult::*;
pub use copy::*;
pub use handles::*;
pub use info::*;
pub use names::{filename_bytes, path_of, posix_name};
pub use whole::*;
