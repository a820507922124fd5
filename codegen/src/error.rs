//! Errors of code generation and linking. Both are structured values; the
//! backend never panics on valid SSA, and reports IR it cannot (yet) compile
//! as a [`CodegenError`] naming the construct.

use std::fmt;

use inkwell::builder::BuilderError;

/// Why a module could not be compiled.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum CodegenError {
    /// The SSA module breaks an invariant of the IR (a block id out of
    /// range, a value used before it is defined, a continuation that is not
    /// a `Continuation` block, ...). `function` is `name/arity`.
    InvalidIr { function: String, message: String },
    /// Valid SSA using something this backend does not compile yet.
    Unsupported { function: String, what: String },
    /// LLVM refused something: no target for the triple, the verifier
    /// rejected the module, object emission failed.
    Llvm(String),
}

impl fmt::Display for CodegenError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            CodegenError::InvalidIr { function, message } => {
                write!(f, "invalid SSA in {function}: {message}")
            }
            CodegenError::Unsupported { function, what } => {
                write!(f, "code generation of {what} (in {function}) is not supported")
            }
            CodegenError::Llvm(msg) => write!(f, "LLVM: {msg}"),
        }
    }
}

impl std::error::Error for CodegenError {}

impl From<BuilderError> for CodegenError {
    fn from(e: BuilderError) -> Self {
        CodegenError::Llvm(format!("IR builder: {e}"))
    }
}

/// Why linking failed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum LinkError {
    /// A required input (linker, runtime library, WASI libc) is missing.
    NotFound { what: String, tried: Vec<String> },
    /// The linker could not be started.
    Spawn { command: String, error: String },
    /// The linker ran and failed; `stderr` is its diagnostic output.
    Failed { command: String, status: Option<i32>, stderr: String },
}

impl fmt::Display for LinkError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            LinkError::NotFound { what, tried } => {
                write!(f, "cannot find {what} (tried: {})", tried.join(", "))
            }
            LinkError::Spawn { command, error } => write!(f, "cannot run `{command}`: {error}"),
            LinkError::Failed { command, status, stderr } => {
                match status {
                    Some(code) => write!(f, "linker failed with status {code}: `{command}`")?,
                    None => write!(f, "linker killed by a signal: `{command}`")?,
                }
                if !stderr.is_empty() {
                    write!(f, "\n{}", stderr.trim_end())?;
                }
                Ok(())
            }
        }
    }
}

impl std::error::Error for LinkError {}
