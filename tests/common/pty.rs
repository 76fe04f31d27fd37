//! Driving the built binary in a pseudo-terminal, reading its screen through a
//! terminal emulator: for the pty tests and the TUI benchmark.

#![allow(dead_code)]

use std::io::{Read, Write};
use std::path::Path;
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use portable_pty::{CommandBuilder, PtySize, native_pty_system};

pub struct Session {
    pub child: Box<dyn portable_pty::Child + Send + Sync>,
    pub writer: Box<dyn Write + Send>,
    pub screen: Arc<Mutex<vt100::Parser>>,
    pub raw: Arc<Mutex<Vec<u8>>>,
    _master: Box<dyn portable_pty::MasterPty + Send>,
}

pub fn start(args: &[&str], home: &Path, extra_env: &[(&str, &str)]) -> Session {
    let pty = native_pty_system();
    let pair = pty
        .openpty(PtySize {
            rows: 30,
            cols: 100,
            pixel_width: 0,
            pixel_height: 0,
        })
        .unwrap();
    let mut cmd = CommandBuilder::new(env!("CARGO_BIN_EXE_copydesk"));
    for a in args {
        cmd.arg(a);
    }
    cmd.env("TERM", "xterm-256color");
    cmd.env("HOME", home);
    cmd.env("XDG_CONFIG_HOME", home.join("config"));
    cmd.env("COPYDESK_DATA_DIR", home.join("data"));
    cmd.env_remove("COPYDESK_CONFIG");
    for (k, v) in extra_env {
        cmd.env(k, v);
    }
    let child = pair.slave.spawn_command(cmd).unwrap();
    drop(pair.slave);
    let mut reader = pair.master.try_clone_reader().unwrap();
    let writer = pair.master.take_writer().unwrap();
    let (rows, cols) = (
        std::num::NonZeroU16::new(30).unwrap(),
        std::num::NonZeroU16::new(100).unwrap(),
    );
    let screen = Arc::new(Mutex::new(vt100::Parser::new(rows, cols, 0)));
    let raw = Arc::new(Mutex::new(Vec::new()));
    let (s, r) = (Arc::clone(&screen), Arc::clone(&raw));
    std::thread::spawn(move || {
        let mut buf = [0u8; 8192];
        while let Ok(n) = reader.read(&mut buf) {
            if n == 0 {
                break;
            }
            s.lock().unwrap().process(&buf[..n]);
            r.lock().unwrap().extend_from_slice(&buf[..n]);
        }
    });
    Session {
        child,
        writer,
        screen,
        raw,
        _master: pair.master,
    }
}

impl Session {
    /// Tells the program the terminal is now `rows` by `cols`.
    pub fn resize(&mut self, rows: u16, cols: u16) {
        self._master
            .resize(PtySize {
                rows,
                cols,
                pixel_width: 0,
                pixel_height: 0,
            })
            .unwrap();
        let nz = |n: u16| std::num::NonZeroU16::new(n.max(1)).unwrap();
        self.screen.lock().unwrap().set_size(nz(rows), nz(cols));
    }

    /// Sends signal `sig` to copydesk.
    #[cfg(unix)]
    pub fn signal(&self, sig: i32) {
        let pid = self.child.process_id().expect("a running copydesk") as i32;
        // SAFETY: kill has no memory effects in this process.
        assert_eq!(unsafe { libc::kill(pid, sig) }, 0, "kill {sig}");
    }

    /// Whether the terminal's input is cooked (line editing and echo on), as a
    /// shell expects it; raw while a full-screen program has it.
    #[cfg(unix)]
    pub fn cooked(&self) -> bool {
        let fd = self._master.as_raw_fd().expect("a pty's file descriptor");
        // SAFETY: tcgetattr fills the zeroed structure it is given.
        let mut t: libc::termios = unsafe { std::mem::zeroed() };
        assert_eq!(unsafe { libc::tcgetattr(fd, &mut t) }, 0);
        t.c_lflag & libc::ICANON != 0 && t.c_lflag & libc::ECHO != 0
    }

    /// Whether copydesk is stopped (as by SIGSTOP), from /proc.
    pub fn stopped(&self) -> bool {
        let Some(pid) = self.child.process_id() else {
            return false;
        };
        std::fs::read_to_string(format!("/proc/{pid}/stat")).is_ok_and(|s| {
            s.rsplit_once(')')
                .is_some_and(|(_, rest)| rest.trim_start().starts_with('T'))
        })
    }

    /// Waits until `ready` holds of the screen (the emulator, with its modes).
    pub fn wait_screen(&self, what: &str, ready: impl Fn(&vt100::Screen) -> bool) {
        let deadline = Instant::now() + Duration::from_secs(20);
        while Instant::now() < deadline {
            if ready(self.screen.lock().unwrap().screen()) {
                return;
            }
            std::thread::sleep(Duration::from_millis(20));
        }
        panic!(
            "{what} never happened; the screen was:\n{}",
            self.contents()
        );
    }

    pub fn alive(&mut self) -> bool {
        self.child.try_wait().unwrap().is_none()
    }

    pub fn contents(&self) -> String {
        self.screen.lock().unwrap().screen().contents()
    }

    pub fn wait_for(&self, what: &str) {
        let deadline = Instant::now() + Duration::from_secs(20);
        while Instant::now() < deadline {
            if self.contents().contains(what) {
                return;
            }
            std::thread::sleep(Duration::from_millis(20));
        }
        panic!(
            "{what:?} never appeared; the screen was:\n{}",
            self.contents()
        );
    }

    /// Waits until the screen satisfies `ready`; how long that took, or `None`
    /// after `timeout`.
    pub fn wait_until(&self, timeout: Duration, ready: impl Fn(&str) -> bool) -> Option<Duration> {
        let start = Instant::now();
        while start.elapsed() < timeout {
            if ready(&self.contents()) {
                return Some(start.elapsed());
            }
            std::thread::sleep(Duration::from_millis(2));
        }
        None
    }

    /// Writes `bytes` to the terminal at once, without waiting after.
    pub fn type_now(&mut self, bytes: &str) {
        self.writer.write_all(bytes.as_bytes()).unwrap();
        self.writer.flush().unwrap();
    }

    pub fn send(&mut self, bytes: &str) {
        self.writer.write_all(bytes.as_bytes()).unwrap();
        self.writer.flush().unwrap();
        std::thread::sleep(Duration::from_millis(60));
    }

    pub fn wait_exit(&mut self) -> portable_pty::ExitStatus {
        // Generous: on a loaded machine a storm of queued keys takes a while to
        // drain before the quit key is read.
        let deadline = Instant::now() + Duration::from_secs(120);
        while Instant::now() < deadline {
            if let Some(status) = self.child.try_wait().unwrap() {
                // Let the reader thread take in the last bytes.
                std::thread::sleep(Duration::from_millis(200));
                return status;
            }
            std::thread::sleep(Duration::from_millis(20));
        }
        let _ = self.child.kill();
        panic!(
            "copydesk did not exit; the screen was:\n{}",
            self.contents()
        );
    }

    /// The terminal is back to normal: main screen, cursor shown, no mouse reports.
    pub fn assert_restored(&self) {
        let p = self.screen.lock().unwrap();
        let s = p.screen();
        assert!(!s.alternate_screen(), "still on the alternate screen");
        #[cfg(unix)]
        assert!(self.cooked(), "the terminal is still raw");
        assert!(!s.hide_cursor(), "cursor still hidden");
        assert_eq!(
            s.mouse_protocol_mode(),
            vt100::MouseProtocolMode::None,
            "mouse still captured"
        );
        let raw = self.raw.lock().unwrap();
        let text = String::from_utf8_lossy(&raw);
        assert!(
            text.contains("\x1b[?1049h"),
            "the alternate screen was used"
        );
        assert!(text.contains("\x1b[?1049l"), "and left");
    }
}
