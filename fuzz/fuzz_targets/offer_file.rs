#![no_main]

libfuzzer_sys::fuzz_target!(|data: &[u8]| petgen_fuzz::offer_file(data));
