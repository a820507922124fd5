//! A small builder for SSA functions: create blocks and values, append
//! instructions to the current block, terminate it.

use crate::ssa::*;

pub(crate) struct FnBuilder {
    pub blocks: Vec<Block>,
    pub value_types: Vec<Type>,
    /// The block instructions are appended to; `None` after a terminator
    /// until `switch_to`.
    pub current: Option<BlockId>,
    /// The source line given to the terminators made from now on.
    pub line: u32,
}

impl FnBuilder {
    pub fn new() -> FnBuilder {
        let mut b = FnBuilder { blocks: vec![], value_types: vec![], current: None, line: 0 };
        let entry = b.new_block(BlockKind::Normal);
        b.current = Some(entry);
        b
    }

    pub fn new_value(&mut self, ty: Type) -> Value {
        self.value_types.push(ty);
        Value(self.value_types.len() as u32 - 1)
    }

    pub fn new_block(&mut self, kind: BlockKind) -> BlockId {
        self.blocks.push(Block { kind, params: vec![], insts: vec![], term: Terminator::Unreachable, line: 0 });
        BlockId(self.blocks.len() as u32 - 1)
    }

    pub fn add_param(&mut self, block: BlockId, ty: Type) -> Value {
        let v = self.new_value(ty);
        self.blocks[block.0 as usize].params.push(v);
        v
    }

    pub fn switch_to(&mut self, block: BlockId) {
        self.current = Some(block);
    }

    pub fn is_open(&self) -> bool {
        self.current.is_some()
    }

    fn cur(&mut self) -> &mut Block {
        let b = self.current.expect("appending to a terminated block");
        &mut self.blocks[b.0 as usize]
    }

    /// Appends an instruction with one result of type `ty`.
    pub fn push(&mut self, op: Op, ty: Type) -> Value {
        let v = self.new_value(ty);
        self.cur().insts.push(Inst { results: vec![v], op });
        v
    }

    /// Appends an instruction without results.
    pub fn push_void(&mut self, op: Op) {
        self.cur().insts.push(Inst { results: vec![], op });
    }

    pub fn terminate(&mut self, term: Terminator) {
        let line = self.line;
        let b = self.cur();
        b.term = term;
        let traced = matches!(b.term, Terminator::Call { .. } | Terminator::TailCall { .. } | Terminator::Raise { .. });
        b.line = if traced { line } else { 0 };
        self.current = None;
    }

    pub fn jump(&mut self, block: BlockId, args: Vec<Value>) {
        self.terminate(Terminator::Jump(BlockCall { block, args }));
    }

    /// Branches on `cond`: continues in a fresh block when true, jumps to
    /// `fail` otherwise.
    pub fn guard(&mut self, cond: Value, fail: BlockId) {
        let next = self.new_block(BlockKind::Normal);
        self.terminate(Terminator::Branch {
            cond,
            then: BlockCall { block: next, args: vec![] },
            otherwise: BlockCall { block: fail, args: vec![] },
        });
        self.switch_to(next);
    }

    pub fn finish(self) -> (Vec<Block>, Vec<Type>) {
        (self.blocks, self.value_types)
    }
}
