//! `lunatic::timer`: send the message being written after a delay, on the
//! runtime's timer service (the same one `erlang:send_after/3` uses).

use std::time::{Duration, Instant};

use wasmtime::Result;
use wasmtime::{Caller, Linker};

use super::message::take_outgoing;
use crate::lunatic::state::GuestState;

pub fn register(linker: &mut Linker<GuestState>) -> Result<()> {
    linker.func_wrap(
        "lunatic::timer",
        "send_after",
        |mut c: Caller<'_, GuestState>, to: u64, delay_ms: u64| -> Result<u64> {
            let (tag, bytes, resources) = take_outgoing(c.data_mut(), "lunatic::timer::send_after")?;
            let deadline = Instant::now().checked_add(Duration::from_millis(delay_ms));
            // A delay beyond what a clock can hold never fires.
            let deadline = deadline.unwrap_or_else(|| Instant::now() + Duration::from_secs(u32::MAX as u64));
            let from = c.data().id;
            Ok(kiln_runtime::foreign::send_data_after(deadline, from, to, tag, bytes, &resources))
        },
    )?;
    linker.func_wrap("lunatic::timer", "cancel_timer", |id: u64| -> u32 {
        kiln_runtime::foreign::cancel_timer(id) as u32
    })?;
    Ok(())
}
