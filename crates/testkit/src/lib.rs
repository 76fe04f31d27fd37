//! copydesk-testkit: generated corpora with known versions (`synth`), real wire
//! copy sent again at any size (`rewire`), and the bodies
//! of the fuzz targets (`fuzzing`), shared by the tests, benches, examples and
//! `fuzz/`. The shipped program never links it.

pub mod fuzzing;
pub mod rewire;
pub mod run;
pub mod synth;
