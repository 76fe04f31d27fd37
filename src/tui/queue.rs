//! A newest-job-wins queue for background work. The asking side numbers its
//! requests ([`Latest`]) and takes only the answer to the newest; the working side
//! ([`Worker`]) runs one request at a time off the input thread and skips the
//! requests that queued up behind it for the newest of them.

use std::sync::mpsc::{self, Sender};

/// Numbers the requests of one kind so that only the answer to the newest is taken.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Latest {
    generation: u64,
    awaited: Option<u64>,
}

impl Latest {
    /// Numbers a new request, made on the spot or not: from now on every earlier
    /// answer is stale.
    pub fn ask(&mut self) -> u64 {
        self.generation += 1;
        self.awaited = None;
        self.generation
    }

    /// Waits for the answer to the request numbered last, which goes to a worker.
    pub fn wait(&mut self) -> u64 {
        self.awaited = Some(self.generation);
        self.generation
    }

    /// No longer wants the answer being waited for.
    pub fn cancel(&mut self) {
        self.awaited = None;
    }

    /// Whether an answer to request `generation` is the one waited for; taking it
    /// ends the wait.
    pub fn take(&mut self, generation: u64) -> bool {
        let wanted = self.awaited == Some(generation);
        if wanted {
            self.awaited = None;
        }
        wanted
    }

    /// Whether an answer is being waited for (the screen says "working" meanwhile).
    pub fn waiting(&self) -> bool {
        self.awaited.is_some()
    }
}

/// A thread that runs requests one at a time. Requests sent while it works wait;
/// when it is free it takes the newest and drops the others, so a burst of keys
/// costs one run, not one per key.
pub struct Worker<R> {
    requests: Sender<R>,
}

impl<R: Send + 'static> Worker<R> {
    /// Starts a worker named `name` that turns each request into an answer with
    /// `run` and hands it to `answer`; it stops when `answer` says the answers are
    /// no longer wanted, or when the worker is dropped.
    pub fn spawn<A>(
        name: &str,
        mut run: impl FnMut(R) -> A + Send + 'static,
        answer: impl Fn(A) -> bool + Send + 'static,
    ) -> Worker<R> {
        let (requests, inbox) = mpsc::channel::<R>();
        let body = move || {
            while let Ok(mut request) = inbox.recv() {
                while let Ok(newer) = inbox.try_recv() {
                    request = newer;
                }
                // The request (and whatever it holds) is gone before the answer
                // goes out.
                let a = run(request);
                if !answer(a) {
                    return;
                }
            }
        };
        std::thread::Builder::new()
            .name(name.to_string())
            .spawn(body)
            .expect("a thread for background work");
        Worker { requests }
    }

    /// Hands the worker a request.
    pub fn send(&self, request: R) {
        let _ = self.requests.send(request);
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::time::Duration;

    #[test]
    fn only_the_newest_answer_is_taken() {
        let mut l = Latest::default();
        let first = l.ask();
        l.wait();
        let second = l.ask();
        assert!(!l.waiting(), "a request made on the spot waits for nothing");
        l.wait();
        assert!(!l.take(first));
        assert!(l.take(second));
        assert!(!l.take(second), "an answer is taken once");
        l.ask();
        l.wait();
        l.cancel();
        assert!(!l.waiting());
    }

    #[test]
    fn a_busy_worker_skips_to_the_newest_request() {
        let (tx, rx) = mpsc::channel();
        let (started_tx, started) = mpsc::channel::<()>();
        let (gate_tx, gate) = mpsc::channel::<()>();
        let w = Worker::spawn(
            "test",
            move |n: u32| {
                // The first request holds the worker until the others are queued.
                if n == 0 {
                    let _ = started_tx.send(());
                    let _ = gate.recv();
                }
                n
            },
            move |n| tx.send(n).is_ok(),
        );
        w.send(0);
        started.recv_timeout(Duration::from_secs(5)).unwrap();
        for n in 1..5 {
            w.send(n);
        }
        gate_tx.send(()).unwrap();
        let got: Vec<u32> = (0..2)
            .map(|_| rx.recv_timeout(Duration::from_secs(5)).unwrap())
            .collect();
        assert_eq!(got, [0, 4]);
    }
}
