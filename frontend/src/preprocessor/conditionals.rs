//! The stack of open `-ifdef`/`-ifndef`/`-if` conditionals of one file and
//! the state machine of their branches. Evaluating conditions is the
//! caller's job; this only decides which forms are kept.

use crate::diagnostic::Diagnostic;
use crate::span::Span;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Branch {
    /// The current branch is being kept.
    Taking,
    /// No branch taken yet: a later `-elif`/`-else` may be.
    Waiting,
    /// A branch was taken already, or the whole conditional sits in a
    /// skipped region: skip to `-endif`.
    Done,
}

#[derive(Debug, Clone)]
struct Conditional {
    /// `ifdef`, `ifndef` or `if`, for messages.
    directive: &'static str,
    span: Span,
    branch: Branch,
    seen_else: bool,
}

/// Open conditionals, innermost last. epp requires them to be closed in
/// the file that opened them.
#[derive(Debug, Default)]
pub struct Conditionals {
    stack: Vec<Conditional>,
}

fn unbalanced(directive: &str, span: Span) -> Diagnostic {
    Diagnostic::error(span, format!("unbalanced '-{directive}'"))
        .with_label("there is no open `-ifdef`, `-ifndef` or `-if` to match")
}

impl Conditionals {
    /// Whether forms are currently kept. A conditional opened inside a
    /// skipped region is `Done`, so looking at the innermost one suffices.
    pub fn is_active(&self) -> bool {
        self.stack.last().is_none_or(|c| c.branch == Branch::Taking)
    }

    /// Opens a conditional whose first branch is `taken` (ignored when the
    /// region is skipped anyway).
    pub fn open(&mut self, directive: &'static str, span: Span, taken: bool) {
        let branch = match (self.is_active(), taken) {
            (false, _) => Branch::Done,
            (true, true) => Branch::Taking,
            (true, false) => Branch::Waiting,
        };
        self.stack.push(Conditional { directive, span, branch, seen_else: false });
    }

    pub fn else_branch(&mut self, span: Span) -> Result<(), Diagnostic> {
        let Some(top) = self.stack.last_mut() else {
            return Err(unbalanced("else", span));
        };
        if top.seen_else {
            top.branch = Branch::Done;
            return Err(
                Diagnostic::error(span, "repeated '-else'").with_label("this conditional already had an `-else`")
            );
        }
        top.seen_else = true;
        top.branch = match top.branch {
            Branch::Waiting => Branch::Taking,
            Branch::Taking | Branch::Done => Branch::Done,
        };
        Ok(())
    }

    /// Handles `-elif`; `Ok(true)` means its condition decides whether the
    /// branch is taken: evaluate it and call [`Conditionals::resolve_elif`].
    pub fn elif_branch(&mut self, span: Span) -> Result<bool, Diagnostic> {
        let Some(top) = self.stack.last_mut() else {
            return Err(unbalanced("elif", span));
        };
        if top.seen_else {
            top.branch = Branch::Done;
            return Err(Diagnostic::error(span, "'-elif' following '-else'"));
        }
        match top.branch {
            Branch::Waiting => Ok(true),
            Branch::Taking | Branch::Done => {
                top.branch = Branch::Done;
                Ok(false)
            }
        }
    }

    pub fn resolve_elif(&mut self, taken: bool) {
        if let Some(top) = self.stack.last_mut() {
            top.branch = if taken { Branch::Taking } else { Branch::Waiting };
        }
    }

    pub fn endif(&mut self, span: Span) -> Result<(), Diagnostic> {
        match self.stack.pop() {
            Some(_) => Ok(()),
            None => Err(unbalanced("endif", span)),
        }
    }

    /// Errors for the conditionals still open at the end of the file,
    /// innermost first (as epp reports them).
    pub fn unterminated(self) -> Vec<Diagnostic> {
        self.stack
            .into_iter()
            .rev()
            .map(|c| {
                Diagnostic::error(c.span, format!("unterminated '-{}'", c.directive))
                    .with_label("no matching `-endif` in this file")
            })
            .collect()
    }
}
