//! The runtime ABI (`kiln_abi`) as LLVM types, and declarations of
//! the runtime entry points generated code calls.
//!
//! Structs are built from the target's pointer-sized integer and opaque
//! pointers, and LLVM lays them out with the target's data layout, which
//! gives the same offsets as `#[repr(C)]` on that target (checked against
//! the Rust definitions for the host in the tests).

use inkwell::context::Context;
use inkwell::module::{Linkage, Module};
use inkwell::targets::TargetData;
use inkwell::types::{BasicMetadataTypeEnum, BasicTypeEnum, FunctionType, IntType, PointerType, StructType};
use inkwell::values::FunctionValue;
use inkwell::AddressSpace;
use kiln_abi::{self as abi, MAX_ARGS, REG_ARGS};

/// LLVM types of the ABI for one context and target.
#[derive(Clone, Copy)]
pub(crate) struct Layout<'ctx> {
    pub i1: IntType<'ctx>,
    pub i32: IntType<'ctx>,
    /// Terms, `u64`, raw words.
    pub i64: IntType<'ctx>,
    /// `usize` of the target.
    pub iptr: IntType<'ctx>,
    pub ptr: PointerType<'ctx>,
    /// [`abi::ErlFn`]: `i64 (ptr, i64 x REG_ARGS)`.
    pub erl_fn: FunctionType<'ctx>,
    /// [`abi::ProcessHeader`].
    pub process: StructType<'ctx>,
    pub atom_entry: StructType<'ctx>,
    pub literal_entry: StructType<'ctx>,
    pub export_entry: StructType<'ctx>,
    pub fun_info: StructType<'ctx>,
    pub module_info: StructType<'ctx>,
    pub func_entry: StructType<'ctx>,
    pub site_entry: StructType<'ctx>,
}

impl<'ctx> Layout<'ctx> {
    pub fn new(cx: &'ctx Context, data: &TargetData) -> Self {
        let i1 = cx.bool_type();
        let i32 = cx.i32_type();
        let i64 = cx.i64_type();
        let iptr = cx.ptr_sized_int_type(data, None);
        let ptr = cx.ptr_type(AddressSpace::default());
        let b = |t: BasicTypeEnum<'ctx>| t;

        let mut params: Vec<BasicMetadataTypeEnum<'ctx>> = vec![ptr.into()];
        params.extend(std::iter::repeat_n(BasicMetadataTypeEnum::from(i64), REG_ARGS));
        let erl_fn = i64.fn_type(&params, false);

        // Field order must match `ProcessHeader` and the FIELD_* indices.
        let process = cx.opaque_struct_type("kiln.process");
        let mut fields = [b(i64.into()); 8];
        fields[abi::FIELD_HTOP as usize] = ptr.into();
        fields[abi::FIELD_HLIMIT as usize] = ptr.into();
        fields[abi::FIELD_STOP as usize] = ptr.into();
        fields[abi::FIELD_SLIMIT as usize] = ptr.into();
        fields[abi::FIELD_REDS as usize] = i64.into();
        fields[abi::FIELD_RESUME as usize] = ptr.into();
        fields[abi::FIELD_NLIVE as usize] = i64.into();
        fields[abi::FIELD_ARGS as usize] = i64.array_type(MAX_ARGS as u32).into();
        process.set_body(&fields, false);

        let named = |name: &str, fields: &[BasicTypeEnum<'ctx>]| {
            let t = cx.opaque_struct_type(name);
            t.set_body(fields, false);
            t
        };
        // { name, len, slot }
        let atom_entry = named("kiln.atom_entry", &[ptr.into(), iptr.into(), ptr.into()]);
        // { etf, len, slot }
        let literal_entry = named("kiln.literal_entry", &[ptr.into(), iptr.into(), ptr.into()]);
        // { name, len, arity: u32, code }
        let export_entry = named("kiln.export_entry", &[ptr.into(), iptr.into(), i32.into(), ptr.into()]);
        // { code, arity, num_free, module, name, name_len, index, uniq }
        let fun_info = named(
            "kiln.fun_info",
            &[ptr.into(), i32.into(), i32.into(), ptr.into(), ptr.into(), iptr.into(), i32.into(), i32.into()],
        );
        // { name, name_len, atoms, n, literals, n, exports, n, funs, n,
        //   file, file_len, funcs, n, sites, n }
        let module_info = named("kiln.module_info", &[ptr.into(), iptr.into()].repeat(8));
        // { name, name_len, arity: u32, line: u32 }
        let func_entry = named("kiln.func_entry", &[ptr.into(), iptr.into(), i32.into(), i32.into()]);
        // { code, func: u32, line: u32 }
        let site_entry = named("kiln.site_entry", &[ptr.into(), i32.into(), i32.into()]);
        Layout {
            i1,
            i32,
            i64,
            iptr,
            ptr,
            erl_fn,
            process,
            atom_entry,
            literal_entry,
            export_entry,
            fun_info,
            module_info,
            func_entry,
            site_entry,
        }
    }

    /// Declares (or finds) an external function.
    pub fn declare(&self, module: &Module<'ctx>, name: &str, ty: FunctionType<'ctx>) -> FunctionValue<'ctx> {
        module.get_function(name).unwrap_or_else(|| module.add_function(name, ty, Some(Linkage::External)))
    }

    /// Declares a runtime entry point by its [`Rt`] description.
    pub fn runtime(&self, module: &Module<'ctx>, f: Rt) -> FunctionValue<'ctx> {
        let p = BasicMetadataTypeEnum::from(self.ptr);
        let t = BasicMetadataTypeEnum::from(self.i64);
        let (name, ty) = match f {
            Rt::Gc => (abi::entry::GC, self.void(&[p, t, t])),
            Rt::GrowStack => (abi::entry::GROW_STACK, self.void(&[p, t])),
            Rt::Raise => (abi::entry::RAISE, self.i64.fn_type(&[p, t, t], false)),
            Rt::Reraise => (abi::entry::RERAISE, self.i64.fn_type(&[p, t, t, t], false)),
            Rt::RaiseUndef => {
                let ip = BasicMetadataTypeEnum::from(self.iptr);
                (abi::entry::RAISE_UNDEF, self.i64.fn_type(&[p, p, ip, p, ip, t], false))
            }
            Rt::Unwind => (abi::entry::UNWIND, self.ptr.fn_type(&[p, p, t, t], false)),
            Rt::ExcClass => (abi::entry::EXC_CLASS, self.i64.fn_type(&[p], false)),
            Rt::ExcReason => (abi::entry::EXC_REASON, self.i64.fn_type(&[p], false)),
            Rt::ExcTrace => (abi::entry::EXC_TRACE, self.i64.fn_type(&[p], false)),
            Rt::CatchValue => (abi::entry::CATCH_VALUE, self.i64.fn_type(&[p], false)),
            Rt::ApplyFun => (abi::entry::APPLY_FUN, self.ptr.fn_type(&[p, t, t], false)),
            Rt::ApplyMfa => (abi::entry::APPLY_MFA, self.ptr.fn_type(&[p, t, t, t], false)),
            Rt::ApplyList => (abi::entry::APPLY_LIST, self.ptr.fn_type(&[p, t, t, t], false)),
            Rt::RecvPeek => (abi::entry::RECV_PEEK, self.i64.fn_type(&[p], false)),
            Rt::RecvNext => (abi::entry::RECV_NEXT, self.void(&[p])),
            Rt::RecvAccept => (abi::entry::RECV_ACCEPT, self.void(&[p])),
            Rt::RecvTimer => (abi::entry::RECV_TIMER, self.i64.fn_type(&[p, t], false)),
            Rt::RecvTimedOut => (abi::entry::RECV_TIMED_OUT, self.i64.fn_type(&[p], false)),
            Rt::Main => {
                let ip = BasicMetadataTypeEnum::from(self.iptr);
                (abi::entry::MAIN, self.i32.fn_type(&[self.i32.into(), p, p, ip, p, ip], false))
            }
            Rt::SetSchedulers => (abi::entry::SET_SCHEDULERS, self.void(&[self.i32.into()])),
            Rt::HostInit => (abi::entry::HOST_INIT, self.void(&[])),
        };
        self.declare(module, name, ty)
    }

    /// The type of a BIF implementation: `T (P, T x arity)`.
    pub fn bif_fn(&self, arity: u32) -> FunctionType<'ctx> {
        let mut params: Vec<BasicMetadataTypeEnum<'ctx>> = vec![self.ptr.into()];
        params.extend(std::iter::repeat_n(BasicMetadataTypeEnum::from(self.i64), arity as usize));
        self.i64.fn_type(&params, false)
    }

    fn void(&self, params: &[BasicMetadataTypeEnum<'ctx>]) -> FunctionType<'ctx> {
        self.i64.get_context().void_type().fn_type(params, false)
    }
}

/// Runtime entry points (`abi::entry`), with their signatures in
/// [`Layout::runtime`].
#[derive(Debug, Clone, Copy)]
pub(crate) enum Rt {
    Gc,
    GrowStack,
    Raise,
    Reraise,
    RaiseUndef,
    Unwind,
    ExcClass,
    ExcReason,
    ExcTrace,
    CatchValue,
    ApplyFun,
    ApplyMfa,
    ApplyList,
    RecvPeek,
    RecvNext,
    RecvAccept,
    RecvTimer,
    RecvTimedOut,
    Main,
    SetSchedulers,
    HostInit,
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::target::{OptLevel, Target};
    use std::mem::{offset_of, size_of};

    /// The LLVM structs have the `#[repr(C)]` layout of the runtime's.
    #[test]
    fn host_layout_matches_runtime_structs() {
        let tm = Target::X86_64Linux.machine(OptLevel::O0).unwrap();
        let data = tm.get_target_data();
        let cx = Context::create();
        let l = Layout::new(&cx, &data);
        assert_eq!(data.get_abi_size(&l.process), size_of::<abi::ProcessHeader>() as u64);
        assert_eq!(
            data.offset_of_element(&l.process, abi::FIELD_ARGS),
            Some(offset_of!(abi::ProcessHeader, args) as u64)
        );
        assert_eq!(
            data.offset_of_element(&l.process, abi::FIELD_NLIVE),
            Some(offset_of!(abi::ProcessHeader, nlive) as u64)
        );
        assert_eq!(data.get_abi_size(&l.atom_entry), size_of::<abi::AtomEntry>() as u64);
        assert_eq!(data.get_abi_size(&l.literal_entry), size_of::<abi::LiteralEntry>() as u64);
        assert_eq!(data.get_abi_size(&l.export_entry), size_of::<abi::ExportEntry>() as u64);
        assert_eq!(data.offset_of_element(&l.export_entry, 3), Some(offset_of!(abi::ExportEntry, code) as u64));
        assert_eq!(data.get_abi_size(&l.fun_info), size_of::<abi::FunInfo>() as u64);
        assert_eq!(data.offset_of_element(&l.fun_info, 7), Some(offset_of!(abi::FunInfo, uniq) as u64));
        assert_eq!(data.get_abi_size(&l.module_info), size_of::<abi::ModuleInfo>() as u64);
        assert_eq!(data.offset_of_element(&l.module_info, 15), Some(offset_of!(abi::ModuleInfo, num_sites) as u64));
        assert_eq!(data.get_abi_size(&l.func_entry), size_of::<abi::FuncEntry>() as u64);
        assert_eq!(data.get_abi_size(&l.site_entry), size_of::<abi::SiteEntry>() as u64);
        assert_eq!(data.offset_of_element(&l.site_entry, 2), Some(offset_of!(abi::SiteEntry, line) as u64));
    }

    /// On wasm32 pointers and `usize` are 4 bytes; terms stay 8.
    #[test]
    fn wasm32_layout() {
        let tm = Target::Wasm32Wasip1.machine(OptLevel::O0).unwrap();
        let data = tm.get_target_data();
        let cx = Context::create();
        let l = Layout::new(&cx, &data);
        assert_eq!(l.iptr.get_bit_width(), 32);
        // htop, hlimit, stop, slimit (4 x 4), reds at 16 (8-aligned), resume 24,
        // nlive 32, args 40.
        assert_eq!(data.offset_of_element(&l.process, abi::FIELD_REDS), Some(16));
        assert_eq!(data.offset_of_element(&l.process, abi::FIELD_ARGS), Some(40));
        assert_eq!(data.get_abi_size(&l.export_entry), 16);
        assert_eq!(data.get_abi_size(&l.fun_info), 32);
        assert_eq!(data.get_abi_size(&l.module_info), 64);
        assert_eq!(data.get_abi_size(&l.func_entry), 16);
        assert_eq!(data.get_abi_size(&l.site_entry), 12);
    }
}
