//! Diagnostics: an error or warning with a primary location, rendered with
//! codespan-reporting as `file:line:col`, a message and the source line with
//! a marker.

use crate::span::{SourceMap, Span};

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Severity {
    Error,
    Warning,
}

#[derive(Debug, Clone, PartialEq)]
pub struct Diagnostic {
    pub severity: Severity,
    pub message: String,
    pub span: Span,
    /// Label printed under the marker.
    pub label: String,
    /// Extra lines ("help: ...").
    pub notes: Vec<String>,
}

impl Diagnostic {
    pub fn error(span: Span, message: impl Into<String>) -> Diagnostic {
        Diagnostic { severity: Severity::Error, message: message.into(), span, label: String::new(), notes: vec![] }
    }

    pub fn warning(span: Span, message: impl Into<String>) -> Diagnostic {
        Diagnostic { severity: Severity::Warning, message: message.into(), span, label: String::new(), notes: vec![] }
    }

    pub fn with_label(mut self, label: impl Into<String>) -> Diagnostic {
        self.label = label.into();
        self
    }

    pub fn with_note(mut self, note: impl Into<String>) -> Diagnostic {
        self.notes.push(note.into());
        self
    }

    /// Renders the diagnostic as text (no colour), e.g.
    ///
    /// ```text
    /// error: syntax error before: `->`
    ///   ┌─ a.erl:3:7
    ///   │
    /// 3 │ foo() -> -> ok.
    ///   │          ^^
    /// ```
    pub fn render(&self, sources: &SourceMap) -> String {
        use codespan_reporting::diagnostic::{Diagnostic as CsDiag, Label};
        use codespan_reporting::files::SimpleFiles;
        use codespan_reporting::term::{self, Config};

        let mut files = SimpleFiles::new();
        let ids: Vec<usize> = sources.files().iter().map(|f| files.add(f.name.clone(), f.text.clone())).collect();
        let file = ids.get(self.span.file.0 as usize).copied().unwrap_or(0);
        let cs = match self.severity {
            Severity::Error => CsDiag::error(),
            Severity::Warning => CsDiag::warning(),
        };
        let len = sources.files().get(self.span.file.0 as usize).map(|f| f.text.len()).unwrap_or(0);
        let start = (self.span.start as usize).min(len);
        let end = (self.span.end as usize).clamp(start, len);
        let mut cs = cs.with_message(&self.message);
        if !sources.files().is_empty() {
            cs = cs.with_labels(vec![Label::primary(file, start..end).with_message(&self.label)]);
        }
        let cs = cs.with_notes(self.notes.clone());
        let config = Config::default();
        let mut out = String::new();
        match term::emit_to_string(&mut out, &config, &files, &cs) {
            Ok(()) => out,
            Err(_) => format!("error: {}\n", self.message),
        }
    }
}
