//! File access outside the preopened directories. The main process (with
//! $KILN_GUEST_TMP preopened) writes $TMP/secret.txt and $TMP/jail/ok.txt and
//! a symlink $TMP/jail/link -> ../secret.txt. Then:
//! 1. a child with a fresh config (no preopens) tries absolute and relative paths;
//! 2. a child whose config preopens only $TMP/jail reads jail/ok.txt, and tries
//!    $TMP/secret.txt, $TMP/jail/../secret.txt and the symlink;
//! 3. the main process itself tries a path above its preopened directory.
//! Each attempt prints ok or the io::ErrorKind (the kind is decided inside the
//! guest's wasi-libc for paths that match no preopen, so it is the same under
//! any host); attempts resolved by the host print only "denied".
use std::fs;
use std::os::fd::AsRawFd;

use kiln_lunatic_guests::{preopen_dir, tmp_dir};
use lunatic::{Mailbox, Process, ProcessConfig};

#[link(wasm_import_module = "wasi_snapshot_preview1")]
extern "C" {
    /// path_symlink(old_path, old_path_len, fd, new_path, new_path_len) -> errno
    fn path_symlink(old: *const u8, old_len: usize, fd: i32, new: *const u8, new_len: usize)
        -> u16;
}

fn attempt_kind(path: &str) -> String {
    match fs::read_to_string(path) {
        Ok(s) => format!("READ {s:?}"),
        Err(e) => format!("error {:?}", e.kind()),
    }
}

fn attempt(path: &str) -> String {
    match fs::read_to_string(path) {
        Ok(s) => format!("READ {s:?}"),
        Err(_) => "denied".to_string(),
    }
}

#[lunatic::main]
fn main(mailbox: Mailbox<String>) {
    let me = mailbox.this();
    let tmp = tmp_dir();
    fs::write(format!("{tmp}/secret.txt"), "secret").unwrap();
    fs::create_dir_all(format!("{tmp}/jail")).unwrap();
    fs::write(format!("{tmp}/jail/ok.txt"), "ok").unwrap();
    let jail = fs::File::open(format!("{tmp}/jail")).unwrap();
    let (old, new) = ("../secret.txt", "link");
    let errno = unsafe {
        path_symlink(
            old.as_ptr(),
            old.len(),
            jail.as_raw_fd(),
            new.as_ptr(),
            new.len(),
        )
    };
    println!("symlink jail/link -> ../secret.txt created: {}", errno == 0);
    drop(jail);

    // 1. No preopens at all.
    let none = ProcessConfig::new().unwrap();
    Process::spawn_config(&none, (me, tmp.clone()), |(parent, tmp), _: Mailbox<()>| {
        let lines = [
            format!(
                "1: absolute path to secret.txt: {}",
                attempt_kind(&format!("{tmp}/secret.txt"))
            ),
            format!(
                "1: relative path secret.txt: {}",
                attempt_kind("secret.txt")
            ),
            format!("1: /etc/passwd: {}", attempt_kind("/etc/passwd")),
        ];
        parent.send(lines.join("\n"));
    });
    println!("{}", mailbox.receive());

    // 2. Only $TMP/jail.
    let cfg = ProcessConfig::new().unwrap();
    preopen_dir(&cfg, &format!("{tmp}/jail"));
    Process::spawn_config(&cfg, (me, tmp.clone()), |(parent, tmp), _: Mailbox<()>| {
        let lines = [
            format!("2: jail/ok.txt: {}", attempt(&format!("{tmp}/jail/ok.txt"))),
            format!(
                "2: secret.txt next to the jail: {}",
                attempt_kind(&format!("{tmp}/secret.txt"))
            ),
            format!(
                "2: jail/../secret.txt: {}",
                attempt(&format!("{tmp}/jail/../secret.txt"))
            ),
            format!(
                "2: jail/link (symlink to ../secret.txt): {}",
                attempt(&format!("{tmp}/jail/link"))
            ),
            format!(
                "2: write jail/../escape.txt: {}",
                if fs::write(format!("{tmp}/jail/../escape.txt"), "x").is_ok() {
                    "WROTE"
                } else {
                    "denied"
                }
            ),
        ];
        parent.send(lines.join("\n"));
    });
    println!("{}", mailbox.receive());
    println!(
        "3: escape.txt exists: {}",
        fs::metadata(format!("{tmp}/escape.txt")).is_ok()
    );

    // 3. The main process, above its own directory.
    println!(
        "3: main reads $TMP/../<anything>: {}",
        attempt(&format!("{tmp}/../kiln-guest-no-such-file"))
    );
    let _ = fs::remove_file(format!("{tmp}/jail/link"));
    println!("parent still alive");
}
