//! `lunatic::version::{major,minor,patch}` (the crate exposes them only as raw
//! host calls, `lunatic::host::api::version`) and every `lunatic::metrics`
//! function (no visible effect; they must exist and return).
use lunatic::host::api::version;
use lunatic::Mailbox;

#[lunatic::main]
fn main(_: Mailbox<()>) {
    let (major, minor, patch) = unsafe { (version::major(), version::minor(), version::patch()) };
    println!("runtime version {major}.{minor}.{patch}");
    lunatic::metrics::counter("kiln.test.counter", 3);
    lunatic::metrics::increment_counter("kiln.test.counter");
    lunatic::metrics::gauge("kiln.test.gauge", 1.5);
    lunatic::metrics::increment_gauge("kiln.test.gauge", 2.0);
    lunatic::metrics::decrement_gauge("kiln.test.gauge", 0.5);
    lunatic::metrics::histogram("kiln.test.histogram", 42.0);
    println!("metrics calls returned");
    println!(
        "process_id is stable: {}",
        lunatic::host::process_id() == lunatic::host::process_id()
    );
    println!(
        "node_id is stable: {}",
        lunatic::host::node_id() == lunatic::host::node_id()
    );
    println!("done");
}
