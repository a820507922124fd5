//! Per-module state shared by the native functions of one SSA module: the
//! LLVM functions of every root, local function lookup, and the module's
//! data slots (atoms, literals, lambda descriptors) that code refers to and
//! the descriptor lists for the runtime.

use std::cell::RefCell;
use std::collections::HashMap;

use inkwell::module::Linkage;
use inkwell::values::{FunctionValue, GlobalValue};
use kiln_ir::ssa::{self, BlockId, FunctionKind};

use crate::emit::{Emitter, Res};
use crate::error::CodegenError;
use crate::mangle;
use crate::partition::{self, NativeFn};

pub(crate) struct ModuleCtx<'a, 'ctx> {
    pub ssa: &'a ssa::Module,
    /// Per SSA function: its native functions (entry first).
    pub parts: Vec<Vec<NativeFn>>,
    /// Per SSA function: the LLVM function of each root block.
    pub natives: Vec<HashMap<BlockId, FunctionValue<'ctx>>>,
    /// `(name, arity)` of named functions -> index in `ssa.functions`.
    pub locals: HashMap<(String, u32), usize>,
    /// Atom slots in creation order (slot 0 is the module's own name).
    atoms: RefCell<Vec<(String, GlobalValue<'ctx>)>>,
    pub literals: Vec<GlobalValue<'ctx>>,
    /// `[n x FunInfo]`, one per lambda (initialised by the descriptor).
    pub funs: Option<GlobalValue<'ctx>>,
    /// The module's `ModuleInfo` (initialised by the descriptor), which
    /// code passes to `kiln_unwind` for stack traces.
    pub info: GlobalValue<'ctx>,
}

impl<'a, 'ctx> ModuleCtx<'a, 'ctx> {
    /// Partitions every function and declares every native function and
    /// data slot, so bodies can refer to any of them in any order.
    pub fn declare(e: &Emitter<'ctx, '_>, m: &'a ssa::Module) -> Res<Self> {
        let mut locals = HashMap::new();
        for (i, f) in m.functions.iter().enumerate() {
            if let FunctionKind::Named { .. } = f.kind {
                if locals.insert((f.name.clone(), f.arity), i).is_some() {
                    return Err(CodegenError::InvalidIr {
                        function: partition::describe(f),
                        message: "defined twice".into(),
                    });
                }
            }
        }
        let mut parts = Vec::with_capacity(m.functions.len());
        let mut natives = Vec::with_capacity(m.functions.len());
        for f in &m.functions {
            let p = partition::partition(f)?;
            let entry_name = entry_symbol(m, f)?;
            let mut map = HashMap::new();
            for nf in &p {
                let (name, linkage) = if nf.root == BlockId(0) {
                    let exported = matches!(f.kind, FunctionKind::Named { exported: true });
                    (entry_name.clone(), if exported { Linkage::External } else { Linkage::Internal })
                } else {
                    (mangle::continuation(&entry_name, nf.root.0), Linkage::Internal)
                };
                map.insert(nf.root, e.add_erl_fn(&name, linkage));
            }
            parts.push(p);
            natives.push(map);
        }
        let literals = (0..m.literals.len()).map(|i| slot(e, &mangle::literal_slot(&m.name, i))).collect();
        let funs = if m.lambdas.is_empty() {
            None
        } else {
            let ty = e.l.fun_info.array_type(m.lambdas.len() as u32);
            let g = e.module.add_global(ty, None, &mangle::data("funs", &m.name));
            g.set_linkage(Linkage::Internal);
            g.set_constant(true);
            Some(g)
        };
        let info = e.module.add_global(e.l.module_info, None, &mangle::module_info(&m.name));
        info.set_linkage(Linkage::External);
        let cx = ModuleCtx { ssa: m, parts, natives, locals, atoms: RefCell::new(Vec::new()), literals, funs, info };
        cx.atom_slot(e, &m.name);
        Ok(cx)
    }

    /// The slot of a (non-predefined) atom, created on first use.
    pub fn atom_slot(&self, e: &Emitter<'ctx, '_>, name: &str) -> GlobalValue<'ctx> {
        let mut atoms = self.atoms.borrow_mut();
        if let Some((_, g)) = atoms.iter().find(|(n, _)| n == name) {
            return *g;
        }
        let g = slot(e, &mangle::atom_slot(&self.ssa.name, atoms.len()));
        atoms.push((name.to_string(), g));
        g
    }

    /// The atoms used so far with their slots, in slot order.
    pub fn atoms(&self) -> Vec<(String, GlobalValue<'ctx>)> {
        self.atoms.borrow().clone()
    }

    /// The entry of a named local function.
    pub fn local_entry(&self, name: &str, arity: u32) -> Option<(usize, FunctionValue<'ctx>)> {
        let &i = self.locals.get(&(name.to_string(), arity))?;
        self.natives[i].get(&BlockId(0)).map(|f| (i, *f))
    }
}

/// The entry symbol of an SSA function (see `mangle`).
fn entry_symbol(m: &ssa::Module, f: &ssa::Function) -> Res<String> {
    Ok(match f.kind {
        FunctionKind::Named { exported: true } => mangle::function(&m.name, &f.name, f.arity),
        FunctionKind::Named { exported: false } => mangle::local_function(&m.name, &f.name, f.arity),
        FunctionKind::Lambda { index } => {
            let lambda = m.lambdas.get(index as usize).ok_or_else(|| CodegenError::InvalidIr {
                function: partition::describe(f),
                message: format!("body of missing lambda {index}"),
            })?;
            mangle::lambda(&m.name, &lambda.name, f.num_params() as u32)
        }
    })
}

/// A term slot filled by the runtime at start-up: an internal, zeroed,
/// writable `i64` global.
fn slot<'ctx>(e: &Emitter<'ctx, '_>, name: &str) -> GlobalValue<'ctx> {
    let g = e.module.add_global(e.l.i64, None, name);
    g.set_linkage(Linkage::Internal);
    g.set_initializer(&e.l.i64.const_zero());
    g
}
