//! The main process panics after printing; the runtime's exit status is
//! recorded (stderr, which carries the panic message, is not compared).
use lunatic::Mailbox;

#[lunatic::main]
fn main(_: Mailbox<()>) {
    println!("main is about to panic");
    panic!("main panics on purpose");
}
