//! OTP's library modules declare their BIFs as Erlang stubs
//! (`new(_, _) -> erlang:nif_error(undef).` in `ets.erl`), which the VM
//! replaces with C code when it loads the module. kiln does the same at
//! compile time: every function of a library module that the BIF table
//! implements gets the body `Module:F(Args)`, which lowers to a direct BIF
//! call. Local calls, `fun f/1` and `apply` then all reach the BIF, and the
//! module still exports the function under its own name.

use kiln_frontend::ast::{AttributeKind, Clause, Expr, ExprKind, Form, Module};

/// Replaces the bodies of `module`'s BIF-implemented functions (see the
/// module docs). Returns how many functions were replaced.
pub fn replace_bif_stubs(module: &mut Module) -> usize {
    let Some(name) = module_name(module) else { return 0 };
    let mut replaced = 0;
    for form in &mut module.forms {
        let Form::Function(f) = form else { continue };
        if kiln_abi::bif_table::lookup(&name, &f.name, f.arity).is_none() {
            continue;
        }
        let span = f.span;
        let e = |kind| Expr { kind, span };
        let args: Vec<Expr> = (0..f.arity).map(|i| e(ExprKind::Var(format!("BifArg{i}")))).collect();
        let callee =
            e(ExprKind::Remote(Box::new(e(ExprKind::Atom(name.clone()))), Box::new(e(ExprKind::Atom(f.name.clone())))));
        let call = e(ExprKind::Call { fun: Box::new(callee), args: args.clone() });
        f.clauses = vec![Clause { patterns: args, guards: vec![], body: vec![call], span }];
        replaced += 1;
    }
    replaced
}

fn module_name(module: &Module) -> Option<String> {
    module.forms.iter().find_map(|f| match f {
        Form::Attribute(a) => match &a.kind {
            AttributeKind::Module(m) => Some(m.clone()),
            _ => None,
        },
        _ => None,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn stubs_become_bif_calls() {
        let src =
            "-module(ets).\n-export([new/2, mine/1]).\nnew(_, _) -> erlang:nif_error(undef).\nmine(X) -> new(X, []).\n";
        let (_, ast) = kiln_frontend::parse_source("ets.erl", src);
        let mut ast = ast.unwrap();
        assert_eq!(replace_bif_stubs(&mut ast), 1);
        let text = kiln_frontend::ast_text::module_to_text(&ast);
        assert!(text.contains("remote\n") && text.contains("atom ets") && text.contains("atom new"), "{text}");
        assert!(!text.contains("nif_error"), "{text}");
    }
}
